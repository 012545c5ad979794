import type { Handler } from '../http/http-server.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';

/**
 * What a feature's wiring returns: its public services (what the runtime, other features and tests use),
 * what its listeners need (`AppDeps` members), its HTTP routes, and the workers the runtime starts and stops.
 * Timers go through `platform.scheduler`, not into a feature.
 */
export interface Feature<Services, Listeners extends Partial<AppDeps> = Partial<AppDeps>> {
  services: Services;
  listeners: Listeners;
  routes?: Record<string, Handler>;
  /** Called once the app listens and the outbox runs, in the order of the runtime's feature list. */
  start?(): Promise<void>;
  /** Called after the scheduler stopped, before the HTTP server and the Slack app close. */
  stop?(): Promise<void>;
  /** Resolves when the feature's own work in flight is done (`settle`). */
  idle?(timeoutMs: number): Promise<unknown>;
}
