/**
 * The admin's setup and sign-in. A first start with no admin offers only the setup form, which asks for the
 * one-time code the service printed in its log: whoever reaches the port first does not become the admin by
 * being first. Sign-in is throttled per address and per account before the password is even checked.
 */
import type { Context, Hono } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import { USERNAME_PATTERN } from '../auth/accounts';
import { passwordProblem } from '../auth/password';
import { clientAddress, endSession, sameOrigin, sessionToken, startSession, type HttpParts } from './context';
import { setupForm, signInForm } from './forms';
import { localeOf, word, type Locale } from './words';

const localeFor = (c: Context): Locale => localeOf(c.req.header('accept-language'));

const html = (c: Context, body: string, status: 200 | 400 | 403 | 409 | 429 = 200): Response => {
  c.header('cache-control', 'no-store');
  return c.html(body, status);
};

const field = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? form[name] : '';

const codeMatches = (sent: string, code: string): boolean => {
  const a = Buffer.from(sent.trim());
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
};

async function setup(c: Context, parts: HttpParts): Promise<Response> {
  const locale = localeFor(c);
  if (!sameOrigin(c, parts)) return html(c, setupForm(locale, word(locale, 'badOrigin')), 403);
  if (await parts.accounts.admin()) return html(c, signInForm(locale, word(locale, 'setupDone')), 409);
  const form = await c.req.parseBody();
  const username = field(form, 'username').trim();
  const password = field(form, 'password');
  const refuse = (problem: string, status: 400 | 403 = 400): Response =>
    html(c, setupForm(locale, problem, username), status);
  if (!codeMatches(field(form, 'code'), parts.setupCode)) return refuse(word(locale, 'wrongSetupCode'), 403);
  if (!USERNAME_PATTERN.test(username)) return refuse(word(locale, 'usernameInvalid'));
  const problem = passwordProblem(password);
  if (problem) return refuse(word(locale, problem));
  if (password !== field(form, 'password2')) return refuse(word(locale, 'passwordsDiffer'));
  if (!(await parts.accounts.createAdmin(username, password)))
    return html(c, signInForm(locale, word(locale, 'setupDone')), 409);
  parts.app.log.info('the administrator account was created', { username });
  const { token } = await parts.accounts.openSession(username, parts.options.sessionHours);
  startSession(c, parts, token);
  return c.redirect('/', 303);
}

async function login(c: Context, parts: HttpParts): Promise<Response> {
  const locale = localeFor(c);
  if (!sameOrigin(c, parts)) return html(c, signInForm(locale, word(locale, 'badOrigin')), 403);
  const form = await c.req.parseBody();
  const username = field(form, 'username').trim().slice(0, 200);
  const address = clientAddress(c);
  const waitMs = await parts.throttle.waitMs(address, username);
  if (waitMs > 0) {
    c.header('retry-after', String(Math.ceil(waitMs / 1000)));
    return html(
      c,
      signInForm(locale, word(locale, 'throttled', { minutes: Math.ceil(waitMs / 60_000) }), username),
      429,
    );
  }
  const admin = await parts.accounts.verify(username, field(form, 'password').slice(0, 2048));
  if (!admin) {
    await parts.throttle.failed(address, username);
    parts.app.log.warn('a sign-in failed', { address });
    return html(c, signInForm(locale, word(locale, 'wrongSignIn'), username), 403);
  }
  await parts.throttle.succeeded(address);
  const { token } = await parts.accounts.openSession(admin, parts.options.sessionHours);
  startSession(c, parts, token);
  return c.redirect('/', 303);
}

export function signInRoutes(http: Hono, parts: HttpParts): void {
  http.get('/setup', async (c) => {
    const locale = localeFor(c);
    return (await parts.accounts.admin()) ? c.redirect('/login', 303) : html(c, setupForm(locale));
  });
  http.post('/setup', (c) => setup(c, parts));
  http.get('/login', async (c) =>
    (await parts.accounts.admin()) ? html(c, signInForm(localeFor(c))) : c.redirect('/setup', 303),
  );
  http.post('/login', (c) => login(c, parts));
  http.post('/logout', async (c) => {
    if (!sameOrigin(c, parts)) return c.json({ error: 'This request came from another site.' }, 403);
    await parts.accounts.closeSession(sessionToken(c));
    endSession(c, parts);
    return c.redirect('/login', 303);
  });
}
