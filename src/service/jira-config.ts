/**
 * The Jira connection's variables. Jira Data Center or Server (`JIRA_FLAVOUR=datacenter`): the base URL, a
 * personal access token of the service account and the secret the service registers its webhook with. Jira Cloud
 * (the default): an API token (`JIRA_AUTH=token`, Basic auth to the site, webhooks
 * registered by an admin with a secret) or OAuth 2.0 3LO (`JIRA_AUTH=oauth`, the API gateway, dynamic webhooks
 * signed with the client secret). With JIRA_AUTH unset the service starts without Jira and says so. A half
 * configured connection stops the start with a sentence naming what is missing, never a guess.
 */
import { z } from 'zod';

export type JiraSettings =
  | { auth: 'none' }
  | {
      auth: 'token';
      siteUrl: string;
      email: string;
      apiToken: string;
      /** Absent: `POST /events/jira` refuses every delivery, since none could prove its origin. */
      webhookSecret?: string;
      timeoutMs: number;
      allowLoopback: boolean;
    }
  | { auth: 'oauth'; cloudId: string; clientId: string; clientSecret: string; timeoutMs: number }
  | { auth: 'pat'; baseUrl: string; pat: string; webhookSecret: string; timeoutMs: number };

interface JiraVariable {
  name: string;
  defaultText: string;
  describe: string;
  schema: z.ZodType;
  fallback?: string;
}

const text = z.string().min(1).optional();

export const JIRA_VARIABLES: readonly JiraVariable[] = [
  {
    name: 'JIRA_FLAVOUR',
    defaultText: 'cloud',
    describe: '`cloud` (JIRA_AUTH below) or `datacenter` (Jira Data Center / Server with a personal access token).',
    schema: z.enum(['cloud', 'datacenter'], 'must be cloud or datacenter'),
    fallback: 'cloud',
  },
  {
    name: 'JIRA_DC_BASE_URL',
    defaultText: '(none)',
    describe: 'datacenter: the base URL with its context path, e.g. https://jira.example.com/jira.',
    schema: text,
  },
  {
    name: 'JIRA_DC_PAT',
    defaultText: '(none)',
    describe:
      "datacenter: the service account's personal access token (never logged); the account administers Jira, to register the webhook.",
    schema: text,
  },
  {
    name: 'JIRA_DC_WEBHOOK_SECRET',
    defaultText: '(none)',
    describe: 'datacenter: the secret the service registers its webhook with; unsigned deliveries are refused.',
    schema: text,
  },
  {
    name: 'JIRA_AUTH',
    defaultText: '(none: Jira not configured)',
    describe: '`token` (an account e-mail and API token) or `oauth` (an OAuth 2.0 3LO app).',
    schema: z.enum(['token', 'oauth'], 'must be token or oauth').optional(),
  },
  {
    name: 'JIRA_SITE_URL',
    defaultText: '(none)',
    describe: 'token: the site, https://your-site.atlassian.net.',
    schema: text,
  },
  { name: 'JIRA_EMAIL', defaultText: '(none)', describe: "token: the service account's e-mail.", schema: text },
  {
    name: 'JIRA_API_TOKEN',
    defaultText: '(none)',
    describe: "token: that account's API token (never logged).",
    schema: text,
  },
  {
    name: 'JIRA_WEBHOOK_SECRET',
    defaultText: '(none)',
    describe: "token: the secret of the admin webhook pointed at SYNC_PUBLIC_URL's /events/jira.",
    schema: text,
  },
  {
    name: 'JIRA_CLOUD_ID',
    defaultText: '(none)',
    describe: "oauth: the site's cloud id (from accessible-resources).",
    schema: text,
  },
  { name: 'JIRA_OAUTH_CLIENT_ID', defaultText: '(none)', describe: "oauth: the app's client id.", schema: text },
  {
    name: 'JIRA_OAUTH_CLIENT_SECRET',
    defaultText: '(none)',
    describe: "oauth: the app's client secret; it also verifies the dynamic webhooks' JWT.",
    schema: text,
  },
  {
    name: 'JIRA_TIMEOUT_MS',
    defaultText: '20000',
    describe: 'Longest one Jira call may take.',
    schema: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1000).max(300_000),
    fallback: '20000',
  },
  {
    name: 'JIRA_ALLOW_LOOPBACK',
    defaultText: 'false',
    describe:
      'true lets JIRA_SITE_URL or JIRA_DC_BASE_URL be http://localhost…: for the sandbox and tests against the emulated Jira.',
    schema: z.enum(['true', 'false'], 'must be true or false'),
    fallback: 'false',
  },
];

