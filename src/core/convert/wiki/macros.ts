/**
 * The block macros (`{code}`, `{noformat}`, `{quote}`, `{panel}`) split the input into text and macro tokens in
 * one regex pass. Jira's macros do not nest in themselves (the next `{quote}` closes the open one), so the
 * nesting they can build is bounded by how many kinds there are.
 */
export type MacroName = 'code' | 'noformat' | 'quote' | 'panel';

export type Piece =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'macro'; readonly name: MacroName; readonly params: string; readonly source: string };

const MACRO = /\{(code|noformat|quote|panel)(?::([^}\n]*))?\}/gi;

export function splitMacros(input: string): Piece[] {
  const pieces: Piece[] = [];
  let cursor = 0;
  MACRO.lastIndex = 0;
  for (let m = MACRO.exec(input); m; m = MACRO.exec(input)) {
    // `\{quote}` is the text "{quote}" (but `\\{quote}` is a line break before a macro).
    if (input[m.index - 1] === '\\' && input[m.index - 2] !== '\\') continue;
    // `{{code}}` is monospace text, not a macro.
    if (input[m.index - 1] === '{') continue;
    if (m.index > cursor) pieces.push({ type: 'text', value: input.slice(cursor, m.index) });
    pieces.push({ type: 'macro', name: (m[1] ?? '').toLowerCase() as MacroName, params: m[2] ?? '', source: m[0] });
    cursor = m.index + m[0].length;
  }
  if (cursor < input.length) pieces.push({ type: 'text', value: input.slice(cursor) });
  return pieces;
}

/** `{code:java}`, `{code:title=A.java|language=java}`: the language, if one is named. */
export function codeLanguage(params: string): string | undefined {
  for (const part of params.split('|')) {
    const [key, value] = part.split('=');
    const language = (value === undefined ? key : key?.trim().toLowerCase() === 'language' ? value : undefined)?.trim();
    if (language && /^[\w+#.-]{1,30}$/.test(language)) return language.toLowerCase();
  }
  return undefined;
}

/** `{panel:title=Notes|bgColor=#fff}` → "Notes". */
export function macroTitle(params: string): string | undefined {
  for (const part of params.split('|')) {
    const [key, ...value] = part.split('=');
    if (key?.trim().toLowerCase() === 'title') return value.join('=').trim() || undefined;
  }
  return undefined;
}
