/**
 * What the /ui pages need from manifest.yml: each UI module's resource, resolver function and title, and the
 * translations (as Forge's i18n-info.json and one file per locale, which @forge/bridge fetches from
 * `./__LOCALES__/` beside the page).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ROOT } from './bundle';

export type UiKind = 'settings' | 'issue';

export interface UiModule {
  kind: UiKind;
  /** The manifest module type, which is also the extension context's `type`. */
  type: 'jira:projectSettingsPage' | 'jira:issueContext';
  key: string;
  title: string;
  resource: { key: string; entry: string };
  resolverFunction: string;
}

const moduleSchema = z.object({
  key: z.string(),
  resource: z.string(),
  title: z.string(),
  resolver: z.object({ function: z.string() }),
});
const manifestSchema = z.object({
  modules: z.object({
    'jira:projectSettingsPage': z.array(moduleSchema).min(1),
    'jira:issueContext': z.array(moduleSchema).min(1),
  }),
  resources: z.array(z.object({ key: z.string(), path: z.string() })),
  translations: z.object({
    resources: z.array(z.object({ key: z.string(), path: z.string() })).min(1),
    fallback: z.object({ default: z.string() }).catchall(z.array(z.string())),
  }),
});

export interface UiManifest {
  modules: Record<UiKind, UiModule>;
  locales: string[];
  i18nInfo: { translations: Record<string, never>; config: { locales: string[]; fallback: Record<string, unknown> } };
  translation(locale: string): unknown;
}

let loaded: UiManifest | undefined;

export function uiManifest(): UiManifest {
  if (loaded) return loaded;
  const manifest = manifestSchema.parse(parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')));
  const module = (kind: UiKind, type: UiModule['type']): UiModule => {
    const declared = manifest.modules[type][0];
    const resource = manifest.resources.find((r) => r.key === declared?.resource);
    if (!declared || !resource) throw new Error(`manifest.yml: ${type} has no resource`);
    const entry = { key: resource.key, entry: path.join(ROOT, resource.path) };
    return {
      kind,
      type,
      key: declared.key,
      title: declared.title,
      resource: entry,
      resolverFunction: declared.resolver.function,
    };
  };
  const files = new Map(manifest.translations.resources.map((r) => [r.key, path.join(ROOT, r.path)]));
  const translations = new Map<string, unknown>();
  loaded = {
    modules: { settings: module('settings', 'jira:projectSettingsPage'), issue: module('issue', 'jira:issueContext') },
    locales: [...files.keys()],
    i18nInfo: { translations: {}, config: { locales: [...files.keys()], fallback: manifest.translations.fallback } },
    translation(locale) {
      const file = files.get(locale);
      if (!file) return undefined;
      if (!translations.has(locale)) translations.set(locale, JSON.parse(readFileSync(file, 'utf8')) as unknown);
      return translations.get(locale);
    },
  };
  return loaded;
}
