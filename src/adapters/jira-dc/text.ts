/**
 * The boundary where Data Center's REST v2 meets the app's Cloud-shaped model: wiki markup in descriptions and
 * comments becomes ADF (and back) through the core converters, people become the port's users by key. A reply is
 * validated as v2 first, then rewritten into the v3 shape the shared schemas of the Cloud adapter check again, so
 * both flavours hand the app the same validated types.
 */
import { z } from 'zod';
import type { AdfDoc, AdfNode } from '../../core/adf';
import { adfToWiki, wikiToAdf } from '../../core/convert';
import { parseReply } from '../reply';
import { dcUserSchema, type DcUser, type PeopleLookup, toPortUser } from './people';

const MENTION = /\[~([^\]\s]+)\]/g;

/** `[~name]` mentions of the texts resolved to the people they name, once each; unknown names stay text. */
export async function wikiReader(texts: string[], people: PeopleLookup): Promise<(wiki: string) => AdfDoc> {
  const names = new Set(texts.flatMap((t) => [...t.matchAll(MENTION)].map((m) => (m[1] ?? '').toLowerCase())));
  const found = new Map<string, DcUser>();
  for (const name of names) {
    const user = await people.byName(name);
    if (user !== null) found.set(name, user);
  }
  return (wiki) =>
    wikiToAdf(wiki, {
      mention: (name) => {
        const user = found.get(name.toLowerCase());
        return user === undefined ? undefined : { id: user.key, text: `@${user.displayName}` };
      },
    });
}

const mentionIds = (nodes: readonly AdfNode[] | undefined, out: Set<string>): Set<string> => {
  for (const node of nodes ?? []) {
    const id = node.attrs?.id;
    if (node.type === 'mention' && typeof id === 'string') out.add(id);
    mentionIds(node.content, out);
  }
  return out;
};

/** ADF mentions carry keys; the wiki text needs the login each key has now. */
export async function wikiWriter(docs: AdfDoc[], people: PeopleLookup): Promise<(doc: AdfDoc) => string> {
  const names = new Map<string, string>();
  for (const key of mentionIds(
    docs.flatMap((d) => d.content),
    new Set(),
  )) {
    const user = await people.byKey(key);
    if (user !== null) names.set(key, user.name);
  }
  return (doc) => adfToWiki(doc, { mention: (person) => names.get(person.id) });
}

const dcCommentRaw = z.looseObject({ body: z.string(), author: dcUserSchema.nullish() });
const dcIssueRaw = z.looseObject({
  id: z.string(),
  fields: z.looseObject({
    description: z.string().nullish(),
    assignee: dcUserSchema.nullish(),
    reporter: dcUserSchema.nullish(),
    comment: z.looseObject({ comments: z.array(dcCommentRaw) }).optional(),
  }),
});

type DcCommentRaw = z.infer<typeof dcCommentRaw>;

const user = (u: DcUser | null | undefined) => (u == null ? null : toPortUser(u));

const commentToV3 = (c: DcCommentRaw, toAdf: (wiki: string) => AdfDoc) => ({
  ...c,
  body: toAdf(c.body),
  author: user(c.author),
});

/** v2 issues (as GET /issue or /search print them) → the v3 shape, for the shared issue schemas. */
export async function issuesToV3(raws: unknown[], people: PeopleLookup, what: string): Promise<unknown[]> {
  const issues = raws.map((raw) => parseReply(dcIssueRaw, raw, `Jira ${what}`, 'jira:200'));
  const texts = issues.flatMap((i) => [
    i.fields.description ?? '',
    ...(i.fields.comment?.comments ?? []).map((c) => c.body),
  ]);
  const toAdf = await wikiReader(texts, people);
  return issues.map(({ fields, ...rest }) => ({
    ...rest,
    fields: {
      ...fields,
      description: fields.description ? toAdf(fields.description) : null,
      assignee: user(fields.assignee),
      reporter: user(fields.reporter),
      ...(fields.comment === undefined
        ? {}
        : { comment: { ...fields.comment, comments: fields.comment.comments.map((c) => commentToV3(c, toAdf)) } }),
    },
  }));
}

/** v2 comments → the v3 shape, for the shared comment schema. */
export async function commentsToV3(raws: unknown[], people: PeopleLookup, what: string): Promise<unknown[]> {
  const comments = raws.map((raw) => parseReply(dcCommentRaw, raw, `Jira ${what}`, 'jira:200'));
  const toAdf = await wikiReader(
    comments.map((c) => c.body),
    people,
  );
  return comments.map((c) => commentToV3(c, toAdf));
}
