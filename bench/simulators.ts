/**
 * The Slack and Zendesk simulators in a process of their own, for benches that run yorisoi as separate
 * processes. Prints one JSON line — the environment a `yorisoi start` needs to reach them and the control
 * URL — then serves until killed.
 *   tsx bench/simulators.ts --app-port 4100 --slack-rate 20 --slack-burst 3 --zendesk-per-minute 2500
 */
import { parseArgs } from 'node:util';
import { startSimulators, yorisoiEnvironment } from '../src/sim/index.ts';

const { values } = parseArgs({
  options: {
    'app-port': { type: 'string' },
    'slack-rate': { type: 'string', default: '20' },
    'slack-burst': { type: 'string', default: '3' },
    'zendesk-per-minute': { type: 'string', default: '2500' },
  },
});
const sims = await startSimulators({
  appUrl: `http://127.0.0.1:${Number(values['app-port'])}`,
  slackRate: { perSecond: Number(values['slack-rate']), burst: Number(values['slack-burst']) },
  zendeskPerMinute: Number(values['zendesk-per-minute']),
});
const env = yorisoiEnvironment(sims);
process.stdout.write(`${JSON.stringify({ env, simUrl: sims.simUrl })}\n`);
