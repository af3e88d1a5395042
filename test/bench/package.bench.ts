/**
 * Deployment sizes (`npm run bench`): the function archive and each UI Kit resource as `forge deploy` would upload
 * them (packaged by test/support/forge-package, kept per content), against Forge's documented limits. Not run by jest.
 */
import { packagedApp } from '../support/forge-package/cache';
import { FORGE_LIMITS, sizeProblems } from '../support/forge-package/checks';

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

export function benchPackage(): void {
  const outcome = packagedApp();
  if (!outcome.ok) throw new Error(`packaging failed:\n${outcome.error}`);
  const { report } = outcome;
  console.log('\nDeployment sizes (as forge deploy packages the app)');
  console.log('part                    zip       unpacked  files  limit');
  const row = (name: string, zip: number, raw: number, files: number, limit: string) =>
    console.log(
      `${name.padEnd(22)}  ${kb(zip).padStart(8)}  ${kb(raw).padStart(8)}  ${String(files).padStart(5)}  ${limit}`,
    );
  row(
    'function (index.cjs)',
    report.function.archiveBytes,
    report.function.rawBytes,
    report.function.files,
    `${FORGE_LIMITS.functionArchiveBytes / 1024 / 1024} MB zip`,
  );
  for (const [key, part] of Object.entries(report.resources)) {
    row(
      `resource ${key}`,
      part.archiveBytes,
      part.rawBytes,
      part.files,
      `${FORGE_LIMITS.resourceBytes / 1024 / 1024} MB, ${FORGE_LIMITS.resourceFiles} files`,
    );
  }
  const problems = sizeProblems(report);
  console.log(problems.length === 0 ? 'within every limit' : `OVER: ${problems.join('; ')}`);
}
