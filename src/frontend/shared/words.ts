/**
 * Words for values the page shows: a resolver's message code with its parameters (the resolver's English sentence
 * is the fallback), an optional key that falls back to the value itself, and sync directions as arrows between
 * the two products' names (the same in every language).
 *
 * A wording fills three kinds of placeholder (Forge's `t` interpolates nothing, so the page does it here):
 * - `{name}`: the parameter as it is (names, keys, numbers: data);
 * - `{name:group}`: the parameter worded as `group.<value>` when the translation has it (a field, a side, a policy),
 *   else the value itself;
 * - `{name, plural, one {# job} few {# jobs} many {…} other {…}}`: ICU's plural form for the reader's language
 *   (Intl.PluralRules; Russian needs one, few and many), `#` standing for the number; `=0 {…}` picks an exact value.
 */
import type { Translate } from './text';

export type { Translate };

/** `t(key)`, or `fallback` when no translation has the key (the page never shows a raw key). */
export function wordOr(t: Translate, key: string, fallback: string): string {
  const word = t(key);
  return word === key ? fallback : word;
}

const PLURAL = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function plural(locale: string, count: number, branches: string): string {
  const forms = new Map([...branches.matchAll(BRANCH)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const form =
    forms.get(`=${count}`) ?? forms.get(new Intl.PluralRules(locale).select(count)) ?? forms.get('other') ?? '';
  return form.replace(/#/g, String(count));
}

/** Each `{name, plural, …}` of a template replaced by the form its count takes in `locale`. */
export function fillPlurals(template: string, params: Record<string, string | number>, locale = 'en-US'): string {
  return template.replace(PLURAL, (whole, name: string, branches: string) => {
    const count = Number(params[name]);
    return params[name] === undefined || !Number.isFinite(count) ? whole : plural(locale, count, branches);
  });
}

/** A template in the reader's language with its placeholders filled (see the header for the three kinds). */
export function fill(t: Translate, template: string, params: Record<string, string>): string {
  return fillPlurals(template, params, t.locale).replace(
    /\{(\w+)(?::([\w.-]+))?\}/g,
    (whole, name: string, group?: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      // A worded parameter's own wording may name the other parameters (a skip reason, a failure's code).
      return group ? worded(t, `${group}.${value}`, value, params) : value;
    },
  );
}

/** `key` worded with its parameters, or `fallback` (the resolver's English sentence) when no translation has it. */
export function worded(t: Translate, key: string, fallback: string, params: Record<string, string> = {}): string {
  const template = t(key);
  return template === key ? fallback : fill(t, template, params);
}

/** A resolver message in the reader's language: `errors.<code>` with its parameters filled in. */
export function message(t: Translate, sentence: string, code?: string, params: Record<string, string> = {}): string {
  return code ? worded(t, `errors.${code}`, sentence, params) : sentence;
}

/** A journal entry's sentences in the reader's language: each note by its code (`notes.<code>`), else its English. */
export function journalText(
  t: Translate,
  entry: { message?: string; notes?: { code: string; params: Record<string, string>; message: string }[] },
): string {
  if (!entry.notes?.length) return entry.message ?? '';
  return entry.notes.map((n) => worded(t, `notes.${n.code}`, n.message, n.params)).join(' ');
}

/** "task 12 ⇄ DEMO-3", or whichever side the entry names, or what it was about. */
export function journalEntity(
  t: Translate,
  e: { taskId?: string; issueKey?: string; issueId?: string; operation: string },
): string {
  const task = e.taskId ? `${t('journal.task')} ${e.taskId}` : '';
  const issue = e.issueKey ?? e.issueId ?? '';
  return task && issue ? `${task} ⇄ ${issue}` : task || issue || wordOr(t, `operation.${e.operation}`, e.operation);
}

const ARROWS: Record<string, string> = {
  both: '↔',
  'b24-to-jira': 'Bitrix24 → Jira',
  'jira-to-b24': 'Jira → Bitrix24',
  none: '—',
};

export const directionArrow = (direction: string): string => ARROWS[direction] ?? direction;
