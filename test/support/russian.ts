/**
 * Reading what the pages say in each language without a browser: a Translate over the translation files (with its
 * locale, for plural forms), and the check that a Russian sentence has no English left in it once its data (names,
 * keys, ids, Jira's own texts the test itself put there) is taken out.
 */
import english from '../../src/frontend/i18n/en-US.json';
import russian from '../../src/frontend/i18n/ru-RU.json';
import type { Translate } from '../../src/frontend/shared/text';

type Tree = { [key: string]: string | Tree };

export function translator(locale: 'en-US' | 'ru-RU'): Translate {
  const tree = (locale === 'en-US' ? english : russian) as unknown as Tree;
  const t = (key: string): string => {
    const found = key
      .split('.')
      .reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
    return typeof found === 'string' ? found : key;
  };
  return Object.assign(t, { locale });
}

/**
 * Latin words the Russian page keeps as they are: the products' and protocols' own names and the identifiers an
 * administrator types or reads in Bitrix24 and Jira (UF_… fields, scopes, TASK_CONTROL).
 */
const NAMES = new Set([
  'Jira',
  'Bitrix24',
  'Forge',
  'REST',
  'URL',
  'OAuth',
  'UTC',
  'IANA',
  'TASK_CONTROL',
  'client_id',
  'client_secret',
  'member_id',
  'scope',
  'code',
  'https',
  'rest',
  'UF_JIRA_STATUS',
  'UF_',
]);

/**
 * The English words left in `text` once each `data` string (a value the test put into the world: a name, a key,
 * a title) is removed, along with addresses, ids, keys, IANA time zones and the names above. Empty for a fully Russian sentence.
 */
export function englishWords(text: string, data: readonly string[] = []): string[] {
  let rest = text;
  for (const value of [...data].filter((d) => d !== '').sort((a, b) => b.length - a.length))
    rest = rest.split(value).join(' ');
  rest = rest
    .replace(/https?:\/\/\S+|[\w.*-]+\.bitrix24\.[a-z.]+|\S+@\S+|(?<![\w.])\.[a-z]{2,6}\b/g, ' ')
    .replace(/\b(?:UF_\w+|customfield_\d+|[A-Z][A-Z0-9_]+-\d+|\d+:[\w-]+|[A-Z][a-z]+\/[A-Z][A-Za-z_]+)\b/g, ' ');
  return (rest.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter(
    (w) => !NAMES.has(w) && !/\d/.test(w.replace(/^Bitrix24$/, '')),
  );
}