const REQUIRED = {
  token: ['JIRA_SITE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN'],
  oauth: ['JIRA_CLOUD_ID', 'JIRA_OAUTH_CLIENT_ID', 'JIRA_OAUTH_CLIENT_SECRET'],
} as const;
const DATACENTER = ['JIRA_DC_BASE_URL', 'JIRA_DC_PAT', 'JIRA_DC_WEBHOOK_SECRET'] as const;

function dataCenterSettings(v: Record<string, unknown>, refuse: (sentence: string) => Error): JiraSettings {
  if (v.JIRA_AUTH !== undefined)
    throw refuse('JIRA_AUTH is for Jira Cloud: with JIRA_FLAVOUR=datacenter leave it unset and set JIRA_DC_PAT.');
  const missing = DATACENTER.find((name) => v[name] === undefined);
  if (missing) throw refuse(`JIRA_FLAVOUR=datacenter needs ${missing} too (${DATACENTER.join(', ')}).`);
  return {
    auth: 'pat',
    baseUrl: v.JIRA_DC_BASE_URL as string,
    pat: v.JIRA_DC_PAT as string,
    webhookSecret: v.JIRA_DC_WEBHOOK_SECRET as string,
    timeoutMs: v.JIRA_TIMEOUT_MS as number,
  };
}

/** From the validated variables; a sentence (thrown by `refuse`) when the chosen mode lacks one of its own. */
export function jiraSettingsOf(v: Record<string, unknown>, refuse: (sentence: string) => Error): JiraSettings {
  if (v.JIRA_FLAVOUR === 'datacenter') return dataCenterSettings(v, refuse);
  const auth = v.JIRA_AUTH as 'token' | 'oauth' | undefined;
  const str = (name: string): string => v[name] as string;
  if (auth === undefined) {
    const stray = JIRA_VARIABLES.find((x) => x.fallback === undefined && x.name !== 'JIRA_AUTH' && v[x.name]);
    if (stray)
      throw refuse(
        stray.name.startsWith('JIRA_DC_')
          ? `${stray.name} is set but JIRA_FLAVOUR is not datacenter: set JIRA_FLAVOUR=datacenter.`
          : `${stray.name} is set but JIRA_AUTH is not: set JIRA_AUTH to token or oauth.`,
      );
    return { auth: 'none' };
  }
  const missing = REQUIRED[auth].find((name) => v[name] === undefined);
  if (missing) throw refuse(`JIRA_AUTH=${auth} needs ${missing} too (${REQUIRED[auth].join(', ')}).`);
  const timeoutMs = v.JIRA_TIMEOUT_MS as number;
  if (auth === 'oauth')
    return {
      auth,
      cloudId: str('JIRA_CLOUD_ID'),
      clientId: str('JIRA_OAUTH_CLIENT_ID'),
      clientSecret: str('JIRA_OAUTH_CLIENT_SECRET'),
      timeoutMs,
    };
  return {
    auth,
    siteUrl: str('JIRA_SITE_URL'),
    email: str('JIRA_EMAIL'),
    apiToken: str('JIRA_API_TOKEN'),
    ...(v.JIRA_WEBHOOK_SECRET ? { webhookSecret: str('JIRA_WEBHOOK_SECRET') } : {}),
    timeoutMs,
    allowLoopback: v.JIRA_ALLOW_LOOPBACK === 'true',
  };
}
