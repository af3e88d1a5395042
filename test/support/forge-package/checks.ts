/**
 * Checks of a packaged app that the platform makes after `forge deploy` uploads it (or that fail at run time),
 * made offline on what test/support/forge-package/build.ts produced.
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { BridgeScriptService, IframeResizerScriptService } from '@forge/cli-shared';
import type { PackageReport } from './report';

/**
 * Forge's documented limits for UI Kit / Custom UI resource bundles
 * (https://developer.atlassian.com/platform/forge/limits-resource/): per resource 5,000 files and 100 MB, at most
 * 50 resources, and across all resources 25,000 files and 1 GB. Atlassian documents no separate figure for the
 * function archive; it is held to the per-resource 100 MB as well (see README, "Deploying").
 */
export const FORGE_LIMITS = {
  resourceFiles: 5000,
  resourceBytes: 100 * 1024 * 1024,
  resources: 50,
  totalResourceFiles: 25000,
  totalResourceBytes: 1024 * 1024 * 1024,
  functionArchiveBytes: 100 * 1024 * 1024,
} as const;

export function sizeProblems(report: PackageReport, limits = FORGE_LIMITS): string[] {
  const problems: string[] = [];
  const resources = Object.entries(report.resources);
  if (resources.length > limits.resources) problems.push(`${resources.length} resources, limit ${limits.resources}`);
  for (const [key, part] of resources) {
    if (part.files > limits.resourceFiles)
      problems.push(`resource ${key}: ${part.files} files, limit ${limits.resourceFiles}`);
    if (part.rawBytes > limits.resourceBytes)
      problems.push(`resource ${key}: ${part.rawBytes} bytes, limit ${limits.resourceBytes}`);
  }
  const files = resources.reduce((n, [, part]) => n + part.files, 0);
  const bytes = resources.reduce((n, [, part]) => n + part.rawBytes, 0);
  if (files > limits.totalResourceFiles)
    problems.push(`resources: ${files} files in all, limit ${limits.totalResourceFiles}`);
  if (bytes > limits.totalResourceBytes)
    problems.push(`resources: ${bytes} bytes in all, limit ${limits.totalResourceBytes}`);
  if (report.function.archiveBytes > limits.functionArchiveBytes) {
    problems.push(`function archive: ${report.function.archiveBytes} bytes, limit ${limits.functionArchiveBytes}`);
  }
  return problems;
}

/** `handler: index.onSyncJob` needs `onSyncJob` among the function bundle's exports. */
export function missingHandlers(handlers: string[], bundleExports: string[]): string[] {
  return handlers
    .filter((handler) => !bundleExports.includes(handler.split('.')[1] ?? ''))
    .map((handler) => `${handler} is not exported by the function bundle`);
}

/** Modules the function bundle leaves to `require` at run time: only Node built-ins may be left. */
export function requiredModules(bundleSource: string): string[] {
  return [...new Set([...bundleSource.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))].sort();
}

/**
 * The test runs on the project's Node (>= 20); nodejs22.x provides every built-in Node 20 and 22 have in common,
 * and no built-in was removed between them, so a module missing from this Node's list is missing there too.
 */
export function nonBuiltinRequires(bundleSource: string, builtins: readonly string[] = builtinModules): string[] {
  const known = new Set(builtins);
  return requiredModules(bundleSource).filter((name) => !known.has(name.replace(/^node:/, '')));
}

/**
 * The resource packager (@forge/cli ResourcePackagingService.processFile) injects Forge's bridge and iframe resizer
 * into each index.html with these two services and refuses the upload ("Invalid index.html file for <key>") when
 * there is no `<html>` element. They are called here exactly as it calls them.
 */
export function htmlProblems(resourceKey: string, indexHtml: Buffer): string[] {
  const problems: string[] = [];
  const refuse = (by: string) => () => {
    problems.push(`${resourceKey}: index.html has no <html> root (${by})`);
  };
  const afterResizer = new IframeResizerScriptService('prod').injectIframeResizer(indexHtml, refuse('iframe resizer'));
  new BridgeScriptService('prod').injectBridgeCore(afterResizer, refuse('bridge'));
  return problems;
}

/** A JSON import of a translations file that the UI bundler turned into an asset lands in __LOCALES__/. */
export function rewrittenTranslationImports(resourceDir: string): string[] {
  const locales = path.join(resourceDir, '__LOCALES__');
  return fs.existsSync(locales) ? fs.readdirSync(locales).map((f) => `__LOCALES__/${f}`) : [];
}
