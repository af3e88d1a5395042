/**
 * Words for values the page shows: a resolver's message code with its parameters (the resolver's English sentence
 * is the fallback), an optional key that falls back to the value itself, and sync directions as arrows between
 * the two products' names (the same in every language).
 */
import type { Translate } from './text';

/** `t(key)`, or `fallback` when no translation has the key (the page never shows a raw key). */
export function wordOr(t: Translate, key: string, fallback: string): string {
  const word = t(key);
  return word === key ? fallback : word;
}

/** A resolver message in the reader's language: `errors.<code>` with `{name}` parameters filled in. */
export function message(t: Translate, sentence: string, code?: string, params: Record<string, string> = {}): string {
  if (!code) return sentence;
  return wordOr(t, `errors.${code}`, sentence).replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

const ARROWS: Record<string, string> = { both: '↔', 'b24-to-jira': 'Bitrix24 → Jira', 'jira-to-b24': 'Jira → Bitrix24', none: '—' };

export const directionArrow = (direction: string): string => ARROWS[direction] ?? direction;
