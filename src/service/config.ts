/**
 * The service's settings: environment variables over an optional JSON file (`SYNC_CONFIG_FILE`, its keys the
 * variables' names) over defaults. Every value is validated before anything starts, and a bad one stops the start
 * with a sentence that names the variable, because a service that guesses a port or a timeout fails later and
 * further from the cause.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LogLevel } from '../ports/log';
import { JIRA_VARIABLES, jiraSettingsOf, type JiraSettings } from './jira-config';

export interface ServiceConfig {
  host: string;
  port: number;
  /** Where browsers and Bitrix24 reach the service (the event handler's address is built from it). */
  publicUrl: URL;
  dataDir: string;
  /** Absent: PGlite in `dataDir`. */
  databaseUrl?: string;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  resolverTimeoutMs: number;
  remoteTimeoutMs: number;
  shutdownTimeoutMs: number;
  jobTimeoutSeconds: number;
  sessionHours: number;
  jira: JiraSettings;
  /** The variables the secret key is read from, passed through untouched to the key loader. */
  secretKeyEnv: { SYNC_SECRET_KEY?: string; SYNC_SECRET_KEY_FILE?: string };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const int = (min: number, max: number): z.ZodType<number> =>
  z.coerce
    .number({ error: `must be a number` })
    .int(`must be a whole number`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const httpUrl = z
  .string()
  .refine(
    (text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol),
    'must be an http:// or https:// address',
  );

interface Variable {
  name: string;
  /** The README's wording of the default. */
  defaultText: string;
  describe: string;
  schema: z.ZodType;
  fallback?: string;
}

/** Every variable the service reads, in the order the README lists them. */
export const VARIABLES: readonly Variable[] = [
  {
    name: 'SYNC_CONFIG_FILE',
    defaultText: '(none)',
    describe: 'A JSON file whose keys are these variables; the environment wins over it.',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'HOST',
    defaultText: '127.0.0.1',
    describe: 'The interface to listen on; 0.0.0.0 to face the network without a reverse proxy.',
    schema: z.string().min(1),
    fallback: '127.0.0.1',
  },
  { name: 'PORT', defaultText: '8080', describe: 'The HTTP port.', schema: int(1, 65535), fallback: '8080' },
  {
    name: 'SYNC_PUBLIC_URL',
    defaultText: 'http://localhost:PORT',
    describe: 'The address browsers and Bitrix24 use (https:// in production, usually a reverse proxy).',
    schema: httpUrl.optional(),
  },
  {
    name: 'SYNC_DATA_DIR',
    defaultText: './data',
    describe: "The embedded database's directory (unused with DATABASE_URL).",
    schema: z.string().min(1),
    fallback: './data',
  },
  {
    name: 'DATABASE_URL',
    defaultText: '(none: embedded PGlite)',
    describe: 'postgres://… of a PostgreSQL 13 or later server, for several instances.',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  },
  {
    name: 'SYNC_SECRET_KEY',
    defaultText: '(none)',
    describe: 'The key that encrypts stored credentials (see "Secrets"); or SYNC_SECRET_KEY_FILE.',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'SYNC_SECRET_KEY_FILE',
    defaultText: './sync-secret.key',
    describe: 'A file holding that key; on a brand-new install without a key the service creates it (mode 0600).',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'LOG_LEVEL',
    defaultText: 'info',
    describe: 'debug, info, warn or error; JSON lines on stdout.',
    schema: z.enum(['debug', 'info', 'warn', 'error'], 'must be debug, info, warn or error'),
    fallback: 'info',
  },
  {
    name: 'SYNC_BODY_LIMIT_BYTES',
    defaultText: '512000',
    describe: "Largest request body (Forge's resolver limit is 500 KB); Bitrix24 events stop at 16 KB anyway.",
    schema: int(1024, 5 * 1024 * 1024),
    fallback: '512000',
  },
  {
    name: 'SYNC_REQUEST_TIMEOUT_MS',
    defaultText: '55000',
    describe: "Longest an HTTP request may take (Forge's web trigger limit).",
    schema: int(1000, 900_000),
    fallback: '55000',
  },
  {
    name: 'SYNC_RESOLVER_TIMEOUT_MS',
    defaultText: '25000',
    describe: "Longest an admin page call may take (Forge's resolver limit).",
    schema: int(1000, 900_000),
    fallback: '25000',
  },
  {
    name: 'SYNC_REMOTE_TIMEOUT_MS',
    defaultText: '60000',
    describe: 'Longest one call to Bitrix24 or Jira may take.',
    schema: int(1000, 900_000),
    fallback: '60000',
  },
  {
    name: 'SYNC_SHUTDOWN_TIMEOUT_MS',
    defaultText: '20000',
    describe: 'How long SIGTERM waits for running jobs before returning them to the queue.',
    schema: int(0, 600_000),
    fallback: '20000',
  },
  {
    name: 'SYNC_JOB_TIMEOUT_SECONDS',
    defaultText: '900',
    describe:
      'A job running this long is taken to have crashed with its instance and runs again elsewhere (looked for every third of it, at most a minute apart).',
    schema: int(30, 3600),
    fallback: '900',
  },
  {
    name: 'SYNC_SESSION_HOURS',
    defaultText: '12',
    describe: "How long the admin's sign-in lasts.",
    schema: int(1, 24 * 30),
    fallback: '12',
  },
  ...JIRA_VARIABLES,
];

type Source = Record<string, string | undefined>;

function readFile(path: string): Source {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `SYNC_CONFIG_FILE names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`SYNC_CONFIG_FILE ${path} is not JSON: ${(error as Error).message}.`, { cause: error });
  }
  const shape = z.record(z.string(), z.union([z.string(), z.number()])).safeParse(parsed);
  if (!shape.success)
    throw new ConfigError(`SYNC_CONFIG_FILE ${path} must be one JSON object of variable names to strings or numbers.`);
  const known = new Set(VARIABLES.map((v) => v.name));
  const unknown = Object.keys(shape.data).find((key) => !known.has(key) || key === 'SYNC_CONFIG_FILE');
  if (unknown)
    throw new ConfigError(
      `SYNC_CONFIG_FILE ${path} sets ${unknown}, which the service does not read; the variables are listed in the README.`,
    );
  return Object.fromEntries(Object.entries(shape.data).map(([key, value]) => [key, String(value)]));
}

/** Each variable validated on its own, so the sentence names the first bad one and what it must be. */
function validated(merged: Source): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const variable of VARIABLES) {
    const raw = merged[variable.name] === '' ? undefined : merged[variable.name];
    const result = variable.schema.safeParse(raw ?? variable.fallback);
    if (!result.success) {
      const shown = /SECRET|TOKEN|^DATABASE_URL$/.test(variable.name) ? '' : ` (got "${raw ?? ''}")`;
      throw new ConfigError(`${variable.name} ${result.error.issues[0]?.message ?? 'is not valid'}${shown}.`);
    }
    out[variable.name] = result.data;
  }
  return out;
}

export function loadConfig(env: Source = process.env): ServiceConfig {
  const file = env.SYNC_CONFIG_FILE ? readFile(env.SYNC_CONFIG_FILE) : {};
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const v = validated({ ...file, ...set });
  const port = v.PORT as number;
  const publicUrl = new URL((v.SYNC_PUBLIC_URL as string | undefined) ?? `http://localhost:${port}`);
  return {
    host: v.HOST as string,
    port,
    publicUrl,
    dataDir: v.SYNC_DATA_DIR as string,
    ...(v.DATABASE_URL ? { databaseUrl: v.DATABASE_URL as string } : {}),
    logLevel: v.LOG_LEVEL as LogLevel,
    bodyLimitBytes: v.SYNC_BODY_LIMIT_BYTES as number,
    requestTimeoutMs: v.SYNC_REQUEST_TIMEOUT_MS as number,
    resolverTimeoutMs: v.SYNC_RESOLVER_TIMEOUT_MS as number,
    remoteTimeoutMs: v.SYNC_REMOTE_TIMEOUT_MS as number,
    shutdownTimeoutMs: v.SYNC_SHUTDOWN_TIMEOUT_MS as number,
    jobTimeoutSeconds: v.SYNC_JOB_TIMEOUT_SECONDS as number,
    sessionHours: v.SYNC_SESSION_HOURS as number,
    jira: jiraSettingsOf(v, (sentence) => new ConfigError(sentence)),
    secretKeyEnv: {
      ...(v.SYNC_SECRET_KEY ? { SYNC_SECRET_KEY: v.SYNC_SECRET_KEY as string } : {}),
      ...(v.SYNC_SECRET_KEY_FILE ? { SYNC_SECRET_KEY_FILE: v.SYNC_SECRET_KEY_FILE as string } : {}),
    },
  };
}

/**
 * Cookies go out `Secure` unless the browser reaches the service over plain http on this machine: browsers keep
 * Secure cookies from http://localhost too, but older ones and other tools do not, and there is no network to
 * protect on loopback. Any other http:// address keeps Secure, so a sign-in there fails rather than leaking.
 */
export const cookiesSecure = (config: Pick<ServiceConfig, 'publicUrl'>): boolean =>
  !(config.publicUrl.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(config.publicUrl.hostname));
