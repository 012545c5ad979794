import { afterAll, describe, expect, it } from 'vitest';
import { startSimulators } from '../../../src/sim/index.ts';

// The sandbox starts its simulators with the control API closed and opens it once yorisoi listens, so a
// ticket made through the control API always has somewhere to send its webhook.
const sims = await startSimulators({ appUrl: 'http://127.0.0.1:1', controlClosed: true });
afterAll(() => sims.close());
const auth = {
  authorization: `Basic ${Buffer.from(`${sims.zendeskApi.email}/token:${sims.zendeskApi.apiToken}`).toString('base64')}`,
};

describe('the control API before and after the sandbox is ready', () => {
  it('answers 503 with Retry-After until opened; GET /_sim/ always answers with an index', async () => {
    const early = await fetch(`${sims.simUrl}/_sim/zendesk/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'Too early',
        body: 'x',
        requester: { email: 'a@example.com', name: 'A' },
      }),
    });
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');
    const listed = (await (await fetch(`${sims.simUrl}/api/v2/tickets.json`, { headers: auth })).json()) as {
      tickets: unknown[];
    };
    expect(listed.tickets).toHaveLength(0);

    const index = await fetch(`${sims.simUrl}/_sim/`);
    expect(index.status).toBe(200);
    const body = (await index.json()) as {
      ready: boolean;
      slack: string[];
      zendesk: string[];
      example: string;
    };
    expect(body.ready).toBe(false);
    expect(body.zendesk.some((l) => l.includes('/_sim/zendesk/tickets'))).toBe(true);
    expect(body.slack.some((l) => l.includes('/_sim/slack/commands'))).toBe(true);
    expect(body.example).toContain('curl');

    sims.sim.setControlOpen(true);
    const later = await fetch(`${sims.simUrl}/_sim/zendesk/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Now', body: 'x', requester: { email: 'a@example.com', name: 'A' } }),
    });
    expect(later.status).toBe(201);
    expect(((await (await fetch(`${sims.simUrl}/_sim/`)).json()) as { ready: boolean }).ready).toBe(true);
  });
});
