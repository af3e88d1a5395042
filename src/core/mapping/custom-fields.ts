/**
 * UF_* ⇄ customfield_* values through their converter. B24 returns user fields camelCased (ufAuto123) but takes
 * them UPPER_CASE (UF_AUTO_123); enumerations travel by label because ids differ on each side.
 */
import type { CustomConverter } from '../config';
import type { CustomValue } from '../model';
import { isIsoDate } from './dates';

/** UF_AUTO_123 → ufAuto123, the key tasks.task.get answers with. */
export function ufReadKey(field: string): string {
  const [first = '', ...rest] = field.toLowerCase().split('_');
  return first + rest.map((w) => (w === '' ? '' : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** id → label of a B24 list field's items, as the app reads them from the field's metadata. */
export type EnumLabels = Record<string, string>;

function normalise(value: unknown, converter: CustomConverter): CustomValue {
  if (value === null || value === undefined || value === '' || value === false) return null;
  switch (converter) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'date': {
      const s = typeof value === 'string' ? value.slice(0, 10) : '';
      return isIsoDate(s) ? s : null;
    }
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
}

export function readB24Custom(value: unknown, converter: CustomConverter, labels: EnumLabels = {}): CustomValue {
  const v = normalise(value, converter === 'enumeration' ? 'string' : converter);
  return converter === 'enumeration' && typeof v === 'string' ? (labels[v] ?? v) : v;
}

export function readJiraCustom(value: unknown, converter: CustomConverter): CustomValue {
  if (converter === 'enumeration' && typeof value === 'object' && value !== null && 'value' in value) {
    return normalise(value.value, 'string');
  }
  return normalise(value, converter);
}

export function writeJiraCustom(value: CustomValue, converter: CustomConverter): unknown {
  if (value === null) return null;
  return converter === 'enumeration' ? { value: String(value) } : value;
}

/** undefined when an enumeration label has no B24 item: the value cannot be written. */
export function writeB24Custom(value: CustomValue, converter: CustomConverter, labels: EnumLabels = {}): unknown {
  if (value === null) return '';
  if (converter !== 'enumeration') return value;
  return Object.entries(labels).find(([, label]) => label === value)?.[0];
}
