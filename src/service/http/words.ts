/**
 * The words of the service's own pages (setup, sign-in), in English and Russian; everything after sign-in is the
 * app's settings page with its own translations. The language follows the browser's Accept-Language.
 */
export type Locale = 'en' | 'ru';

const EN = {
  title: 'Bitrix24 Sync for Jira',
  setupHeading: 'Create the administrator account',
  setupIntro: 'This service has no administrator yet. The setup code is in the service log, on the line "setup code".',
  setupCode: 'Setup code',
  username: 'User name',
  password: 'Password',
  passwordAgain: 'Password again',
  create: 'Create the account',
  signInHeading: 'Sign in',
  signIn: 'Sign in',
  signOut: 'Sign out',
  wrongSignIn: 'The user name or the password is wrong.',
  throttled: 'Too many failed sign-ins. Try again in {minutes} min.',
  setupDone: 'The administrator account exists already: sign in.',
  wrongSetupCode: 'The setup code is wrong. Copy it from the service log.',
  passwordShort: 'The password needs at least 12 characters.',
  passwordLong: 'The password may have at most 1024 characters.',
  passwordsDiffer: 'The two passwords differ.',
  usernameInvalid: 'The user name may have letters, digits and . _ @ - only, at most 100.',
  badOrigin: 'This form was sent from another site; open the page again and send it from there.',
  project: 'Jira project key',
  open: 'Open the settings',
  adminHeading: 'Sync settings',
  jiraMissingHeading: 'Jira is not connected',
  jiraMissing:
    "Set the connection in the service's environment or its config file, then restart the service: with an API token, {token}; or with an OAuth 2.0 app, {oauth}. See {readme}. Until then the tabs that read Jira cannot load.",
} as const;

export type Word = keyof typeof EN;

const RU: Record<Word, string> = {
  title: 'Bitrix24 Sync for Jira',
  setupHeading: 'Создайте учётную запись администратора',
  setupIntro: 'У этого сервиса ещё нет администратора. Код настройки есть в журнале сервиса, в строке «setup code».',
  setupCode: 'Код настройки',
  username: 'Имя пользователя',
  password: 'Пароль',
  passwordAgain: 'Пароль ещё раз',
  create: 'Создать учётную запись',
  signInHeading: 'Вход',
  signIn: 'Войти',
  signOut: 'Выйти',
  wrongSignIn: 'Неверное имя пользователя или пароль.',
  throttled: 'Слишком много неудачных попыток входа. Попробуйте снова через {minutes} мин.',
  setupDone: 'Учётная запись администратора уже есть: войдите.',
  wrongSetupCode: 'Неверный код настройки. Скопируйте его из журнала сервиса.',
  passwordShort: 'Пароль должен быть не короче 12 символов.',
  passwordLong: 'Пароль может быть не длиннее 1024 символов.',
  passwordsDiffer: 'Пароли не совпадают.',
  usernameInvalid: 'Имя пользователя может содержать только буквы, цифры и . _ @ -, не длиннее 100 символов.',
  badOrigin: 'Форма отправлена с другого сайта; откройте страницу заново и отправьте форму с неё.',
  project: 'Ключ проекта Jira',
  open: 'Открыть настройки',
  adminHeading: 'Настройки синхронизации',
  jiraMissingHeading: 'Jira не подключена',
  jiraMissing:
    'Задайте подключение в окружении сервиса или в его файле конфигурации и перезапустите сервис: с токеном доступа — {token}; или с приложением OAuth 2.0 — {oauth}. Подробнее: {readme}. До тех пор вкладки, которым нужна Jira, не загрузятся.',
};

export const WORDS: Record<Locale, Record<Word, string>> = { en: EN, ru: RU };

/** The first of the browser's languages the pages speak; English otherwise. */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.trim().split(';')[0]?.toLowerCase().slice(0, 2))
    .find((tag): tag is Locale => tag === 'en' || tag === 'ru');
  return wanted ?? 'en';
}

export function word(locale: Locale, key: Word, params: Record<string, string | number> = {}): string {
  return WORDS[locale][key].replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}
