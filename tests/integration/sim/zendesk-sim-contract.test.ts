import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimServer, type SimServer } from '../../../src/sim/sim-server.ts';
import { createZendeskSim, type ZendeskSim } from '../../../src/sim/zendesk/index.ts';
import { ZENDESK_CONTRACT_ENDPOINTS } from '../../fixtures/zendesk-specs/endpoints.ts';

/**
 * Contract: for every Zendesk endpoint yorisoi calls, the simulator answers with a status Zendesk documents
 * and a body that matches the documented response schema (Zendesk's OpenAPI document, and botbrains'
 * Webhooks API description). Reads the parts vendored in tests/fixtures/zendesk-specs
 * (scripts/vendor-zendesk-specs.ts re-creates them from ../shared/specs/zendesk), so it runs on any clone.
 */
const fixtures = fileURLToPath(new URL('../../fixtures/zendesk-specs', import.meta.url));
type Spec = { paths: Record<string, Record<string, { responses: Record<string, { schema?: unknown }> }>> };
const load = (file: string) => JSON.parse(readFileSync(`${fixtures}/${file}`, 'utf8')) as Spec;
const specs: Record<string, Spec> = {
  'zendesk_support_oas.yaml': load('support-api.json'),
  'zendesk_webhooks_api.botbrains.yaml': load('webhooks-api.json'),
};
/**
 * Zendesk's documents mark few fields `nullable`, but real responses (and the document's own examples, e.g.
 * `assignee_id: null`, `priority: null`) carry null for any field without a value. So null is accepted for
 * every typed field; everything else (types, enums, required fields) is checked as documented.
 */
function nullTolerant(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullTolerant);
  if (!value || typeof value !== 'object') return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullTolerant(v)])) as Record<
    string,
    unknown
  >;
  if (typeof out.type === 'string') out.nullable = true;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const ids: Record<string, string> = {
  'zendesk_support_oas.yaml': 'support',
  'zendesk_webhooks_api.botbrains.yaml': 'webhooks',
};
for (const [file, spec] of Object.entries(specs)) ajv.addSchema(nullTolerant(spec) as object, ids[file]);

const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

function check(method: string, path: string, status: number, body: unknown) {
  const endpoint = ZENDESK_CONTRACT_ENDPOINTS.find((e) => e.method === method && e.path === path);
  if (!endpoint) throw new Error(`${method} ${path} is not a contract endpoint`);
  const operation = specs[endpoint.spec]?.paths[path]?.[method.toLowerCase()];
  const documented = Object.keys(operation?.responses ?? {});
  if (!documented.includes(String(status)))
    return [`${method} ${path}: status ${status} is not documented (${documented.join(', ')})`];
  if (!operation?.responses[String(status)]?.schema) return [];
  const validate = ajv.getSchema(
    `${ids[endpoint.spec]}#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'schema')}`,
  );
  if (!validate) throw new Error(`no schema for ${method} ${path} ${status}`);
  validate(body);
  return (validate.errors ?? []).map((e) => `${method} ${path}: ${e.instancePath} ${e.message}`);
}

const TOKEN = 'contract-token';
const EMAIL = 'contract-admin@example.com';
let server: SimServer;
let sim: ZendeskSim;
beforeAll(async () => {
  sim = createZendeskSim({
    subdomain: 'contract',
    agentEmail: EMAIL,
    apiToken: TOKEN,
    ratePerMinute: 10_000,
  });
  server = createSimServer();
  server.mount(sim.route);
  await server.listen();
});
afterAll(async () => {
  await server?.close();
});

