/** Serves the sandbox page's files from static/sandbox (only those, by exact name: no path walking). */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

const STATIC_DIR = path.resolve(__dirname, '../../../static/sandbox');
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/static/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/static/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/static/ui.css': { file: 'ui.css', type: 'text/css; charset=utf-8' },
};

export async function servePage(urlPath: string): Promise<Response> {
  const entry = FILES[urlPath];
  if (!entry) return new Response('not found', { status: 404 });
  const body = await readFile(path.join(STATIC_DIR, entry.file));
  return new Response(body, { status: 200, headers: { 'content-type': entry.type, 'cache-control': 'no-store' } });
}
