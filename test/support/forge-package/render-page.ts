/**
 * Renders a built UI Kit bundle the way the product frontend runs it, offline, and prints the text it shows:
 *
 *   tsx test/support/forge-package/render-page.ts <resourceDir> <entry.js>   → JSON { texts, rejections }
 *
 * The bundle runs in a fresh VM context whose `self.__bridge.callBridge` records each `reconcile` (the rendered
 * forgeDoc, as @forge/react's own tests read it), answers `getContext` with an en-US context and refuses every
 * resolver `invoke` (so each page shows its error state). `fetch` fails, so @forge/react's translations never load:
 * what the page shows is then exactly its built-in fallback, the case where a broken fallback shows raw keys.
 * Its own process, because the bundle's failed translation load is an unhandled rejection, as in a browser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

interface ForgeNode {
  type: string;
  props?: Record<string, unknown>;
  children?: ForgeNode[];
}

const [dir = '', entry = ''] = process.argv.slice(2);
const docs: ForgeNode[] = [];
const rejections: string[] = [];
process.on('unhandledRejection', (e) => rejections.push(e instanceof Error ? e.message : String(e)));

const context: Record<string, unknown> = {
  console,
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  queueMicrotask,
  URL,
  URLSearchParams,
  TextEncoder,
  TextDecoder,
  MessageChannel,
  AbortController,
  structuredClone,
  performance,
  Blob,
  Request,
  Response,
  Headers,
  FormData,
  crypto: globalThis.crypto,
  fetch: () => Promise.reject(new Error('offline')),
  // webpack's `publicPath: 'auto'` reads the script's own URL from `location` in a worker-like global
  location: new URL(`https://forge.invalid/${entry}`),
  __bridge: {
    callBridge: (cmd: string, data: { forgeDoc?: ForgeNode } | undefined): Promise<unknown> => {
      if (cmd === 'reconcile' && data?.forgeDoc) docs.push(data.forgeDoc);
      if (cmd === 'getContext') return Promise.resolve({ locale: 'en-US', extension: {} });
      if (cmd === 'invoke') return Promise.reject(new Error('no resolver offline'));
      return Promise.resolve(undefined);
    },
  },
};
context.self = context;
context.importScripts = (...urls: string[]) => {
  for (const url of urls)
    vm.runInContext(fs.readFileSync(path.join(dir, path.basename(new URL(url).pathname)), 'utf8'), context);
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(dir, entry), 'utf8'), context, { filename: entry });

function texts(node: ForgeNode | undefined): string[] {
  if (!node) return [];
  const own = node.type === 'String' && typeof node.props?.text === 'string' ? [node.props.text] : [];
  return [...own, ...(node.children ?? []).flatMap(texts)];
}

/** Done when no new render came for a while (effects, refused invokes and their re-renders have run). */
let seen = -1;
const poll = setInterval(() => {
  if (docs.length > 0 && docs.length === seen) {
    clearInterval(poll);
    process.stdout.write(`${JSON.stringify({ texts: texts(docs.at(-1)), rejections })}\n`);
    process.exit(0);
  }
  seen = docs.length;
}, 400);
setTimeout(() => {
  process.stderr.write(`${entry} rendered nothing within 30 s\n`);
  process.exit(1);
}, 30_000).unref();
