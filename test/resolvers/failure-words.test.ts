/**
 * Failures the emulated portal cannot stage (an unpaid plan) still read as sentences, and the cloud zones the
 * Connection tab accepts are exactly the egress addresses manifest.yml declares.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { translateB24Failure } from '../../src/adapters/b24/errors';
import { describeB24Failure } from '../../src/app/admin/admin-errors';
import { B24_CLOUD_ZONES, checkPortalAddress } from '../../src/app/admin/reachable-portals';

describe('Bitrix24 failures in words', () => {
  it('names an unpaid plan (PAYMENT_REQUIRED)', () => {
    const error = translateB24Failure(
      'profile',
      402,
      { error: 'PAYMENT_REQUIRED', description: 'Payment required' },
      0,
    );
    expect(describeB24Failure(error)).toMatch(/plan does not allow REST access \(payment required\)/);
  });

  it('names ACCESS_DENIED as a blocked plan or missing rights', () => {
    const error = translateB24Failure(
      'profile',
      403,
      { error: 'ACCESS_DENIED', description: 'REST is available only on commercial plans' },
      0,
    );
    expect(describeB24Failure(error)).toMatch(/unpaid or free plan/);
  });

  it('names a missing scope', () => {
    expect(
      describeB24Failure(
        translateB24Failure('im.message.add', 401, { error: 'insufficient_scope', description: '' }, 0),
      ),
    ).toMatch(/lacks a permission \(scope\)/);
  });
});

describe('portal addresses', () => {
  it("accept exactly the Bitrix24 cloud zones of manifest.yml's egress", () => {
    const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
      permissions: { external: { fetch: { backend: { address: string }[] } } };
    };
    const zones = manifest.permissions.external.fetch.backend
      .map((b) => b.address)
      .filter((a) => a.startsWith('*.bitrix24.'))
      .map((a) => a.slice('*.bitrix24.'.length));
    expect([...B24_CLOUD_ZONES].sort()).toEqual(zones.sort());
  });

  it.each([
    ['acme.bitrix24.com', 'acme.bitrix24.com'],
    ['https://Acme.Bitrix24.co.uk/crm/', 'acme.bitrix24.co.uk'],
  ])('%s is the cloud portal %s', (input, domain) => {
    expect(checkPortalAddress(input)).toEqual({ ok: true, domain });
  });

  it.each(['crm.example.com', 'bitrix24.com', 'acme.bitrix24.com.evil.io', ''])(
    '%s is refused with a sentence',
    (input) => {
      const result = checkPortalAddress(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/\.$/);
    },
  );
});
