/**
 * Writing UPPER_CASE `fields` of tasks.task.add/update onto a task, with the validation errors the docs list
 * for tasks.task.update (ERROR_CORE texts end in `<br>` as the portal prints them).
 */
import type { CallContext } from './context';
import { parsePortalDate } from './dates';
import { B24Error } from './envelope';
import { asInt, asList, asText, yesNo } from './params';
import type { TaskRecord } from './state';

const core = (text: string): B24Error => new B24Error('ERROR_CORE', `${text}<br>`);

function userId(ctx: CallContext, value: unknown, field: string): number {
  const id = asInt(value);
  if (id === undefined || !ctx.state.user(id)) throw core(`The user specified in the "${field}" field was not found`);
  return id;
}

function dateField(ctx: CallContext, value: unknown, field: string): number | null {
  const text = asText(value);
  if (value === null || text === '') return null;
  const ms = text === undefined ? undefined : parsePortalDate(text, ctx.timeZone);
  if (ms === undefined) throw core(`Invalid value in the field "${field}"`);
  return ms;
}

function people(ctx: CallContext, value: unknown, field: string): number[] {
  return asList(value).map((v) => userId(ctx, v, field));
}

/** `n<driveId>` attaches a Drive object; a bare number keeps an existing attachment (the list is replaced). */
function files(ctx: CallContext, task: TaskRecord, value: unknown): number[] {
  const out: number[] = [];
  for (const item of asList(value)) {
    const text = asText(item) ?? '';
    const drive = /^n(\d+)$/.exec(text);
    if (drive) {
      const file = ctx.state.files.get(Number(drive[1]));
      if (!file) throw core('File not found');
      const id = ctx.state.nextId('attachment');
      ctx.state.attachments.set(id, {
        id,
        objectId: file.id,
        entityId: task.id,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
      });
      out.push(id);
    } else if (/^\d+$/.test(text) && task.attachments.includes(Number(text))) out.push(Number(text));
  }
  return out;
}

type Setter = (ctx: CallContext, t: TaskRecord, v: unknown) => void;

const SETTERS: Record<string, Setter> = {
  TITLE: (_c, t, v) => {
    const title = asText(v)?.trim() ?? '';
    if (title === '') throw core('Task title is not specified');
    t.title = title;
  },
  DESCRIPTION: (_c, t, v) => (t.description = asText(v) ?? ''),
  PRIORITY: (_c, t, v) => {
    const p = asInt(v);
    if (p === undefined || p < 0 || p > 2) throw core('Invalid priority');
    t.priority = p;
  },
  STATUS: (c, t, v) => {
    const s = asInt(v);
    if (s === undefined || s < 2 || s > 6) throw core('Invalid status');
    if (s !== t.status) Object.assign(t, { status: s, statusChangedBy: c.actor.userId, statusChangedDate: c.now });
  },
  RESPONSIBLE_ID: (c, t, v) => (t.responsibleId = userId(c, v, 'Responsible')),
  CREATED_BY: (c, t, v) => (t.createdBy = userId(c, v, 'Creator')),
  GROUP_ID: (c, t, v) => {
    const g = asInt(v);
    if (g === undefined || (g !== 0 && !c.state.seed.groups.some((x) => x.id === String(g))))
      throw core('Group not found');
    t.groupId = g;
  },
  PARENT_ID: (c, t, v) => {
    const p = asInt(v) ?? 0;
    if (p === t.id) throw core('Cannot bind the node to itself');
    if (p !== 0 && !c.state.tasks.has(p)) throw core('The task specified in the "Parent task" field is not found');
    t.parentId = p === 0 ? null : p;
  },
  DEADLINE: (c, t, v) => (t.deadline = dateField(c, v, 'DEADLINE')),
  START_DATE_PLAN: (c, t, v) => (t.startDatePlan = dateField(c, v, 'START_DATE_PLAN')),
  END_DATE_PLAN: (c, t, v) => (t.endDatePlan = dateField(c, v, 'END_DATE_PLAN')),
  XML_ID: (_c, t, v) => (t.xmlId = asText(v) ?? null),
  TASK_CONTROL: (_c, t, v) => (t.taskControl = yesNo(v) ?? t.taskControl),
  ACCOMPLICES: (c, t, v) => (t.accomplices = people(c, v, 'Participants')),
  AUDITORS: (c, t, v) => (t.auditors = people(c, v, 'Observers')),
  TAGS: (_c, t, v) =>
    (t.tags = asList(v)
      .map((x) => asText(x) ?? '')
      .filter((x) => x !== '')),
  UF_TASK_WEBDAV_FILES: (c, t, v) => (t.attachments = files(c, t, v)),
};

/** Applies every known field; unknown names are ignored as the portal ignores them. Returns what changed. */
export function applyFields(ctx: CallContext, task: TaskRecord, fields: Record<string, unknown>): string[] {
  const changed: string[] = [];
  for (const [rawName, value] of Object.entries(fields)) {
    const name = rawName.toUpperCase();
    const setter = SETTERS[name];
    if (setter) setter(ctx, task, value);
    else if (name === 'UF_CRM_TASK' || name === 'UF_MAIL_MESSAGE' || ctx.state.userFields.has(name)) {
      task.uf[name] = Array.isArray(value) || typeof value === 'object' ? asList(value) : value;
    } else continue;
    changed.push(name);
  }
  if (task.startDatePlan !== null && task.endDatePlan !== null && task.endDatePlan < task.startDatePlan) {
    throw core('In deadline planning, the end date is earlier than the start date');
  }
  return changed;
}

export function checkRequired(ctx: CallContext, fields: Record<string, unknown>): void {
  const upper = new Set(Object.keys(fields).map((k) => k.toUpperCase()));
  if (!upper.has('TITLE')) throw core('Task title is not specified');
  if (!upper.has('RESPONSIBLE_ID')) throw core('Responsible person not specified');
  for (const def of ctx.state.userFields.values()) {
    if (def.mandatory && !upper.has(def.name)) throw core(`The field "${def.name}" is required`);
  }
}
