import { YorisoiError } from '../../errors.ts';
import type {
  EffectQueue,
  TicketThreadLookup,
  VoiceServiceRenderer,
  VoiceSubscriptionStore,
} from './ports.ts';
import { parseVoiceFilter } from './voice-filter.ts';
import { type VoiceSubscription, voiceGroup } from './voice-model.ts';

const DAY_MS = 86_400_000;

/**
 * What product people do with voices: subscribe a channel, list and stop subscriptions, read the day's
 * digest, and send a question back to the support thread of a ticket.
 */
export function createVoiceService(deps: {
  store: VoiceSubscriptionStore;
  tickets: TicketThreadLookup;
  queue: EffectQueue;
  renderer: VoiceServiceRenderer;
  clock: () => Date;
  /** Days (digests, "today") start at local midnight of this UTC offset. */
  tzOffsetMinutes: number;
  zendeskTicketUrl: (zendeskId: string) => string;
}) {
  const offset = deps.tzOffsetMinutes * 60_000;
  const dayStart = (at: Date) => new Date(Math.floor((at.getTime() + offset) / DAY_MS) * DAY_MS - offset);
  const dayLabel = (start: Date) => {
    const tz =
      deps.tzOffsetMinutes === 0
        ? 'UTC'
        : `UTC${deps.tzOffsetMinutes > 0 ? '+' : '-'}${Math.abs(deps.tzOffsetMinutes) / 60}`;
    return `${new Date(start.getTime() + offset).toISOString().slice(0, 10)} (${tz})`;
  };

  async function digestOf(subscription: VoiceSubscription, from: Date, to: Date) {
    const posts = await deps.store.postsBetween(subscription.id, from, to);
    const voices = posts.map((p) => ({
      ticketZendeskId: p.ticketZendeskId,
      subject: p.subject,
      tags: p.tags,
      at: p.commentCreatedAt,
      channelId: p.channelId,
      slackTs: p.slackTs,
      zendeskUrl: deps.zendeskTicketUrl(p.ticketZendeskId),
    }));
    return { voices, message: deps.renderer.digest({ subscription, dayLabel: dayLabel(from), voices }) };
  }

  return {
    dayStart,
    async subscribe(input: { channelId: string; userId: string; text: string }) {
      const parsed = parseVoiceFilter(input.text);
      if (!parsed.ok) throw new YorisoiError('voice_filter_invalid', parsed.problem);
      return deps.store.subscribe({
        channelId: input.channelId,
        filter: parsed.filter,
        filterText: parsed.text,
        createdBy: input.userId,
      });
    },
    list: (channelId: string) => deps.store.listForChannel(channelId),
    async unsubscribe(channelId: string, id: string) {
      if (!(await deps.store.unsubscribe(channelId, id)))
        throw new YorisoiError('voice_subscription_not_found', `(${id})`);
    },
    /** Today's digests (so far) of a channel's subscriptions. */
    async todaysDigests(channelId: string) {
      const from = dayStart(deps.clock());
      const subs = await deps.store.listForChannel(channelId);
      return Promise.all(
        subs.map(async (s) => (await digestOf(s, from, new Date(from.getTime() + DAY_MS))).message),
      );
    },
    /**
     * Posts yesterday's digest of every subscription that heard something, once (the key names the day).
     * Called every few minutes; returns how many digests were queued.
     */
    async postDueDigests(now = deps.clock()): Promise<number> {
      const today = dayStart(now);
      const from = new Date(today.getTime() - DAY_MS);
      const day = new Date(from.getTime() + offset).toISOString().slice(0, 10);
      let queued = 0;
      for (const s of await deps.store.activeSubscriptions()) {
        const key = `voice-digest:${s.id}:${day}`;
        if (s.createdAt.getTime() >= today.getTime() || (await deps.queue.has(key))) continue;
        const { voices, message } = await digestOf(s, from, today);
        if (voices.length === 0) continue;
        queued += await deps.queue.enqueue([{ kind: 'post', key, channelId: s.channelId, message }]);
      }
      return queued;
    },
    /** Whether the ticket still has a support thread a follow-up could go to. */
    async hasSupportThread(zendeskId: string): Promise<boolean> {
      return Boolean((await deps.tickets.threadOf(zendeskId))?.channelId);
    },
    /** Sends a product person's question to the ticket's support thread and notes it in the voice thread. */
    async requestFollowUp(input: {
      zendeskId: string;
      voiceChannelId: string;
      userId: string;
      question: string;
      requestId: string;
    }) {
      const question = input.question.trim();
      if (!question) throw new YorisoiError('bad_input', 'Write a question for support.');
      const thread = await deps.tickets.threadOf(input.zendeskId);
      if (!thread?.channelId) throw new YorisoiError('ticket_has_no_thread');
      await deps.queue.enqueue([
        {
          kind: 'post_in_thread',
          key: `follow-up:${input.requestId}`,
          channelId: thread.channelId,
          ticketId: thread.ticketId,
          message: deps.renderer.followUpRequest({
            userId: input.userId,
            voiceChannelId: input.voiceChannelId,
            question,
          }),
        },
        {
          kind: 'post_in_group_thread',
          key: `follow-up-note:${input.requestId}`,
          channelId: input.voiceChannelId,
          group: voiceGroup(input.voiceChannelId, input.zendeskId),
          message: deps.renderer.followUpNote({ userId: input.userId, question }),
        },
      ]);
      return thread;
    },
  };
}

export type VoiceService = ReturnType<typeof createVoiceService>;
