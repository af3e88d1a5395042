/** Which URLs may cross into a link or an image: nothing executable (`javascript:`, `data:`, `vbscript:` …). */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp']);
const IMAGE_SCHEMES = new Set(['http', 'https']);

/** Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so we do too. */
function schemeOf(url: string): string | undefined {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return match?.[1]?.toLowerCase();
}

export function safeLinkHref(raw: string | undefined): string | undefined {
  const url = raw?.trim();
  if (!url) return undefined;
  const scheme = schemeOf(url);
  if (scheme === undefined) return /^[\w/#?.~-]/.test(url) && !url.includes(':') ? url : undefined;
  return LINK_SCHEMES.has(scheme) ? url : undefined;
}

export function safeImageSrc(raw: string | undefined): string | undefined {
  const url = raw?.trim();
  if (!url) return undefined;
  const scheme = schemeOf(url);
  return scheme !== undefined && IMAGE_SCHEMES.has(scheme) ? url : undefined;
}
