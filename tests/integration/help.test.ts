import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestCommands } from '../../src/sim/index.ts';
import { startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

const helpFor = async (user: string) => {
  const before = (await s.api<{ responses: unknown[] }>('GET', `/_sim/slack/responses?user=${user}`)).body
    .responses.length;
  await s.api('POST', '/_sim/slack/commands', {
    user,
    channel: 'C0SUPPORT',
    command: '/yorisoi',
    text: 'help',
  });
  return waitFor('help answer', async () => {
    const r = (
      await s.api<{ responses: Array<{ body: { text?: string } }> }>(
        'GET',
        `/_sim/slack/responses?user=${user}`,
      )
    ).body.responses;
    return r.length > before ? (r.at(-1)?.body.text ?? '') : undefined;
  });
};

describe('/yorisoi help', () => {
  it("lists every slash command and subcommand, in the reader's language", async () => {
    const ja = await helpFor('U0AGENT1'); // Aiko: ja-JP
    const en = await helpFor('U0AGENT2'); // Kenji: en-US
    for (const text of [ja, en]) {
      for (const { command } of manifestCommands()) expect(text).toContain(command);
      for (const sub of ['status', 'map', 'volume', 'help', '/voice subscribe', '/voice unsubscribe'])
        expect(text).toContain(sub);
    }
    expect(ja).toContain('使えるコマンド');
    expect(en).toContain('Commands:');
    expect(en).not.toContain('使えるコマンド');
  });
});
