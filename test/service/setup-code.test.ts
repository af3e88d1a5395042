/** Every instance of one install asks for the same setup code, so the form works whichever instance it reaches. */
import { sharedSetupCode } from '../../src/service/auth/setup-code';
import { memoryKv } from './pgboss/support';

describe('the setup code', () => {
  it('is made once per install and handed to every instance that starts on it', async () => {
    const kv = memoryKv();
    const first = await sharedSetupCode(kv);
    expect(first).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await sharedSetupCode(kv)).toBe(first);
  });

  it('differs between installs', async () => {
    expect(await sharedSetupCode(memoryKv())).not.toBe(await sharedSetupCode(memoryKv()));
  });

  it('replaces a short value written by hand instead of taking it as the code', async () => {
    const kv = memoryKv();
    await kv.set('service:setup-code', 'abc');
    const code = await sharedSetupCode(kv);
    expect(code).not.toBe('abc');
    expect(await sharedSetupCode(kv)).toBe(code);
  });
});
