/**
 * A REST v2 request body as the shared Cloud handlers read it: wiki text (descriptions, comments, text-area custom
 * fields; [REST] IssueBean, CommentJsonBean) kept verbatim in the stored document (wiki-text.ts), and people named
 * by `{name}` or `{key}` ([REST] UserJsonBean: "name", "key") turned into the state's account ids. A name that
 * matches nobody is refused as Jira refuses it, before anything is written.
 */
import type { JiraState } from '../jira/state';
import { badRequest } from '../jira/errors';
import type { DcDirectory } from './directory';
import { wikiToStored } from './wiki-text';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;

const USER_FIELDS = ['assignee', 'reporter'];

const text = (field: string, v: unknown): unknown => {
  if (v === null) return null;
  if (typeof v !== 'string')
    throw badRequest([], { [field]: `Field '${field}' expects a string: REST v2 takes wiki markup text.` });
  return v === '' ? null : wikiToStored(v);
};

function textFields(state: JiraState): Set<string> {
  return new Set([
    'description',
    ...(state.seed.customFields ?? []).filter((f) => f.type === 'textarea').map((f) => f.id),
  ]);
}

function userRef(directory: DcDirectory, field: string, v: unknown): unknown {
  const ref = rec(v);
  if (v === null || ref === undefined) return v;
  const name = typeof ref.name === 'string' ? ref.name : undefined;
  const key = typeof ref.key === 'string' ? ref.key : undefined;
  if (name === undefined && key === undefined) return v;
  const user = name !== undefined ? directory.byName(name) : directory.byKey(key ?? '');
  if (user === undefined) throw badRequest([], { [field]: `User '${name ?? key ?? ''}' does not exist.` });
  return { accountId: user.accountId };
}

export function fieldsToCloud(state: JiraState, directory: DcDirectory, fields: unknown): unknown {
  const f = rec(fields);
  if (f === undefined) return fields;
  const texts = textFields(state);
  const out: Rec = {};
  for (const [k, v] of Object.entries(f)) {
    if (texts.has(k)) out[k] = text(k, v);
    else if (USER_FIELDS.includes(k)) out[k] = userRef(directory, k, v);
    else out[k] = v;
  }
  return out;
}

/** `update: {description: [{set: "…"}], comment: [{add: {body: "…"}}], assignee: [{set: {name}}]}`. */
function updateToCloud(state: JiraState, directory: DcDirectory, update: unknown): unknown {
  const u = rec(update);
  if (u === undefined) return update;
  const texts = textFields(state);
  const out: Rec = {};
  for (const [field, ops] of Object.entries(u)) {
    if (!Array.isArray(ops)) {
      out[field] = ops;
      continue;
    }
    out[field] = ops.map((op: unknown) => {
      const o = rec(op);
      if (o === undefined) return op;
      const mapped: Rec = { ...o };
      if (texts.has(field) && 'set' in o) mapped.set = text(field, o.set);
      if (USER_FIELDS.includes(field) && 'set' in o) mapped.set = userRef(directory, field, o.set);
      const add = rec(o.add);
      if (field === 'comment' && add !== undefined) mapped.add = { ...add, body: text('comment', add.body) };
      return mapped;
    });
  }
  return out;
}

/** An issue create/edit/transition body. */
export function issueBodyToCloud(state: JiraState, directory: DcDirectory, body: unknown): unknown {
  const b = rec(body);
  if (b === undefined) return body;
  return {
    ...b,
    ...('fields' in b ? { fields: fieldsToCloud(state, directory, b.fields) } : {}),
    ...('update' in b ? { update: updateToCloud(state, directory, b.update) } : {}),
  };
}

export function bulkBodyToCloud(state: JiraState, directory: DcDirectory, body: unknown): unknown {
  const b = rec(body);
  if (b === undefined || !Array.isArray(b.issueUpdates)) return body;
  return { ...b, issueUpdates: b.issueUpdates.map((u: unknown) => issueBodyToCloud(state, directory, u)) };
}

export function commentBodyToCloud(body: unknown): unknown {
  const b = rec(body);
  if (b === undefined) return body;
  if (typeof b.body !== 'string' || b.body.trim() === '')
    throw badRequest([], { comment: 'Comment body can not be empty!' });
  return { ...b, body: wikiToStored(b.body) };
}
