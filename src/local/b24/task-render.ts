/**
 * A task as tasks.task.* prints it: camelCase keys, nearly every value a string, dates with the portal offset,
 * `select` honoured (UPPER names, `*`, `UF_*`), plus the `action` map the caller is allowed.
 */
import type { CallContext } from './context';
import { formatPortalDate } from './dates';
import type { TaskRecord } from './state';

type Getter = (t: TaskRecord, ctx: CallContext) => unknown;

const date = (ms: number | null, ctx: CallContext): string | null =>
  ms === null ? null : formatPortalDate(ms, ctx.timeZone);
const str = (n: number | null): string | null => (n === null ? null : String(n));

/** Standard fields in the order the docs' add/update examples print them. */
const FIELDS: [string, Getter][] = [
  ['ID', (t) => String(t.id)],
  ['PARENT_ID', (t) => str(t.parentId)],
  ['TITLE', (t) => t.title],
  ['DESCRIPTION', (t) => t.description],
  ['MARK', () => null],
  ['PRIORITY', (t) => String(t.priority)],
  ['MULTITASK', () => 'N'],
  ['NOT_VIEWED', () => 'N'],
  ['REPLICATE', () => 'N'],
  ['STAGE_ID', () => '0'],
  ['CREATED_BY', (t) => String(t.createdBy)],
  ['CREATED_DATE', (t, c) => date(t.createdDate, c)],
  ['RESPONSIBLE_ID', (t) => String(t.responsibleId)],
  ['CHANGED_BY', (t) => String(t.changedBy)],
  ['CHANGED_DATE', (t, c) => date(t.changedDate, c)],
  ['STATUS_CHANGED_BY', (t) => str(t.statusChangedBy)],
  ['CLOSED_BY', (t) => str(t.closedBy)],
  ['CLOSED_DATE', (t, c) => date(t.closedDate, c)],
  ['ACTIVITY_DATE', (t, c) => date(t.changedDate, c)],
  ['DATE_START', (t, c) => date(t.dateStart, c)],
  ['DEADLINE', (t, c) => date(t.deadline, c)],
  ['START_DATE_PLAN', (t, c) => date(t.startDatePlan, c)],
  ['END_DATE_PLAN', (t, c) => date(t.endDatePlan, c)],
  ['GUID', (t) => `{00000000-0000-4000-8000-${String(t.id).padStart(12, '0')}}`],
  ['XML_ID', (t) => t.xmlId],
  ['COMMENTS_COUNT', (t, c) => String([...c.state.comments.values()].filter((x) => x.taskId === t.id).length)],
  ['SERVICE_COMMENTS_COUNT', () => null],
  ['ALLOW_CHANGE_DEADLINE', () => 'N'],
  ['ALLOW_TIME_TRACKING', () => 'N'],
  ['TASK_CONTROL', (t) => t.taskControl],
  ['ADD_IN_REPORT', () => 'N'],
  ['FORKED_BY_TEMPLATE_ID', () => null],
  ['TIME_ESTIMATE', () => '0'],
  ['TIME_SPENT_IN_LOGS', () => null],
  ['MATCH_WORK_TIME', () => 'N'],
  ['FORUM_TOPIC_ID', () => null],
  ['FORUM_ID', () => null],
  ['SITE_ID', () => 's1'],
  ['SUBORDINATE', () => 'N'],
  ['EXCHANGE_MODIFIED', () => null],
  ['EXCHANGE_ID', () => null],
  ['OUTLOOK_VERSION', () => '1'],
  ['VIEWED_DATE', () => null],
  ['SORTING', () => null],
  ['DURATION_FACT', () => null],
  ['IS_MUTED', () => 'N'],
  ['IS_PINNED', () => 'N'],
  ['IS_PINNED_IN_GROUP', () => 'N'],
  ['FLOW_ID', () => null],
  ['DESCRIPTION_IN_BBCODE', (t) => t.descriptionInBbcode],
  ['STATUS', (t) => String(t.status)],
  ['STATUS_CHANGED_DATE', (t, c) => date(t.statusChangedDate, c)],
  ['DURATION_PLAN', () => null],
  ['DURATION_TYPE', () => 'days'],
  ['GROUP_ID', (t) => String(t.groupId)],
  ['AUDITORS', (t) => t.auditors.map(String)],
  ['ACCOMPLICES', (t) => t.accomplices.map(String)],
  ['CHAT_ID', (t) => t.chatId],
];
const SYSTEM_UF = ['UF_CRM_TASK', 'UF_TASK_WEBDAV_FILES', 'UF_MAIL_MESSAGE'];

