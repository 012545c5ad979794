/** Plain data held by the Slack simulator. Field names follow Slack's wire format where one exists. */

export interface SlackSimClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface SlackSimOptions {
  botToken: string;
  appToken: string;
  signingSecret: string;
  teamId: string;
  mode: 'socket' | 'http';
  /**
   * http mode: where Slack POSTs events, commands and interactions (Bolt's default is <base>/slack/events).
   * A function is read at each delivery, for apps that learn their port after the simulator starts.
   */
  requestUrl?: string | (() => string);
  /** Per-channel token bucket for chat.postMessage; default 1/s with a burst of 3. */
  postMessageRate?: { perSecond: number; burst: number };
  clock?: SlackSimClock;
  /**
   * Public base URL of the simulator (`http://127.0.0.1:PORT`), used for socket URLs, response_url and
   * upload URLs. Defaults to the Host header of the latest request it served.
   */
  baseUrl?: string | (() => string);
  /** How long Slack waits for an ack (3 s in real Slack). */
  ackTimeoutMs?: number;
  /** Also deliver the bot's own messages as `message` events (real Slack does; Bolt ignores them). Default false. */
  deliverBotMessages?: boolean;
  /** Sum of text characters in a message's blocks above which chat.postMessage says msg_blocks_too_long. */
  blocksTextLimit?: number;
  /**
   * Per-minute limits of the Web API's rate-limit tiers (Slack: t1 1, t2 20, t3 50, t4 100) and of single
   * methods; a method is refused with 429 + Retry-After above its limit. Defaults are Slack's.
   */
  methodRates?: MethodRatesInput;
  /** Every Web API call waits a random time in [min_ms, max_ms] before it is handled (default none). */
  latency?: { min_ms: number; max_ms: number };
  /** Slash commands and whether Slack escapes their text (manifest `should_escape`); others are sent as typed. */
  commands?: { command: string; should_escape: boolean }[];
}

export type RateTier = 't1' | 't2' | 't3' | 't4' | 'special';
export interface MethodRatesInput {
  tiers?: Partial<Record<RateTier, number>>;
  /** Per-minute limit for one method, e.g. {"views.update": 1000}. */
  methods?: Record<string, number>;
}

export interface SimUser {
  id: string;
  name: string;
  real_name: string;
  email: string;
  role: 'agent' | 'lead' | 'product' | 'bot';
  is_bot: boolean;
  tz: string;
  /** Slack's `locale` (IETF tag), returned by users.info only with include_locale=true. */
  locale: string;
}

export interface SimChannel {
  id: string;
  name: string;
  /**
   * Whether the bot is in the channel. With chat:write.public the bot may post to a public channel it is
   * not in, but cannot read its history; a private channel it is not in does not exist for it.
   */
  is_member: boolean;
  /** A private channel (Slack's old "group"); default false. */
  is_private?: boolean;
  is_archived: boolean;
  created: number;
  topic: string;
  purpose: string;
  /** Direct message channel between the bot and `user` (opened by posting to a user id). */
  is_im?: boolean;
  user?: string;
}

export interface SimFileRef {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  files?: SimFileRef[];
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  reactions?: { name: string; users: string[]; count: number }[];
  client_msg_id?: string;
  /** Simulator only: the live mentions this message carried when posted or edited (who Slack would notify). */
  would_notify?: string[];
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  /** chat.postEphemeral, a response_url post, or the text of a command ack. */
  source: 'chat.postEphemeral' | 'response_url' | 'ack';
  deleted?: boolean;
}

export interface StoredFile extends SimFileRef {
  bytes: Buffer | null;
  alt_txt?: string;
  user: string;
  created: number;
  completed: boolean;
  channel?: string;
  thread_ts?: string;
  message_ts?: string;
}

export type ViewState = { values: Record<string, Record<string, Record<string, unknown>>> };

export interface StoredView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  user: string;
  /** The definition the app sent (title, blocks, private_metadata, ...). */
  definition: Record<string, unknown>;
  hash: string;
  state: ViewState;
  external_id: string;
  root_view_id: string;
  previous_view_id: string | null;
  /** Set by a view_submission ack with response_action "errors". */
  errors?: Record<string, string>;
}

export interface CallLogEntry {
  method: string;
  status: number;
  ok: boolean;
  error?: string;
  at: number;
  args: Record<string, unknown>;
  /**
   * Calls with a trigger_id (views.open / views.push): its age when the simulator judged it, after the
   * call's latency — more than 3000 ms is expired_trigger_id.
   */
  trigger_age_ms?: number;
}

export interface ResponseUrlPost {
  response_url: string;
  user: string;
  channel: string;
  at: number;
  body: Record<string, unknown>;
}

export type Fault = {
  method?: string;
  /**
   * 'timeout' never answers (until hang_ms); 'reset' destroys the connection without an answer; 'error'
   * answers 200 `{ok: false, error}` as Slack refuses a call (invalid_blocks, msg_blocks_too_long …): rules
   * of Slack the simulator does not know.
   */
  status: 500 | 429 | 'timeout' | 'reset' | 'error';
  /** The Slack error of an 'error' fault (default invalid_blocks). */
  error?: string;
  count: number;
  retry_after?: number;
  hang_ms?: number;
  /**
   * 'before' (default): the call fails and nothing happens. 'after': the call does its work (the message
   * is stored, the update applied) and only then fails the given way — Slack did it, the client never
   * learned. Only calls that succeed are failed after; a refused call answers as usual.
   */
  when?: 'before' | 'after';
};

/** What Slack got back when it delivered something to the app. */
export interface AckResult {
  acked: boolean;
  /** The ack body (`{}` when the app acked without one); null when nothing came back. */
  ack: unknown;
  /** HTTP mode: the status the app answered with. */
  status?: number;
  error?: string;
}

/** Something the bot did in answer to an interaction, as the user would see it. */
export type InteractionResponse =
  | { kind: 'response_url'; response_url: string; body: Record<string, unknown> }
  | { kind: 'ephemeral'; channel: string; ts: string; text: string; blocks?: unknown[] };
