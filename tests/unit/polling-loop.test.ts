import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPollingLoop } from '../../src/domain/polling-loop.ts';

const anHour = 3_600_000;

describe('polling loop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not lose a wake() that arrives while tick() is running', async () => {
    // Fake timers: the hour-long sleep can only end by a wake-up, never by the clock, so the test cannot
    // pass by waiting.
    vi.useFakeTimers();
    let ticks = 0;
    const loop = createPollingLoop(
      async () => {
        ticks += 1;
        // New work is enqueued (and wake() called) while this tick is still reading the old work.
        if (ticks === 1) {
          await Promise.resolve();
          loop.wake();
          await Promise.resolve();
        }
        return anHour;
      },
      () => undefined,
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks).toBe(2);
    // With nothing new, it sleeps as the tick asked.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ticks).toBe(2);
    // A wake-up while sleeping still ends the sleep at once.
    loop.wake();
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks).toBe(3);
    const stopped = loop.stop();
    await vi.advanceTimersByTimeAsync(1);
    await stopped;
    expect(loop.running).toBe(false);
  });
});
