/**
 * Browser bundles for the sandbox's /ui pages, built once by esbuild on first request (or at start-up) and kept:
 * the renderer (bridge + Atlaskit drawing of the ForgeDoc) and each UI Kit resource of src/frontend exactly as
 * the manifest names it. Nothing here is part of the deployed app; Forge bundles src/frontend by itself.
 */
import * as path from 'node:path';
import { build, type BuildResult } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');

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
}

const cache = new Map<string, Promise<Bundle>>();

async function buildOne({ name, entry }: BundleSource): Promise<Bundle> {
  const result: BuildResult<{ write: false; outdir: string }> = await build({
    entryPoints: { [name]: entry },
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
  return { js: js.contents, css: css?.contents };
}

/** The bundle, built on first use; a failed build is forgotten so the next request tries again. */
export function bundle(source: BundleSource): Promise<Bundle> {
  let pending = cache.get(source.name);
  if (!pending) {
    pending = buildOne(source);
    pending.catch(() => cache.delete(source.name));
    cache.set(source.name, pending);
  }
  return pending;
}

export { ROOT };
