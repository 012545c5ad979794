import { describe, expect, it, vi } from 'vitest';
import { createHomeRefresher } from '../../src/domain/home/home-service.ts';
import { createLogger } from '../../src/logger.ts';

const logger = createLogger({ level: 'error', sink: () => {} });

describe('App Home refresher', () => {
  it('a burst of 300 changes for 3 agents publishes each home once', async () => {
    const calls: string[] = [];
    const refresher = createHomeRefresher({
      publish: async (u) => {
        calls.push(u);
      },
      logger,
      delayMs: 20,
    });
    for (let i = 0; i < 300; i++) refresher.refresh(['U1', 'U2', 'U3'][i % 3]!);
    await refresher.idle();
    expect(calls.sort()).toEqual(['U1', 'U2', 'U3']);
    expect(refresher.published).toBe(3);
  });

  it('a change while a home is being published publishes it once more afterwards (the last state shows)', async () => {
    const calls: string[] = [];
    let refresher!: ReturnType<typeof createHomeRefresher>;
    refresher = createHomeRefresher({
      publish: async (u) => {
        calls.push(u);
        if (calls.length === 1) refresher.refresh(u); // a ticket changed while we rendered
      },
      logger,
      delayMs: 0,
      minIntervalMs: 0,
    });
    refresher.refresh('U1');
    await refresher.idle();
    await new Promise((r) => setImmediate(r));
    await refresher.idle();
    expect(calls).toEqual(['U1', 'U1']);
  });

  it('stays within its budget of publishes a minute, leaving the others pending (not dropped)', async () => {
    vi.useFakeTimers(); // also fakes Date.now, the refresher's clock
    const calls: string[] = [];
    const refresher = createHomeRefresher({
      publish: async (u) => {
        calls.push(u);
      },
      logger,
      delayMs: 0,
      perMinute: 5,
    });
    try {
      for (let i = 0; i < 20; i++) refresher.refresh(`U${i}`);
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toHaveLength(5);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls.length).toBeLessThanOrEqual(10);
      await vi.advanceTimersByTimeAsync(180_000);
      expect(new Set(calls).size).toBe(20);
      expect(calls).toHaveLength(20);
    } finally {
      await refresher.stop();
      vi.useRealTimers();
    }
  });

  it('a failed publish is logged and does not stop the others', async () => {
    const calls: string[] = [];
    const refresher = createHomeRefresher({
      publish: async (u) => {
        calls.push(u);
        if (u === 'U1') throw new Error('ratelimited');
      },
      logger,
      delayMs: 0,
    });
    refresher.refresh('U1');
    refresher.refresh('U2');
    await refresher.idle();
    expect(calls).toEqual(['U1', 'U2']);
  });
});
