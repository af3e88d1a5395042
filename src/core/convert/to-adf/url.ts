/**
 * Which URLs may cross, in either direction: only `http`, `https` and `mailto` links and `http`/`https` images.
 * Everything else (`javascript:`, `data:`, `vbscript:`, relative or scheme-less targets, entity-obfuscated schemes)
 * is refused, because the other side renders what we write as a live link for everyone who can read the task.
 */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);
const IMAGE_SCHEMES = new Set(['http', 'https']);

/** Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so we do too. */
function schemeOf(url: string): string | undefined {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return match?.[1]?.toLowerCase();
}

function allowed(raw: string | undefined, schemes: ReadonlySet<string>): string | undefined {
  const url = raw?.trim();
  if (!url) return undefined;
  const scheme = schemeOf(url);
  return scheme !== undefined && schemes.has(scheme) ? url : undefined;
}

export function safeLinkHref(raw: string | undefined): string | undefined {
  return allowed(raw, LINK_SCHEMES);
}

export function safeImageSrc(raw: string | undefined): string | undefined {
  return allowed(raw, IMAGE_SCHEMES);
}

/**
 * A safe URL as it may stand inside `[URL=…]`, `[URL]…[/URL]` or `[IMG]…[/IMG]`: brackets would end the tag,
 * quotes, angle brackets and whitespace would leave the attribute Bitrix24 renders it into. They are
 * percent-encoded, which every browser reads back as the same address.
 */
export function bbcodeUrl(url: string): string {
  return url.replace(
    /[\u0000-\u0020\u007f-\u009f[\]"'<>\\`]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
