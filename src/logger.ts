/**
 * The one logger. Lines are JSON, written to a sink (stderr by default) so tests can capture them.
 * Every line passes through `redact`: known secret values and anything shaped like a Slack or Zendesk token
 * are replaced before the line leaves the process.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const tokenShapes = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{8,}/g,
  /("?(?:token|secret|password|authorization)"?\s*[:=]\s*"?)[^",\s}]+/gi,
];

export function createRedactor(secrets: Array<string | undefined>): (text: string) => string {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
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

export function createLogger(options: {
  level?: LogLevel;
  secrets?: Array<string | undefined>;
  sink?: (line: string) => void;
  fields?: Record<string, unknown>;
}): Logger {
  const level = options.level ?? 'info';
  const redact = createRedactor(options.secrets ?? []);
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const make = (base: Record<string, unknown>): Logger => {
    const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
      if (order[lvl] < order[level]) return;
      const entry = { t: new Date().toISOString(), level: lvl, msg, ...base, ...serialiseFields(fields) };
      sink(redact(JSON.stringify(entry)));
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.fields ?? {});
}

/** Errors become {name, message, code}; stacks stay out of the logs' hot path but are kept for debug. */
function serialiseFields(fields?: Record<string, unknown>): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] =
      v instanceof Error ? { name: v.name, message: v.message, code: (v as { code?: unknown }).code } : v;
  }
  return out;
}

/** Adapts our logger to the interface Bolt and @slack/web-api expect. */
export function toSlackLogger(logger: Logger) {
  let level = 'info';
  const fmt = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(fmt(args), { source: 'slack' }),
    info: (...args: unknown[]) => logger.info(fmt(args), { source: 'slack' }),
    warn: (...args: unknown[]) => logger.warn(fmt(args), { source: 'slack' }),
    error: (...args: unknown[]) => logger.error(fmt(args), { source: 'slack' }),
    setLevel: (l: string) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
