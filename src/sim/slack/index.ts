import type { z } from 'zod';
import type { SimRoute, SimUpgrade } from '../sim-server.ts';
import { createActivityBus, type SimContext } from './context.ts';
import { createControlRoute } from './control.ts';
import * as schemas from './control-schemas.ts';
import { createDelivery } from './delivery.ts';
import { createIdSource } from './ids.ts';
import {
  ControlError,
  createInteractions,
  type InteractionResult,
  type SubmitResult,
} from './interactions.ts';
import { liveLinks, liveMentions } from './mentions.ts';
import { viewObject } from './methods/common.ts';
import { createChannelRateLimiter, createFaultQueue, createMethodRateLimiter } from './rate-limit.ts';
import { createStore, findMessage, resetStore } from './store.ts';
import type {
  AckResult,
  CallLogEntry,
  Fault,
  ResponseUrlPost,
  SlackSimOptions,
  StoredEphemeral,
  StoredView,
} from './types.ts';
import { hangingResponses } from './web-api.ts';

export { signSlackRequest } from './delivery.ts';
export type { InteractionResult, SubmitResult } from './interactions.ts';
export { ControlError } from './interactions.ts';
export { APP_ID, BOT_ID, BOT_USER_ID } from './seed.ts';
export type * from './types.ts';

/** A message as the control API shows it: edits applied, deleted ones gone. */
export interface ControlMessage {
  channel: string;
  ts: string;
  thread_ts: string | null;
  user: string;
  bot_id: string | null;
  text: string;
  blocks: unknown[] | null;
  attachments?: unknown[];
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  files?: { id: string; name: string; title: string; mimetype: string; size: number }[];
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  reactions?: { name: string; users: string[]; count: number }[];
  /** Live mentions Slack would notify for this message (`!channel`, `@U…`); [] when it pings nobody. */
  would_notify: string[];
  /** Live links in its mrkdwn (`https://…`, `mailto:…`). */
  links: string[];
}

export interface ControlView {
  id: string;
  user: string;
  /** The view as Slack's API returns it (blocks, private_metadata, callback_id, ...). */
  view: Record<string, unknown>;
  hash: string;
  state: StoredView['state'];
  /** 0 = root of the modal; the highest position is on top. Home views: 0. */
  position: number;
  /** Errors shown on the view after a response_action "errors" ack. */
  errors: Record<string, string> | null;
}

export interface ControlFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  alt_txt: string | null;
  completed: boolean;
  channel: string | null;
  thread_ts: string | null;
  message_ts: string | null;
  content_base64: string | null;
}

export interface SlackSim {
  route: SimRoute;
  upgrade: SimUpgrade;
  readonly mode: 'socket' | 'http';
  messages(query?: { channel?: string }): ControlMessage[];
  command(input: schemas.CommandInput): Promise<InteractionResult>;
  action(input: schemas.ActionInput): Promise<InteractionResult>;
  shortcut(input: schemas.ShortcutInput): Promise<InteractionResult>;
  views(query?: { user?: string }): ControlView[];
  submitView(viewId: string, input: schemas.SubmitInput): Promise<SubmitResult>;
  closeView(viewId: string, input?: schemas.CloseInput): Promise<AckResult & { delivered: boolean }>;
  users(): { id: string; name: string; real_name: string; email: string; role: string }[];
  userMessage(input: schemas.UserMessageInput): Promise<AckResult & { ts: string }>;
  ephemerals(query?: { user?: string }): StoredEphemeral[];
  responses(query?: { user?: string }): ResponseUrlPost[];
  files(): ControlFile[];
  calls(query?: { method?: string }): CallLogEntry[];
  fault(input: schemas.FaultInput): void;
  /** chat.postMessage's per-channel bucket, and per-minute limits of tiers or single methods. */
  setRate(input: schemas.RateInput): void;
  /** Every Web API call waits min_ms..max_ms before it is handled; {0, 0} turns it off. */
  setLatency(input: schemas.LatencyInput): void;
  /** Creates a channel (as a workspace member would) with the bot in it unless is_member is false. */
  addChannel(input: schemas.ChannelInput): { id: string; name: string };
  /** Makes the bot join/leave a channel or makes it private/public. */
  patchChannel(
    id: string,
    input: schemas.ChannelPatchInput,
  ): { id: string; is_member: boolean; is_private: boolean };
  /** Sends `{"type":"disconnect"}` to the Socket Mode client and closes its connection shortly after. */
  disconnectSocket(input?: schemas.DisconnectInput): { sockets: number };
  event(input: schemas.EventInput): Promise<AckResult & { event_id: string }>;
  home(query?: { user?: string }): ControlView[];
  /** Resolves when a Socket Mode client has connected (at once in http mode). */
  waitForConnection(timeoutMs?: number): Promise<void>;
  status(): {
    mode: 'socket' | 'http';
    connections: number;
    rate: { perSecond: number; burst: number };
    methodRates: { tiers: Record<string, number>; methods: Record<string, number> };
    latency: { min_ms: number; max_ms: number } | null;
    faults: Fault[];
  };
  /** Forget every message, view, file, call and fault; back to the seeded workspace. */
  reset(): void;
  /** Ends socket connections and hanging requests (the HTTP server belongs to sim-server). */
  close(): void;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ControlError(400, 'invalid_request', result.error.issues);
  return result.data;
}

