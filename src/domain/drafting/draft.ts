/**
 * A reply draft: the response policy (対応方針) the agent thinks the case through with, and the reply.
 * Drafts are named so one ticket can hold several alternatives; every explicit save is a version.
 */
export interface DraftPolicy {
  /** User facts looked up in admin tools. */
  facts: string;
  /** The user's situation, guesses included. */
  situation: string;
  /** Outline of the reply. */
  outline: string;
  /** Other candidate policies while undecided. */
  alternatives: string;
}

export const emptyPolicy = (): DraftPolicy => ({ facts: '', situation: '', outline: '', alternatives: '' });

export interface DraftContent {
  name: string;
  policy: DraftPolicy;
  body: string;
  /** Templates inserted into the body, for "already sent to this customer" warnings. */
  templateIds: string[];
}

export type DraftStatus = 'open' | 'sending' | 'sent' | 'failed';

export interface Draft extends DraftContent {
  id: string;
  ticketZendeskId: string;
  status: DraftStatus;
  /** 0 until the first explicit save. */
  currentVersion: number;
  createdBySlackId: string;
  updatedBySlackId: string;
  updatedAt: Date;
}

export interface DraftVersion extends DraftContent {
  draftId: string;
  version: number;
  savedBySlackId: string;
  reason: SaveReason;
  createdAt: Date;
}

export type SaveReason = 'submit' | 'save' | 'close' | 'share' | 'send';

export interface DraftApproval {
  draftId: string;
  version: number;
  approverSlackId: string;
  createdAt: Date;
}

export type ReplySendStatus = 'scheduled' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** One reply (or internal note) on its way to Zendesk; `id` is the idempotency key. */
export interface ReplySend {
  id: string;
  /** reply: a draft version; note: the thread's discussion copied as an internal note. */
  kind: 'reply' | 'note';
  /** null for notes. */
  draftId: string | null;
  version: number;
  ticketZendeskId: string;
  senderSlackId: string;
  authorZendeskId: string;
  body: string;
  public: boolean;
  newStatus: string | null;
  status: ReplySendStatus;
  dueAt: Date;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

/** What the drafting screens need of a ticket, from yorisoi's copy. */
export interface DraftTicket {
  /** yorisoi's id (the outbox keys thread messages by it). */
  id: string;
  zendeskId: string;
  subject: string;
  status: string;
  tags: string[];
  channelId: string | null;
  rootTs: string | null;
  requester: { zendeskUserId: string; name: string; email: string | null };
  /** The customer's latest message as last synced (the modal refreshes it from Zendesk). */
  latestCustomerMessage: { body: string; createdAt: Date } | null;
  /** The customer's first message (the original problem), as synced. */
  firstCustomerMessage?: { body: string; createdAt: Date } | null;
  /** How many public messages the customer wrote on the ticket. */
  customerMessages?: number;
}

export const ZENDESK_STATUSES = ['open', 'pending', 'hold', 'solved'] as const;
export type ZendeskReplyStatus = (typeof ZENDESK_STATUSES)[number];

/** Counts shown live under the editor: lines as the customer will see them, characters as code points. */
export function countText(text: string): { lines: number; chars: number } {
  if (text === '') return { lines: 0, chars: 0 };
  return { lines: text.split('\n').length, chars: Array.from(text).length };
}

export function sameContent(a: DraftContent, b: DraftContent): boolean {
  return (
    a.name === b.name &&
    a.body === b.body &&
    a.policy.facts === b.policy.facts &&
    a.policy.situation === b.policy.situation &&
    a.policy.outline === b.policy.outline &&
    a.policy.alternatives === b.policy.alternatives &&
    a.templateIds.join(',') === b.templateIds.join(',')
  );
}

/** The draft with a template's text appended (after a blank line) and the template remembered. */
export function withTemplate(content: DraftContent, template: DraftTemplate): DraftContent {
  const sep =
    content.body === ''
      ? ''
      : content.body.endsWith('\n\n')
        ? ''
        : content.body.endsWith('\n')
          ? '\n'
          : '\n\n';
  return {
    ...content,
    body: `${content.body}${sep}${template.body}`,
    templateIds: content.templateIds.includes(template.id)
      ? content.templateIds
      : [...content.templateIds, template.id],
  };
}

/** A reply template as drafting sees it (the templates feature, or a fixed list in tests and the sandbox). */
export interface DraftTemplate {
  id: string;
  title: string;
  body: string;
  /** Folder path, e.g. `Photos/Upload`. */
  path: string;
  /** From a search: ≤ 200 characters around the match, matched words in `*…*`. */
  snippet?: string;
}

/** The outbox key of a draft version shared into the ticket's thread (one message per shared version). */
export const shareKeyPrefix = (draftId: string) => `draft-share:${draftId}:v`;
export const shareKey = (draftId: string, version: number) => `${shareKeyPrefix(draftId)}${version}`;

/** Why a reply could not be sent, as the thread tells it (the raw error stays in the log and the row). */
export type SendFailure = 'rejected' | 'not_found' | 'gave_up';
