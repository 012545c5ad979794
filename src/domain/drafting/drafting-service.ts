import { LRUCache } from 'lru-cache';
import { YorisoiError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { WritingCheckResult } from '../writing-check/warning.ts';
import type { AgentMapper } from './agent-mapping.ts';
import {
  DEFAULT_NOTE_LOCALE,
  type DiscussionMessage,
  discussionNoteBody,
  type NoteLocale,
} from './discussion-note.ts';
import type { DraftTemplate } from './draft.ts';
import {
  type Draft,
  type DraftApproval,
  type DraftContent,
  type DraftTicket,
  type DraftVersion,
  emptyPolicy,
  type ReplySend,
  shareKey,
  type ZendeskReplyStatus,
} from './draft.ts';
import type {
  DraftStore,
  DraftThreadRenderer,
  ReplyGateway,
  SecondApprovalPolicy,
  SnoozeRecord,
  TemplateLookup,
  WritingCheck,
} from './ports.ts';

export interface DraftingOptions {
  store: DraftStore;
  agents: AgentMapper;
  templates: TemplateLookup;
  approvalPolicy: SecondApprovalPolicy;
  gateway: ReplyGateway;
  renderer: DraftThreadRenderer;
  /** The undo window before a reply leaves (default 10 s). */
  undoSeconds: number;
  clock: () => Date;
  logger: Logger;
  /** Something was queued for Slack or the send worker: look now. */
  wake(): void;
  /** The Japanese writing check run on a reply before it is sent (advice; a leftover placeholder blocks). */
  writing?: WritingCheck;
  /** The workspace language and time zone of notes written to Zendesk (default ja, Asia/Tokyo). */
  note?: NoteLocale;
}

/** Everything the draft modal shows, in one read. */
export interface DraftEditorState {
  ticket: DraftTicket;
  drafts: Draft[];
  draft: Draft;
  approvals: DraftApproval[];
  secondApproval: { required: boolean; reason: string | null };
  /** Templates in this draft that this customer already received in an earlier reply. */
  repeatedTemplates: DraftTemplate[];
}

export const DEFAULT_DRAFT_NAME = 'Draft 1';
/** How long the send preview waits for the writing check (the click's trigger_id lives 3 s). */
const PREVIEW_CHECK_BUDGET_MS = 1200;

/** A cleared name keeps the draft's current one: drafts are always named. */
const named = (content: DraftContent, draft: Draft): DraftContent => ({
  ...content,
  name: content.name.trim() || draft.name,
});

/**
 * Drafting and case consultation: named drafts with versions, sharing into the ticket's thread, approvals,
 * and the one way a reply reaches the customer — an explicit send that waits out the undo window and goes
 * through the stored send state machine (src/domain/drafting/reply-sender.ts).
 */
export function createDraftingService(options: DraftingOptions) {
  const { store, agents, templates, approvalPolicy, renderer } = options;
  /** The customer's latest words as last read live from Zendesk, per ticket (derived, may be stale). */
  // Bounded (lru-cache): the last 1,000 tickets, each for an hour; older ones fall back to the stored message.
  const liveInquiries = new LRUCache<string, { body: string; createdAt: Date }>({
    max: 1_000,
    ttl: 60 * 60_000,
  });
  async function liveInquiry(ticketZendeskId: string) {
    try {
      return await options.gateway.latestCustomerMessage(ticketZendeskId);
    } catch (error) {
      options.logger.warn('could not read the inquiry from Zendesk', { ticketZendeskId, error });
      return null;
    }
  }

  /** The writing check of a reply, addressed to the ticket's requester; null when it could not run. */
  async function checkWriting(
    body: string,
    ticket: DraftTicket,
    budgetMs?: number,
  ): Promise<WritingCheckResult | null> {
    if (!options.writing) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const check = options.writing.check(body, { requesterName: ticket.requester.name });
      if (budgetMs === undefined) return await check;
      // The preview must open within the click's trigger_id (3 s): a cold check (dictionary still
      // loading) gives way; send() checks again without a budget, so a placeholder never slips through.
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), budgetMs);
      });
      return await Promise.race([check, late]);
    } catch (error) {
      options.logger.warn('writing check failed; the send is not held up', { error });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async function ticketOrThrow(zendeskId: string): Promise<DraftTicket> {
    const t = await store.findTicket(zendeskId);
    if (!t) throw new YorisoiError('zendesk_not_found', `(ticket #${zendeskId} is not known to yorisoi yet)`);
    return t;
  }
  async function draftOrThrow(id: string): Promise<Draft> {
    const d = await store.getDraft(id);
    if (!d) throw new YorisoiError('draft_not_found');
    return d;
  }
  const threadEffect = (ticket: DraftTicket, key: string, message: SlackMessage): OutboxEffect[] =>
    ticket.channelId
      ? [{ kind: 'post_in_thread', key, channelId: ticket.channelId, ticketId: ticket.id, message }]
      : [];

  async function repeatedTemplates(ticket: DraftTicket, templateIds: string[]): Promise<DraftTemplate[]> {
    if (templateIds.length === 0) return [];
    const sent = new Set(await store.templatesSentToCustomer(ticket.requester.zendeskUserId));
    const hits = templateIds.filter((id) => sent.has(id));
    const found = await Promise.all(hits.map((id) => templates.get(id)));
    return found.filter((t): t is DraftTemplate => t !== null);
  }

  async function editorState(ticket: DraftTicket, draft: Draft): Promise<DraftEditorState> {
    const [drafts, approvals, secondApproval, repeated] = await Promise.all([
      store.listDrafts(ticket.zendeskId),
      store.approvals(draft.id),
      approvalPolicy.requiresSecondApproval(ticket),
      repeatedTemplates(ticket, draft.templateIds),
    ]);
    return { ticket, drafts, draft, approvals, secondApproval, repeatedTemplates: repeated };
  }

  function approvedBySomeoneElse(approvals: DraftApproval[], version: number, sender: string) {
    return approvals.filter((a) => a.version === version && a.approverSlackId !== sender);
  }

  return {
    /** The ticket a thread message belongs to (message shortcut, root button). */
    async ticketForThread(channelId: string, ts: string): Promise<DraftTicket> {
      const t = await store.findTicketByThread(channelId, ts);
      if (!t) throw new YorisoiError('ticket_not_in_thread');
      return t;
    },

    /**
     * Opens the editor on a ticket: the given draft, else the most recently edited one, else a new
     * "Draft 1" — created at once, so nothing typed afterwards can be lost.
     */
    async open(input: {
      ticketZendeskId: string;
      draftId?: string;
      slackUserId: string;
    }): Promise<DraftEditorState> {
      const ticket = await ticketOrThrow(input.ticketZendeskId);
      let draft = input.draftId ? await store.getDraft(input.draftId) : null;
      if (!draft) {
        const drafts = await store.listDrafts(ticket.zendeskId);
        draft =
          drafts[0] ??
          (await store.createDraft({
            ticketZendeskId: ticket.zendeskId,
            name: DEFAULT_DRAFT_NAME,
            slackUserId: input.slackUserId,
          }));
        // Two people opening an empty ticket at once: the loser of the unique name reads the winner's.
        draft ??= (await store.listDrafts(ticket.zendeskId))[0] ?? null;
      }
      if (!draft) throw new YorisoiError('internal', '(could not create a draft)');
      return editorState(ticket, draft);
    },

    /** A further named alternative on the same ticket. */
    async newDraft(input: {
      ticketZendeskId: string;
      name: string;
      slackUserId: string;
    }): Promise<DraftEditorState> {
      const ticket = await ticketOrThrow(input.ticketZendeskId);
      const draft = await store.createDraft({
        ticketZendeskId: ticket.zendeskId,
        name: input.name.trim(),
        slackUserId: input.slackUserId,
      });
      if (!draft) throw new YorisoiError('draft_name_taken');
      return editorState(ticket, draft);
    },

    async refresh(draftId: string): Promise<DraftEditorState> {
      const draft = await draftOrThrow(draftId);
      return editorState(await ticketOrThrow(draft.ticketZendeskId), draft);
    },

    /** The customer's latest words, live from Zendesk (null when Zendesk did not answer). */
    /** Reads the customer's latest words live from Zendesk (null when Zendesk cannot be read). */
    liveInquiry,

    /**
     * Reads the customer's latest words live from Zendesk; when they differ from what the store knew
     * (`known`), remembers and returns them (null: nothing new, or Zendesk could not be read).
     */
    async refreshInquiry(ticketZendeskId: string, known: { body: string } | null | undefined) {
      const live = await liveInquiry(ticketZendeskId);
      if (!live || (known && known.body === live.body)) return null;
      liveInquiries.set(ticketZendeskId, live);
      return live;
    },

    /** The customer's latest words as last read live from Zendesk (derived, may be stale). */
    lastLiveInquiry(ticketZendeskId: string) {
      return liveInquiries.get(ticketZendeskId);
    },

    /** Autosave while typing: the working copy only, no version. */
    async autosave(draftId: string, content: DraftContent, slackUserId: string): Promise<boolean> {
      const draft = await draftOrThrow(draftId);
      return store.saveWorkingCopy(draftId, named(content, draft), slackUserId);
    },

    /** An explicit save (submit, Save, closing the modal): a new version when something changed. */
    async save(
      draftId: string,
      content: DraftContent,
      slackUserId: string,
      reason: 'submit' | 'save' | 'close',
    ) {
      const draft = await draftOrThrow(draftId);
      if (draft.status === 'sending' || draft.status === 'sent') throw new YorisoiError('draft_not_editable');
      return store.saveVersion(draftId, named(content, draft), slackUserId, reason);
    },

    /** "Share for review": saves a version and posts it into the ticket's thread, marked as not sent. */
    async share(draftId: string, content: DraftContent, slackUserId: string) {
      const draft = await draftOrThrow(draftId);
      if (draft.status === 'sending' || draft.status === 'sent') throw new YorisoiError('draft_not_editable');
      const saved = await store.saveVersion(draftId, named(content, draft), slackUserId, 'share');
      const ticket = await ticketOrThrow(draft.ticketZendeskId);
      const version = (await store.getVersion(draftId, saved.version)) as DraftVersion;
      const secondApproval = await approvalPolicy.requiresSecondApproval(ticket);
      await store.enqueue(
        threadEffect(
          ticket,
          shareKey(draftId, saved.version),
          renderer.shared({
            draft: version,
            ticket,
            sharedBy: slackUserId,
            needsSecondApproval: secondApproval.required,
          }),
        ),
      );
      options.wake();
      return { version: saved.version, ticket };
    },

    /**
     * A colleague approves one version; the author sees who and which version, in the thread and the modal.
     * A draft already sent (or on its way) has nothing left to approve: the answer says so and nothing is
     * recorded — an Approve click can arrive from a message Slack had not redrawn yet.
     */
    async approve(input: {
      draftId: string;
      version: number;
      approverSlackId: string;
    }): Promise<{ outcome: 'approved' | 'already' | 'self' | 'sent' }> {
      const draft = await draftOrThrow(input.draftId);
      if (draft.status === 'sending' || draft.status === 'sent') return { outcome: 'sent' };
      const version = await store.getVersion(input.draftId, input.version);
      if (!version) throw new YorisoiError('draft_not_found');
      if (version.body.trim() === '') throw new YorisoiError('reply_empty');
      if ((await checkWriting(version.body, await ticketOrThrow(draft.ticketZendeskId)))?.blocking)
        throw new YorisoiError('reply_placeholder_left');
      if (version.savedBySlackId === input.approverSlackId) return { outcome: 'self' };
      const ticket = await ticketOrThrow(draft.ticketZendeskId);
      const effects = threadEffect(
        ticket,
        `draft-approve:${input.draftId}:v${input.version}:${input.approverSlackId}`,
        renderer.approved({
          draft: version,
          approverSlackId: input.approverSlackId,
          authorSlackId: version.savedBySlackId,
        }),
      );
      const created = await store.approve(input, effects);
      if (created) options.wake();
      return { outcome: created ? 'approved' : 'already' };
    },

    /**
     * "Send…": freezes the version to send and checks the sender may send it. Returns what the preview
     * shows (ticket, recipient, agent); throws the reason why not otherwise.
     */
    async prepareSend(draftId: string, content: DraftContent, slackUserId: string) {
      const draft = await draftOrThrow(draftId);
      if (draft.status === 'sending' || draft.status === 'sent') throw new YorisoiError('send_in_progress');
      if (content.body.trim() === '') throw new YorisoiError('reply_empty');
      const agent = await agents.resolve(slackUserId);
      const saved = await store.saveVersion(draftId, named(content, draft), slackUserId, 'send');
      const ticket = await ticketOrThrow(draft.ticketZendeskId);
      const version = (await store.getVersion(draftId, saved.version)) as DraftVersion;
      const secondApproval = await approvalPolicy.requiresSecondApproval(ticket);
      const approvals = approvedBySomeoneElse(await store.approvals(draftId), saved.version, slackUserId);
      if (secondApproval.required && approvals.length === 0) {
        throw new YorisoiError(
          'second_approval_required',
          secondApproval.reason ? `(${secondApproval.reason})` : undefined,
        );
      }
      return {
        ticket,
        version,
        agent,
        approvals,
        repeatedTemplates: await repeatedTemplates(ticket, version.templateIds),
        /** null: the check could not run (never a reason not to send). */
        writing: await checkWriting(version.body, ticket, PREVIEW_CHECK_BUDGET_MS),
      };
    },

    /**
     * The explicit send: stored as `scheduled` until the undo window ends (or the chosen time), then the
     * reply sender takes it. Checks everything again: the preview may have sat open a while.
     */
    async send(input: {
      draftId: string;
      version: number;
      slackUserId: string;
      public: boolean;
      newStatus: ZendeskReplyStatus | null;
      sendAt: Date | null;
      thread?: { channelId: string; ts: string };
    }): Promise<ReplySend> {
      const draft = await draftOrThrow(input.draftId);
      const version = await store.getVersion(input.draftId, input.version);
      if (!version) throw new YorisoiError('draft_not_found');
      if (version.body.trim() === '') throw new YorisoiError('reply_empty');
      if ((await checkWriting(version.body, await ticketOrThrow(draft.ticketZendeskId)))?.blocking)
        throw new YorisoiError('reply_placeholder_left');
      const agent = await agents.resolve(input.slackUserId);
      const ticket = await ticketOrThrow(draft.ticketZendeskId);
      const secondApproval = await approvalPolicy.requiresSecondApproval(ticket);
      if (
        secondApproval.required &&
        approvedBySomeoneElse(await store.approvals(draft.id), input.version, input.slackUserId).length === 0
      ) {
        throw new YorisoiError(
          'second_approval_required',
          secondApproval.reason ? `(${secondApproval.reason})` : undefined,
        );
      }
      const now = options.clock();
      const dueAt =
        input.sendAt && input.sendAt > now
          ? input.sendAt
          : new Date(now.getTime() + options.undoSeconds * 1000);
      const result = await store.createSend({
        draftId: draft.id,
        version: input.version,
        ticketZendeskId: ticket.zendeskId,
        senderSlackId: input.slackUserId,
        authorZendeskId: agent.zendeskUserId,
        body: version.body,
        public: input.public,
        newStatus: input.newStatus,
        dueAt,
      });
      if (!result.ok) throw new YorisoiError('send_in_progress');
      options.logger.info('reply scheduled', {
        sendId: result.send.id,
        ticket: ticket.zendeskId,
        dueAt: dueAt.toISOString(),
      });
      options.wake();
      return result.send;
    },

    /**
     * Copies the thread's discussion to Zendesk as an internal note (never public), so the reasoning stays
     * with the ticket. Once per discussion state: copying again with no new message does nothing.
     */
    async copyDiscussion(input: {
      ticketZendeskId: string;
      slackUserId: string;
      messages: DiscussionMessage[];
    }): Promise<{ copied: boolean; count: number }> {
      const ticket = await ticketOrThrow(input.ticketZendeskId);
      const agent = await agents.resolve(input.slackUserId);
      const last = input.messages.at(-1);
      if (!last) return { copied: false, count: 0 };
      const body = discussionNoteBody(input.messages, options.note ?? DEFAULT_NOTE_LOCALE);
      const send = await store.createNoteSend({
        ticketZendeskId: ticket.zendeskId,
        inFlightKey: `note:${ticket.zendeskId}:${last.ts}`,
        senderSlackId: input.slackUserId,
        authorZendeskId: agent.zendeskUserId,
        body,
        dueAt: options.clock(),
      });
      if (send) options.wake();
      return { copied: send !== null, count: input.messages.length };
    },

    /** Undo within the window: nothing reaches Zendesk and the draft is editable again. */
    async undo(sendId: string): Promise<void> {
      if (!(await store.cancelSend(sendId))) throw new YorisoiError('too_late_to_undo');
    },

    getSend: (id: string) => store.getSend(id),

    searchTemplates: (query: string, limit = 5) => templates.search(query, limit),
    getTemplate: (id: string) => templates.get(id),

    /** Snooze a ticket until a time and/or until the customer writes; the thread is pinged when it wakes. */
    async snooze(input: {
      ticketZendeskId: string;
      until: Date | null;
      untilCustomerWrites: boolean;
      slackUserId: string;
    }): Promise<SnoozeRecord> {
      if (!input.until && !input.untilCustomerWrites)
        throw new YorisoiError('bad_input', '(choose a time or "until the customer writes")');
      const ticket = await ticketOrThrow(input.ticketZendeskId);
      const s = await store.createSnooze({
        ticketZendeskId: ticket.zendeskId,
        until: input.until,
        untilCustomerWrites: input.untilCustomerWrites,
        createdBySlackId: input.slackUserId,
      });
      options.wake();
      return s;
    },
  };
}

export type DraftingService = ReturnType<typeof createDraftingService>;
export { emptyPolicy };
