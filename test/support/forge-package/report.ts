/** What packaging produced, as the packaging build writes it to report.json and the tests and bench read it. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PackagedPart {
  /** Size of the zip `forge deploy` would upload. */
  archiveBytes: number;
  /** Size of the unpacked bundle and its file count (the limits are stated on these). */
  rawBytes: number;
  files: number;
}

export interface PackageReport {
  /** `exports` are the names the function bundle exports when Node loads it. */
  function: PackagedPart & { exports: string[] };
  resources: Record<string, PackagedPart>;
}

export function describeDirectory(dir: string): { rawBytes: number; files: number } {
  let rawBytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    rawBytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { rawBytes, files };
}
