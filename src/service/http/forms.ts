/** The HTML of the setup and sign-in pages: plain forms, no script, every text escaped. */
import { word, type Locale, type Word } from './words';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export { escapeHtml };

export function shell(locale: Locale, heading: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(heading)} — ${escapeHtml(word(locale, 'title'))}</title>
  <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem;margin-top:.25rem}button{margin-top:1rem;padding:.5rem 1rem}[role=alert]{color:#ae2a19}</style>
</head>
<body>
  <main>
    <h1>${escapeHtml(heading)}</h1>
    ${body}
  </main>
</body>
</html>`;
}

const alert = (text: string | undefined): string => (text ? `<p role="alert">${escapeHtml(text)}</p>` : '');
const field = (locale: Locale, label: Word, name: string, type: string, autocomplete: string, value = ''): string =>
  `<label>${escapeHtml(word(locale, label))}<input name="${name}" type="${type}" autocomplete="${autocomplete}" required value="${escapeHtml(value)}"></label>`;

export function setupForm(locale: Locale, problem?: string, username = ''): string {
  return shell(
    locale,
    word(locale, 'setupHeading'),
    `<p>${escapeHtml(word(locale, 'setupIntro'))}</p>${alert(problem)}
    <form method="post" action="/setup">
      ${field(locale, 'setupCode', 'code', 'text', 'off')}
      ${field(locale, 'username', 'username', 'text', 'username', username)}
      ${field(locale, 'password', 'password', 'password', 'new-password')}
      ${field(locale, 'passwordAgain', 'password2', 'password', 'new-password')}
      <button type="submit">${escapeHtml(word(locale, 'create'))}</button>
    </form>`,
  );
}

export function signInForm(locale: Locale, problem?: string, username = ''): string {
  return shell(
    locale,
    word(locale, 'signInHeading'),
    `${alert(problem)}
    <form method="post" action="/login">
      ${field(locale, 'username', 'username', 'text', 'username', username)}
      ${field(locale, 'password', 'password', 'password', 'current-password')}
      <button type="submit">${escapeHtml(word(locale, 'signIn'))}</button>
    </form>`,
  );
}
