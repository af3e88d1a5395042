/**
 * The HTML of a /ui page: a sandbox bar (person and language switchers, the way back) above the Forge module's
 * frame. The view context travels as JSON in a non-executed script tag, read by the renderer before the app's
 * bundle loads, so @forge/bridge finds `window.__bridge` at import time as it does inside Jira.
 */
import type { UiModule } from '../../../service/ui/manifest';

export interface PagePerson {
  accountId: string;
  displayName: string;
  email: string;
}

export interface PageModel {
  module: UiModule;
  /** What `view.getContext()` answers inside the frame. */
  context: Record<string, unknown>;
  person: PagePerson;
  people: PagePerson[];
  locales: string[];
  /** Query parameters that keep the page (project or nothing), besides `as` and `locale`. */
  keep: Record<string, string>;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** JSON safe inside a <script> element: no "</script>" or "<!--" can close it early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderPage(model: PageModel): string {
  const { module, person, people, locales, keep, context } = model;
  const locale = String(context.locale);
  const heading =
    module.kind === 'settings'
      ? `Project settings → ${module.title}`
      : `Issue ${String((context.extension as { issue?: { key?: string } }).issue?.key)} → ${module.title}`;
  const option = (value: string, label: string, selected: boolean): string =>
    `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const hidden = Object.entries(keep)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const boot = {
    module: { kind: module.kind, key: module.key, resolverFunction: module.resolverFunction },
    context,
    person,
    bundle: module.resource.key,
  };
  return `<!doctype html>
<html lang="${escapeHtml(locale.slice(0, 2))}">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(heading)} — Bitrix24 Sync sandbox</title>
  <link rel="stylesheet" href="/ui/assets/renderer.css">
  <link rel="stylesheet" href="/static/ui.css">
</head>
<body>
  <header class="sandbox-bar" aria-label="Sandbox">
    <a href="/">← Sandbox</a>
    <form method="get" class="switcher">
      ${hidden}
      <label>Person <select name="as">${people.map((p) => option(p.email, `${p.displayName} <${p.email}>`, p.accountId === person.accountId)).join('')}</select></label>
      <label>Language <select name="locale">${locales.map((l) => option(l, l, l === locale)).join('')}</select></label>
      <button type="submit">Open</button>
    </form>
  </header>
  <main class="forge-frame">
    <h1 class="module-title">${escapeHtml(heading)}</h1>
    <div id="forge-root" data-state="loading"><p>Loading the app…</p></div>
  </main>
  <script id="forge-boot" type="application/json">${scriptJson(boot)}</script>
  <script src="/ui/assets/renderer.js"></script>
  <script src="/ui/assets/${escapeHtml(module.resource.key)}.js"></script>
</body>
</html>`;
}
