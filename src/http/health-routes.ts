import type { Handler } from './http-server.ts';

/** One readiness check: ok, and a short detail for the operator (never a secret). */
export type ReadinessCheck = () => Promise<{ ok: boolean; detail?: string | number }>;

const json = (res: Parameters<Handler>[1], status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * `/healthz` (liveness: the process answers; 200 while it runs) and `/readyz` (readiness: every check ok →
 * 200, else 503 with which failed). A check that throws or takes longer than `timeoutMs` counts as failed,
 * so a hung database never hangs the probe.
 */
export function createHealthRoutes(options: {
  instance: string;
  checks: Record<string, ReadinessCheck>;
  timeoutMs?: number;
}): Record<string, Handler> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const run = async (check: ReadinessCheck) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        check(),
        new Promise<{ ok: false; detail: string }>((resolve) => {
          timer = setTimeout(() => resolve({ ok: false, detail: 'timeout' }), timeoutMs);
        }),
      ]);
    } catch (error) {
      return { ok: false, detail: String((error as Error)?.message ?? error).slice(0, 200) };
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    '/healthz': (_req, res) => json(res, 200, { ok: true, instance: options.instance }),
    '/readyz': async (_req, res) => {
      const names = Object.keys(options.checks);
      const results = await Promise.all(names.map((n) => run(options.checks[n] as ReadinessCheck)));
      const checks = Object.fromEntries(names.map((n, i) => [n, results[i]]));
      const ok = results.every((r) => r.ok);
      json(res, ok ? 200 : 503, { ok, instance: options.instance, checks });
    },
  };
}
