import { YorisoiError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { CustomerIdentity, TicketSnapshot } from '../tickets/ticket.ts';
import {
  type CareChart,
  type CareChartContent,
  type CareChartRevision,
  CLIP_MAX,
  type CustomerRecord,
  combineCharts,
  describeChange,
  emptyChartContent,
  type HistoryEntry,
  NOTES_MAX,
} from './care-chart-model.ts';
import type {
  CareStore,
  CustomerDirectory,
  DirectoryUser,
  LocalTicket,
  PolicySource,
  RootRefresher,
  ServiceUserIdSource,
} from './ports.ts';

/** What the ticket's root message shows about the person asking. */
export interface CareContext {
  customer: CustomerRecord | null;
  requesterZendeskUserId: string;
  chart: CareChart | null;
  /** Tickets this person opened before this one (local store and Zendesk together). */
  priorTickets: number;
}

export interface CustomerHistory {
  customer: CustomerRecord;
  chart: CareChart | null;
  /** Newest first. */
  entries: HistoryEntry[];
  /** Set when Zendesk could not be read: the list holds local tickets only. */
  zendeskProblem: string | null;
}

const CLOSED = new Set(['solved', 'closed', 'deleted']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ZENDESK_ID = /^\d{1,19}$/;
/** A background read the Zendesk budget refused during a burst: expected, not worth a warning. */
const isDeferred = (error: unknown) =>
  error instanceof YorisoiError && error.code === 'zendesk_budget_deferred';
const SERVICE_ID = /^[\w.:@+\-/]{1,128}$/;

/**
 * The care chart and prior-history service: charts with every edit kept, the context a ticket's root shows,
 * the history of a customer across the local store and Zendesk, and merge-safe identity (a chart follows
 * the person when Zendesk merges two users or knows them by another address).
 */

/** The text of a `/karte` identifier (an e-mail address, a Zendesk user id or the service's user id). */
function identifierOf(raw: string): string {
  const text = raw.trim().replace(/^<mailto:[^|>]+\|([^>]+)>$/, '$1');
  if (text === '' || /\s/.test(text) || text.length > 254) throw new YorisoiError('karte_identifier_invalid');
  // Anything with an @ is read as an e-mail address.
  if (text.includes('@') ? !EMAIL.test(text) : !SERVICE_ID.test(text))
    throw new YorisoiError('karte_identifier_invalid');
  return text;
}

export function createCareService(deps: {
  store: CareStore;
  directory: CustomerDirectory;
  roots: RootRefresher;
  policies?: PolicySource;
  serviceUserId: ServiceUserIdSource;
  zendeskTicketUrl: (zendeskId: string) => string;
  logger: Logger;
}) {
  const { store, directory, logger } = deps;

  /** Follows merges to the customer that holds the chart now. */
  async function current(customer: CustomerRecord | null): Promise<CustomerRecord | null> {
    let c = customer;
    for (let hops = 0; c?.mergedIntoId && hops < 10; hops++) c = await store.customerById(c.mergedIntoId);
    return c;
  }

  async function withMerged(customer: CustomerRecord): Promise<CustomerRecord[]> {
    const out = [customer];
    for (let i = 0; i < out.length && out.length < 50; i++) {
      const person = out[i];
      if (person) out.push(...(await store.mergedInto(person.id)));
    }
    return out;
  }

  /** Re-renders the root of every open ticket of the customer (and of those merged into it). */
  async function refreshOpenRoots(customer: CustomerRecord, reason: string) {
    const people = await withMerged(customer);
    const tickets = await store.ticketsOf(people.map((p) => p.id));
    for (const t of tickets) {
      if (CLOSED.has(t.status) || !t.channelId) continue;
      await deps.roots.refreshRoot(t.zendeskId, reason).catch((error: unknown) => {
        logger.warn('could not refresh a ticket root after a care chart change', {
          zendeskId: t.zendeskId,
          error,
        });
      });
    }
  }

  async function mergeLocal(source: CustomerRecord, target: CustomerRecord) {
    if (source.id === target.id || source.mergedIntoId) return;
    await store.mergeCustomers({
      sourceId: source.id,
      targetId: target.id,
      combine: (t, s) => combineCharts(t ?? emptyChartContent(), s, source.email ?? source.name),
    });
    logger.info('customer merged: chart and history follow', {
      from: source.zendeskUserId,
      to: target.zendeskUserId,
    });
    const merged = await store.customerById(target.id);
    if (merged) await refreshOpenRoots(merged, `merge:${source.id}`);
  }

  /** Is this Zendesk user gone (deleted, which is what a merge leaves of the source user)? */
  async function goneInZendesk(zendeskUserId: string): Promise<boolean> {
    const user = await directory.user(zendeskUserId);
    return user === null || !user.active;
  }

  async function ensureCustomer(user: DirectoryUser): Promise<CustomerRecord> {
    const known = await store.customerByZendeskUserId(user.zendeskUserId);
    if (known) return known;
    return store.upsertCustomer({
      zendeskUserId: user.zendeskUserId,
      name: user.name,
      email: user.email,
      organizationId: user.organizationId,
      organizationName: null,
      externalId: user.externalId,
      serviceUserId: serviceIdOf(user),
    });
  }

  function serviceIdOf(user: DirectoryUser): string | null {
    const source = deps.serviceUserId;
    if (source.kind === 'external_id') return user.externalId;
    if (source.kind === 'user_field') {
      const v = user.userFields[source.key];
      return v === null || v === undefined || v === '' ? null : String(v);
    }
    return null;
  }

  async function customerOf(customerId: string): Promise<CustomerRecord> {
    const c = await current(await store.customerById(customerId));
    if (!c) throw new YorisoiError('karte_customer_not_found');
    return c;
  }

  return {
    /**
     * Called by the ticket sync before it renders a ticket: stores the requester and every address they
     * write from, and notices merges — when an address we knew under another customer now belongs to this
     * Zendesk user, or the ticket's requester changed from a user Zendesk has since deleted.
     */
    async reconcileRequester(
      requester: CustomerIdentity,
      previousZendeskUserId: string | null,
    ): Promise<void> {
      const target = await store.upsertCustomer(requester);
      const emails = await directory
        .emails(requester.zendeskUserId, { deferrable: true })
        .catch((error: unknown) => {
          if (!isDeferred(error))
            logger.warn('could not read the requester identities from Zendesk', { error });
          return requester.email ? [requester.email] : [];
        });
      const candidates = new Map<string, CustomerRecord>();
      for (const email of emails) {
        const other = await store.customerByEmail(email);
        if (other && other.id !== target.id && !other.mergedIntoId) candidates.set(other.id, other);
      }
      if (previousZendeskUserId && previousZendeskUserId !== requester.zendeskUserId) {
        const previous = await store.customerByZendeskUserId(previousZendeskUserId);
        if (previous && !previous.mergedIntoId) candidates.set(previous.id, previous);
      }
      for (const other of candidates.values()) {
        if (await goneInZendesk(other.zendeskUserId)) await mergeLocal(other, target);
      }
      await store.recordEmails(target.id, emails);
    },

    /** The chart summary and prior-ticket count for a ticket's root message. */
    async contextFor(ticket: TicketSnapshot): Promise<CareContext> {
      const requesterZendeskUserId = ticket.requester.zendeskUserId;
      const customer = await current(await store.customerByZendeskUserId(requesterZendeskUserId));
      const chart = customer ? await store.chartOf(customer.id) : null;
      const people = customer ? await withMerged(customer) : [];
      const local = await store.ticketsOf(people.map((p) => p.id));
      const ids = new Set(local.filter((t) => t.createdAt <= ticket.createdAt).map((t) => t.zendeskId));
      try {
        const requester = customer?.zendeskUserId ?? requesterZendeskUserId;
        for (const t of await directory.requestedTickets(requester, { deferrable: true })) {
          if (t.status !== 'deleted' && t.createdAt <= ticket.createdAt) ids.add(t.zendeskId);
        }
      } catch (error) {
        // During a burst the Zendesk budget keeps its room for tickets: the count is the local one then.
        if (!isDeferred(error))
          logger.warn('prior tickets: Zendesk could not be read; counting local tickets only', { error });
      }
      ids.delete(ticket.zendeskId);
      return { customer, requesterZendeskUserId, chart, priorTickets: ids.size };
    },

    /**
     * `/karte` and the root's button: an e-mail address, a Zendesk user id or the service's user id.
     * Throws karte_identifier_invalid for text that is none of them, karte_customer_not_found when neither
     * yorisoi nor Zendesk knows the person.
     */
    async resolve(raw: string): Promise<CustomerRecord> {
      const text = identifierOf(raw);
      let found: CustomerRecord | null = null;
      if (text.includes('@')) {
        found = await store.customerByEmail(text.toLowerCase());
        if (!found) {
          const user = await directory.userByEmail(text);
          if (user?.active) found = await ensureCustomer(user);
        }
      } else {
        if (ZENDESK_ID.test(text)) {
          found = await store.customerByZendeskUserId(text);
          if (!found) {
            const user = await directory.user(text);
            if (user?.active) found = await ensureCustomer(user);
          }
        }
        // A number that is no Zendesk user may still be the service's own id.
        if (!found) found = (await store.customersByServiceUserId(text))[0] ?? null;
        if (!found && deps.serviceUserId.kind === 'external_id') {
          const user = (await directory.usersByExternalId(text)).find((u) => u.active);
          if (user) found = await ensureCustomer(user);
        }
      }
      const resolved = await current(found);
      if (!resolved) throw new YorisoiError('karte_customer_not_found', `(${text})`);
      return resolved;
    },

    /** The identifier `/karte` was given, or karte_identifier_invalid — no lookup, so it answers at once. */
    identifier: identifierOf,

    customer: customerOf,

    chart: (customerId: string) => store.chartOf(customerId),
    revisions: (customerId: string, limit = 40): Promise<CareChartRevision[]> =>
      store.revisions(customerId, limit),

    /** Every earlier ticket of the customer: local store and Zendesk merged, newest first. */
    async history(customerId: string): Promise<CustomerHistory> {
      const customer = await customerOf(customerId);
      const people = await withMerged(customer);
      const local = await store.ticketsOf(people.map((p) => p.id));
      const byId = new Map<string, HistoryEntry>();
      const fromLocal = (t: LocalTicket): HistoryEntry => ({
        zendeskId: t.zendeskId,
        subject: t.subject,
        status: t.status,
        createdAt: t.createdAt,
        updatedAt: t.updatedAt,
        answeredBy: t.assigneeName,
        policy: null,
        thread: t.channelId && t.rootTs ? { channelId: t.channelId, ts: t.rootTs } : null,
        zendeskUrl: deps.zendeskTicketUrl(t.zendeskId),
        onlyInZendesk: false,
      });
      for (const t of local) byId.set(t.zendeskId, fromLocal(t));
      let zendeskProblem: string | null = null;
      try {
        const remote = await directory.requestedTickets(customer.zendeskUserId);
        const unknownAssignees = remote
          .filter((t) => t.assigneeZendeskId && !byId.get(t.zendeskId)?.answeredBy)
          .map((t) => t.assigneeZendeskId as string);
        const names = unknownAssignees.length
          ? await directory.names([...new Set(unknownAssignees)])
          : new Map<string, string>();
        for (const t of remote) {
          if (t.status === 'deleted') continue;
          const known = byId.get(t.zendeskId);
          byId.set(t.zendeskId, {
            zendeskId: t.zendeskId,
            subject: t.subject,
            // Zendesk is fresher on status; the local copy knows the Slack thread.
            status: t.status,
            createdAt: t.createdAt,
            updatedAt:
              t.updatedAt > (known?.updatedAt ?? new Date(0))
                ? t.updatedAt
                : (known?.updatedAt ?? t.updatedAt),
            answeredBy:
              known?.answeredBy ?? (t.assigneeZendeskId ? (names.get(t.assigneeZendeskId) ?? null) : null),
            policy: null,
            thread: known?.thread ?? null,
            zendeskUrl: deps.zendeskTicketUrl(t.zendeskId),
            onlyInZendesk: !known,
          });
        }
      } catch (error) {
        zendeskProblem = error instanceof YorisoiError ? error.userMessage : 'Zendesk could not be read.';
        logger.warn('history: Zendesk could not be read; showing local tickets only', { error });
      }
      const entries = [...byId.values()].sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(b.zendeskId) - Number(a.zendeskId),
      );
      if (deps.policies && entries.length) {
        const policies = await deps.policies
          .latestPolicies(entries.map((e) => e.zendeskId))
          .catch(() => new Map<string, string>());
        for (const e of entries) e.policy = policies.get(e.zendeskId) ?? null;
      }
      return { customer, chart: await store.chartOf(customer.id), entries, zendeskProblem };
    },

    /** An agent's edit in the modal; `expectedVersion` is the version the modal showed. */
    async saveEdit(input: {
      customerId: string;
      expectedVersion: number;
      content: CareChartContent;
      authorSlackId: string;
    }): Promise<CareChart> {
      const customer = await customerOf(input.customerId);
      const chart = await store.saveChart({
        customerId: customer.id,
        expectedVersion: input.expectedVersion,
        change: (before) => ({ content: input.content, summary: describeChange(before, input.content) }),
        kind: 'edit',
        authorSlackId: input.authorSlackId,
      });
      await refreshOpenRoots(customer, `care:${chart.version}`);
      return chart;
    },

    /** "Add to care chart": copies a thread message into the notes with a link back to it. */
    async addClip(input: {
      customerId: string;
      text: string;
      permalink: string | null;
      authorSlackId: string;
      at: Date;
    }): Promise<CareChart> {
      const customer = await customerOf(input.customerId);
      const body = Array.from(input.text.trim() || '(empty message)');
      const excerpt = body.length > CLIP_MAX ? `${body.slice(0, CLIP_MAX - 1).join('')}…` : body.join('');
      const link = input.permalink ? ` (<${input.permalink}|message>)` : '';
      const clip = `[${input.at.toISOString().slice(0, 10)} <@${input.authorSlackId}>] ${excerpt}${link}`;
      const chart = await store.saveChart({
        customerId: customer.id,
        expectedVersion: null,
        change: (before) => {
          const notes = before.notes ? `${before.notes}\n${clip}` : clip;
          if (Array.from(notes).length > NOTES_MAX) throw new YorisoiError('care_chart_full');
          return { content: { ...before, notes }, summary: 'note added from a thread message' };
        },
        kind: 'clip',
        authorSlackId: input.authorSlackId,
      });
      await refreshOpenRoots(customer, `care:${chart.version}`);
      return chart;
    },

    ticketByThread: (channelId: string, rootTs: string) => store.ticketByThread(channelId, rootTs),
  };
}

export type CareService = ReturnType<typeof createCareService>;
