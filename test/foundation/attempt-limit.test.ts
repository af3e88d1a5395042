/**
 * Locks take a holder that is older than one job attempt to be gone (app/deps.ts), so on Forge that bound must be
 * the consumer function's real timeout: shorter, and a slow live holder is taken over; longer, and a killed one's
 * work waits needlessly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FORGE_SYNC_ATTEMPT_MS } from '../../src/app/deps';

interface Manifest {
  modules: {
    consumer: { key: string; queue: string; function: string }[];
    function: { key: string; timeoutSeconds?: number }[];
  };
}

const manifest = parse(fs.readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as Manifest;

describe('the attempt limit the app assumes on Forge', () => {
  it('is the timeout of the function that consumes sync jobs', () => {
    const consumer = manifest.modules.consumer.find((c) => c.queue === 'sync');
    const fn = manifest.modules.function.find((f) => f.key === consumer?.function);
    expect(fn?.timeoutSeconds).toBeDefined();
    expect(FORGE_SYNC_ATTEMPT_MS).toBe((fn?.timeoutSeconds ?? 0) * 1000);
  });
});
