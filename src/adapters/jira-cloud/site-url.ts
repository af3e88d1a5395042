/**
 * The Jira Cloud site an API token is sent to. The token is a person's password for the REST API, so the address
 * is checked before the first call: HTTPS only, a host under atlassian.net, nothing but the origin. Loopback over
 * plain HTTP is allowed only when asked for, so the sandbox can point the service at the emulated Jira.
 */
import { PermanentError } from '../../core/errors';

export interface SiteUrlOptions {
  allowLoopback?: boolean;
}

const SITE_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.atlassian\.net$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const refuse = (why: string): PermanentError =>
  new PermanentError('validation', `The Jira site address ${why}. Expected e.g. https://your-site.atlassian.net`, {
    code: 'jira:site-url',
  });

/** The site's origin with an optional path prefix kept only for loopback (the sandbox serves Jira under /jira). */
export function validateJiraSiteUrl(input: string, options: SiteUrlOptions = {}): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw refuse('is not a URL');
  }
  if (url.username !== '' || url.password !== '') throw refuse('must not contain credentials');
  if (url.search !== '' || url.hash !== '') throw refuse('must not contain a query or fragment');
  const loopback =
    options.allowLoopback === true &&
    LOOPBACK.has(url.hostname) &&
    (url.protocol === 'http:' || url.protocol === 'https:');
  if (loopback) return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (url.protocol !== 'https:') throw refuse('must use https');
  if (!SITE_HOST.test(url.hostname))
    throw refuse(`must be a Jira Cloud site under atlassian.net (got ${url.hostname})`);
  if (url.port !== '') throw refuse('must not name a port');
  if (url.pathname !== '/' && url.pathname !== '') throw refuse('must not contain a path');
  return url.origin;
}
