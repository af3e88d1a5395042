/**
 * The port's field values (ADF, people by key) in REST v2's write format: wiki markup text, people by their
 * current login. A key Jira no longer knows is refused here, before anything is written.
 */
import type { AdfDoc } from '../../core/adf';
import { PermanentError } from '../../core/errors';
import type { JiraFieldsInput } from '../../ports/jira';
import type { PeopleLookup } from './people';
import { wikiWriter } from './text';

const isDoc = (v: unknown): v is AdfDoc =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'doc' && 'content' in v;

const PEOPLE = ['assignee', 'reporter'] as const;

async function personByName(people: PeopleLookup, field: string, ref: unknown): Promise<unknown> {
  if (ref === null || typeof ref !== 'object') return ref;
  const key = (ref as { accountId?: unknown }).accountId;
  if (typeof key !== 'string') return ref;
  const user = await people.byKey(key);
  if (user === null)
    throw new PermanentError('invalid-request', `Jira Data Center knows no user with key ${key} (${field})`, {
      code: 'jira:unknown-user',
    });
  return { name: user.name };
}

export async function toDcFields(fields: JiraFieldsInput, people: PeopleLookup): Promise<Record<string, unknown>> {
  const entries = Object.entries(fields) as [string, unknown][];
  const toWiki = await wikiWriter(entries.map(([, v]) => v).filter(isDoc), people);
  const out: Record<string, unknown> = {};
  for (const [field, value] of entries) {
    if (isDoc(value)) out[field] = toWiki(value);
    else if ((PEOPLE as readonly string[]).includes(field)) out[field] = await personByName(people, field, value);
    else out[field] = value;
  }
  return out;
}

export async function toDcComment(body: AdfDoc, people: PeopleLookup): Promise<string> {
  return (await wikiWriter([body], people))(body);
}
