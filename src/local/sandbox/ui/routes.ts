/**
 * The sandbox's /ui routes (a contract, like /__sandbox/*):
 *   GET /ui/settings?project=DEMO&as=<e-mail or accountId>&locale=en-US|ru-RU — the project settings page;
 *   GET /ui/issue/<KEY>?as=…&locale=… — the issue panel (jira:issueContext) for that issue;
 * plus the browser bundles they load and the manifest's translations where @forge/bridge looks for them.
 * The person defaults to the site admin and the locale to the manifest's default. The project and the issue are
 * read from the Jira emulator as the chosen person, so nobody sees a page for something they cannot browse.
 */
import { z } from 'zod';
import type { HttpService, PlatformInfo } from '../../contracts';
import { bundle, RENDERER, type Bundle, type BundleSource } from '../../../service/ui/bundle';
import { uiManifest, type UiKind } from '../../../service/ui/manifest';
import { renderPage, type PagePerson } from './page';

export interface UiTargets {
  info(): PlatformInfo;
  jira: HttpService;
}

const html = (body: string, status = 200): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

function refusal(status: number, sentence: string): Response {
  const safe = sentence.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox</title></head><body><main><p role="alert">${safe}</p><p><a href="/">Back to the sandbox</a></p></main></body></html>`,
    status,
  );
}

function choosePerson(info: PlatformInfo, as: string | null): PagePerson | undefined {
  const users = info.jira.users;
  const wanted = as?.trim().toLowerCase();
  const user = wanted
    ? users.find((u) => u.accountId.toLowerCase() === wanted || u.email.toLowerCase() === wanted)
    : (users.find((u) => u.permissions.includes('ADMINISTER')) ?? users[0]);
  return user ? { accountId: user.accountId, displayName: user.displayName, email: user.email } : undefined;
}

/** GET a Jira REST path as the person (Basic auth by e-mail, as the emulator accepts). */
async function jiraGet(targets: UiTargets, person: PagePerson, path: string): Promise<unknown> {
  const auth = `Basic ${Buffer.from(`${person.email}:sandbox-token`).toString('base64')}`;
  const response = await targets.jira.handle(
    new Request(`${targets.info().jira.baseUrl}${path}`, {
      headers: { authorization: auth, accept: 'application/json' },
    }),
  );
  return response.ok ? ((await response.json()) as unknown) : undefined;
}

const projectSchema = z.object({ id: z.string(), key: z.string(), projectTypeKey: z.string().optional() });
const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({ project: projectSchema, issuetype: z.object({ id: z.string(), name: z.string() }).optional() }),
});

type Extension = Record<string, unknown>;

async function extensionFor(
  kind: UiKind,
  targets: UiTargets,
  person: PagePerson,
  url: URL,
  issueKey: string,
): Promise<Extension | string> {
  const type = uiManifest().modules[kind].type;
  if (kind === 'settings') {
    const key = url.searchParams.get('project') ?? targets.info().jira.projectKey;
    if (!/^[A-Z][A-Z0-9_]{0,49}$/.test(key)) return `"${key}" is not a Jira project key.`;
    const project = projectSchema.safeParse(await jiraGet(targets, person, `/rest/api/3/project/${key}`));
    if (!project.success) return `${person.displayName} cannot see a Jira project ${key}.`;
    return {
      type,
      project: { id: project.data.id, key: project.data.key, type: project.data.projectTypeKey ?? 'software' },
    };
  }
  if (!/^[A-Z][A-Z0-9_]{0,49}-\d{1,10}$/.test(issueKey)) return `"${issueKey}" is not a Jira issue key.`;
  const issue = issueSchema.safeParse(
    await jiraGet(targets, person, `/rest/api/3/issue/${issueKey}?fields=project,issuetype`),
  );
  if (!issue.success) return `${person.displayName} cannot see a Jira issue ${issueKey}.`;
  const { project, issuetype } = issue.data.fields;
  return {
    type,
    issue: {
      id: issue.data.id,
      key: issue.data.key,
      ...(issuetype ? { type: issuetype.name, typeId: issuetype.id } : {}),
    },
    project: { id: project.id, key: project.key, type: project.projectTypeKey ?? 'software' },
  };
}

async function page(kind: UiKind, targets: UiTargets, url: URL, issueKey = ''): Promise<Response> {
  const info = targets.info();
  const manifest = uiManifest();
  const person = choosePerson(info, url.searchParams.get('as'));
  if (!person)
    return refusal(
      400,
      `Nobody called "${url.searchParams.get('as') ?? ''}" exists on the Jira site; use a seeded e-mail or accountId.`,
    );
  const locale = url.searchParams.get('locale') ?? String(manifest.i18nInfo.config.fallback.default);
  if (!manifest.locales.includes(locale))
    return refusal(400, `The app has no "${locale}" translation; choose one of ${manifest.locales.join(', ')}.`);
  const extension = await extensionFor(kind, targets, person, url, issueKey);
  if (typeof extension === 'string') return refusal(404, extension);
  const module = manifest.modules[kind];
  const context = {
    accountId: person.accountId,
    locale,
    timezone: 'UTC',
    siteUrl: info.jira.baseUrl,
    moduleKey: module.key,
    localId: `ari:cloud:ecosystem::extension/sandbox/${module.key}`,
    environmentType: 'DEVELOPMENT',
    extension,
  };
  const people = info.jira.users.map(({ accountId, displayName, email }) => ({ accountId, displayName, email }));
  const keep: Record<string, string> =
    kind === 'settings' ? { project: String((extension.project as { key: string }).key) } : {};
  return html(renderPage({ module, context, person, people, locales: manifest.locales, keep }));
}

const bundleSources = (): BundleSource[] => [
  RENDERER,
  ...Object.values(uiManifest().modules).map((m) => ({ name: m.resource.key, entry: m.resource.entry })),
];

async function asset(name: string): Promise<Response> {
  const match = /^([a-z0-9-]+)\.(js|css)$/.exec(name);
  const source = bundleSources().find((s) => s.name === match?.[1]);
  if (!match || !source) return json({ error: `no bundle ${name}` }, 404);
  const built: Bundle = await bundle(source, 'atlassian');
  const body = match[2] === 'js' ? built.js : (built.css ?? new Uint8Array());
  const type = match[2] === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
  return new Response(Buffer.from(body), {
    status: 200,
    headers: { 'content-type': type, 'cache-control': 'no-store' },
  });
}

function locales(file: string): Response {
  const manifest = uiManifest();
  if (file === 'i18n-info.json') return json(manifest.i18nInfo);
  const translation = manifest.translation(file.replace(/\.json$/, ''));
  return translation === undefined ? json({ error: `no translation ${file}` }, 404) : json(translation);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The /ui routes, or undefined when the path is not one of them. */
export function routeUi(request: Request, url: URL, targets: UiTargets): Promise<Response> | undefined {
  const path = url.pathname;
  if (!path.startsWith('/ui/')) return undefined;
  if (request.method.toUpperCase() !== 'GET')
    return Promise.resolve(json({ error: `the /ui pages answer GET only` }, 405));
  const translations = /\/__LOCALES__\/([A-Za-z0-9_.-]+\.json)$/.exec(path);
  if (translations?.[1]) return Promise.resolve(locales(translations[1]));
  if (path === '/ui/settings') return page('settings', targets, url);
  const issue = /^\/ui\/issue\/([^/]+)$/.exec(path);
  if (issue?.[1]) return page('issue', targets, url, safeDecode(issue[1]));
  const assetName = /^\/ui\/assets\/([^/]+)$/.exec(path);
  if (assetName?.[1]) return asset(assetName[1]);
  return Promise.resolve(json({ error: `nothing at ${path}` }, 404));
}

/** Build every /ui bundle in the background, so the first page a person opens does not wait for esbuild. */
export function warmUi(): void {
  for (const source of bundleSources())
    bundle(source, 'atlassian').catch((error: unknown) => console.error(`bundling ${source.name} failed:`, error));
}
