/**
 * Browser bundles for the sandbox's /ui pages and the service's admin page, built once by esbuild on first request
 * (or at start-up) and kept: the renderer (bridge + Atlaskit drawing of the ForgeDoc) and each UI Kit resource of
 * src/frontend exactly as the manifest names it. Nothing here is part of the deployed app; Forge bundles
 * src/frontend by itself.
 *
 * Who builds chooses the UI Kit packages: the Forge sandbox, the Forge app's own development loop, bundles
 * Atlassian's @forge/react and @forge/bridge; the self-hosted service ships to its browsers its own small
 * equivalents (./browser/forge-shim), since Atlassian licenses those packages only under its Developer Terms.
 */
import * as path from 'node:path';
import { build, type BuildResult } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');

/** `atlassian`: the pages import the real UI Kit packages; `own`: the same imports resolve to the service's shims. */
export type UiKitPackages = 'atlassian' | 'own';

const SHIM = path.join(ROOT, 'src/service/ui/browser/forge-shim');
const OWN_ALIASES = { '@forge/react': path.join(SHIM, 'react.ts'), '@forge/bridge': path.join(SHIM, 'bridge.ts') };

/** The renderer's own entry; every other bundle is a manifest resource, named by its key. */
export const RENDERER = { name: 'renderer', entry: path.join(ROOT, 'src/service/ui/browser/main.tsx') };

export interface BundleSource {
  name: string;
  /** Absolute path of the entry file. */
  entry: string;
}

export interface Bundle {
  js: Uint8Array;
  css: Uint8Array | undefined;
  /** Every file the bundle holds, relative to the repository (esbuild's metafile), so a test can see what ships. */
  inputs: string[];
}

const cache = new Map<string, Promise<Bundle>>();

async function buildOne({ name, entry }: BundleSource, packages: UiKitPackages): Promise<Bundle> {
  const result: BuildResult<{ write: false; outdir: string; metafile: true }> = await build({
    entryPoints: { [name]: entry },
    absWorkingDir: ROOT,
    metafile: true,
    ...(packages === 'own' ? { alias: OWN_ALIASES } : {}),
    bundle: true,
    write: false,
    outdir: '/ui-bundle',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js) throw new Error(`esbuild produced no JavaScript for ${name}`);
  return { js: js.contents, css: css?.contents, inputs: Object.keys(result.metafile.inputs) };
}

/** The bundle, built on first use; a failed build is forgotten so the next request tries again. */
export function bundle(source: BundleSource, packages: UiKitPackages): Promise<Bundle> {
  const key = `${packages}:${source.name}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = buildOne(source, packages);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

export { ROOT };
