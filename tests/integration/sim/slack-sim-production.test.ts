import { App, LogLevel, webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestCommands } from '../../../src/sim/index.ts';
import { createSimServer, type SimServer } from '../../../src/sim/sim-server.ts';
import { createSlackSim, type SlackSim } from '../../../src/sim/slack/index.ts';

/**
 * The Slack simulator as hard as production: channel membership with chat:write.public, rate-limit tiers
 * on every method, latency, failures after the write, Socket Mode disconnect frames and slash-command
 * escaping. Driven by the real Bolt App and WebClient.
 */

const BOT_TOKEN = 'xoxb-sim-prod';
const APP_TOKEN = 'xapp-sim-prod';

async function control(server: SimServer, path: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}/_sim/slack${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: control answers are checked field by field
  return { status: response.status, json: (await response.json()) as any };
}

describe('Slack simulator: production behaviour', () => {
  let server: SimServer;
  let sim: SlackSim;
  let app: App;
  let client: InstanceType<typeof webApi.WebClient>;
  const commandTexts: Record<string, string> = {};
  const seenMessages: string[] = [];

  beforeAll(async () => {
    server = createSimServer();
    sim = createSlackSim({
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      signingSecret: 'sim-signing-secret',
      teamId: 'T0SIM',
      mode: 'socket',
      baseUrl: () => server.baseUrl,
      postMessageRate: { perSecond: 100, burst: 100 },
      commands: manifestCommands(),
    });
    server.mount(sim.route, sim.upgrade);
    await server.listen();
    client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: `${server.baseUrl}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: webApi.LogLevel.ERROR,
    });
    app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: `${server.baseUrl}/api/`, retryConfig: { retries: 0 } },
    });
    for (const name of ['/yorisoi', '/voice']) {
      app.command(name, async ({ ack, command }) => {
        commandTexts[name] = command.text;
        await ack();
      });
    }
    app.message(async ({ message }) => {
      if (message.subtype === undefined) seenMessages.push(message.text ?? '');
    });
    await app.start();
    await sim.waitForConnection();
  });

  afterAll(async () => {
    await app?.stop();
    sim?.close();
    await server?.close();
  });

  it('lets the bot post to a public channel it is not in (chat:write.public) but not read its history', async () => {
    sim.addChannel({ id: 'C0OUTSIDE', name: 'outside', is_member: false });
    const posted = await client.chat.postMessage({ channel: 'C0OUTSIDE', text: 'hello from outside' });
    expect(posted.ok).toBe(true);
    await expect(client.conversations.history({ channel: 'C0OUTSIDE' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(
      client.conversations.replies({ channel: 'C0OUTSIDE', ts: posted.ts as string }),
    ).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    // conversations.join (channels:join) makes it readable.
    await client.conversations.join({ channel: 'C0OUTSIDE' });
    const history = await client.conversations.history({ channel: 'C0OUTSIDE' });
    expect(history.messages?.map((m) => m.text)).toEqual(['hello from outside']);
  });

  it('hides a private channel the bot is not in, and the control API changes membership and privacy', async () => {
    sim.addChannel({ id: 'C0SECRET', name: 'secret', is_member: false, is_private: true });
    await expect(client.chat.postMessage({ channel: 'C0SECRET', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client.conversations.info({ channel: 'C0SECRET' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client.conversations.join({ channel: 'C0SECRET' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    const invited = await control(server, '/channels/C0SECRET', { is_member: true });
    expect(invited.json.channel).toEqual({ id: 'C0SECRET', is_member: true, is_private: true });
    const info = await client.conversations.info({ channel: 'C0SECRET' });
    expect(info.channel).toMatchObject({ is_private: true, is_member: true });
    expect((await client.chat.postMessage({ channel: 'C0SECRET', text: 'now inside' })).ok).toBe(true);
    const bad = await control(server, '/channels/C0NOPE', { is_member: true });
    expect(bad.status).toBe(404);
  });

  it('limits every method by its tier with 429 + Retry-After (users.info is tier 4: 100 a minute)', async () => {
    const status = await control(server, '/status');
    expect(status.json.methodRates.tiers).toEqual({ t1: 1, t2: 20, t3: 50, t4: 100, special: 600 });
    const answers = await Promise.allSettled(
      Array.from({ length: 120 }, () => client.users.info({ user: 'U0AGENT1' })),
    );
    const refused = answers.filter((a) => a.status === 'rejected');
    // A minute's allowance (100) as a burst, then refusals; the bucket refills ~1.7 a second meanwhile.
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.length - refused.length).toBeGreaterThanOrEqual(100);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    expect(
      ((refused[0] as PromiseRejectedResult).reason as { retryAfter: number }).retryAfter,
    ).toBeGreaterThan(0);
    // Tests that need more raise a method's limit through the control API.
    const raised = await control(server, '/rate', { methods: { 'users.info': 100_000 } });
    expect(raised.json.methodRates.methods).toEqual({ 'users.info': 100_000 });
    expect((await client.users.info({ user: 'U0AGENT1' })).ok).toBe(true);
  });

  it('limits views.update as tier 4 and conversations.list as tier 2', async () => {
    await control(server, '/rate', { tiers: { t2: 2 } });
    await client.conversations.list();
    await client.conversations.list();
    await expect(client.conversations.list()).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    const views = await control(server, '/status');
    expect(views.json.methodRates.tiers.t4).toBe(100);
    await control(server, '/rate', { tiers: { t2: 20 } });
  });

  it('delays every Web API call by the configured latency', async () => {
    await control(server, '/latency', { min_ms: 150, max_ms: 150 });
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const off = await control(server, '/latency', { min_ms: 0, max_ms: 0 });
    expect(off.json.latency).toBeNull();
    const invalid = await control(server, '/latency', { min_ms: 500, max_ms: 100 });
    expect(invalid.status).toBe(400);
  });

  it('stores the message and then answers 500 (fault "after")', async () => {
    sim.fault({ method: 'chat.postMessage', status: 500, when: 'after' });
    await expect(
      client.chat.postMessage({ channel: 'C0ALERTS', text: 'stored then 500' }),
    ).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    expect(sim.messages({ channel: 'C0ALERTS' }).map((m) => m.text)).toContain('stored then 500');
  });

  it('stores the message and then resets the connection, or hangs until the client gives up', async () => {
    sim.fault({ method: 'chat.postMessage', status: 'reset', when: 'after' });
    await expect(
      client.chat.postMessage({ channel: 'C0ALERTS', text: 'stored then reset' }),
    ).rejects.toThrow();
    sim.fault({ method: 'chat.postMessage', status: 'timeout', when: 'after', hang_ms: 30_000 });
    const impatient = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: `${server.baseUrl}/api/`,
      retryConfig: { retries: 0 },
      timeout: 300,
      logLevel: webApi.LogLevel.ERROR,
    });
    await expect(
      impatient.chat.postMessage({ channel: 'C0ALERTS', text: 'stored then hang' }),
    ).rejects.toThrow();
    const texts = sim.messages({ channel: 'C0ALERTS' }).map((m) => m.text);
    expect(texts).toContain('stored then reset');
    expect(texts).toContain('stored then hang');
    expect(sim.calls({ method: 'chat.postMessage' }).map((c) => c.error)).toEqual(
      expect.arrayContaining(['connection_reset_after_write', 'timeout_after_write']),
    );
  });

  it('applies chat.update and then answers 500; a fault "before" changes nothing', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS', text: 'v1' });
    sim.fault({ method: 'chat.update', status: 500, when: 'after' });
    await expect(
      client.chat.update({ channel: 'C0ALERTS', ts: posted.ts as string, text: 'v2' }),
    ).rejects.toMatchObject({ statusCode: 500 });
    expect(sim.messages({ channel: 'C0ALERTS' }).find((m) => m.ts === posted.ts)?.text).toBe('v2');
    sim.fault({ method: 'chat.update', status: 500 });
    await expect(
      client.chat.update({ channel: 'C0ALERTS', ts: posted.ts as string, text: 'v3' }),
    ).rejects.toMatchObject({ statusCode: 500 });
    expect(sim.messages({ channel: 'C0ALERTS' }).find((m) => m.ts === posted.ts)?.text).toBe('v2');
  });

  it('sends Socket Mode disconnect frames; the client reconnects and no event is lost', async () => {
    for (const reason of ['refresh_requested', 'warning'] as const) {
      const opensBefore = sim.calls({ method: 'apps.connections.open' }).length;
      const told = await control(server, '/socket/disconnect', { reason, close_after_ms: 300 });
      expect(told.json.sockets).toBe(1);
      const texts = Array.from({ length: 10 }, (_, i) => `${reason} event ${i}`);
      const results = await Promise.all(
        texts.map((text) => sim.userMessage({ user: 'U0AGENT1', channel: 'C0SUPPORT', text })),
      );
      expect(results.every((r) => r.acked)).toBe(true);
      for (const text of texts) expect(seenMessages.filter((t) => t === text)).toHaveLength(1);
      expect(sim.calls({ method: 'apps.connections.open' }).length).toBeGreaterThan(opensBefore);
      await expect.poll(() => sim.status().connections).toBe(1);
    }
  });

  it('escapes slash-command text per the manifest: /yorisoi (should_escape) gets mentions and links', async () => {
    const typed = 'map @aiko aiko@example.com #support https://help.example.com/a?b=1&c=2 a<b & c>d';
    await sim.command({ user: 'U0LEAD', channel: 'C0SUPPORT', command: '/yorisoi', text: typed });
    expect(commandTexts['/yorisoi']).toBe(
      'map <@U0AGENT1|aiko> <mailto:aiko@example.com|aiko@example.com> <#C0SUPPORT|support> ' +
        '<https://help.example.com/a?b=1&amp;c=2> a&lt;b &amp; c&gt;d',
    );
    await sim.command({ user: 'U0LEAD', channel: 'C0SUPPORT', command: '/voice', text: typed });
    expect(commandTexts['/voice']).toBe(
      'map @aiko aiko@example.com #support https://help.example.com/a?b=1&amp;c=2 a&lt;b &amp; c&gt;d',
    );
  });
});
