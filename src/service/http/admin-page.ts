/**
 * The admin page: the app's own project settings page (src/frontend/settings), drawn in the browser by the
 * sandbox's renderer (src/local/sandbox/ui), whose bridge sends resolver calls to ./resolve.ts with the session's
 * CSRF token. `/` leads to the setup, the sign-in or this page, whichever applies.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Context, Hono } from 'hono';
import { ProjectConfigStore } from '../../app/store/project-config';
import { bundle, RENDERER, ROOT, type BundleSource } from '../ui/bundle';
import { uiManifest } from '../ui/manifest';
import { JIRA_VARIABLES } from '../jira-config';
import type { Session } from '../auth/accounts';
import { currentSession, type HttpParts } from './context';
import { escapeHtml, shell } from './forms';
import { localeOf, word, type Locale } from './words';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const appLocale = (locale: Locale): string => (locale === 'ru' ? 'ru-RU' : 'en-US');

/** The variables each way of reaching Jira needs, as the configuration itself lists them. */
function variablesOf(auth: 'token' | 'oauth'): string {
  const names = JIRA_VARIABLES.filter((v) => v.describe.startsWith(`${auth}:`)).map((v) => v.name);
  return [`JIRA_AUTH=${auth}`, ...names].join(', ');
}

/** Without Jira every tab that asks it fails; the page says why first, and what the operator sets. */
function jiraNotice(locale: Locale, parts: HttpParts): string {
  if (parts.jira.mode !== 'none') return '';
  const text = word(locale, 'jiraMissing', {
    token: variablesOf('token'),
    oauth: variablesOf('oauth'),
    readme: 'README, Self-hosted → Configuration',
  });
  return `<section class="jira-missing" role="alert" style="border-left:4px solid #e2b203;background:#fff7d6;padding:.25rem 1rem;margin:1rem 0"><h2>${escapeHtml(word(locale, 'jiraMissingHeading'))}</h2><p>${escapeHtml(text)}</p></section>`;
}

function signOut(locale: Locale): string {
  return `<form method="post" action="/logout" class="sign-out"><button type="submit">${escapeHtml(word(locale, 'signOut'))}</button></form>`;
}

async function chooser(parts: HttpParts, locale: Locale): Promise<string> {
  const projects = await new ProjectConfigStore(parts.app.deps().kv).list();
  const links = projects
    .map((key) => `<li><a href="/admin?project=${encodeURIComponent(key)}">${escapeHtml(key)}</a></li>`)
    .join('');
  return shell(
    locale,
    word(locale, 'adminHeading'),
    `${jiraNotice(locale, parts)}${links ? `<ul>${links}</ul>` : ''}
    <form method="get" action="/admin">
      <label>${escapeHtml(word(locale, 'project'))}<input name="project" pattern="[A-Z][A-Z0-9_]{0,49}" required></label>
      <button type="submit">${escapeHtml(word(locale, 'open'))}</button>
    </form>${signOut(locale)}`,
  );
}

function settingsPage(session: Session, projectKey: string, locale: Locale, parts: HttpParts): string {
  const module = uiManifest().modules.settings;
  const context = {
    accountId: `service-admin:${session.username}`,
    locale: appLocale(locale),
    timezone: 'UTC',
    moduleKey: module.key,
    extension: { type: module.type, project: { key: projectKey } },
  };
  const person = { accountId: context.accountId, displayName: session.username, email: '' };
  const boot = {
    module: { kind: 'settings', key: module.key, resolverFunction: module.resolverFunction },
    context,
    person,
    bundle: module.resource.key,
    service: { resolveUrl: '/api/resolve/settings', csrf: session.csrf },
  };
  return `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(projectKey)} — ${escapeHtml(module.title)}</title>
  <link rel="stylesheet" href="/admin/assets/renderer.css">
  <link rel="stylesheet" href="/admin/assets/ui.css">
</head>
<body>
  <header class="sandbox-bar"><a href="/admin">${escapeHtml(word(locale, 'adminHeading'))}</a> ${signOut(locale)}</header>
  <main class="forge-frame">
    <h1 class="module-title">${escapeHtml(projectKey)} → ${escapeHtml(module.title)}</h1>
    ${jiraNotice(locale, parts)}
    <div id="forge-root" data-state="loading"></div>
  </main>
  <script id="forge-boot" type="application/json">${scriptJson(boot)}</script>
  <script src="/admin/assets/renderer.js"></script>
  <script src="/admin/assets/${escapeHtml(module.resource.key)}.js"></script>
</body>
</html>`;
}

const sources = (): BundleSource[] => [
  RENDERER,
  { name: uiManifest().modules.settings.resource.key, entry: uiManifest().modules.settings.resource.entry },
];

async function asset(c: Context, name: string): Promise<Response> {
  if (name === 'ui.css')
    return c.body(await readFile(path.join(ROOT, 'static/sandbox/ui.css')), 200, {
      'content-type': 'text/css; charset=utf-8',
    });
  const match = /^([a-z0-9-]+)\.(js|css)$/.exec(name);
  const source = sources().find((s) => s.name === match?.[1]);
  if (!match || !source) return c.json({ error: `no asset ${name}` }, 404);
  const built = await bundle(source, 'own');
  const body = match[2] === 'js' ? built.js : (built.css ?? new Uint8Array());
  return c.body(Buffer.from(body), 200, {
    'content-type': match[2] === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
  });
}

export function adminPageRoutes(http: Hono, parts: HttpParts): void {
  const page = (c: Context, body: string): Response => {
    c.header('cache-control', 'no-store');
    c.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
    );
    c.header('x-frame-options', 'DENY');
    return c.html(body);
  };
  http.get('/', async (c) => {
    if (!(await parts.accounts.admin())) return c.redirect('/setup', 303);
    return c.redirect((await currentSession(c, parts)) ? '/admin' : '/login', 303);
  });
  http.get('/admin', async (c) => {
    const session = await currentSession(c, parts);
    if (!session) return c.redirect('/login', 303);
    const locale = localeOf(c.req.header('accept-language'));
    const project = c.req.query('project');
    if (project === undefined || !PROJECT_KEY.test(project)) return page(c, await chooser(parts, locale));
    return page(c, settingsPage(session, project, locale, parts));
  });
  http.get('/admin/assets/:name', async (c) =>
    (await currentSession(c, parts)) ? asset(c, c.req.param('name')) : c.json({ error: 'Sign in first.' }, 401),
  );
  // @forge/bridge reads the translations beside the page, as Forge serves them.
  http.get('/__LOCALES__/:file', async (c) => {
    if (!(await currentSession(c, parts))) return c.json({ error: 'Sign in first.' }, 401);
    const file = c.req.param('file');
    const manifest = uiManifest();
    const body =
      file === 'i18n-info.json'
        ? manifest.i18nInfo
        : /^[A-Za-z-]+\.json$/.test(file)
          ? manifest.translation(file.replace(/\.json$/, ''))
          : undefined;
    return body === undefined ? c.json({ error: `no translation ${file}` }, 404) : c.json(body);
  });
}
