/**
 * The translations of manifest.yml as UI Kit resolves them in the browser: `./__LOCALES__/i18n-info.json` names the
 * locales and their fallbacks, each locale's file sits beside it, and a key is looked up first as written, then as a
 * dotted path, in the locale, its fallbacks and the default locale, in that order.
 */
export type Translate = (key: string, defaultValue?: string) => string;

interface I18nConfig {
  locales: string[];
  fallback: { default: string } & Record<string, unknown>;
}

type Tree = { [key: string]: unknown };

async function fetchJson(file: string): Promise<unknown> {
  const response = await fetch(`./__LOCALES__/${file}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`Failed to get the translations ${file}: ${response.status}`);
  return response.json();
}

function configOf(info: unknown): I18nConfig {
  const config = (info as { config?: Partial<I18nConfig> } | null)?.config;
  if (!Array.isArray(config?.locales) || typeof config.fallback?.default !== 'string')
    throw new Error('i18n-info.json names no locales or no default locale');
  return config as I18nConfig;
}

/** The locale as written when the manifest has it, else the manifest's locale of the same language. */
function knownLocale(raw: string, locales: string[]): string {
  const locale = raw.replace('_', '-');
  if (locales.includes(locale)) return locale;
  const language = locale.split('-')[0]?.toLowerCase();
  return locales.find((l) => l.split('-')[0]?.toLowerCase() === language) ?? locale;
}

export function lookupOrder(locale: string, config: I18nConfig): string[] {
  const order = [locale];
  const fallbacks = config.fallback[locale];
  if (Array.isArray(fallbacks)) order.push(...fallbacks.filter((l): l is string => typeof l === 'string'));
  order.push(config.fallback.default);
  return [...new Set(order)].filter((l) => config.locales.includes(l));
}

export function valueOf(tree: Tree, key: string): string | null {
  const flat = tree[key];
  if (typeof flat === 'string') return flat;
  let node: unknown = tree;
  for (const part of key.split('.'))
    node = typeof node === 'object' && node !== null ? (node as Tree)[part] : undefined;
  return typeof node === 'string' ? node : null;
}

export async function createTranslationFunction(rawLocale: string): Promise<{ t: Translate; locale: string }> {
  const config = configOf(await fetchJson('i18n-info.json'));
  const locale = knownLocale(rawLocale, config.locales);
  const trees = await Promise.all(lookupOrder(locale, config).map(async (l) => (await fetchJson(`${l}.json`)) as Tree));
  const t: Translate = (key, defaultValue) => {
    for (const tree of trees) {
      const value = valueOf(tree, key);
      if (value !== null) return value;
    }
    return defaultValue ?? key;
  };
  return { t, locale };
}
