/**
 * The import boundaries of .boundaries.json (design.md §4), checked on resolved paths: every import, export-from,
 * require() and import() of a file is resolved against the file's folder and held against each rule that applies to
 * it. ESLint checks the same rules as specifiers are typed (eslint.config.mjs); this checker also sees what
 * no-restricted-imports cannot (require, import(), and what the service reaches through other modules).
 */
import * as path from 'node:path';
import boundaries from '../../.boundaries.json';
import { importsOf } from './source-imports';

export interface SourceFile {
  /** Repository-relative path, e.g. src/core/sync/plan.ts */
  path: string;
  text: string;
}

export interface Violation {
  specifier: string;
  /** The rule's reason, as .boundaries.json words it. */
  why: string;
}

interface Rule {
  from: string[];
  forbid?: string[];
  except?: string[];
  packages?: string[];
  nodeIo?: boolean;
  onlySurface?: boolean;
  why: string;
}

const RULES: Rule[] = boundaries.rules;
export const LOCAL_SURFACE = Object.keys(boundaries.localSurface);
const withoutExtension = (p: string): string => p.replace(/\.tsx?$/, '');
const within = (p: string, dir: string): boolean => {
  const [a, b] = [withoutExtension(p), withoutExtension(dir)];
  return a === b || a.startsWith(`${b}/`);
};

/** A rule's forbidden paths and their exceptions; `onlySurface` forbids every product path but the local surface. */
export function targetsOf(rule: Rule): { forbid: string[]; except: string[] } {
  if (!rule.onlySurface) return { forbid: rule.forbid ?? [], except: rule.except ?? [] };
  return {
    forbid: boundaries.product.filter((p) => !LOCAL_SURFACE.some((s) => within(p, s))),
    except: LOCAL_SURFACE.filter((s) => boundaries.product.some((p) => p !== s && within(s, p))),
  };
}

const appliesTo = (rule: Rule, file: string): boolean => rule.from.some((from) => within(file, from));

function breaks(rule: Rule, file: string, specifier: string): boolean {
  const isPackage = (name: string): boolean =>
    name.endsWith('/') ? specifier.startsWith(name) : specifier === name || specifier.startsWith(`${name}/`);
  if (rule.packages?.some(isPackage)) return true;
  if (rule.nodeIo) {
    const bare = specifier.replace(/^node:/, '').split('/')[0] ?? '';
    if (specifier.startsWith('node:') || boundaries.nodeIo.includes(bare)) return true;
  }
  if (!specifier.startsWith('.')) return false;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  const { forbid, except } = targetsOf(rule);
  return forbid.some((f) => within(target, f)) && !except.some((e) => within(target, e));
}

/** Every import of `file` that crosses a boundary, with the reason of the rule it breaks. */
export function boundaryViolations(file: SourceFile): Violation[] {
  const rules = RULES.filter((rule) => appliesTo(rule, file.path));
  return importsOf(file.path, file.text).flatMap((specifier) => {
    const broken = rules.find((rule) => breaks(rule, file.path, specifier));
    return broken ? [{ specifier, why: broken.why }] : [];
  });
}

/** The pure core's check alone, as the specifiers it refuses. */
export function forbiddenCoreImports(file: SourceFile): string[] {
  return boundaryViolations(file).map((v) => v.specifier);
}

/**
 * Import chains from `starts` to a module that imports `@forge/*` or lies in src/adapters/forge or src/local,
 * through any number of modules in between: the service must run where no Forge package is installed.
 * `graph` maps repository-relative files to the repository-relative files they import; `forgeImports` says whether
 * a file itself imports a Forge package.
 */
export function chainsToForge(
  graph: Map<string, string[]>,
  starts: string[],
  forgeImports: (file: string) => boolean,
): string[][] {
  const forbidden = (file: string): boolean =>
    forgeImports(file) || within(file, 'src/adapters/forge') || within(file, 'src/local');
  const found: string[][] = [];
  const seen = new Set<string>();
  const queue: string[][] = starts.map((s) => [s]);
  while (queue.length > 0) {
    const chain = queue.shift() ?? [];
    const file = chain[chain.length - 1];
    if (file === undefined || seen.has(file)) continue;
    seen.add(file);
    if (forbidden(file)) {
      found.push(chain);
      continue;
    }
    for (const next of graph.get(file) ?? []) if (!seen.has(next)) queue.push([...chain, next]);
  }
  return found;
}
