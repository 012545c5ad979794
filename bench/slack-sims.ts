// The Slack and Zendesk simulators in a process of their own, for bench/slack.ts: the app under test then
// shares its event loop with nothing but itself, as it would in production. Prints one JSON line with the
// URL and credentials, then serves until stdin closes.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readRawBody, sendJson } from '../src/sim/http-util.ts';
import { createSimServer } from '../src/sim/sim-server.ts';
import { createSlackSim } from '../src/sim/slack/index.ts';
import { createZendeskSim } from '../src/sim/zendesk/index.ts';

const secrets = {
  botToken: `xoxb-sim-${randomBytes(8).toString('hex')}`,
  appToken: `xapp-sim-${randomBytes(8).toString('hex')}`,
  signingSecret: randomBytes(16).toString('hex'),
  zendeskToken: randomBytes(16).toString('hex'),
};
const sim = createSimServer();
const slack = createSlackSim({
  botToken: secrets.botToken,
  appToken: secrets.appToken,
  signingSecret: secrets.signingSecret,
  teamId: 'T0BENCH',
  mode: 'socket',
  postMessageRate: { perSecond: 1000, burst: 1000 },
});
const zendesk = createZendeskSim({
  subdomain: 'bench',
  agentEmail: 'yorisoi-api@example.com',
  apiToken: secrets.zendeskToken,
  ratePerMinute: 100_000,
});
// POST /_bench/burst {calls:[{kind, input}]}: fires every call at once from here — Slack's side — and
// times each from envelope to ack, in this otherwise idle process.
type Call = { kind: 'action' | 'command' | 'submit'; input: Record<string, unknown> };
sim.mount(async (req, res, url) => {
  if (url.pathname !== '/_bench/burst') return false;
  const { calls } = JSON.parse((await readRawBody(req)).toString('utf8')) as { calls: Call[] };
  const samples = await Promise.all(
    calls.map(async ({ kind, input }) => {
      const start = performance.now();
      try {
        const r =
          kind === 'action'
            ? await slack.action({ ...input, wait_ms: 0 } as never)
            : kind === 'command'
              ? await slack.command({ ...input, wait_ms: 0 } as never)
              : await slack.submitView(String(input.view_id), input as never);
        return { ms: performance.now() - start, acked: r.acked, error: r.acked ? undefined : r.error };
      } catch (error) {
        return { ms: performance.now() - start, acked: false, error: String(error) };
      }
    }),
  );
  sendJson(res, 200, { samples });
  return true;
});
sim.mount(slack.route, slack.upgrade);
sim.mount(zendesk.route);
await sim.listen(0);
process.stdout.write(`${JSON.stringify({ simUrl: sim.baseUrl, ...secrets })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await sim.close();
  process.exit(0);
});