export function createSlackSim(opts: SlackSimOptions): SlackSim {
  const clock = opts.clock ?? { now: () => Date.now() };
  const store = createStore();
  let lastHost: string | undefined;
  const baseUrl = () => {
    if (typeof opts.baseUrl === 'function') return opts.baseUrl();
    if (typeof opts.baseUrl === 'string') return opts.baseUrl;
    if (lastHost) return `http://${lastHost}`;
    throw new Error('Slack simulator: baseUrl unknown until the first request; pass opts.baseUrl');
  };
  const ackTimeoutMs = opts.ackTimeoutMs ?? 3000;
  const delivery = createDelivery({
    mode: opts.mode,
    requestUrl: () => (typeof opts.requestUrl === 'function' ? opts.requestUrl() : opts.requestUrl),
    signingSecret: opts.signingSecret,
    clock,
    ackTimeoutMs,
    claimTicket(ticket) {
      const record = store.socketTickets.get(ticket);
      if (!record || record.used) return false;
      record.used = true;
      return true;
    },
  });

  const ctx: SimContext = {
    config: {
      botToken: opts.botToken,
      appToken: opts.appToken,
      signingSecret: opts.signingSecret,
      teamId: opts.teamId,
      mode: opts.mode,
      ackTimeoutMs,
      deliverBotMessages: opts.deliverBotMessages ?? false,
      blocksTextLimit: opts.blocksTextLimit ?? 13_000,
      escapedCommands: new Set((opts.commands ?? []).filter((c) => c.should_escape).map((c) => c.command)),
    },
    clock,
    ids: createIdSource(clock),
    store,
    rate: createChannelRateLimiter(clock, opts.postMessageRate ?? { perSecond: 1, burst: 3 }),
    methodRate: createMethodRateLimiter(clock, opts.methodRates),
    latency: opts.latency && opts.latency.max_ms > 0 ? { ...opts.latency } : null,
    faults: createFaultQueue(),
    delivery,
    activity: createActivityBus(),
    baseUrl,
    announceMessage(channel, ts) {
      const message = findMessage(store, channel, ts);
      const c = store.channels.get(channel);
      if (!message || !c?.is_member) return;
      void delivery.deliver('events_api', interactions.eventCallback(interactions.messageEvent(message)));
    },
  };
  const interactions = createInteractions(ctx);

  const controlView = (v: StoredView, position: number): ControlView => ({
    id: v.id,
    user: v.user,
    view: viewObject(ctx, v),
    hash: v.hash,
    state: v.state,
    position,
    errors: v.errors ?? null,
  });

  const sim: SlackSim = {
    mode: opts.mode,
    route: async () => false,
    upgrade: () => false,

    messages(query = {}) {
      return store.messages
        .filter((m) => !query.channel || m.channel === query.channel)
        .map((m) => ({
          channel: m.channel,
          ts: m.ts,
          thread_ts: m.thread_ts ?? null,
          user: m.user,
          bot_id: m.bot_id ?? null,
          text: m.text,
          blocks: m.blocks ?? null,
          ...(m.attachments ? { attachments: m.attachments } : {}),
          metadata: m.metadata ?? null,
          ...(m.files ? { files: m.files } : {}),
          ...(m.reply_broadcast ? { reply_broadcast: true } : {}),
          ...(m.edited ? { edited: m.edited } : {}),
          ...(m.reactions?.length ? { reactions: m.reactions } : {}),
          would_notify: m.would_notify ?? liveMentions(m),
          links: liveLinks(m),
        }));
    },
    command: (input) => interactions.command(parse(schemas.CommandInput, input)),
    action: (input) => interactions.action(parse(schemas.ActionInput, input)),
    shortcut: (input) => interactions.shortcut(parse(schemas.ShortcutInput, input)),
    views(query = {}) {
      return [...store.modalStacks.entries()]
        .filter(([user]) => !query.user || user === query.user)
        .flatMap(([, stack]) => stack.map((v, i) => controlView(v, i)));
    },
    submitView: (viewId, input) => interactions.submitView(viewId, parse(schemas.SubmitInput, input)),
    closeView: (viewId, input = {}) => interactions.closeView(viewId, parse(schemas.CloseInput, input)),
    users() {
      return store.users.map((u) => ({
        id: u.id,
        name: u.name,
        real_name: u.real_name,
        email: u.email,
        role: u.role,
      }));
    },
    userMessage: (input) => interactions.userMessage(parse(schemas.UserMessageInput, input)),
    ephemerals(query = {}) {
      return store.ephemerals.filter((e) => !e.deleted && (!query.user || e.user === query.user));
    },
    responses(query = {}) {
      return store.responseUrlPosts.filter((p) => !query.user || p.user === query.user);
    },
    files() {
      return [...store.files.values()].map((f) => ({
        id: f.id,
        name: f.name,
        title: f.title,
        mimetype: f.mimetype,
        size: f.size,
        alt_txt: f.alt_txt ?? null,
        completed: f.completed,
        channel: f.channel ?? null,
        thread_ts: f.thread_ts ?? null,
        message_ts: f.message_ts ?? null,
        content_base64: f.bytes ? f.bytes.toString('base64') : null,
      }));
    },
    calls(query = {}) {
      return store.calls.filter((c) => !query.method || c.method === query.method);
    },
    fault(input) {
      const f = parse(schemas.FaultInput, input);
      ctx.faults.add({
        status: f.status,
        count: f.count,
        ...(f.method ? { method: f.method } : {}),
        ...(f.retry_after !== undefined ? { retry_after: f.retry_after } : {}),
        ...(f.hang_ms !== undefined ? { hang_ms: f.hang_ms } : {}),
        ...(f.when ? { when: f.when } : {}),
      });
    },
    setRate(input) {
      const r = parse(schemas.RateInput, input);
      if (r.perSecond !== undefined && r.burst !== undefined)
        ctx.rate.set({ perSecond: r.perSecond, burst: r.burst });
      if (r.tiers || r.methods)
        ctx.methodRate.set({
          ...(r.tiers ? { tiers: r.tiers } : {}),
          ...(r.methods ? { methods: r.methods } : {}),
        });
    },
    setLatency(input) {
      const l = parse(schemas.LatencyInput, input);
      ctx.latency = l.max_ms > 0 ? l : null;
    },
    patchChannel(id, input) {
      const p = parse(schemas.ChannelPatchInput, input);
      const c = store.channels.get(id);
      if (!c || c.is_im) throw new ControlError(404, 'channel_not_found', [`no channel ${id}`]);
      if (p.is_member !== undefined) c.is_member = p.is_member;
      if (p.is_private !== undefined) c.is_private = p.is_private;
      if (p.is_archived !== undefined) c.is_archived = p.is_archived;
      return { id: c.id, is_member: c.is_member, is_private: c.is_private ?? false };
    },
    disconnectSocket(input = {}) {
      const d = parse(schemas.DisconnectInput, input);
      return { sockets: delivery.disconnect(d.reason, d.close_after_ms) };
    },
    addChannel(input) {
      const c = parse(schemas.ChannelInput, input);
      const created = Math.floor(clock.now() / 1000);
      store.channels.set(c.id, {
        id: c.id,
        name: c.name,
        is_member: c.is_member,
        is_private: c.is_private,
        is_archived: false,
        created,
        topic: '',
        purpose: '',
      });
      return { id: c.id, name: c.name };
    },
    event: (input) => interactions.event(parse(schemas.EventInput, input)),
    home(query = {}) {
      return [...store.homes.values()]
        .filter((v) => !query.user || v.user === query.user)
        .map((v) => controlView(v, 0));
    },
    waitForConnection: (timeoutMs) => delivery.waitForConnection(timeoutMs),
    status() {
      return {
        mode: opts.mode,
        connections: delivery.connectionCount(),
        rate: ctx.rate.rate,
        methodRates: ctx.methodRate.rates,
        latency: ctx.latency,
        faults: ctx.faults.list(),
      };
    },
    reset() {
      resetStore(store);
      ctx.faults.clear();
      ctx.rate.reset();
      ctx.methodRate.reset();
    },
    close() {
      delivery.close();
      for (const res of hangingResponses.get(ctx) ?? []) res.destroy();
    },
  };

  const control = createControlRoute(ctx, sim, interactions, (host) => {
    lastHost = host;
  });
  sim.route = control.route;
  sim.upgrade = control.upgrade;
  return sim;
}
