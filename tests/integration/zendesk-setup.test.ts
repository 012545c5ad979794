import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimServer, type SimServer } from '../../src/sim/sim-server.ts';
import { createZendeskSim, type ZendeskSim } from '../../src/sim/zendesk/index.ts';
import { createZendeskApi } from '../../src/zendesk/zendesk-client.ts';
import { setupZendesk } from '../../src/zendesk/zendesk-setup.ts';

const TOKEN = 'setup-token';
let server: SimServer;
let sim: ZendeskSim;
beforeAll(async () => {
  sim = createZendeskSim({
    subdomain: 'busy',
    agentEmail: 'admin@example.com',
    apiToken: TOKEN,
    ratePerMinute: 100_000,
  });
  server = createSimServer();
  server.mount(sim.route);
  await server.listen();
});
afterAll(async () => {
  await server?.close();
});

describe('zendesk setup on an account with many triggers and webhooks', () => {
  it('reads every page: running setup twice with >100 triggers and webhooks creates one of each', async () => {
    const api = createZendeskApi({
      apiUrl: `${server.baseUrl}/api/v2`,
      email: 'admin@example.com',
      apiToken: TOKEN,
    });
    const raw = (path: string, body: unknown) =>
      fetch(`${server.baseUrl}/api/v2${path}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`admin@example.com/token:${TOKEN}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, { id: string | number }>>);
    let hookId = '';
    for (let i = 0; i < 110; i++) {
      const r = await raw('/webhooks', {
        webhook: {
          name: `Other integration ${i}`,
          endpoint: `https://example.com/hooks/${i}`,
          http_method: 'POST',
          request_format: 'json',
          status: 'active',
        },
      });
      hookId ||= String(r.webhook?.id);
    }
    for (let i = 0; i < 120; i++) {
      await raw('/triggers.json', {
        trigger: {
          title: `Existing rule ${i}`,
          conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] },
          actions: [{ field: 'notification_webhook', value: [hookId, '{}'] }],
        },
      });
    }
    const first = await setupZendesk(api, 'https://yorisoi.example.com');
    const second = await setupZendesk(api, 'https://yorisoi.example.com');
    expect(second.webhookId).toBe(first.webhookId);
    expect(second.triggerId).toBe(first.triggerId);
    expect(second.webhookCreated).toBe(false);
    const calls = sim.calls().calls.filter((c) => c.method === 'POST');
    expect(
      calls.filter((c) => c.path.startsWith('/api/v2/webhooks') && !c.path.includes('signing')).length,
    ).toBe(111);
    expect(calls.filter((c) => c.path.startsWith('/api/v2/triggers')).length).toBe(121);
  });
});
