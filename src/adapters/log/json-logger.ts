/**
 * Logger as JSON lines on stdout (Forge collects them per invocation; the self-hosted service's operator reads
 * them). Credentials never reach a line: values under keys that name a token, secret, password or auth are
 * replaced, and B24 webhook secrets and `auth=` query values inside strings are masked.
 */
import type { LogFields, LogLevel, Logger } from '../../ports/log';

export const REDACTED = '[redacted]';
/** `auth`, `authorization`, `auth_token`… but not `author` or `authorId`. */
const isSecretKey = (key: string): boolean =>
  /token|secret|password|passwd|credential|api[-_]?key/i.test(key) || /^(auth|authorization|auth[-_].*)$/i.test(key);
const MAX_DEPTH = 6;

/** …/rest/<userId>/<secret>/… and auth=… / access_token=… in URLs or messages. */
const maskString = (text: string): string =>
  text
    .replace(/(\/rest\/(?:api\/)?\d+\/)[^/\s"']+/g, `$1${REDACTED}`)
    .replace(
      /((?:auth|access_token|refresh_token|client_secret|application_token)(?:%5B[^=&]*%5D|\[[^\]]*\])?=)[^&\s"']+/gi,
      `$1${REDACTED}`,
    );

export const redact = (value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown => {
  if (typeof value === 'string') return maskString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[depth]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const code = 'code' in value && typeof value.code === 'string' ? { code: value.code } : {};
    return { name: value.name, message: maskString(value.message), ...code };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redact(item, depth + 1, seen)]),
  );
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ConsoleLoggerOptions {
  /** Defaults to console.log; tests capture lines here. */
  sink?: (line: string) => void;
  minLevel?: LogLevel;
  /** The app's clock (the composition root passes it), so lines carry the time the app acts on. */
  now: () => number;
}

export const createConsoleLogger = (options: ConsoleLoggerOptions, base: LogFields = {}): Logger => {
  const sink = options.sink ?? ((line: string) => console.log(line));
  const minLevel = options.minLevel ?? 'info';
  const write = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const payload = redact({ ...base, ...fields });
    const rest = typeof payload === 'object' && payload !== null ? payload : {};
    sink(JSON.stringify({ ts: new Date(options.now()).toISOString(), level, message: maskString(message), ...rest }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createConsoleLogger(options, { ...base, ...fields }),
  };
};
