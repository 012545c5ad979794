import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimServer, type SimServer } from '../../../src/sim/sim-server.ts';
import { createSlackSim, type SlackSim } from '../../../src/sim/slack/index.ts';

/** Modal rules: trigger expiry (on the simulator's clock), the 3-view stack, hash races, response_action. */

const modal = (callbackId: string, title = 'Step') => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Next' },
  blocks: [
    {
      type: 'input',
      block_id: 'note',
      label: { type: 'plain_text' as const, text: 'Note' },
      element: { type: 'plain_text_input', action_id: 'note_input' },
    },
  ],
});

describe('Slack simulator views', () => {
  let server: SimServer;
  let sim: SlackSim;
  let app: App;
  let now = 1_700_000_000_000;
  const triggers: string[] = [];
  const nextAck: unknown[] = [];

  beforeAll(async () => {
    server = createSimServer();
    sim = createSlackSim({
      botToken: 'xoxb-v',
      appToken: 'xapp-v',
      signingSecret: 's',
      teamId: 'T0V',
      mode: 'socket',
      clock: { now: () => now },
      postMessageRate: { perSecond: 1000, burst: 1000 },
      baseUrl: () => server.baseUrl,
    });
    server.mount(sim.route, sim.upgrade);
    await server.listen();
    app = new App({
      token: 'xoxb-v',
      appToken: 'xapp-v',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: `${server.baseUrl}/api/`, retryConfig: { retries: 0 } },
    });
    app.command('/later', async ({ ack, command }) => {
      triggers.push(command.trigger_id);
      await ack();
    });
    app.view(/.*/, async ({ ack }) => {
      await ack((nextAck.shift() as never) ?? undefined);
    });
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    sim.close();
    await server.close();
  });

  async function freshTrigger(): Promise<string> {
    await sim.command({ user: 'U0AGENT1', channel: 'C0SUPPORT', command: '/later', wait_ms: 0 });
    return triggers.at(-1) ?? '';
  }

  it('refuses a trigger_id older than 3 s with expired_trigger_id', async () => {
    const trigger = await freshTrigger();
    now += 3001;
    await expect(app.client.views.open({ trigger_id: trigger, view: modal('a') })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
  });

  it('stacks at most 3 views, detects hash races and finds views by external_id', async () => {
    const opened = await app.client.views.open({
      trigger_id: await freshTrigger(),
      view: { ...modal('root'), external_id: 'draft-1' },
    });
    const root = opened.view as { id: string; hash: string };
    await app.client.views.push({ trigger_id: await freshTrigger(), view: modal('second') });
    await app.client.views.push({ trigger_id: await freshTrigger(), view: modal('third') });
    await expect(
      app.client.views.push({ trigger_id: await freshTrigger(), view: modal('fourth') }),
    ).rejects.toMatchObject({ data: { error: 'push_limit_reached' } });
    expect(sim.views({ user: 'U0AGENT1' }).map((v) => v.view.callback_id)).toEqual([
      'root',
      'second',
      'third',
    ]);

    const updated = await app.client.views.update({
      view_id: root.id,
      hash: root.hash,
      view: modal('root', 'Edited'),
    });
    expect((updated.view as { hash: string }).hash).not.toBe(root.hash);
    await expect(
      app.client.views.update({ view_id: root.id, hash: root.hash, view: modal('root') }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    const byExternal = await app.client.views.update({
      external_id: 'draft-1',
      view: { ...modal('root', 'Again'), external_id: 'draft-1' },
    });
    expect(byExternal.view?.id).toBe(root.id);
    await expect(app.client.views.update({ view_id: 'V0MISSING', view: modal('x') })).rejects.toMatchObject({
      data: { error: 'not_found' },
    });
  });

  it('applies response_action update, push and clear from the submission ack', async () => {
    const top = () => sim.views({ user: 'U0AGENT1' }).at(-1);
    nextAck.push({ response_action: 'update', view: modal('replaced', 'Replaced') });
    const first = await sim.submitView(top()?.id ?? '', { values: { note: 'a' } });
    expect(first.applied).toBe('update');
    expect(top()?.view.callback_id).toBe('replaced');

    nextAck.push({ response_action: 'clear' });
    expect((await sim.submitView(top()?.id ?? '', { values: { note: 'b' } })).applied).toBe('clear');
    expect(sim.views({ user: 'U0AGENT1' })).toEqual([]);

    await app.client.views.open({ trigger_id: await freshTrigger(), view: modal('one') });
    nextAck.push({ response_action: 'push', view: modal('two') });
    expect((await sim.submitView(top()?.id ?? '', { values: { note: 'c' } })).applied).toBe('push');
    expect(sim.views({ user: 'U0AGENT1' }).map((v) => v.view.callback_id)).toEqual(['one', 'two']);
  });

  it('refuses invalid views with invalid_arguments and a json-pointer message', async () => {
    const longTitle = {
      ...modal('x'),
      title: { type: 'plain_text' as const, text: 'A title that is far too long for Slack' },
    };
    const error = await app.client.views
      .open({ trigger_id: await freshTrigger(), view: longTitle })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(
      (error as { data: { response_metadata: { messages: string[] } } }).data.response_metadata.messages[0],
    ).toContain('/view/title/text');
  });

  it('views.publish counts the 250 kB limit in bytes, as Slack does: a Japanese home under 250,000 characters is refused', async () => {
    // 90 sections of 2,000 kana: 180,000 characters, but 540,000 bytes of UTF-8 on the wire.
    const blocks = Array.from({ length: 90 }, () => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'あ'.repeat(2000) },
    }));
    const view = { type: 'home' as const, blocks };
    expect(JSON.stringify(view).length).toBeLessThan(250_000);
    const error = await app.client.views.publish({ user_id: 'U0AGENT1', view }).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { error: 'view_too_large' } });
    // The same home in 40 sections (≈240 kB) is accepted.
    const fits = await app.client.views.publish({
      user_id: 'U0AGENT1',
      view: { ...view, blocks: blocks.slice(0, 39) },
    });
    expect(fits.ok).toBe(true);
  });

  it('a required input left empty cannot be submitted (the Slack client would not let it)', async () => {
    const view = sim.views({ user: 'U0AGENT1' }).at(-1);
    await expect(sim.submitView(view?.id ?? '', { values: {} })).rejects.toMatchObject({
      status: 400,
      error: 'required_input_missing',
    });
  });
});
