/**
 * The simulators in a process of their own (for tests that run several yorisoi processes), with a small
 * round-robin load balancer in front of the yorisoi instances: the Zendesk webhook goes to the balancer,
 * which hands each request to the next instance and, when that one does not answer (killed), to the one
 * after it — as a load balancer with health checks would. Prints one JSON line with what yorisoi needs,
 * then runs until SIGTERM.
 *
 *   node --import tsx tests/integration/sim-process.ts  (env: SIM_LB_PORT, SIM_BACKENDS=port,port,…,
 *   SIM_SLACK_LATENCY_MS=min-max)
 */
import { createServer, request } from 'node:http';
import { startSimulators } from './sim-harness.ts';

const lbPort = Number(process.env.SIM_LB_PORT);
const backends = (process.env.SIM_BACKENDS ?? '').split(',').filter(Boolean).map(Number);
const [min, max] = (process.env.SIM_SLACK_LATENCY_MS ?? '0-0').split('-').map(Number);

let next = 0;
const balancer = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const start = next++;
    const attempt = (i: number) => {
      if (i >= backends.length) {
        res.writeHead(502).end();
        return;
      }
      const port = backends[(start + i) % backends.length] as number;
      const out = request(
        { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      // Refused (the instance is down): the next one. Anything after the request was sent is the answer.
      out.on('error', () => {
        if (!res.headersSent) attempt(i + 1);
      });
      out.end(body);
    };
    attempt(0);
  });
});
await new Promise<void>((resolve) => balancer.listen(lbPort, '127.0.0.1', resolve));

const sims = await startSimulators({
  appPort: lbPort,
  slackRate: { perSecond: 20, burst: 5 },
  zendeskPerMinute: 100_000,
});
if (max && max > 0) sims.slack.setLatency({ min_ms: min ?? 0, max_ms: max });
process.stdout.write(`${JSON.stringify({ env: sims.env, simUrl: sims.simUrl })}\n`);
process.on('SIGTERM', () => {
  balancer.close();
  void sims.close().finally(() => process.exit(0));
});