function camelize(upper: string): string {
  return upper
    .toLowerCase()
    .split('_')
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

function person(ctx: CallContext, id: number): Record<string, string> {
  return {
    id: String(id),
    name: ctx.state.userName(id),
    link: `/company/personal/user/${id}/`,
    icon: '/bitrix/images/tasks/default_avatar.png',
    workPosition: '',
  };
}

/** PHP prints an empty map as [] and a filled one as an object keyed by user id. */
function peopleMap(ctx: CallContext, ids: number[]): unknown {
  return ids.length ? Object.fromEntries(ids.map((id) => [String(id), person(ctx, id)])) : [];
}

function ufValue(t: TaskRecord, name: string): unknown {
  if (name === 'UF_TASK_WEBDAV_FILES') return t.attachments.length ? [...t.attachments] : false;
  const value = t.uf[name];
  if (value === undefined || (Array.isArray(value) && value.length === 0))
    return name === 'UF_MAIL_MESSAGE' ? null : false;
  return value;
}

/** Actions the caller may take now; the same rules the status methods enforce. */
export function allowedActions(t: TaskRecord, userId: number, admin: boolean): Record<string, boolean> {
  const creator = t.createdBy === userId || admin;
  const doer = t.responsibleId === userId || t.accomplices.includes(userId) || creator;
  const open = [1, 2, 3, 6].includes(t.status);
  return {
    accept: false,
    decline: false,
    complete: doer && [1, 2, 3, 6].includes(t.status),
    approve: creator && t.status === 4,
    disapprove: creator && t.status === 4,
    start: doer && [1, 2, 6].includes(t.status),
    pause: doer && t.status === 3,
    delegate: doer && open,
    remove: creator,
    edit: creator,
    defer: doer && [1, 2, 3].includes(t.status),
    // tasks-task-renew.md: "renews a task after it has been completed", and nothing else.
    renew: doer && t.status === 5,
    create: true,
    changeDeadline: creator,
    checklistAddItems: doer,
    addFavorite: true,
    deleteFavorite: false,
    rate: creator,
    take: false,
    'edit.originator': false,
    'checklist.reorder': doer,
    'elapsedtime.add': doer,
    'dayplan.timer.toggle': false,
    'edit.plan': doer,
    'checklist.add': doer,
    'favorite.add': true,
    'favorite.delete': false,
  };
}

function wanted(select: string[] | undefined): (name: string) => boolean {
  if (!select || select.length === 0) return (name) => !name.startsWith('UF_');
  const set = new Set(select.map((s) => s.toUpperCase()));
  const star = set.has('*');
  const ufStar = set.has('UF_*');
  const systemUf = SYSTEM_UF.some((n) => set.has(n));
  return (name) => {
    if (name === 'ID' || set.has(name)) return true;
    if (name.startsWith('UF_')) return ufStar || (SYSTEM_UF.includes(name) && systemUf);
    return star;
  };
}

export function renderTask(t: TaskRecord, ctx: CallContext, select?: string[]): Record<string, unknown> {
  const want = wanted(select);
  const out: Record<string, unknown> = {};
  for (const [name, get] of FIELDS) if (want(name)) out[camelize(name)] = get(t, ctx);
  const ufNames = [...SYSTEM_UF, ...ctx.state.userFields.keys()];
  for (const name of ufNames) if (want(name)) out[camelize(name)] = ufValue(t, name);
  // Printed whatever `select` says, as in the documented get/list replies (tasks-task-get.md): a reader needs it to
  // know whether `description` is BBCode or a legacy task's HTML.
  out.descriptionInBbcode = t.descriptionInBbcode;
  out.favorite = 'N';
  out.group = t.groupId
    ? { id: String(t.groupId), name: ctx.state.seed.groups.find((g) => g.id === String(t.groupId))?.name ?? '' }
    : [];
  if (want('CREATED_BY')) out.creator = person(ctx, t.createdBy);
  if (want('RESPONSIBLE_ID')) out.responsible = person(ctx, t.responsibleId);
  if (want('ACCOMPLICES')) out.accomplicesData = peopleMap(ctx, t.accomplices);
  if (want('AUDITORS')) out.auditorsData = peopleMap(ctx, t.auditors);
  if (select?.some((s) => s.toUpperCase() === 'TAGS')) {
    out.tags = Object.fromEntries(t.tags.map((title, i) => [String(i + 1), { id: i + 1, title }]));
  }
  out.action = allowedActions(t, ctx.actor.userId, ctx.state.user(ctx.actor.userId)?.admin === true);
  return out;
}
