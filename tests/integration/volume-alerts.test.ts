import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repliesTo, type SimMessage, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
/** yorisoi's alert clock runs `offsetMs` ahead of real time; the test moves it, nothing sleeps. */
let offsetMs = 0;
beforeAll(async () => {
  s = await startTestSandbox({
    clock: () => new Date(Date.now() + offsetMs),
    alertEvaluateSeconds: 3600, // only new tickets and the test trigger checks
    alertRules: [
      {
        id: 'burst',
        scope: 'all',
        channelId: 'C0ALERTS',
        kind: 'threshold',
        windowMinutes: 60,
        threshold: 5,
      },
    ],
  });
});
afterAll(async () => {
  await s?.close();
});

type SimFile = {
  id: string;
  name: string;
  mimetype: string;
  channel: string | null;
  thread_ts: string | null;
  completed: boolean;
  content_base64: string | null;
};
const files = async () => (await s.api<{ files: SimFile[] }>('GET', '/_sim/slack/files')).body.files;
/** Zendesk has delivered every webhook, yorisoi has processed them, and the outbox is empty. */
const quiet = async () => {
  await s.api('POST', '/_sim/zendesk/settled');
  await s.runtime.settle();
  await s.runtime.checkVolume();
  await s.runtime.settle();
};
const alertRoots = (ms: SimMessage[]) =>
  ms.filter((m) => !m.thread_ts && m.text.startsWith('Ticket volume alert'));

/** Decodes a PNG and counts pixels of the bar colours and of the axis ink: a chart, not a blank image. */
function inspectPng(base64: string) {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  let bars = 0;
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if ((r === 54 && g === 118 && b === 201) || (r === 220 && g === 80 && b === 60)) bars++;
    if (r === 33 && g === 37 && b === 41) ink++;
  }
  return { width: png.width, height: png.height, bars, ink };
}

describe('volume alerts', () => {
  it('a burst past the threshold makes exactly one alert with a chart upload, then one recovery', async () => {
    const burst = [];
    for (let i = 0; i < 8; i++) {
      burst.push(
        await s.openTicket({
          subject: `写真が表示されない ${i}`,
          body: `Burst ${i}: photos do not load`,
          brand: 'photos',
          tags: ['bug', i % 2 ? 'android' : 'ios'],
        }),
      );
    }
    const alert = await waitFor('the alert', async () => alertRoots(await s.messages('C0ALERTS'))[0]);
    const chart = await waitFor('the chart upload', async () =>
      (await files()).find((f) => f.completed && f.thread_ts === alert.ts),
    );
    await quiet();

    const text = JSON.stringify(alert.blocks);
    // The alert fires as soon as the window holds 5 (tickets arrive one webhook at a time).
    const [, fired] = alert.text.match(/(\d+) tickets in the last 1 h \(alerts at 5\)/) ?? [];
    expect(Number(fired)).toBeGreaterThanOrEqual(5);
    expect(text).toContain(`\`bug\` ${fired}`);
    expect(text).toContain('写真が表示されない');
    expect(chart.mimetype).toBe('image/png');
    expect(chart.channel).toBe('C0ALERTS');
    const image = inspectPng(chart.content_base64 ?? '');
    expect(image.width).toBeGreaterThan(600);
    expect(image.bars).toBeGreaterThan(200);
    expect(image.ink).toBeGreaterThan(1000);
    writeFileSync(
      path.join(tmpdir(), 'yorisoi-alert-chart.png'),
      Buffer.from(chart.content_base64 ?? '', 'base64'),
    );

    // More tickets during the episode: still one alert.
    await s.openTicket({ subject: 'Still broken', body: 'Same here', brand: 'photos', tags: ['bug'] });
    await quiet();
    expect(alertRoots(await s.messages('C0ALERTS'))).toHaveLength(1);
    expect((await files()).filter((f) => f.channel === 'C0ALERTS')).toHaveLength(1);

    // Two hours later the window is quiet: one recovery in the alert's thread, shown in the channel too.
    offsetMs += 2 * 3_600_000;
    await s.runtime.checkVolume();
    await s.runtime.checkVolume();
    await s.runtime.settle();
    const replies = repliesTo(await s.messages('C0ALERTS'), alert.ts);
    const recoveries = replies.filter((m) => m.text.startsWith(':white_check_mark: Recovered'));
    expect(recoveries).toHaveLength(1);
    expect(alertRoots(await s.messages('C0ALERTS'))).toHaveLength(1);
    const episodes = await s.runtime.db.alertEpisode.findMany();
    expect(episodes).toHaveLength(1);
    expect(episodes[0]?.endedAt).not.toBeNull();
    expect(episodes[0]?.peakCount).toBe(9);
    expect(burst).toHaveLength(8);
  });

  it('/yorisoi volume answers with a chart; bad input gets a clear message', async () => {
    const r = await s.api<{ acked: boolean }>('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: 'volume bug 7d',
    });
    expect(r.body.acked).toBe(true);
    const upload = await waitFor('the chart in #support', async () =>
      (await files()).find((f) => f.completed && f.channel === 'C0SUPPORT'),
    );
    expect(inspectPng(upload.content_base64 ?? '').bars).toBeGreaterThan(100);
    const message = (await s.messages('C0SUPPORT')).find((m) => m.text.includes('Ticket volume — tag bug'));
    expect(message?.text).toMatch(/tag bug: 9 in the last 7 days/);

    await s.api('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: 'volume bug 99x',
    });
    await waitFor('usage answer', async () =>
      (
        await s.api<{ responses: Array<{ body: { text?: string } }> }>(
          'GET',
          '/_sim/slack/responses?user=U0LEAD',
        )
      ).body.responses.find((x) => x.body.text?.includes('"99x" is not a period')),
    );
  });

  it("the App Home shows today's counts", async () => {
    offsetMs = 0;
    await s.api('POST', '/_sim/slack/events', { type: 'app_home_opened', user: 'U0LEAD' });
    const home = await waitFor(
      'home view',
      async () =>
        (
          await s.api<{ views: Array<{ view: { blocks: unknown[] } }> }>(
            'GET',
            '/_sim/slack/home?user=U0LEAD',
          )
        ).body.views[0],
    );
    const text = JSON.stringify(home.view.blocks);
    expect(text).toContain('*9* new tickets today');
    expect(text).toContain('*Photos*\\n9');
    expect(text).toContain('`bug` 9');
  });
});
