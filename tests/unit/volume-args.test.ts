import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, WEEK_MS } from '../../src/domain/volume/volume-model.ts';
import { parseVolumeArgs } from '../../src/domain/volume/volume-queries.ts';

const inboxes = [{ id: 'photos', name: 'Photos' }] as Parameters<typeof parseVolumeArgs>[1];

describe('/yorisoi volume arguments', () => {
  it('reads periods in Latin or Japanese units, full-width digits included', () => {
    expect(parseVolumeArgs(['7d'], inboxes).periodMs).toBe(7 * DAY_MS);
    expect(parseVolumeArgs(['7日'], inboxes).periodMs).toBe(7 * DAY_MS);
    expect(parseVolumeArgs(['２４時間'], inboxes).periodMs).toBe(24 * HOUR_MS);
    expect(parseVolumeArgs(['請求', '4週'], inboxes)).toEqual({ scope: 'tag:請求', periodMs: 4 * WEEK_MS });
    expect(parseVolumeArgs(['photos'], inboxes).scope).toBe('inbox:photos');
  });

  it('refuses what looks like a period but is not one, in Japanese and English', () => {
    for (const word of ['1年', '99x', '9w', '１年']) {
      expect(() => parseVolumeArgs([word], inboxes)).toThrow(/期間として使えません[\s\S]*is not a period/);
    }
    expect(() => parseVolumeArgs(['bug', 'ios'], inboxes)).toThrow(/1つだけ[\s\S]*Give one tag or inbox/);
    expect(() => parseVolumeArgs(['inbox:nope'], inboxes)).toThrow(/受信箱「nope」はありません/);
  });
});
