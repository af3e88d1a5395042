/**
 * PGlite's CommonJS build loads Node built-ins with `import("fs")` and the like. Jest runs CommonJS inside a vm
 * context that refuses dynamic import unless Node runs with --experimental-vm-modules (for every project), so
 * these calls become the `require` they stand for. Only string literals naming a module are rewritten. The
 * module's own `require` is captured first: the Emscripten code declares a local `var require` that shadows it.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const DYNAMIC_IMPORT = /\bimport\((["'][\w:/.@-]+["'])\)/g;
const SELF = readFileSync(__filename, 'utf8');

module.exports = {
  process(source) {
    const rewritten = source.replace(DYNAMIC_IMPORT, 'Promise.resolve().then(() => __moduleRequire($1))');
    return { code: `const __moduleRequire = require;${rewritten}` };
  },
  // Jest caches transformed files; the key must change when this rewrite does, not only when the source does.
  getCacheKey(source, path) {
    return createHash('sha256').update(SELF).update('\0').update(path).update('\0').update(source).digest('hex');
  },
};
