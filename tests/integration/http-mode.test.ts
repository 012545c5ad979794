import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ slackMode: 'http' });
});
afterAll(async () => {
  await s?.close();
});

describe('HTTP mode', () => {
  it('Slack posts signed requests to /slack/events and the bot answers', async () => {
    const r = await s.api<{
      acked: boolean;
      status?: number;
      responses: Array<{ body?: { text?: string } }>;
    }>('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: 'help',
    });
    expect(r.body.status).toBe(200);
    expect(r.body.acked).toBe(true);
    expect(r.body.responses[0]?.body?.text).toContain('yorisoi');
  });

  it('a request signed with another secret is refused by the bot', async () => {
    const body = 'command=%2Fyorisoi&text=help&user_id=U0LEAD&channel_id=C0SUPPORT&team_id=T0SANDBOX';
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${s.appUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': 'v0=deadbeef',
      },
      body,
    });
    expect(res.status).toBe(401);
  });
});
