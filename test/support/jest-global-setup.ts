/** Jest globalSetup: a per-run directory where each scenario file leaves the Jira operations it saw called. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OPERATIONS_DIR_ENV } from './jira-operations';

export default function globalSetup(): void {
  // Set here, in jest's parent process, so every worker inherits it.
  process.env[OPERATIONS_DIR_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-operations-'));
}
