import type { Leases } from '../domain/ports.ts';

/**
 * The one owner of yorisoi's timers. A task runs every `everyMs` after its previous run finished (never two
 * runs of one task at once); a failing run is logged and the task runs again at its next time.
 * `stop()` clears every timer and waits for the runs in progress. Timers are unref'd: the HTTP server and
 * the Slack connection keep the process alive, not a timer.
 * An `exclusive` task runs in one instance at a time across every instance on the database: each run first
 * takes the lease `job:<name>` (kept and renewed by the instance that runs it; others skip their run).
 */
export interface Scheduler {
  /** Registers a task; it starts with `start()` (at once when `immediately`, else after `everyMs`). */
  every(
    name: string,
    everyMs: number,
    task: () => Promise<unknown> | unknown,
    options?: { immediately?: boolean; exclusive?: boolean },
  ): void;
  start(): void;
  stop(): Promise<void>;
}

interface Job {
  name: string;
  everyMs: number;
  task: () => Promise<unknown> | unknown;
  immediately: boolean;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

export function createScheduler(onError: (name: string, error: unknown) => void, leases?: Leases): Scheduler {
  const jobs: Job[] = [];
  let started = false;
  let stopped = false;

  const run = (job: Job) => {
    job.timer = undefined;
    job.running = (async () => {
      try {
        await job.task();
      } catch (error) {
        onError(job.name, error);
      }
    })().finally(() => {
      job.running = undefined;
      schedule(job, job.everyMs);
    });
  };
  const schedule = (job: Job, ms: number) => {
    if (stopped) return;
    job.timer = setTimeout(() => run(job), ms);
    job.timer.unref();
  };

  return {
    every(name, everyMs, task, options = {}) {
      const run = options.exclusive && leases ? () => leases.runExclusive(`job:${name}`, task) : task;
      const job: Job = { name, everyMs, task: run, immediately: options.immediately ?? false };
      jobs.push(job);
      if (started) (job.immediately ? run : (j: Job) => schedule(j, j.everyMs))(job);
    },
    start() {
      if (started) return;
      started = true;
      for (const job of jobs) {
        if (job.immediately) run(job);
        else schedule(job, job.everyMs);
      }
    },
    async stop() {
      stopped = true;
      for (const job of jobs) clearTimeout(job.timer);
      await Promise.allSettled(jobs.map((j) => j.running));
    },
  };
}
