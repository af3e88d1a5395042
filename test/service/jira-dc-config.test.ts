/**
 * The Data Center connection's variables: JIRA_FLAVOUR=datacenter takes a base URL, the service account's personal
 * access token and the webhook's secret, all three or a sentence naming the missing one, and refuses Cloud's
 * JIRA_AUTH beside them; a Data Center variable without the flavour is refused rather than ignored.
 */
import { loadConfig } from '../../src/service/config';

const DC = {
  JIRA_FLAVOUR: 'datacenter',
  JIRA_DC_BASE_URL: 'https://jira.example.com/jira',
  JIRA_DC_PAT: 'NjE0MjYzOTk0NzA4OnBhdA',
  JIRA_DC_WEBHOOK_SECRET: 'hook-secret',
};

const refusal = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('the Jira Data Center configuration', () => {
  it('reads the base URL, the token and the webhook secret', () => {
    expect(loadConfig(DC).jira).toEqual({
      auth: 'pat',
      baseUrl: 'https://jira.example.com/jira',
      pat: 'NjE0MjYzOTk0NzA4OnBhdA',
      webhookSecret: 'hook-secret',
      timeoutMs: 20000,
    });
  });

  it('names the missing variable', () => {
    const { JIRA_DC_WEBHOOK_SECRET: _secret, ...withoutSecret } = DC;
    expect(refusal(withoutSecret)).toMatch(/JIRA_FLAVOUR=datacenter needs JIRA_DC_WEBHOOK_SECRET too/);
  });

  it('refuses Cloud’s JIRA_AUTH with the Data Center flavour, and a Data Center variable without it', () => {
    expect(refusal({ ...DC, JIRA_AUTH: 'token' })).toMatch(/JIRA_AUTH is for Jira Cloud/);
    expect(refusal({ JIRA_DC_PAT: 'x' })).toMatch(/JIRA_DC_PAT is set but JIRA_FLAVOUR is not datacenter/);
    expect(refusal({ JIRA_FLAVOUR: 'server' })).toMatch(/JIRA_FLAVOUR.*must be cloud or datacenter/);
  });
});
