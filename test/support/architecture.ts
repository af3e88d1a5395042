/**
 * The dependency rule of design.md §4: src/core is pure. It may not reach Forge, the adapters, the entry points,
 * the local platform, or Node I/O.
 */
import * as path from 'node:path';
import { importsOf } from './source-imports';

const NODE_IO = ['fs', 'http', 'https', 'net', 'child_process', 'dgram', 'tls', 'worker_threads', 'cluster'];
const FORBIDDEN_DIRS = ['src/adapters', 'src/entry', 'src/local', 'src/frontend'];

export interface SourceFile {
  /** Repository-relative path, e.g. src/core/sync/plan.ts */
  path: string;
  text: string;
}

export function forbiddenCoreImports(file: SourceFile): string[] {
  return importsOf(file.path, file.text).filter((specifier) => {
    if (specifier.startsWith('@forge/')) return true;
    const bare = specifier.replace(/^node:/, '').split('/')[0] ?? '';
    if (specifier.startsWith('node:') || NODE_IO.includes(bare)) return true;
    if (!specifier.startsWith('.')) return false;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
    return FORBIDDEN_DIRS.some((dir) => target === dir || target.startsWith(`${dir}/`));
  });
}
