/**
 * The portal address is a policy of the runtime (ports/portal.ts): Forge reaches only Bitrix24's cloud zones (its
 * manifest's egress), the self-hosted service any https host an admin enters, such as an on-premise portal on the
 * company's own domain. Refusals are sentences.
 */
import { checkPortalAddress } from '../../src/app/admin/reachable-portals';
import { FORGE_PORTAL_POLICY, SERVICE_PORTAL_POLICY } from '../../src/ports/portal';

describe('on Forge (the default)', () => {
  it.each(['tasks.example-corp.ru', 'https://intranet.local/'])('%s is refused as no cloud portal', (input) => {
    expect(checkPortalAddress(input)).toMatchObject({ ok: false, code: 'portal.notCloud' });
    expect(checkPortalAddress(input, FORGE_PORTAL_POLICY)).toMatchObject({ ok: false, code: 'portal.notCloud' });
  });
});

describe('in the self-hosted service', () => {
  it.each([
    ['tasks.example-corp.ru', 'tasks.example-corp.ru'],
    ['https://Tasks.Example-Corp.ru/company/personal/', 'tasks.example-corp.ru'],
    ['https://bitrix.internal:8443/', 'bitrix.internal:8443'],
    ['https://10.0.4.17', '10.0.4.17'],
    ['https://задачи.рф', 'xn--80aalki3g.xn--p1ai'],
    ['acme.bitrix24.com', 'acme.bitrix24.com'],
  ])('%s is the portal %s', (input, domain) => {
    expect(checkPortalAddress(input, SERVICE_PORTAL_POLICY)).toEqual({ ok: true, domain });
  });

  it('refuses plain http: the portal tokens travel in every call', () => {
    const result = checkPortalAddress('http://tasks.example-corp.ru', SERVICE_PORTAL_POLICY);
    expect(result).toMatchObject({
      ok: false,
      code: 'portal.notHttps',
      params: { input: 'http://tasks.example-corp.ru' },
    });
    if (!result.ok) expect(result.message).toMatch(/https only/);
  });

  it.each(['https://admin:pw@tasks.example-corp.ru', 'https://under_score.example.ru', 'https://-dash.example.ru', ''])(
    'refuses %s with a sentence',
    (input) => {
      const result = checkPortalAddress(input, SERVICE_PORTAL_POLICY);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/\.$/);
    },
  );
});
