import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { validateView } from '../../src/sim/slack/block-kit.ts';
import { buildAgentHome } from '../../src/views/app-home.ts';
import { sampleAgentHome, sampleToday } from '../fixtures/home/sample-home.ts';

describe('the App Home view', () => {
  it("at its largest (every list full, long Japanese texts) stays inside 100 blocks and 250 kB and passes Slack's schema", () => {
    for (const locale of ['ja', 'en'] as const) {
      const view = buildAgentHome(translator(locale), sampleAgentHome('large'), sampleToday);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(Buffer.byteLength(JSON.stringify(view), 'utf8')).toBeLessThan(250_000);
      expect(validateView(view, 'home')).toEqual([]);
    }
  });

  it('counts what it does not list, in every list (never cut silently)', () => {
    const text = JSON.stringify(
      buildAgentHome(translator('ja'), sampleAgentHome('large'), sampleToday).blocks,
    );
    expect(text).toContain('…ほか *6* 件 — 担当中'); // 21 mine, 15 shown
    expect(text).toContain('…ほか *27* 件 — 目標超過'); // 37 past target, 10 shown
    expect(text).toContain('…ほか *4* 件 — 承認待ちの下書き'); // 9 approvals, 5 shown
    expect(text).toContain('…ほか *9* 件 — 未割り当て（写真サポート 0）'); // 14 in the inbox, 5 shown
    expect(text).toContain('…ほかの受信箱 3 個に未割り当て *8* 件');
    expect(text).toContain('…ほか 5 人で *40* 件');
  });

  it('links each ticket to its thread and offers the availability switch', () => {
    const view = buildAgentHome(translator('en'), sampleAgentHome('small'), sampleToday);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('<https://yorisoi-sim.slack.com/archives/C0PHOTOS/p1764480010000100|#1040 ');
    expect(text).toContain('"action_id":"home_availability_toggle"');
    expect(text).toContain('"value":"off"');
    const away = buildAgentHome(translator('en'), { ...sampleAgentHome('small'), available: false });
    expect(JSON.stringify(away.blocks)).toContain('"value":"on"');
  });
});
