/** Ports every feature may use (each feature's own ports live in src/domain/<feature>/ports.ts). */

/** Small named values that must survive a restart (the incremental export's cursor, the macro import's marks). */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** One outcome of asking the shared Zendesk budget for a request. */
export interface RateTake {
  ok: boolean;
  /** Set when every instance must wait for a 429's Retry-After. */
  pausedUntil: Date | null;
  /** Set while ticket reads have had to wait (a burst). */
  contendedUntil: Date | null;
}

/** Per-account request counts in minute windows, shared by every instance (the Zendesk API budget). */
export interface RateWindowStore {
  /**
   * Counts one request in the window starting at `windowStart` unless `limit` are counted or a pause holds
   * (or, for `background`, ticket reads have been waiting): nothing is counted when it answers not ok.
   */
  take(account: string, windowStart: Date, limit: number, now: Date, background?: boolean): Promise<RateTake>;
  /** Every instance waits until `until` (Zendesk answered 429 with Retry-After). */
  pause(account: string, until: Date): Promise<void>;
  /** Ticket reads are waiting for the budget: background reads stand back until `until`. */
  markContended(account: string, until: Date): Promise<void>;
}

/**
 * Named leases shared by every instance on one database: `runExclusive(name, fn)` runs `fn` only when this
 * instance holds (or takes) the lease `name`, renewing it while `fn` runs; another instance's call returns
 * `{ ran: false }` meanwhile. A lease whose holder died is taken over once it expired.
 */
export interface Leases {
  /** This instance's name in leases and claimed rows. */
  readonly holder: string;
  /** How long a lease or claim holds unless renewed. */
  readonly ttlMs: number;
  acquire(name: string): Promise<boolean>;
  release(name: string): Promise<void>;
  /** Gives up every lease this instance holds (a clean stop: the others take over at once). */
  releaseAll(): Promise<void>;
  runExclusive<T>(name: string, fn: () => Promise<T> | T): Promise<{ ran: true; value: T } | { ran: false }>;
}
