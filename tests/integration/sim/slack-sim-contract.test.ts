import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimServer, type SimServer } from '../../../src/sim/sim-server.ts';
import { COMMON_ERRORS, METHOD_ERRORS, SLACK_METHODS } from '../../../src/sim/slack/errors.ts';
import { createSlackSim, type SlackSim } from '../../../src/sim/slack/index.ts';
import { METHOD_TIERS } from '../../../src/sim/slack/rate-limit.ts';

/**
 * Contract: every error name the simulator can answer with is one Slack documents for that method
 * (slack-api-ref method files, plus the older official OpenAPI file), or one of Slack's common errors.
 * Reads the published specs from ../shared/specs/slack (or SLACK_SPECS_DIR) when present, else the copy of
 * the relevant parts in tests/fixtures/slack-specs (scripts/vendor-slack-specs.ts), so it always runs.
 */
const sharedSpecs = fileURLToPath(new URL('../../../../shared/specs/slack', import.meta.url));
const specsDir =
  process.env.SLACK_SPECS_DIR ??
  (existsSync(sharedSpecs)
    ? sharedSpecs
    : fileURLToPath(new URL('../../fixtures/slack-specs', import.meta.url)));
const methodsDir = `${specsDir}/slack-api-ref/docs.slack.dev/methods`;

function documentedErrors(method: string): Set<string> {
  const file = JSON.parse(readFileSync(`${methodsDir}/${method}.json`, 'utf8')) as {
    errors?: Record<string, unknown>;
  };
  const names = new Set(Object.keys(file.errors ?? {}));
  const openapi = JSON.parse(readFileSync(`${specsDir}/slack_web_openapi_v2.json`, 'utf8')) as {
    paths: Record<string, Record<string, { responses?: { default?: unknown } }>>;
  };
  const operation = Object.values(openapi.paths[`/${method}`] ?? {})[0];
  const text = JSON.stringify(operation?.responses?.default ?? {});
  for (const match of text.matchAll(/"enum":\[([^\]]*)\]/g)) {
    for (const name of (match[1] ?? '').split(',')) names.add(name.replaceAll('"', ''));
  }
  return names;
}

describe('Slack simulator error names match the method specs', () => {
  it.each(SLACK_METHODS)('%s only answers documented errors', (method) => {
    const documented = documentedErrors(method);
    const undocumented = METHOD_ERRORS[method].filter((name) => !documented.has(name));
    expect(undocumented).toEqual([]);
  });

  it.each(SLACK_METHODS)('%s is rate-limited by the tier its spec names', (method) => {
    const file = JSON.parse(readFileSync(`${methodsDir}/${method}.json`, 'utf8')) as { rate_limits?: string };
    const specTier = file.rate_limits === 't5' ? 'special' : file.rate_limits;
    expect(METHOD_TIERS[method]).toBe(specTier);
  });

  it('uses common error names that Slack documents somewhere', () => {
    const all = new Set<string>();
    for (const method of SLACK_METHODS) for (const name of documentedErrors(method)) all.add(name);
    const chatPostMessage = documentedErrors('chat.postMessage');
    const views = documentedErrors('views.open');
    for (const name of COMMON_ERRORS) {
      const elsewhere = ['auth.test', 'admin.users.list', 'apps.manifest.create'].some((m) =>
        documentedErrors(m).has(name),
      );
      expect(all.has(name) || chatPostMessage.has(name) || views.has(name) || elsewhere, name).toBe(true);
    }
  });

  describe('at runtime', () => {
    let server: SimServer;
    let sim: SlackSim;
    beforeAll(async () => {
      server = createSimServer();
      sim = createSlackSim({
        botToken: 'xoxb-c',
        appToken: 'xapp-c',
        signingSecret: 's',
        teamId: 'T0C',
        mode: 'socket',
        baseUrl: () => server.baseUrl,
      });
      server.mount(sim.route, sim.upgrade);
      await server.listen();
    });
    afterAll(async () => {
      sim.close();
      await server.close();
    });

    const badCalls: Record<string, Record<string, string>> = {
      'chat.postMessage': { channel: 'C0NOPE', text: 'x' },
      'chat.update': { channel: 'C0SUPPORT', ts: '1.000001', text: 'x' },
      'chat.postEphemeral': { channel: 'C0SUPPORT', user: 'U0NOPE', text: 'x' },
      'chat.delete': { channel: 'C0SUPPORT', ts: '1.000001' },
      'chat.getPermalink': { channel: 'C0SUPPORT', message_ts: '1.000001' },
      'conversations.history': { channel: 'C0SUPPORT', oldest: 'yesterday' },
      'conversations.replies': { channel: 'C0SUPPORT', ts: '1.000001' },
      'conversations.info': { channel: 'C0NOPE' },
      'conversations.join': { channel: 'C0NOPE' },
      'conversations.list': { types: 'weird' },
      'users.info': { user: 'U0NOPE' },
      'users.list': { cursor: 'bm9wZQ==' },
      'users.lookupByEmail': { email: 'nobody@example.com' },
      'views.open': { trigger_id: '1.2.3abc', view: '{"type":"modal"}' },
      'views.push': { trigger_id: 'nope', view: '{"type":"modal"}' },
      'views.update': { view_id: 'V0NOPE', view: '{"type":"modal"}' },
      'views.publish': { user_id: 'U0AGENT1', view: '{"type":"home","blocks":[]}', hash: 'x' },
      'files.getUploadURLExternal': { filename: 'a.txt' },
      'files.completeUploadExternal': { files: '[{"id":"F0NOPE"}]' },
      'reactions.add': { channel: 'C0SUPPORT', timestamp: '1.000001', name: 'eyes' },
    };

    it.each(SLACK_METHODS.filter((m) => m !== 'auth.test' && m !== 'apps.connections.open'))(
      '%s fails with a catalogued error name',
      async (method) => {
        const response = await fetch(`${server.baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { authorization: 'Bearer xoxb-c', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(badCalls[method] ?? {}).toString(),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { ok: boolean; error: string };
        expect(body.ok).toBe(false);
        expect([...METHOD_ERRORS[method], ...COMMON_ERRORS]).toContain(body.error);
      },
    );

    it('answers not_allowed_token_type when the app token calls a bot method and vice versa', async () => {
      const call = (method: string, token: string) =>
        fetch(`${server.baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        }).then((r) => r.json());
      expect(await call('auth.test', 'xapp-c')).toEqual({ ok: false, error: 'not_allowed_token_type' });
      expect(await call('apps.connections.open', 'xoxb-c')).toEqual({
        ok: false,
        error: 'not_allowed_token_type',
      });
      expect(await call('apps.connections.open', 'xapp-c')).toMatchObject({
        ok: true,
        url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/_sim\/slack\/socket\//),
      });
    });
  });
});