async function call(method: string, url: string, json?: unknown) {
  const r = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe('Zendesk simulator matches the documented response schemas', () => {
  it('has the vendored specs (or can re-create them from ../shared/specs/zendesk)', () => {
    const shared = fileURLToPath(new URL('../../../../shared/specs/zendesk', import.meta.url));
    expect(existsSync(`${fixtures}/support-api.json`) || existsSync(shared)).toBe(true);
  });

  it('every endpoint yorisoi uses answers a documented status with a body of the documented shape', async () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    const expectOk = async (
      method: string,
      specPath: string,
      url: string,
      json?: unknown,
    ): Promise<Record<string, unknown>> => {
      const r = await call(method, url, json);
      seen.add(`${method} ${specPath}`);
      problems.push(...check(method, specPath, r.status, r.body));
      return r.body ?? {};
    };
    const { ticket } = sim.openTicket({
      subject: 'Contract',
      body: 'Checking shapes.',
      requester: { email: 'customer@contract.example', name: 'Customer' },
      brand: 'photos',
      organization: 'Contract Org',
    });
    sim.customerReply(ticket.id, { body: 'More detail.' });
    const created = await expectOk('POST', '/api/v2/tickets', '/api/v2/tickets.json', {
      ticket: { subject: 'Via API', comment: { body: 'Hello' }, requester_id: ticket.requester_id },
    });
    expect(created.ticket).toBeTruthy();
    await expectOk('GET', '/api/v2/tickets/{ticket_id}', `/api/v2/tickets/${ticket.id}.json`);
    await expectOk('PUT', '/api/v2/tickets/{ticket_id}', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { comment: { body: 'Agent answer', public: true }, status: 'pending', metadata: { k: 'v' } },
    });
    for (const kind of ['comments', 'audits']) {
      for (const query of ['', '?page[size]=100']) {
        await expectOk(
          'GET',
          `/api/v2/tickets/{ticket_id}/${kind}`,
          `/api/v2/tickets/${ticket.id}/${kind}.json${query}`,
        );
      }
    }
    const me = (await expectOk('GET', '/api/v2/users/me', '/api/v2/users/me.json')) as {
      user: { id: number };
    };
    await expectOk('GET', '/api/v2/users/{user_id}', `/api/v2/users/${ticket.requester_id}.json`);
    await expectOk('GET', '/api/v2/users/search', '/api/v2/users/search.json?query=email:aiko@example.com');
    const groups = (await call('GET', '/api/v2/groups.json')).body as { groups: { id: number }[] };
    await expectOk('GET', '/api/v2/groups/{group_id}', `/api/v2/groups/${groups.groups[0]?.id}.json`);
    await expectOk('GET', '/api/v2/brands/{brand_id}', `/api/v2/brands/${ticket.brand_id}.json`);
    await expectOk(
      'GET',
      '/api/v2/organizations/{organization_id}',
      `/api/v2/organizations/${ticket.organization_id}.json`,
    );
    sim.advanceClock(120);
    const since = Math.floor(Date.now() / 1000) - 3600;
    await expectOk(
      'GET',
      '/api/v2/incremental/tickets/cursor',
      `/api/v2/incremental/tickets/cursor.json?start_time=${since}&exclude_deleted=true`,
    );
    const hook = (await expectOk('POST', '/api/v2/webhooks', '/api/v2/webhooks', {
      webhook: {
        name: 'yorisoi',
        endpoint: 'https://yorisoi.example.com/zendesk/webhook',
        http_method: 'POST',
        request_format: 'json',
        status: 'active',
        subscriptions: ['conditional_ticket_events'],
      },
    })) as { webhook: { id: string } };
    await expectOk('GET', '/api/v2/webhooks', '/api/v2/webhooks');
    await expectOk(
      'GET',
      '/api/v2/webhooks/{webhook_id}/signing_secret',
      `/api/v2/webhooks/${hook.webhook.id}/signing_secret`,
    );
    await expectOk('POST', '/api/v2/triggers', '/api/v2/triggers.json', {
      trigger: {
        title: 'yorisoi: notify Slack of ticket changes',
        active: true,
        conditions: { all: [], any: [{ field: 'update_type', operator: 'is', value: 'Create' }] },
        actions: [
          { field: 'notification_webhook', value: [hook.webhook.id, '{"ticket_id":"{{ticket.id}}"}'] },
        ],
      },
    });
    for (const query of ['', '?page[size]=100'])
      await expectOk('GET', '/api/v2/triggers', `/api/v2/triggers.json${query}`);
    const macro = (await expectOk('POST', '/api/v2/macros', '/api/v2/macros.json', {
      macro: { title: 'Shared::Hello', actions: [{ field: 'comment_value', value: 'Hello!' }] },
    })) as { macro: { id: number } };
    await expectOk('POST', '/api/v2/macros', '/api/v2/macros.json', {
      macro: {
        title: 'Mine',
        actions: [{ field: 'comment_value', value: 'Personal' }],
        restriction: { type: 'User', id: me.user.id },
      },
    });
    for (const query of ['', '?page[size]=100&active=true'])
      await expectOk('GET', '/api/v2/macros', `/api/v2/macros.json${query}`);
    await expectOk('GET', '/api/v2/macros/{macro_id}', `/api/v2/macros/${macro.macro.id}.json`);
    await expectOk('PUT', '/api/v2/macros/{macro_id}', `/api/v2/macros/${macro.macro.id}.json`, {
      macro: { actions: [{ field: 'comment_value', value: 'Hello again!' }] },
    });
    expect([...seen].sort()).toEqual(ZENDESK_CONTRACT_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    expect(problems).toEqual([]);
  });
});
