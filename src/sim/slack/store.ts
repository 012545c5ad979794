import { parseTs } from './ids.ts';
import { seedChannels, seedUsers } from './seed.ts';
import type {
  CallLogEntry,
  ResponseUrlPost,
  SimChannel,
  SimUser,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
} from './types.ts';

export interface TriggerRecord {
  user: string;
  created: number;
  used: boolean;
  /** Set when the interaction happened inside a modal (views.push is only meaningful then). */
  viewId?: string;
}

export interface ResponseUrlRecord {
  id: string;
  user: string;
  channel: string;
  created: number;
  uses: number;
  /** The message the interaction came from (block_actions, message shortcuts). */
  originTs?: string;
  originEphemeral?: boolean;
}

/** All simulator state, plain data in memory. */
export function createStore() {
  return {
    users: seedUsers() as SimUser[],
    channels: new Map<string, SimChannel>(seedChannels().map((c) => [c.id, c])),
    /** Kept sorted by ts. */
    messages: [] as StoredMessage[],
    ephemerals: [] as StoredEphemeral[],
    files: new Map<string, StoredFile>(),
    /** Open modal per user: index 0 is the root view, the last one is on top. */
    modalStacks: new Map<string, StoredView[]>(),
    homes: new Map<string, StoredView>(),
    triggers: new Map<string, TriggerRecord>(),
    responseUrls: new Map<string, ResponseUrlRecord>(),
    responseUrlPosts: [] as ResponseUrlPost[],
    calls: [] as CallLogEntry[],
    socketTickets: new Map<string, { created: number; used: boolean }>(),
  };
}

export type SimStore = ReturnType<typeof createStore>;

export function resetStore(store: SimStore) {
  const fresh = createStore();
  Object.assign(store, fresh);
}

export function insertMessage(store: SimStore, message: StoredMessage) {
  store.messages.push(message);
  // ts values are increasing, so this is almost always already in order.
  store.messages.sort((a, b) => (parseTs(a.ts) ?? 0) - (parseTs(b.ts) ?? 0));
}

export function findMessage(store: SimStore, channel: string, ts: string): StoredMessage | undefined {
  return store.messages.find((m) => m.channel === channel && m.ts === ts);
}

export function findView(store: SimStore, id: string): StoredView | undefined {
  for (const stack of store.modalStacks.values()) {
    const view = stack.find((v) => v.id === id);
    if (view) return view;
  }
  for (const view of store.homes.values()) if (view.id === id) return view;
  return undefined;
}

export function findViewByExternalId(store: SimStore, externalId: string): StoredView | undefined {
  for (const stack of store.modalStacks.values()) {
    const view = stack.find((v) => v.external_id === externalId);
    if (view) return view;
  }
  for (const view of store.homes.values()) if (view.external_id === externalId) return view;
  return undefined;
}

export function replyInfo(store: SimStore, parent: StoredMessage) {
  const replies = store.messages.filter(
    (m) => m.channel === parent.channel && m.thread_ts === parent.ts && m.ts !== parent.ts,
  );
  return replies;
}

/** A stored message as the Web API returns it (history, replies, interaction payloads). */
export function toSlackMessage(
  store: SimStore,
  m: StoredMessage,
  teamId: string,
  includeMetadata = true,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'message',
    ts: m.ts,
    user: m.user,
    text: m.text,
    team: teamId,
  };
  if (m.bot_id) out.bot_id = m.bot_id;
  if (m.app_id) out.app_id = m.app_id;
  if (m.client_msg_id) out.client_msg_id = m.client_msg_id;
  if (m.blocks) out.blocks = m.blocks;
  if (m.attachments) out.attachments = m.attachments;
  if (m.files) out.files = m.files;
  if (m.edited) out.edited = m.edited;
  if (m.reactions && m.reactions.length > 0) out.reactions = m.reactions;
  if (m.metadata && includeMetadata) out.metadata = m.metadata;
  if (m.thread_ts) {
    out.thread_ts = m.thread_ts;
    if (m.thread_ts !== m.ts) {
      const parent = findMessage(store, m.channel, m.thread_ts);
      if (parent) out.parent_user_id = parent.user;
      if (m.reply_broadcast) out.subtype = 'thread_broadcast';
    }
  }
  if (!m.thread_ts || m.thread_ts === m.ts) {
    const replies = replyInfo(store, m);
    if (replies.length > 0) {
      const users = [...new Set(replies.map((r) => r.user))];
      out.thread_ts = m.ts;
      out.reply_count = replies.length;
      out.reply_users = users;
      out.reply_users_count = users.length;
      out.latest_reply = replies[replies.length - 1]?.ts;
    }
  }
  return out;
}
