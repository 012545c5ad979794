import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeAxisLabels } from '../../src/charts/volume-chart.ts';
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
  await s.features.volume.check();
  await s.runtime.settle();
};
const alertRoots = (ms: SimMessage[]) =>
  ms.filter((m) => !m.thread_ts && m.text.startsWith('問い合わせ急増'));

/** Decodes a PNG and counts pixels of the bar colour and of dark ink (text, axes): a chart, not a blank image. */
async function inspectPng(base64: string) {
  const image = await loadImage(Buffer.from(base64, 'base64'));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let bars = 0;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
    if (r === 54 && g === 118 && b === 201) bars++;
    if (r < 60 && g < 60 && b < 60) ink++;
  }
  return { width: image.width, height: image.height, bars, ink };
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
    const [, fired] = alert.text.match(/直近 1 時間で (\d+) 件（通知の基準 5 件/) ?? [];
    expect(Number(fired)).toBeGreaterThanOrEqual(5);
    expect(text).toContain(`\`bug\` ${fired}`);
    expect(text).toContain('写真が表示されない');
    expect(chart.mimetype).toBe('image/png');
    expect(chart.channel).toBe('C0ALERTS');
    const image = await inspectPng(chart.content_base64 ?? '');
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
    await s.features.volume.check();
    await s.features.volume.check();
    await s.runtime.settle();
    const replies = repliesTo(await s.messages('C0ALERTS'), alert.ts);
    const recoveries = replies.filter((m) => m.text.startsWith(':white_check_mark: 回復'));
    expect(recoveries).toHaveLength(1);
    expect(alertRoots(await s.messages('C0ALERTS'))).toHaveLength(1);
    const episodes = await s.db.alertEpisode.findMany();
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
    expect((await inspectPng(upload.content_base64 ?? '')).bars).toBeGreaterThan(100);
    const message = (await s.messages('C0SUPPORT')).find((m) => m.text.includes('Ticket volume — tag bug'));
    expect(message?.text).toMatch(/tag bug: 9 in the last 7 days/);
    // Posted in the channel: who asked, in the workspace's language (Japanese by default).
    expect(message?.text).toContain('（<@U0LEAD> さんの依頼）');

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

  it('bad /yorisoi volume arguments get an ephemeral usage message in Japanese and English, never a chart', async () => {
    const before = (await files()).length;
    type Response = { body: { text?: string; response_type?: string } };
    const responses = async () =>
      (await s.api<{ responses: Response[] }>('GET', '/_sim/slack/responses?user=U0LEAD')).body.responses;
    for (const text of ['volume 1年', 'volume abc', 'volume bug 7d extra']) {
      const seen = (await responses()).length;
      await s.api('POST', '/_sim/slack/commands', {
        user: 'U0LEAD',
        channel: 'C0SUPPORT',
        command: '/yorisoi',
        text,
      });
      const answer = await waitFor(`the answer to ${text}`, async () => (await responses())[seen]);
      expect(answer.body.response_type).toBe('ephemeral');
      expect(answer.body.text).toContain('使い方');
      expect(answer.body.text).toContain('Usage');
      expect(answer.body.text).toContain('/yorisoi volume');
    }
    await s.runtime.settle();
    expect((await files()).length).toBe(before);
  });

  it('a 7-day chart labels its axis with 7 distinct dates, a 24-hour chart with Tokyo hours', async () => {
    const at = new Date('2026-11-30T05:20:00Z'); // Monday 14:20 in Tokyo (the sandbox's UTC+9)
    const week = await s.features.volume.alerts.renderChart('tag:bug', at, 7 * 24 * 3_600_000);
    const dates = timeAxisLabels(week.data, 0).map((l) => l.text);
    expect(dates).toHaveLength(7);
    expect(new Set(dates).size).toBe(7);
    expect(dates[0]).toMatch(/^11\/24/);
    expect(dates[6]).toMatch(/^11\/30/);

    const day = await s.features.volume.alerts.renderChart('all', at, 24 * 3_600_000);
    const hours = timeAxisLabels(day.data, 0).map((l) => l.text);
    // 24 hourly bars from 15:00 yesterday to the current 14:00 bar, every third hour labelled, midnight as a date.
    expect(hours).toEqual(['15時', '18時', '21時', '11/30', '3時', '6時', '9時', '12時']);
    const month = timeAxisLabels(day.data, 1).map((l) => l.text);
    expect(month.at(-1)).toMatch(/^11\/30/);
  });

  it("the App Home shows today's counts, in each reader's language", async () => {
    offsetMs = 0;
    const homeOf = async (user: string) => {
      await s.api('POST', '/_sim/slack/events', { type: 'app_home_opened', user });
      const home = await waitFor(
        'home view',
        async () =>
          (
            await s.api<{ views: Array<{ view: { blocks: unknown[] } }> }>(
              'GET',
              `/_sim/slack/home?user=${user}`,
            )
          ).body.views[0],
      );
      return JSON.stringify(home.view.blocks);
    };
    const ja = await homeOf('U0LEAD'); // ja-JP
    expect(ja).toContain('新規チケット *9* 件');
    expect(ja).toContain('*Photos*\\n9');
    expect(ja).toContain('`bug` 9');
    expect(ja).toContain('受信箱別');
    const en = await homeOf('U0AGENT2'); // en-US
    expect(en).toMatch(/\*9\* new tickets \d{4}-\d{2}-\d{2} \(UTC\+9\)/);
    expect(en).toContain('By inbox');
  });
});
