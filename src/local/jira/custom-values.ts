/** Custom field values checked against the field's type and allowed values, with Jira's per-field messages. */
import type { JiraSeedCustomField } from '../contracts';
import { isValidDate } from './dates';
import { optionsOf } from './site-fields';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type CustomCheck = { ok: true; value: unknown } | { ok: false; error: string };

function selectOption(field: JiraSeedCustomField, value: unknown, baseUrl: string): CustomCheck {
  if (!isRecord(value))
    return { ok: false, error: "Could not find valid 'id' or 'value' in the Parent Option object." };
  const options = optionsOf(field);
  const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));
  const found = options.find((o) => (value.id !== undefined ? o.id === text(value.id) : o.value === value.value));
  if (found !== undefined)
    return {
      ok: true,
      value: { self: `${baseUrl}/rest/api/3/customFieldOption/${found.id}`, value: found.value, id: found.id },
    };
  return {
    ok: false,
    error:
      value.id !== undefined
        ? `Option id '${text(value.id)}' is not valid`
        : `Option value '${text(value.value)}' is not valid`,
  };
}

/** `adfCheck` validates textarea (ADF in REST v3) values the same way description is validated. */
export function checkCustomValue(
  field: JiraSeedCustomField,
  value: unknown,
  baseUrl: string,
  adfCheck: (v: unknown) => CustomCheck,
): CustomCheck {
  if (value === null) return { ok: true, value: null };
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return { ok: false, error: 'Operation value must be a string' };
      if (value.length > 255) return { ok: false, error: 'Please enter text no longer than 255 characters.' };
      return { ok: true, value };
    case 'textarea':
      return adfCheck(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, error: 'Operation value must be a number' };
    case 'date':
      return typeof value === 'string' && isValidDate(value)
        ? { ok: true, value }
        : { ok: false, error: `Error parsing date string: ${JSON.stringify(value)}` };
    case 'select':
      return selectOption(field, value, baseUrl);
  }
}
