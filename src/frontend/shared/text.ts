/**
 * UI text through Forge i18n (manifest.yml `translations`), with the English file as the fallback while the
 * translations load or when a key is missing, so a page never shows a raw key.
 */
import { useTranslation } from '@forge/react';
import english from '../i18n/en-US.json';

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

export type Translate = (key: string) => string;

export function useText(): Translate {
  const { t } = useTranslation();
  return (key) => t(key, lookup(english, key) ?? key);
}
