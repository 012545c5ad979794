/**
 * A worker loop: runs `tick` (which returns how long to wait before the next one), sleeping in between
 * unless woken. Used by the Slack outbox and the Zendesk reply sender.
 */
export function createPollingLoop(tick: () => Promise<number>, onError: (error: unknown) => void) {
  let running = false;
  let wakeUp: (() => void) | null = null;
  // Set by wake(); cleared when a tick starts. A wake() that lands during tick() (the tick may already
  // have read the work that was there before) keeps it set, so the loop ticks again instead of sleeping.
  let woken = false;
  let done: Promise<void> = Promise.resolve();

  async function loop() {
    while (running) {
      let wait = 1000;
      woken = false;
      try {
        wait = await tick();
      } catch (error) {
        onError(error);
      }
      if (!running) break;
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      done = loop();
    },
    /** Look now instead of at the next timer. */
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await done;
    },
  };
}
