// Type-aware lint: floating promises lose errors inside Forge invocations (a later, other-tenant invocation may
// resume them), so they are errors, as are unsafe `any` flows at the boundaries.
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const boundaries = JSON.parse(readFileSync(new URL('./.boundaries.json', import.meta.url), 'utf8'));

/** A rule's forbidden paths and their exceptions; `onlySurface` forbids every product path but the local surface. */
function targetsOf(rule) {
  if (!rule.onlySurface) return { forbid: rule.forbid ?? [], except: rule.except ?? [] };
  const surface = Object.keys(boundaries.localSurface);
  const within = (p, dir) => p === dir || p.startsWith(`${dir}/`);
  return {
    forbid: boundaries.product.filter((p) => !surface.some((s) => within(p, s))),
    except: surface.filter((s) => boundaries.product.some((p) => p !== s && within(s, p))),
  };
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const withoutExtension = (p) => p.replace(/\.tsx?$/, '');
const segments = (p) => p.split('/');

/**
 * no-restricted-imports sees the specifier as written, not the file it resolves to. So each folder gets one block
 * per depth below it, where a relative specifier reaching a forbidden path has exactly one spelling
 * (`../../adapters/…` from src/app/admin/*.ts): the check is exact without a resolver plugin. The architecture test
 * resolves every specifier and also sees require() and import(), which this rule does not.
 */
const MAX_DEPTH = 12;

/** The one spelling of `target` from a file `fromDepth` folders deep under `fromDir`, as an anchored regex. */
function specifierPattern(fromDir, fromDepth, target, excepts) {
  const from = segments(fromDir);
  const to = segments(withoutExtension(target));
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common += 1;
  const up = fromDepth - common;
  const prefix = up === 0 ? '\\./' : '\\.\\./'.repeat(up);
  const rest = escape(to.slice(common).join('/'));
  const inside = excepts
    .filter((e) => e.startsWith(`${target}/`))
    .map((e) => escape(withoutExtension(e.slice(target.length + 1))));
  const tail =
    target.endsWith('.ts') || target.endsWith('.tsx')
      ? '(?:\\.tsx?)?$'
      : inside.length === 0
        ? '(?:/|\\.tsx?$|$)'
        : `(?:/(?!(?:${inside.join('|')})(?:\\.tsx?)?$)|\\.tsx?$|$)`;
  return `^${prefix}${rest}${tail}`;
}

const covers = (from, path) => path === from || path.startsWith(`${from}/`);

/** Every rule for files under `fromPath`, its enclosing folders' included: a later block replaces an earlier one's options. */
function patternsFor(fromPath, fromDir, fromDepth) {
  return boundaries.rules
    .filter((rule) => rule.from.some((from) => covers(from, fromPath)))
    .flatMap((rule) => {
      const { forbid, except } = targetsOf(rule);
      const paths = forbid.map((target) => ({
        regex: specifierPattern(fromDir, fromDepth, target, except),
        message: rule.why,
      }));
      const packages = (rule.packages ?? []).map((name) => ({
        regex: name.endsWith('/') ? `^${escape(name)}` : `^${escape(name)}(?:/|$)`,
        message: rule.why,
      }));
      const io = rule.nodeIo
        ? [{ regex: `^(?:node:|(?:${boundaries.nodeIo.join('|')})(?:/|$))`, message: rule.why }]
        : [];
      return [...paths, ...packages, ...io];
    })
    .map((pattern) => ({ ...pattern, caseSensitive: true }));
}

/** The boundaries of .boundaries.json as no-restricted-imports blocks, one per source folder and depth. */
function boundaryBlocks() {
  // Enclosing folders first, so a subfolder's blocks (which repeat their rules) come after and win.
  const froms = [...new Set(boundaries.rules.flatMap((rule) => rule.from))].sort(
    (a, b) => segments(a).length - segments(b).length,
  );
  return froms.flatMap((fromPath) => {
    if (/\.tsx?$/.test(fromPath)) {
      const dir = segments(fromPath).slice(0, -1).join('/');
      return [
        {
          files: [fromPath],
          rules: { 'no-restricted-imports': ['error', { patterns: patternsFor(fromPath, dir, segments(dir).length) }] },
        },
      ];
    }
    return Array.from({ length: MAX_DEPTH }, (_, extra) => ({
      files: [`${fromPath}/${'*/'.repeat(extra)}*.ts`, `${fromPath}/${'*/'.repeat(extra)}*.tsx`],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: patternsFor(fromPath, fromPath, segments(fromPath).length + extra) },
        ],
      },
    }));
  });
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...boundaryBlocks(),
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
