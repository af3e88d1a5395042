/**
 * UI text through Forge i18n (manifest.yml `translations`), with English as the fallback while the translations
 * load or when a key is missing, so a page never shows a raw key. The fallback is a generated module, not an import
 * of en-US.json: Forge's UI bundler turns such an import into an asset URL (see ../i18n/fallback.en-US.ts).
 */
import { useTranslation } from '@forge/react';
import { englishFallback } from '../i18n/fallback.en-US';
import type { TextTree } from '../i18n/text-tree';

function lookup(tree: TextTree, key: string): string | undefined {
  let node: string | TextTree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** `locale` picks plural forms (Intl.PluralRules); English until the translations have loaded. */
export type Translate = ((key: string) => string) & { locale?: string };

export function useText(): Translate {
  const i18n = useTranslation();
  const translate = (key: string): string => i18n.t(key, lookup(englishFallback, key) ?? key);
  return Object.assign(translate, { locale: i18n.ready ? i18n.locale : 'en-US' });
}
