/**
 * The code the first-start setup form asks for, one per install rather than per process: behind a load balancer
 * the form may reach another instance than the one whose log the admin read. It sits in the key-value store in
 * the clear, which gives nothing away: whoever can read the database can already write an admin account into it.
 * Once an admin exists the setup form is refused, whatever the code.
 */
import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../../ports/store';

const KEY = 'service:setup-code';

export async function sharedSetupCode(kv: KeyValueStore): Promise<string> {
  const fresh = randomBytes(9).toString('base64url');
  if (await kv.setIfAbsent(KEY, fresh)) return fresh;
  const stored = await kv.get(KEY);
  if (typeof stored === 'string' && stored.length >= 12) return stored;
  // Not one this code wrote: replaced, so no value planted by hand becomes the code.
  await kv.set(KEY, fresh);
  return fresh;
}
