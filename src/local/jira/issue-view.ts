/** The IssueBean as GET /issue and search return it, with Jira's `fields`, `properties` and `expand` selection. */
import type { JiraState, StoredIssue } from './state';
import { commentView } from './events';
import { availableTransitions, transitionView } from './transition-rules';
import { issueTypeView, jiraTime, priorityView, projectRef, statusView, userRef, userView } from './views';

export interface IssueViewOptions {
  /** Jira's `fields` list: names, `*all`, `*navigable`, `-name` exclusions; undefined means all. */
  fields?: string[];
  properties?: string[];
  expand?: string[];
  viewerId: string;
}

const NAVIGABLE = [
  'summary',
  'description',
  'status',
  'priority',
  'assignee',
  'reporter',
  'creator',
  'project',
  'issuetype',
  'created',
  'updated',
  'duedate',
  'labels',
  'resolution',
  'resolutiondate',
];

function allFields(state: JiraState, issue: StoredIssue): Record<string, unknown> {
  const project = state.projectOf(issue);
  const comments = state.commentsOf(issue.id).map((c) => commentView(state, c));
  return {
    summary: issue.summary,
    description: issue.description,
    status: statusView(state, state.workflowOf(project), issue.statusId),
    priority: issue.priorityId === null ? null : priorityView(state, issue.priorityId),
    assignee: userRef(state, issue.assignee),
    reporter: userRef(state, issue.reporter),
    creator: userView(state, issue.creator),
    project: projectRef(state, issue.projectId),
    issuetype: issueTypeView(state, issue.issueTypeId),
    created: jiraTime(issue.created),
    updated: jiraTime(issue.updated),
    duedate: issue.duedate,
    labels: [...issue.labels],
    resolution:
      issue.resolution === null
        ? null
        : {
            self: `${state.seed.baseUrl}/rest/api/3/resolution/${issue.resolution.id}`,
            ...issue.resolution,
            description: '',
          },
    resolutiondate: issue.resolutionDate === null ? null : jiraTime(issue.resolutionDate),
    comment: {
      comments,
      self: `${state.seed.baseUrl}/rest/api/3/issue/${issue.id}/comment`,
      maxResults: comments.length,
      total: comments.length,
      startAt: 0,
    },
    attachment: state.attachmentsOf(issue.id).map((a) => attachmentView(state, a.id)),
    ...issue.custom,
  };
}

export function attachmentView(state: JiraState, attachmentId: string): Record<string, unknown> {
  const a = state.attachments.get(attachmentId);
  if (a === undefined) throw new Error(`no attachment ${attachmentId}`);
  const base = state.seed.baseUrl;
  return {
    self: `${base}/rest/api/3/attachment/${a.id}`,
    id: a.id,
    filename: a.filename,
    author: userView(state, a.authorId),
    created: jiraTime(a.created),
    size: a.bytes.byteLength,
    mimeType: a.mimeType,
    content: `${base}/rest/api/3/attachment/content/${a.id}`,
  };
}

function selectFields(all: Record<string, unknown>, requested: string[] | undefined): Record<string, unknown> {
  if (requested === undefined) return all;
  const includes = requested.filter((f) => !f.startsWith('-'));
  const excludes = new Set(requested.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const names = new Set<string>();
  for (const f of includes.length === 0 ? ['*all'] : includes) {
    if (f === '*all') Object.keys(all).forEach((k) => names.add(k));
    else if (f === '*navigable')
      [...NAVIGABLE, ...Object.keys(all).filter((k) => k.startsWith('customfield_'))].forEach((k) => names.add(k));
    else names.add(f);
  }
  const out: Record<string, unknown> = {};
  for (const name of names) if (!excludes.has(name) && name in all) out[name] = all[name];
  return out;
}

/** Changelog items keep only string from/to: the spec types them as strings, so null values are left out. */
function changelogView(state: JiraState, issue: StoredIssue): Record<string, unknown> {
  const histories = [...issue.histories].reverse().map((h) => ({
    id: h.id,
    author: userView(state, h.authorId),
    created: jiraTime(h.created),
    items: h.items.map((item) => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null))),
  }));
  return { startAt: 0, maxResults: histories.length, total: histories.length, histories };
}

export function issueView(state: JiraState, issue: StoredIssue, options: IssueViewOptions): Record<string, unknown> {
  const view: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${state.seed.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: selectFields(allFields(state, issue), options.fields),
  };
  if (options.properties !== undefined && options.properties.length > 0) {
    const wanted = options.properties.includes('*all') ? [...issue.properties.keys()] : options.properties;
    view.properties = Object.fromEntries(
      wanted.filter((k) => issue.properties.has(k)).map((k) => [k, issue.properties.get(k)]),
    );
  }
  const expand = options.expand ?? [];
  if (expand.includes('changelog')) view.changelog = changelogView(state, issue);
  if (expand.includes('transitions'))
    view.transitions = availableTransitions(state, issue).map((t) => transitionView(state, issue, t, false));
  return view;
}

/** Splits Jira's comma-separated (or repeated) list parameters. */
export function listParam(url: URL, name: string): string[] | undefined {
  const values = url.searchParams.getAll(name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
