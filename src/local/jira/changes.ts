/** Applies a field patch to an issue and records what changed as Jira changelog items. */
import type { ChangeItem, JiraState, StoredIssue } from './state';
import { PRIORITIES } from './state';
import type { FieldPatch } from './fields';

const displayName = (state: JiraState, accountId: string | null): string | null =>
  accountId === null ? null : (state.user(accountId)?.displayName ?? 'Bitrix24 Sync for Jira');

const item = (
  field: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  custom = false,
): ChangeItem => ({
  field,
  fieldtype: custom ? 'custom' : 'jira',
  fieldId: field,
  from,
  fromString,
  to,
  toString,
});

/** Plain text of an ADF document, as the changelog shows descriptions. */
export function adfText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  const children = Array.isArray(n.content) ? n.content.map(adfText).join(n.content.length > 1 ? '\n' : '') : '';
  return own + children;
}

export function applyPatch(state: JiraState, issue: StoredIssue, patch: FieldPatch): ChangeItem[] {
  const items: ChangeItem[] = [];
  if (patch.summary !== undefined && patch.summary !== issue.summary) {
    items.push(item('summary', null, issue.summary, null, patch.summary));
    issue.summary = patch.summary;
  }
  if (patch.description !== undefined && JSON.stringify(patch.description) !== JSON.stringify(issue.description)) {
    items.push(item('description', null, adfText(issue.description), null, adfText(patch.description)));
    issue.description = patch.description;
  }
  for (const field of ['assignee', 'reporter'] as const) {
    const next = patch[field];
    if (next !== undefined && next !== issue[field]) {
      items.push(item(field, issue[field], displayName(state, issue[field]), next, displayName(state, next)));
      issue[field] = next;
    }
  }
  if (patch.priorityId !== undefined && patch.priorityId !== issue.priorityId) {
    const name = (id: string | null): string | null => PRIORITIES.find((p) => p.id === id)?.name ?? null;
    items.push(item('priority', issue.priorityId, name(issue.priorityId), patch.priorityId, name(patch.priorityId)));
    issue.priorityId = patch.priorityId;
  }
  if (patch.duedate !== undefined && patch.duedate !== issue.duedate) {
    const str = (d: string | null): string | null => (d === null ? null : `${d} 00:00:00.0`);
    items.push(item('duedate', issue.duedate, str(issue.duedate), patch.duedate, str(patch.duedate)));
    issue.duedate = patch.duedate;
  }
  if (patch.labels !== undefined && patch.labels.join(' ') !== issue.labels.join(' ')) {
    items.push(item('labels', null, issue.labels.join(' '), null, patch.labels.join(' ')));
    issue.labels = patch.labels;
  }
  for (const [field, value] of Object.entries(patch.custom ?? {})) {
    if (JSON.stringify(value) === JSON.stringify(issue.custom[field] ?? null)) continue;
    const str = (v: unknown): string | null =>
      v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
    items.push(item(field, null, str(issue.custom[field]), null, str(value), true));
    issue.custom[field] = value;
  }
  return items;
}

export function recordHistory(
  state: JiraState,
  issue: StoredIssue,
  authorId: string,
  now: number,
  items: ChangeItem[],
): { id: string; items: ChangeItem[] } {
  const history = { id: state.allocateHistoryId(), authorId, created: now, items };
  issue.histories.push(history);
  issue.updated = now;
  return { id: history.id, items };
}
