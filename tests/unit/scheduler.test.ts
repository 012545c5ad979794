import { describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src/composition/scheduler.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('scheduler (one owner of every timer)', () => {
  it('runs an immediate task at start, never two runs of it at once, and stop() waits for the running one', async () => {
    const scheduler = createScheduler(vi.fn());
    const release = deferred();
    const started = deferred();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    scheduler.every(
      'slow',
      0,
      async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        started.resolve();
        await release.promise;
        running--;
      },
      { immediately: true },
    );
    scheduler.start();
    await started.promise;
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false); // still waiting for the run in progress
    release.resolve();
    await stopping;
    expect(running).toBe(0);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(1); // nothing ran after stop
  });

  it('reports a failing run and runs the task again at its next time', async () => {
    const onError = vi.fn();
    const scheduler = createScheduler(onError);
    const second = deferred();
    let runs = 0;
    scheduler.every('flaky', 0, async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
      second.resolve();
    });
    scheduler.start();
    await second.promise;
    await scheduler.stop();
    expect(onError).toHaveBeenCalledWith('flaky', expect.objectContaining({ message: 'boom' }));
    expect(runs).toBeGreaterThanOrEqual(2);
  });
});
