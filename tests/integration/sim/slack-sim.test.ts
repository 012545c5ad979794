import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimServer, type SimServer } from '../../../src/sim/sim-server.ts';
import { createSlackSim, type SlackSim } from '../../../src/sim/slack/index.ts';

/**
 * The Slack simulator driven by the real Bolt App: Socket Mode (the default for yorisoi) and,
 * once, HTTP mode with signed requests. Nothing here is mocked except Slack itself.
 */

const BOT_TOKEN = 'xoxb-sim-test';
const APP_TOKEN = 'xapp-sim-test';
const SIGNING_SECRET = 'sim-signing-secret';
const TEAM_ID = 'T0SIM';

const sectionBlock = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

function formView(privateMetadata: string) {
  return {
    type: 'modal' as const,
    callback_id: 'reason_form',
    private_metadata: privateMetadata,
    notify_on_close: true,
    title: { type: 'plain_text' as const, text: 'Reason' },
    submit: { type: 'plain_text' as const, text: 'Save' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text' as const, text: 'Why?' },
        element: { type: 'plain_text_input', action_id: 'reason_input' },
      },
    ],
  };
}

async function control(
  server: SimServer,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: control API answers are checked field by field below
): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.baseUrl}/_sim/slack${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

describe('Slack simulator with Bolt in Socket Mode', () => {
  let server: SimServer;
  let sim: SlackSim;
  let app: App;
  const seen = {
    submissions: [] as { privateMetadata: string; values: unknown }[],
    triggerIds: [] as string[],
    userMessages: [] as { text: string; user: string; thread_ts?: string }[],
    closed: 0,
  };

  beforeAll(async () => {
    server = createSimServer();
    sim = createSlackSim({
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      signingSecret: SIGNING_SECRET,
      teamId: TEAM_ID,
      mode: 'socket',
      baseUrl: () => server.baseUrl,
    });
    server.mount(sim.route, sim.upgrade);
    await server.listen();

    app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: `${server.baseUrl}/api/`, retryConfig: { retries: 0 } },
    });
    app.command('/yorisoi', async ({ ack, respond, command }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: `got ${command.text}` });
    });
    app.action('open_form', async ({ ack, body, client }) => {
      await ack();
      if (body.type !== 'block_actions') return;
      seen.triggerIds.push(body.trigger_id);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: formView(`ticket:${body.actions[0]?.type === 'button' ? body.actions[0].value : ''}`),
      });
    });
    app.view('reason_form', async ({ ack, view }) => {
      const reason = view.state.values.reason?.reason_input?.value ?? '';
      seen.submissions.push({ privateMetadata: view.private_metadata, values: view.state.values });
      if (reason.length < 5) {
        await ack({ response_action: 'errors', errors: { reason: 'Please write at least 5 characters' } });
        return;
      }
      await ack();
    });
    app.view({ callback_id: 'reason_form', type: 'view_closed' }, async ({ ack }) => {
      seen.closed += 1;
      await ack();
    });
    app.message(async ({ message }) => {
      if (message.subtype === undefined) {
        seen.userMessages.push({
          text: message.text ?? '',
          user: message.user,
          ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
        });
      }
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [sectionBlock(`Hello <@${event.user}>`)] },
      });
    });
    await app.start();
    await sim.waitForConnection();
  });

  afterAll(async () => {
    await app?.stop();
    sim?.close();
    await server?.close();
  });

  it('delivers a slash command, returns the ack and what arrived at the response_url', async () => {
    const { status, json } = await control(server, '/commands', {
      user: 'U0AGENT1',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: 'hello',
    });
    expect(status).toBe(200);
    expect(json.acked).toBe(true);
    expect(json.ack).toEqual({});
    expect(json.responses).toHaveLength(1);
    expect(json.responses[0]).toMatchObject({
      kind: 'response_url',
      body: { text: 'got hello', response_type: 'ephemeral' },
    });
    const ephemerals = await control(server, '/ephemerals?user=U0AGENT1');
    expect(ephemerals.json.ephemerals.map((e: { text: string }) => e.text)).toContain('got hello');
  });

  it('opens a modal from a button with a single-use trigger and applies response_action errors', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C0SUPPORT',
      text: 'Ticket 42',
      blocks: [
        sectionBlock('Ticket 42'),
        {
          type: 'actions',
          block_id: 'ticket_actions',
          elements: [
            {
              type: 'button',
              action_id: 'open_form',
              text: { type: 'plain_text', text: 'Reason' },
              value: '42',
            },
          ],
        },
      ],
    });
    const click = await control(server, '/actions', {
      user: 'U0AGENT2',
      channel: 'C0SUPPORT',
      message_ts: posted.ts,
      action_id: 'open_form',
    });
    expect(click.status).toBe(200);
    expect(click.json.acked).toBe(true);

    const views = (await control(server, '/views?user=U0AGENT2')).json.views;
    expect(views).toHaveLength(1);
    expect(views[0].view).toMatchObject({
      callback_id: 'reason_form',
      private_metadata: 'ticket:42',
      type: 'modal',
    });
    const viewId: string = views[0].id;

    // The trigger was exchanged by views.open; a second use is refused the way Slack refuses it.
    const trigger = seen.triggerIds.at(-1) ?? '';
    await expect(
      app.client.views.open({ trigger_id: trigger, view: formView('again') }),
    ).rejects.toMatchObject({
      data: { ok: false, error: 'exchanged_trigger_id' },
    });
    await expect(app.client.views.open({ trigger_id: '1.2.abc', view: formView('x') })).rejects.toMatchObject(
      {
        data: { error: 'invalid_trigger_id' },
      },
    );

    const tooShort = await control(server, `/views/${viewId}/submit`, {
      user: 'U0AGENT2',
      values: { reason: 'no' },
    });
    expect(tooShort.json).toMatchObject({
      acked: true,
      applied: 'errors',
      ack: { response_action: 'errors' },
    });
    const stillOpen = (await control(server, '/views?user=U0AGENT2')).json.views;
    expect(stillOpen).toHaveLength(1);
    expect(stillOpen[0].errors).toEqual({ reason: 'Please write at least 5 characters' });
    expect(seen.submissions.at(-1)).toMatchObject({
      privateMetadata: 'ticket:42',
      values: { reason: { reason_input: { type: 'plain_text_input', value: 'no' } } },
    });

    const fine = await control(server, `/views/${viewId}/submit`, {
      user: 'U0AGENT2',
      values: { reason: 'customer asked twice' },
    });
    expect(fine.json).toMatchObject({ acked: true, applied: 'close' });
    expect((await control(server, '/views?user=U0AGENT2')).json.views).toEqual([]);
  });

  it('sends view_closed when a notify_on_close modal is closed', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C0SUPPORT',
      text: 'Ticket 43',
      blocks: [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'open_form',
              text: { type: 'plain_text', text: 'Reason' },
              value: '43',
            },
          ],
        },
      ],
    });
    await sim.action({
      user: 'U0LEAD',
      channel: 'C0SUPPORT',
      message_ts: posted.ts ?? '',
      action_id: 'open_form',
    });
    const [view] = sim.views({ user: 'U0LEAD' });
    expect(view).toBeDefined();
    const closed = await sim.closeView(view?.id ?? '', { user: 'U0LEAD' });
    expect(closed).toMatchObject({ delivered: true, acked: true });
    expect(seen.closed).toBe(1);
    expect(sim.views({ user: 'U0LEAD' })).toEqual([]);
  });

  it('answers 429 with Retry-After under a burst, and web-api retries until delivered', async () => {
    await control(server, '/rate', { perSecond: 1, burst: 2 });
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: `${server.baseUrl}/api/`,
      logLevel: LogLevel.ERROR,
    });
    const retryAfters: number[] = [];
    client.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number) => retryAfters.push(seconds));
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => client.chat.postMessage({ channel: 'C0BILLING', text: `burst ${n}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(retryAfters.length).toBeGreaterThan(0);
    expect(retryAfters.every((s) => s >= 1)).toBe(true);
    const limited = sim.calls({ method: 'chat.postMessage' }).filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ ok: false, error: 'ratelimited' });
    expect(
      sim
        .messages({ channel: 'C0BILLING' })
        .map((m) => m.text)
        .sort(),
    ).toEqual(['burst 1', 'burst 2', 'burst 3', 'burst 4']);

    // The raw answer: HTTP 429, a Retry-After header in whole seconds, Slack's error body.
    await control(server, '/rate', { perSecond: 0.5, burst: 1 });
    const post = () =>
      fetch(`${server.baseUrl}/api/chat.postMessage`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${BOT_TOKEN}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ channel: 'C0VOICE', text: 'x' }).toString(),
      });
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ ok: false, error: 'ratelimited' });
    await control(server, '/rate', { perSecond: 100, burst: 100 });
  });

  it('refuses 51 blocks with invalid_blocks and says why', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => sectionBlock(`row ${i}`));
    const error = await app.client.chat
      .postMessage({ channel: 'C0SUPPORT', text: 'too many', blocks })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'invalid_blocks' },
    });
    const messages = (error as { data: { response_metadata: { messages: string[] } } }).data.response_metadata
      .messages;
    expect(messages[0]).toContain('no more than 50 items allowed');
    expect(sim.calls({ method: 'chat.postMessage' }).at(-1)).toMatchObject({
      status: 200,
      ok: false,
      error: 'invalid_blocks',
    });
  });

  it('keeps metadata and returns it from history only with include_all_metadata', async () => {
    const metadata = { event_type: 'ticket_thread', event_payload: { ticket_id: 42 } };
    const posted = await app.client.chat.postMessage({ channel: 'C0ONBOARD', text: 'ticket 42', metadata });
    await app.client.chat.postMessage({ channel: 'C0ONBOARD', text: 'reply', thread_ts: posted.ts ?? '' });
    const withMeta = await app.client.conversations.history({
      channel: 'C0ONBOARD',
      include_all_metadata: true,
    });
    expect(withMeta.messages?.[0]).toMatchObject({ ts: posted.ts, metadata, reply_count: 1 });
    const without = await app.client.conversations.history({ channel: 'C0ONBOARD' });
    expect(without.messages?.[0]?.metadata).toBeUndefined();
    const replies = await app.client.conversations.replies({ channel: 'C0ONBOARD', ts: posted.ts ?? '' });
    expect(replies.messages?.map((m) => m.text)).toEqual(['ticket 42', 'reply']);
    expect(sim.messages({ channel: 'C0ONBOARD' })[0]?.metadata).toEqual(metadata);
  });

  it('answers injected faults: 500, then 429 with the given Retry-After', async () => {
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: `${server.baseUrl}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
    sim.fault({ method: 'users.info', status: 500, count: 1 });
    await expect(client.users.info({ user: 'U0AGENT1' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 500,
    });
    sim.fault({ status: 429, count: 1, retry_after: 7 });
    await expect(client.users.info({ user: 'U0AGENT1' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
    sim.fault({ method: 'conversations.info', status: 'timeout', count: 1 });
    const impatient = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: `${server.baseUrl}/api/`,
      timeout: 200,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(impatient.conversations.info({ channel: 'C0SUPPORT' })).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    expect(sim.calls({ method: 'conversations.info' }).at(-1)).toMatchObject({ status: 0, error: 'timeout' });
    const ok = await client.users.info({ user: 'U0AGENT1' });
    expect(ok.user?.profile?.email).toBe('aiko@example.com');
    await expect(client.users.lookupByEmail({ email: 'nobody@example.com' })).rejects.toMatchObject({
      data: { error: 'users_not_found' },
    });
  });

  it('stores uploaded files (files.uploadV2) and posts them in the thread', async () => {
    const parent = await app.client.chat.postMessage({ channel: 'C0PHOTOS', text: 'photo thread' });
    await app.client.filesUploadV2({
      channel_id: 'C0PHOTOS',
      thread_ts: parent.ts ?? '',
      initial_comment: 'the photo',
      file: Buffer.from('fake png bytes'),
      filename: 'photo.png',
    });
    const [file] = sim.files();
    expect(file).toMatchObject({
      name: 'photo.png',
      mimetype: 'image/png',
      completed: true,
      channel: 'C0PHOTOS',
      thread_ts: parent.ts,
    });
    expect(Buffer.from(file?.content_base64 ?? '', 'base64').toString()).toBe('fake png bytes');
    const reply = sim.messages({ channel: 'C0PHOTOS' }).find((m) => m.files);
    expect(reply).toMatchObject({ text: 'the photo', thread_ts: parent.ts });
  });

  it('delivers user messages as message events and app_home_opened to the home tab', async () => {
    const delivered = await sim.userMessage({
      user: 'U0AGENT1',
      channel: 'C0SUPPORT',
      text: 'customer is waiting',
    });
    expect(delivered.acked).toBe(true);
    expect(seen.userMessages).toContainEqual({ text: 'customer is waiting', user: 'U0AGENT1' });

    const opened = await control(server, '/events', { type: 'app_home_opened', user: 'U0PRODUCT' });
    expect(opened.json.acked).toBe(true);
    // The handler publishes after acking; poll the store instead of timing it.
    await expect.poll(() => sim.home({ user: 'U0PRODUCT' }).length).toBe(1);
    expect(sim.home({ user: 'U0PRODUCT' })[0]?.view).toMatchObject({ type: 'home' });
  });

  it('rejects bad control input with 400 and zod issues, and unknown tokens with invalid_auth', async () => {
    const bad = await control(server, '/commands', { user: 'U0AGENT1', command: 'no-slash' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('invalid_request');
    expect(bad.json.issues.length).toBeGreaterThan(0);
    const stranger = new webApi.WebClient('xoxb-wrong', {
      slackApiUrl: `${server.baseUrl}/api/`,
      retryConfig: { retries: 0 },
    });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const noToken = await fetch(`${server.baseUrl}/api/auth.test`, { method: 'POST' });
    expect(await noToken.json()).toEqual({ ok: false, error: 'not_authed' });
  });
});

describe('Slack simulator in HTTP mode (signed requests)', () => {
  async function startHttpApp(signingSecret: string, baseUrl: () => string) {
    const app = new App({
      token: BOT_TOKEN,
      signingSecret,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: `${baseUrl()}/api/`, retryConfig: { retries: 0 } },
    });
    app.command('/yorisoi', async ({ ack, respond, command }) => {
      await ack();
      await respond({ text: `http got ${command.text}` });
    });
    const httpServer = (await app.start(0)) as { address(): AddressInfo | string | null };
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { app, url: `http://127.0.0.1:${port}/slack/events` };
  }

  let server: SimServer;
  let sim: SlackSim;
  let requestUrl = '';

  beforeAll(async () => {
    server = createSimServer();
    sim = createSlackSim({
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      signingSecret: SIGNING_SECRET,
      teamId: TEAM_ID,
      mode: 'http',
      requestUrl: () => requestUrl,
      baseUrl: () => server.baseUrl,
    });
    server.mount(sim.route, sim.upgrade);
    await server.listen();
  });

  afterAll(async () => {
    sim?.close();
    await server?.close();
  });

  it('signs commands so Bolt accepts them, and the respond() round trip works', async () => {
    const { app, url } = await startHttpApp(SIGNING_SECRET, () => server.baseUrl);
    requestUrl = url;
    try {
      const result = await sim.command({
        user: 'U0AGENT1',
        channel: 'C0SUPPORT',
        command: '/yorisoi',
        text: 'signed',
      });
      expect(result).toMatchObject({ acked: true, status: 200 });
      expect(result.responses[0]).toMatchObject({ kind: 'response_url', body: { text: 'http got signed' } });
    } finally {
      await app.stop();
    }
  });

  it('is rejected by Bolt when the signing secret differs', async () => {
    const { app, url } = await startHttpApp('a-different-secret', () => server.baseUrl);
    requestUrl = url;
    try {
      const result = await sim.command({
        user: 'U0AGENT1',
        channel: 'C0SUPPORT',
        command: '/yorisoi',
        text: 'forged',
        wait_ms: 0,
      });
      expect(result.acked).toBe(false);
      expect(result.status).toBe(401);
      expect(result.responses).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
