import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import { planVoices } from '../voice/voice-model.ts';
import { volumeScopes } from '../volume/volume-model.ts';
import type {
  AgentDirectory,
  CommentNotice,
  TicketChange,
  TicketSource,
  TicketStore,
  TicketThreadRenderer,
  VoiceSource,
} from './ports.ts';
import { routeTicket } from './routing.ts';
import type { CustomerIdentity } from './ticket.ts';
import { rootFields } from './ticket.ts';

export interface TicketSyncResult {
  zendeskId: string;
  created: boolean;
  effects: number;
  routedTo: string | null;
}

/**
 * Brings yorisoi's copy of one ticket up to date with Zendesk and queues the Slack writes that follow:
 * a new ticket gets a root message and its first message in the thread; later changes edit the root; each
 * new public comment is appended to the thread. Keys make every effect happen once however often a ticket is
 * synced (webhook, its retries, the poller, a restart).
 */
export function createTicketSync(deps: {
  source: TicketSource;
  store: TicketStore;
  renderer: TicketThreadRenderer;
  zendeskTicketUrl: (zendeskId: string) => string;
  logger: Logger;
  voice?: VoiceSource;
  /** Slack accounts of assignees, for inboxes whose follow-ups mention the assignee. */
  agents?: AgentDirectory;
  /** Stores the requester and notices user merges before the root is rendered (care charts). */
  requesters?: {
    reconcileRequester(requester: CustomerIdentity, previousZendeskUserId: string | null): Promise<void>;
  };
}) {
  const { source, store, renderer, logger } = deps;
  const inFlight = new Map<string, Promise<TicketSyncResult>>();

  async function syncOnce(zendeskId: string, refreshKey?: string): Promise<TicketSyncResult> {
    const snapshot = await source.fetchTicketSnapshot(zendeskId);
    const stored = await store.findByZendeskId(zendeskId);
    const previousRequester = stored?.requesterZendeskUserId ?? null;
    if (deps.requesters && (!stored || previousRequester !== snapshot.requester.zendeskUserId)) {
      await deps.requesters.reconcileRequester(snapshot.requester, previousRequester);
    }
    const inboxes = await store.listInboxes();
    const inbox = stored?.inboxId
      ? (inboxes.find((i) => i.id === stored.inboxId) ?? null)
      : routeTicket(snapshot, inboxes);
    const ticketId = stored?.id ?? randomUUID();
    const isNew = stored === null;
    const known = stored?.knownCommentIds ?? new Set<string>();
    const fresh = snapshot.comments.filter((c) => !known.has(c.zendeskCommentId));
    const effects: OutboxEffect[] = [];
    const links = { zendeskUrl: deps.zendeskTicketUrl(zendeskId) };
    const requesterId = snapshot.requester.zendeskUserId;
    const channelId = stored?.channelId ?? inbox?.channelId ?? null;

    if (channelId && inbox) {
      const fingerprint = JSON.stringify(rootFields(snapshot));
      if (isNew || !stored.channelId) {
        effects.push({
          kind: 'post_root',
          key: `root:${zendeskId}`,
          channelId,
          ticketId,
          message: await renderer.root(snapshot, inbox, links),
        });
      } else if (stored.rootFingerprint !== fingerprint && snapshot.updatedAt >= stored.zendeskUpdatedAt) {
        effects.push({
          kind: 'update_root',
          key: `root-update:${zendeskId}:${fingerprint}:${snapshot.updatedAt.getTime()}`,
          channelId,
          ticketId,
          message: await renderer.root(snapshot, inbox, links),
        });
      } else if (refreshKey) {
        // Something the root shows besides the ticket changed (the customer's care chart).
        effects.push({
          kind: 'update_root',
          key: `root-refresh:${zendeskId}:${refreshKey}`,
          channelId,
          ticketId,
          message: await renderer.root(snapshot, inbox, links),
        });
      }
    }
    // A customer's follow-up (not the ticket's first message) is made noticed as the inbox says: shown in
    // the channel too (reply_broadcast), or with the assignee mentioned. Slack shows a thread reply only to
    // the thread's followers.
    const followUp = inbox?.followUp ?? 'broadcast';
    let mentionId: string | null = null;
    if (followUp === 'mention' && snapshot.assignee && deps.agents && !isNew) {
      mentionId = await deps.agents.slackUserIdOf(snapshot.assignee.zendeskUserId).catch(() => null);
    }
    const newComments = fresh.map((comment) => {
      const mirrored = Boolean(channelId && inbox) && comment.public;
      if (mirrored && channelId) {
        const role = comment.authorZendeskId === requesterId ? 'customer' : 'agent';
        const isFollowUp = role === 'customer' && !isNew;
        const mention = isFollowUp && followUp === 'mention' && mentionId !== null;
        const broadcast = isFollowUp && !mention && followUp !== 'thread';
        const notice: CommentNotice = mention && mentionId ? { mentionSlackUserId: mentionId } : {};
        renderer.comment(snapshot, comment, role, notice).forEach((message, part) => {
          effects.push({
            kind: 'post_in_thread',
            key:
              part === 0
                ? `comment:${comment.zendeskCommentId}`
                : `comment:${comment.zendeskCommentId}:${part}`,
            channelId,
            ticketId,
            message,
            // Only the first part goes to the channel: one notice per message.
            ...(broadcast && part === 0 ? { broadcast: true } : {}),
          });
        });
      }
      return { ...comment, mirrored };
    });
    // Voices: each new public message of the customer, once, to every subscribed channel whose filter matches.
    let voicePosts: TicketChange['voicePosts'];
    const customerMessages = fresh.filter((c) => c.public && c.authorZendeskId === requesterId);
    if (deps.voice && customerMessages.length > 0) {
      const subscriptions = await deps.voice.activeSubscriptions();
      if (subscriptions.length > 0) {
        const plan = planVoices({
          ticket: snapshot,
          inbox,
          comments: customerMessages,
          subscriptions,
          threadChannels: await deps.voice.threadChannels(zendeskId),
          maskNames: deps.voice.maskNames,
          zendeskUrl: links.zendeskUrl,
          renderer: deps.voice.renderer,
        });
        effects.push(...plan.effects);
        voicePosts = plan.posts;
      }
    }
    const volume = isNew ? { at: snapshot.createdAt, scopes: volumeScopes(snapshot, inbox) } : undefined;
    await store.commit({ ticketId, isNew, snapshot, inbox, newComments, effects, voicePosts, volume });
    if (!inbox) logger.warn('ticket has no inbox: add a default inbox', { zendeskId });
    return { zendeskId, created: isNew, effects: effects.length, routedTo: inbox?.id ?? null };
  }

  /** Syncs of one ticket never overlap in this process; a sync that loses a race to a unique key retries. */
  async function sync(zendeskId: string, refreshKey?: string): Promise<TicketSyncResult> {
    const previous = inFlight.get(zendeskId) ?? Promise.resolve(undefined);
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        try {
          return await syncOnce(zendeskId, refreshKey);
        } catch (error) {
          if ((error as { code?: string }).code === 'P2002') return syncOnce(zendeskId, refreshKey);
          throw error;
        }
      });
    inFlight.set(zendeskId, run);
    try {
      return await run;
    } finally {
      if (inFlight.get(zendeskId) === run) inFlight.delete(zendeskId);
    }
  }

  /** For the poller: skips tickets already known at this version or newer. */
  async function syncIfChanged(zendeskId: string, updatedAt: Date): Promise<TicketSyncResult | null> {
    const stored = await store.findByZendeskId(zendeskId);
    const seen = stored?.zendeskUpdatedAt.getTime() ?? -1;
    // Zendesk timestamps are whole seconds: a snapshot stored at version T may predate a second change
    // within the same second, unless it was taken after that second ended.
    if (seen > updatedAt.getTime()) return null;
    if (seen === updatedAt.getTime() && stored && stored.syncedAt.getTime() >= updatedAt.getTime() + 1000)
      return null;
    return sync(zendeskId);
  }

  /** Syncs the ticket and re-renders its root even when the ticket itself did not change; `reason` keys it once. */
  const refreshRoot = (zendeskId: string, reason: string) => sync(zendeskId, reason);

  return { sync: (zendeskId: string) => sync(zendeskId), syncIfChanged, refreshRoot };
}

export type TicketSync = ReturnType<typeof createTicketSync>;
export type { SlackMessage };
