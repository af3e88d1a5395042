/**
 * Whether a canonical value can be written to a side, and how that side will read it back afterwards. The sync
 * stores the read-back as the side's last-synced state, so a lossy conversion (ADF → BBCode → ADF) or a fallback
 * user never looks like a new change on the next event: that is what keeps a second settle at zero writes.
 */
import type { AdfDoc } from '../adf';
import { adfToBbcode, adfToHtml, bbcodeToAdf, htmlToAdf } from '../convert';
import type { CanonicalTask, CustomValue, FieldKey, Person, Side } from '../model';
import type { MappingContext } from './context';
import { readB24Custom, readJiraCustom, writeB24Custom, writeJiraCustom } from './custom-fields';
import { dateToDeadline, deadlineToDate } from './dates';
import { blankTitleRefusal, dueDateRefusal, fitDescription, fitTitle } from './fit-values';
import type { AdjustedValue, SkipCode } from './notices';
import {
  b24PriorityTarget,
  b24StatusTarget,
  jiraPriorityTarget,
  jiraStatusTarget,
  readB24Status,
  readJiraPriority,
} from './status';
import { personOn, type UnmatchedUserWarning } from './users';

export type FieldValue = CanonicalTask[keyof CanonicalTask] | CustomValue;

export type { SkipCode } from './notices';

/** `notices`: how the value was fitted to what `to` can hold (journalled with the flow). */
export type Projection =
  | { ok: true; value: FieldValue; warning?: UnmatchedUserWarning; notices?: AdjustedValue[] }
  | { ok: false; reason: string; code: SkipCode; params: Record<string, string>; warning?: UnmatchedUserWarning };

const text = (value: FieldValue): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

export function b24DescriptionRoundTrip(doc: AdfDoc, ctx: MappingContext): AdfDoc {
  return ctx.b24DescriptionFormat === 'html' ? htmlToAdf(adfToHtml(doc)) : bbcodeToAdf(adfToBbcode(doc));
}

function projectPerson(to: Side, field: string, person: Person | null, ctx: MappingContext): Projection {
  if (person === null) {
    // Jira can be unassigned; a B24 task always has a responsible person and a creator.
    return to === 'jira'
      ? { ok: true, value: null }
      : { ok: false, reason: `Bitrix24 cannot leave ${field} empty; kept as it is`, code: 'emptyInB24', params: {} };
  }
  const target = personOn(to, person, ctx.config.users.unmatched);
  if ('skip' in target)
    return {
      ok: false,
      reason: `${person.name} has no ${to === 'jira' ? 'Jira' : 'Bitrix24'} account; ${field} left unchanged`,
      code: 'noAccount',
      params: { name: person.name },
      warning: target.skip,
    };
  const id = 'id' in target ? target.id : target.fallback;
  const readBack = to === 'jira' ? ctx.users.fromJira(id, person.name) : ctx.users.fromB24(id, person.name);
  return 'warning' in target ? { ok: true, value: readBack, warning: target.warning } : { ok: true, value: readBack };
}

function projectCustom(to: Side, field: string, value: CustomValue, ctx: MappingContext): Projection {
  const m = ctx.config.customFields.find((c) => c.b24Field === field);
  if (!m) return { ok: false, reason: `${field} has no mapping`, code: 'noMapping', params: {} };
  if (to === 'jira') return { ok: true, value: readJiraCustom(writeJiraCustom(value, m.converter), m.converter) };
  const labels = ctx.enumLabels?.[field];
  const written = writeB24Custom(value, m.converter, labels);
  if (written === undefined)
    return {
      ok: false,
      reason: `"${value ?? ''}" is not an item of the Bitrix24 list ${field}`,
      code: 'notInList',
      params: { value: String(value ?? '') },
    };
  return { ok: true, value: readB24Custom(written, m.converter, labels) };
}

/** `value` is the canonical value of `field`; the result is what `to` will hold once it is written. */
export function projectTo(to: Side, field: FieldKey, value: FieldValue, ctx: MappingContext): Projection {
  const { config } = ctx;
  switch (field) {
    case 'title': {
      const fitted = fitTitle(to, text(value));
      const blank = blankTitleRefusal(to, fitted.text);
      if (blank) return { ok: false, reason: blank.reason, code: blank.code, params: blank.params };
      return { ok: true, value: fitted.text, ...(fitted.notices.length ? { notices: fitted.notices } : {}) };
    }
    case 'description': {
      const fitted = fitDescription(to, value as AdfDoc);
      const notices = fitted.notices.length ? { notices: fitted.notices } : {};
      return { ok: true, value: to === 'jira' ? fitted.doc : b24DescriptionRoundTrip(fitted.doc, ctx), ...notices };
    }
    case 'status': {
      const status = text(value);
      if (to === 'jira') {
        const target = jiraStatusTarget(status, config.statuses);
        return target === null
          ? { ok: false, reason: `no status row carries "${status}" to Jira`, code: 'noStatusRow', params: { status } }
          : { ok: true, value: target };
      }
      const target = b24StatusTarget(status, config.statuses);
      if (target === null)
        return {
          ok: false,
          reason: `no status row carries "${status}" to Bitrix24`,
          code: 'noStatusRow',
          params: { status },
        };
      const fields = target.field ? { [target.field.name]: target.field.value } : {};
      return { ok: true, value: readB24Status(target.status, fields, config.statuses) };
    }
    case 'priority': {
      const priority = text(value);
      const target =
        to === 'jira'
          ? jiraPriorityTarget(priority, config.priorities)
          : b24PriorityTarget(priority, config.priorities);
      if (target === null)
        return {
          ok: false,
          reason: `no priority row carries "${priority}" to ${to === 'jira' ? 'Jira' : 'Bitrix24'}`,
          code: 'noPriorityRow',
          params: { priority },
        };
      return { ok: true, value: to === 'jira' ? readJiraPriority(target, config.priorities) : target };
    }
    case 'assignee':
    case 'reporter':
      return projectPerson(to, field, value as Person | null, ctx);
    case 'dueDate': {
      if (value === null || to === 'jira') return { ok: true, value };
      const refusal = dueDateRefusal(text(value));
      if (refusal) return { ok: false, reason: refusal.reason, code: refusal.code, params: refusal.params };
      return {
        ok: true,
        value: deadlineToDate(dateToDeadline(text(value), config.endOfDayTime, config.timeZone), config.timeZone),
      };
    }
    default:
      return projectCustom(to, field, value as CustomValue, ctx);
  }
}
