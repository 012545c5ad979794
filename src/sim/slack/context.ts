import type { Delivery } from './delivery.ts';
import type { IdSource } from './ids.ts';
import type { createChannelRateLimiter, createFaultQueue, createMethodRateLimiter } from './rate-limit.ts';
import type { SimStore } from './store.ts';
import type { InteractionResponse, SlackSimClock } from './types.ts';

/** Something the bot did that a waiting interaction may be interested in (for settle windows). */
export type ActivityEvent =
  | { kind: 'response'; user: string; channel: string; response: InteractionResponse }
  | { kind: 'view'; user: string }
  | { kind: 'message'; channel: string; ts: string };

export function createActivityBus() {
  const listeners = new Set<(event: ActivityEvent) => void>();
  return {
    emit(event: ActivityEvent) {
      for (const listener of [...listeners]) listener(event);
    },
    on(listener: (event: ActivityEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ActivityBus = ReturnType<typeof createActivityBus>;

export interface SimConfig {
  botToken: string;
  appToken: string;
  signingSecret: string;
  teamId: string;
  mode: 'socket' | 'http';
  ackTimeoutMs: number;
  deliverBotMessages: boolean;
  blocksTextLimit: number;
  /** Commands whose text Slack escapes (manifest should_escape: true). */
  escapedCommands: Set<string>;
}

/** Everything the simulator's parts share; built once in createSlackSim. */
export interface SimContext {
  config: SimConfig;
  clock: SlackSimClock;
  ids: IdSource;
  store: SimStore;
  rate: ReturnType<typeof createChannelRateLimiter>;
  methodRate: ReturnType<typeof createMethodRateLimiter>;
  /** Random delay before each Web API call is handled; null = none. */
  latency: { min_ms: number; max_ms: number } | null;
  faults: ReturnType<typeof createFaultQueue>;
  delivery: Delivery;
  activity: ActivityBus;
  /** http://127.0.0.1:PORT of the simulator. */
  baseUrl(): string;
  /** Delivers a `message` event for a stored message when the bot is in the channel. */
  announceMessage(channel: string, ts: string): void;
}
