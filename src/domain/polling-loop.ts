/**
 * A worker loop: runs `tick` (which returns how long to wait before the next one), sleeping in between
 * unless woken. Used by the Slack outbox and the Zendesk reply sender.
 */
export function createPollingLoop(tick: () => Promise<number>, onError: (error: unknown) => void) {
  let running = false;
  let wakeUp: (() => void) | null = null;
  let done: Promise<void> = Promise.resolve();

  async function loop() {
    while (running) {
      let wait = 1000;
      try {
        wait = await tick();
      } catch (error) {
        onError(error);
      }
      if (!running) break;
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
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await done;
    },
  };
}
