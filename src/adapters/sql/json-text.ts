/**
 * The one way a value becomes stored JSON text. `JSON.stringify` alone would bend some values without a word
 * (NaN and Infinity become null, a hole or `undefined` in an array becomes null, a Date becomes a string) and
 * throw unhelpfully on others (BigInt, cycles), so each is refused here with the path that holds it.
 * An object property whose value is `undefined` is left out, as JSON and Forge's storage both do: the app relies
 * on that for optional fields.
 */
import { PermanentError } from '../../core/errors';

const refuse = (what: string, path: string, problem: string): never => {
  throw new PermanentError(
    'validation',
    `Cannot store ${what}: the value at ${path} ${problem}; only JSON values can be stored.`,
    {
      code: 'sql:invalid-value',
    },
  );
};

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function check(value: unknown, what: string, path: string, open: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) refuse(what, path, `is ${String(value)}, which JSON cannot hold`);
      return;
    case 'object':
      if (value === null) return;
      if (open.has(value)) refuse(what, path, 'refers back to itself');
      open.add(value);
      if (Array.isArray(value)) checkArray(value, what, path, open);
      else if (isPlainObject(value)) checkObject(value as Record<string, unknown>, what, path, open);
      else refuse(what, path, `is a ${value.constructor?.name ?? 'non-plain object'}, not a plain object`);
      open.delete(value);
      return;
    default:
      refuse(what, path, `is of type ${typeof value}`);
  }
}

function checkArray(items: unknown[], what: string, path: string, open: Set<object>): void {
  for (let i = 0; i < items.length; i += 1) {
    if (!(i in items) || items[i] === undefined)
      refuse(what, `${path}[${i}]`, 'is missing (JSON would turn it into null)');
    check(items[i], what, `${path}[${i}]`, open);
  }
}

function checkObject(record: Record<string, unknown>, what: string, path: string, open: Set<object>): void {
  for (const [name, child] of Object.entries(record)) {
    if (child !== undefined) check(child, what, `${path}.${name}`, open);
  }
}

/** JSON text of `value`, or a validation error naming `what` (e.g. `key "pair:1"`) and the offending path. */
export function toJsonText(value: unknown, what: string): string {
  check(value, what, '$', new Set());
  return JSON.stringify(value);
}
