/**
 * zod schemas for the Jira replies the sync reads, producing the shapes of core/remote/jira. Unknown keys are
 * dropped except customfield_*, which are gathered into `fields.custom`.
 */
import { z } from 'zod';
import type { AdfDoc, AdfMark, AdfNode } from '../../core/adf';
import type { JiraComment, JiraIssue, JiraTransition } from '../../core/remote/jira';
import type { JiraIssueRead } from '../../ports/jira';

const adfMark: z.ZodType<AdfMark> = z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() });

const adfNode: z.ZodType<AdfNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(adfNode).optional(),
    marks: z.array(adfMark).optional(),
    text: z.string().optional(),
  }),
);

const adfDocSchema: z.ZodType<AdfDoc> = z.object({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(adfNode),
});

const userRefSchema = z.object({
  accountId: z.string(),
  displayName: z.string().default(''),
  // Hidden addresses come back absent (or, reportedly, null or empty): all of them mean "not visible".
  emailAddress: z
    .string()
    .nullish()
    .transform((e) => (e ? e : undefined)),
});

export const userSchema = userRefSchema.extend({
  accountType: z.string().default('atlassian'),
  active: z.boolean().default(true),
});

export const statusRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  statusCategory: z.object({ key: z.string() }).optional(),
});

const issueFieldsSchema = z.looseObject({
  summary: z.string(),
  description: adfDocSchema.nullable().default(null),
  assignee: userRefSchema.nullable().default(null),
  reporter: userRefSchema.nullable().default(null),
  priority: z.object({ id: z.string(), name: z.string() }).nullable().default(null),
  status: statusRefSchema,
  duedate: z.string().nullable().default(null),
  project: z.object({ id: z.string(), key: z.string() }),
  issuetype: z.object({ id: z.string(), name: z.string() }),
  created: z.string(),
  updated: z.string(),
  security: z.object({ id: z.coerce.string(), name: z.string() }).nullish(),
});

const transitionRawSchema = z.object({
  id: z.string(),
  name: z.string(),
  to: statusRefSchema,
  fields: z
    .record(z.string(), z.object({ required: z.boolean().default(false), hasDefaultValue: z.boolean().default(false) }))
    .optional(),
});

export const transitionSchema: z.ZodType<JiraTransition> = transitionRawSchema.transform((t) => ({
  id: t.id,
  name: t.name,
  to: t.to,
  requiredFields: Object.entries(t.fields ?? {})
    .filter(([, f]) => f.required && !f.hasDefaultValue)
    .map(([id]) => id),
}));

const issueRawSchema = z.object({ id: z.string(), key: z.string(), fields: issueFieldsSchema });

const toIssue = ({ id, key, fields }: z.infer<typeof issueRawSchema>): JiraIssue => {
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) if (name.startsWith('customfield_')) custom[name] = value;
  const {
    summary,
    description,
    assignee,
    reporter,
    priority,
    status,
    duedate,
    project,
    issuetype,
    created,
    updated,
    security,
  } = fields;
  return {
    id,
    key,
    fields: {
      summary,
      description,
      assignee,
      reporter,
      priority,
      status,
      duedate,
      project,
      issuetype,
      created,
      updated,
      custom,
      ...(security ? { security } : {}),
    },
  };
};

export const issueSchema: z.ZodType<JiraIssue> = issueRawSchema.transform(toIssue);

/** getIssue's reply: the issue, plus transitions and properties when they were asked for. */
export const issueReadSchema: z.ZodType<JiraIssueRead> = issueRawSchema
  .extend({
    transitions: z.array(transitionSchema).optional(),
    properties: z.record(z.string(), z.unknown()).default({}),
  })
  .transform(({ transitions, properties, ...raw }) => ({
    issue: toIssue(raw),
    properties,
    ...(transitions === undefined ? {} : { transitions }),
  }));

const commentRawSchema = z.object({
  id: z.string(),
  self: z.string().optional(),
  // accountType tells the app's own account ("app") from a person's, where the app does not know its account id.
  author: userRefSchema.extend({ accountType: z.string().optional() }).nullable().default(null),
  body: adfDocSchema,
  created: z.string(),
  updated: z.string(),
  visibility: z
    .object({ type: z.string(), value: z.string().optional(), identifier: z.string().optional() })
    .optional(),
});

/** A comment names its issue only inside `self` (…/issue/10010/comment/10000); the caller's id is the fallback. */
export const commentSchema = (issueIdOrKey: string): z.ZodType<JiraComment> =>
  commentRawSchema.transform(({ self, ...c }) => ({
    ...c,
    issueId: /\/issue\/(\d+)\/comment\//.exec(self ?? '')?.[1] ?? issueIdOrKey,
  }));

export const commentPageSchema = z.object({
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
  comments: z.array(z.unknown()),
});
