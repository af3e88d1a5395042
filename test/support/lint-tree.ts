/**
 * Lints a folder with the repository's ESLint config through ESLint's Node API and prints the messages as JSON.
 * Run as its own process (`tsx test/support/lint-tree.ts <dir> <pattern>`): ESLint loads its config with import(),
 * which jest's module runtime refuses without --experimental-vm-modules.
 */
import * as path from 'node:path';
import { ESLint } from 'eslint';

export interface LintedFile {
  /** Relative to the linted folder, with forward slashes. */
  file: string;
  messages: { ruleId: string | null; message: string }[];
}

async function main(): Promise<void> {
  const [dir, pattern = '.'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: lint-tree.ts <dir> [pattern]');
  const root = path.resolve(__dirname, '../..');
  // Patterns of the config's `files` are relative to cwd when the config file is given: the folder stands in for the root.
  const eslint = new ESLint({ cwd: path.resolve(dir), overrideConfigFile: path.join(root, 'eslint.config.mjs') });
  const results = await eslint.lintFiles([pattern]);
  const linted: LintedFile[] = results.map((r) => ({
    file: path.relative(path.resolve(dir), r.filePath).split(path.sep).join('/'),
    messages: r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })),
  }));
  process.stdout.write(JSON.stringify(linted));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
