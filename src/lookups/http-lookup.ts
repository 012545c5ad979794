// HTTP lookup adapter (issue 13): calls the service's admin API with the requester's key and maps the JSON
// answer to named facts. Header values come from environment variables read once at start; they are never
// logged, stored or shown, and any fact or error text that contains one is masked.
import type { HttpLookupConfig } from '../domain/enrichment/enrichment-config.ts';
import type { LookupOutcome, LookupRunner } from '../domain/enrichment/ports.ts';
import { maskSecrets, valueAt } from './lookup-values.ts';

/** Resolves the `{env}` headers of every HTTP lookup; throws naming the variable (not a value) if unset. */
export function resolveLookupHeaders(
  lookups: Array<{ name: string; type: string; headers?: HttpLookupConfig['headers'] }>,
  env: Record<string, string | undefined>,
): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const l of lookups) {
    if (l.type !== 'http') continue;
    const headers: Record<string, string> = {};
    for (const [name, h] of Object.entries(l.headers ?? {})) {
      if ('env' in h) {
        const v = env[h.env];
        if (v === undefined || v === '')
          throw new Error(`lookup "${l.name}": environment variable ${h.env} (header ${name}) is not set`);
        headers[name] = `${h.prefix}${v}`;
      } else headers[name] = h.value;
    }
    out.set(l.name, headers);
  }
  return out;
}

/** Every secret value a set of lookups reads from the environment (for the loggers' redaction). */
export function lookupSecretValues(
  lookups: Array<{ type: string; headers?: HttpLookupConfig['headers'] }>,
  env: Record<string, string | undefined>,
): string[] {
  return lookups.flatMap((l) =>
    l.type !== 'http'
      ? []
      : Object.values(l.headers ?? {}).flatMap((h) =>
          'env' in h && env[h.env] ? [env[h.env] as string, `${h.prefix}${env[h.env]}`] : [],
        ),
  );
}

export function createHttpLookupRunner(opts: {
  headers: Map<string, Record<string, string>>;
  /** Every secret value (env-sourced header values), masked wherever they could surface. */
  secrets: string[];
}): LookupRunner {
  const mask = (s: string) => maskSecrets(s, opts.secrets);
  return {
    async run(config, key): Promise<LookupOutcome> {
      if (config.type !== 'http') throw new Error('not an HTTP lookup');
      const url = config.url.replaceAll('{{key}}', encodeURIComponent(key));
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { accept: 'application/json', ...(opts.headers.get(config.name) ?? {}) },
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError')
          return { name: config.name, status: 'timeout', ms: config.timeoutMs };
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return { name: config.name, status: 'error', detail: cause ?? 'connection failed' };
      }
      let body: unknown;
      try {
        if (res.status === 404) {
          await res.body?.cancel();
          return { name: config.name, status: 'empty' };
        }
        if (!res.ok) {
          await res.body?.cancel();
          return { name: config.name, status: 'error', detail: `HTTP ${res.status}` };
        }
        body = await res.json();
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError')
          return { name: config.name, status: 'timeout', ms: config.timeoutMs };
        return { name: config.name, status: 'error', detail: 'answer is not JSON' };
      }
      const facts = Object.entries(config.facts).flatMap(([label, path]) => {
        const v = valueAt(body, path);
        return v === null ? [] : [{ lookup: config.name, label, value: mask(v) }];
      });
      return facts.length
        ? { name: config.name, status: 'ok', facts }
        : { name: config.name, status: 'empty' };
    },
  };
}
