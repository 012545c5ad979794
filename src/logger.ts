/**
 * The one logger, built on pino. Lines are JSON (`t`, `level`, `msg`, then fields), written to a sink
 * (stderr by default) so tests can capture them.
 *
 * - Errors under any field (and inside arrays) keep their stack, their `code` and their `cause` chain.
 * - Circular or otherwise awkward fields are serialised safely (pino's safe-stable-stringify).
 * - Every finished line passes through `redact` before it leaves the process: the configured secret
 *   values (also in their JSON-escaped form) and anything shaped like a Slack or Zendesk token are
 *   replaced, wherever they sit — a field, a nested object, an error message or a stack.
 */
import { type Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import { pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  /** Whether a line at `level` would be written; lets callers skip building expensive messages. */
  isLevelEnabled?(level: LogLevel): boolean;
}

const tokenShapes = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{8,}/g,
  /("?(?:token|secret|password|authorization)"?\s*[:=]\s*"?)[^",\s}]+/gi,
];

export function createRedactor(secrets: Array<string | undefined>): (text: string) => string {
  const raw = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  // A secret with a quote, backslash or control character appears escaped inside a JSON line.
  const values = [...new Set(raw.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const value of values) out = out.split(value).join('[redacted]');
    for (const shape of tokenShapes) {
      out = out.replace(shape, (match, prefix?: string) =>
        typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]',
      );
    }
    return out;
  };
}

/** The credentials of the configuration (src/config.ts's `Config` fits; declared here so the logger imports nothing). */
interface ConfigCredentials {
  slack?: { botToken?: string; appToken?: string; signingSecret?: string };
  zendesk?: { apiToken?: string; webhookSecret?: string };
}

/** The secret values the production logger redacts: every credential the configuration holds. */
export function configSecrets(config: ConfigCredentials | null | undefined): string[] {
  return [
    config?.slack?.botToken,
    config?.slack?.appToken,
    config?.slack?.signingSecret,
    config?.zendesk?.apiToken,
    config?.zendesk?.webhookSecret,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

export function createLogger(options: {
  level?: LogLevel;
  secrets?: Array<string | undefined>;
  sink?: (line: string) => void;
  fields?: Record<string, unknown>;
}): Logger {
  const redact = createRedactor(options.secrets ?? []);
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = pino(
    {
      level: options.level ?? 'info',
      base: null,
      messageKey: 'msg',
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => serialiseErrors(object) as Record<string, unknown>,
        bindings: (bindings) => serialiseErrors(bindings) as Record<string, unknown>,
      },
    },
    { write: (line: string) => sink(redact(line.endsWith('\n') ? line.slice(0, -1) : line)) },
  );
  if (options.fields) return wrap(root.child(options.fields));
  return wrap(root);
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (msg, fields) => (fields ? p.debug(fields, msg) : p.debug(msg)),
    info: (msg, fields) => (fields ? p.info(fields, msg) : p.info(msg)),
    warn: (msg, fields) => (fields ? p.warn(fields, msg) : p.warn(msg)),
    error: (msg, fields) => (fields ? p.error(fields, msg) : p.error(msg)),
    child: (fields) => wrap(p.child(fields)),
    isLevelEnabled: (level) => p.isLevelEnabled(level),
  };
}

/** Errors (top level and one level into arrays) become {type, message, stack, code, cause: {...}}. */
function serialiseErrors(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Error) out[k] = pino.stdSerializers.errWithCause(v);
    else if (Array.isArray(v))
      out[k] = v.map((item) => (item instanceof Error ? pino.stdSerializers.errWithCause(item) : item));
    else out[k] = v;
  }
  return out;
}

/**
 * Adapts our logger to the interface Bolt and @slack/web-api expect. Strings make the message; other
 * arguments travel as an `args` field (serialised safely, never with a hand-rolled JSON.stringify), and
 * nothing is built at all when the level is off — Bolt logs every request at debug.
 */
export function toSlackLogger(logger: Logger): BoltLogger {
  let level: BoltLogLevel = BoltLogLevel.INFO;
  const write = (lvl: LogLevel, args: unknown[]) => {
    if (logger.isLevelEnabled && !logger.isLevelEnabled(lvl)) return;
    const msg = args.filter((a) => typeof a === 'string').join(' ');
    const rest = args.filter((a) => typeof a !== 'string');
    logger[lvl](msg, rest.length ? { source: 'slack', args: rest } : { source: 'slack' });
  };
  return {
    debug: (...args: unknown[]) => write('debug', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    setLevel: (l: BoltLogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
