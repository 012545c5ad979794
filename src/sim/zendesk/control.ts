import { z } from 'zod';
import { SimControlError, ZendeskApiError } from './errors.ts';
import type { FaultInjector, FaultStatus, Latency, WindowLimiter, ZendeskCall } from './limits.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES, type UserRecord, type Via } from './model.ts';
import { commentJson, iso, type TicketJson, ticketJson, type UserJson, userJson } from './serialize.ts';
import type { ZendeskState } from './state.ts';
import { type TicketOps, VIA_WEB } from './tickets.ts';
import { mergeUsers } from './users.ts';
import type { DeliveryAttempt, WebhookDelivery } from './webhook-delivery.ts';

/** Inputs of the control API (/_sim/zendesk/...). The HTTP routes and the direct methods share them. */
export const openTicketSchema = z.object({
  subject: z.string().min(1),
  body: z.string().min(1),
  requester: z.object({
    email: z.string().email(),
    name: z.string().min(1),
    external_id: z.string().min(1).optional(),
  }),
  tags: z.array(z.string()).optional(),
  /** Brand, group and organization by name or id; an unknown organization name is created. */
  brand: z.union([z.string(), z.number().int()]).optional(),
  group: z.union([z.string(), z.number().int()]).optional(),
  organization: z.union([z.string(), z.number().int()]).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** Backdates the ticket (created_at = updated_at): ISO 8601 or Unix seconds. */
  created_at: z.union([z.string().datetime({ offset: true }), z.number().int().nonnegative()]).optional(),
});
export type OpenTicketInput = z.input<typeof openTicketSchema>;

export const customerReplySchema = z.object({ body: z.string().min(1) });
export type CustomerReplyInput = z.input<typeof customerReplySchema>;

export const agentPatchSchema = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).nullable().optional(),
  assignee_email: z.string().email().nullable().optional(),
  tags: z.array(z.string()).optional(),
  /** Optional: the agent also writes a comment (public unless `public: false`). */
  comment: z.string().min(1).optional(),
  public: z.boolean().optional(),
  /** The agent acting in Zendesk's UI; default aiko@example.com. */
  actor_email: z.string().email().optional(),
});
export type AgentPatchInput = z.input<typeof agentPatchSchema>;

export const dropSchema = z.object({ count: z.number().int().min(0) });
export const mergeSchema = z.object({ source_email: z.string().email(), target_email: z.string().email() });
export type MergeInput = z.input<typeof mergeSchema>;
export const faultSchema = z.object({
  method: z.string().min(1).optional(),
  path_prefix: z.string().startsWith('/').optional(),
  status: z.union([
    z.literal(500),
    z.literal(503),
    z.literal(404),
    z.literal(422),
    z.literal(429),
    z.literal('hang'),
    z.literal('reset'),
    z.literal('lost_response'),
    z.literal('delete_ticket'),
  ]),
  /** With `delete_ticket`: the ticket deleted just before the matching request is answered. */
  ticket_id: z.number().int().positive().optional(),
  /** Carry the request out first (store the comment), then fail: "stored, then 500 / hang / reset". */
  after_write: z.boolean().optional(),
  count: z.number().int().min(1).default(1),
  retry_after: z.number().int().min(0).optional(),
});
export type FaultInput = z.input<typeof faultSchema>;
const checkedFault = faultSchema.refine((f) => f.status !== 'delete_ticket' || f.ticket_id !== undefined, {
  message: 'delete_ticket needs ticket_id',
  path: ['ticket_id'],
});
export const rateSchema = z.object({ per_minute: z.number().int().min(1) });
/** `{p50_ms, p99_ms}` turns latency on; `{off: true}` (or p50_ms 0) turns it off. */
export const latencySchema = z.union([
  z.object({ off: z.literal(true) }),
  z
    .object({ p50_ms: z.number().min(0), p99_ms: z.number().min(0) })
    .refine((v) => v.p99_ms >= v.p50_ms, { message: 'p99_ms must be ≥ p50_ms' }),
]);
export type LatencyInput = z.input<typeof latencySchema>;
export const clockSchema = z.object({ advance_seconds: z.number().min(0) });

export interface ControlComment {
  id: number;
  body: string;
  public: boolean;
  author_id: number;
  created_at: string;
}

export const satisfactionSchema = z.object({
  score: z.enum(['offered', 'unoffered', 'good', 'bad']),
  comment: z.string().optional(),
  reason: z.string().optional(),
});
export type SatisfactionInput = z.input<typeof satisfactionSchema>;

export interface ZendeskControl {
  /** POST /_sim/zendesk/tickets/:id/satisfaction — the survey is offered (`offered`) or the requester
   *  answers it (`good`/`bad`); one rating per ticket, created_at = when first offered. */
  rateTicket(
    ticketId: number,
    input: SatisfactionInput,
  ): { satisfaction_rating: { id: number; score: string } };
  /** POST /_sim/zendesk/tickets — a customer opens a ticket by email (triggers fire). */
  openTicket(input: OpenTicketInput): { ticket: TicketJson };
  /** POST /_sim/zendesk/tickets/:id/customer-reply — public comment by the requester; status back to open. */
  customerReply(ticketId: number, input: CustomerReplyInput): { ticket: TicketJson; comment: ControlComment };
  /** GET /_sim/zendesk/tickets/:id */
  getTicket(ticketId: number): { ticket: TicketJson; comments: ControlComment[] };
  /** PATCH /_sim/zendesk/tickets/:id — an agent changes the ticket in Zendesk's UI (triggers fire). */
  agentUpdate(ticketId: number, input: AgentPatchInput): { ticket: TicketJson };
  /** GET /_sim/zendesk/tickets — every ticket with its comment count. */
  listTickets(): { tickets: (TicketJson & { comment_count: number })[] };
  /** GET /_sim/zendesk/users */
  listUsers(): { users: UserJson[] };
  /** GET /_sim/zendesk/webhook-deliveries — every attempt, oldest first. */
  webhookDeliveries(): { deliveries: DeliveryAttempt[] };
  /** POST /_sim/zendesk/webhooks/drop — lose the next N deliveries (never sent, recorded as `dropped`). */
  dropWebhooks(count: number): { dropping: number };
  /** POST /_sim/zendesk/users/merge */
  mergeUsers(input: MergeInput): { user: UserJson };
  /** POST /_sim/zendesk/faults */
  injectFault(input: FaultInput): { faults: unknown[] };
  /** DELETE /_sim/zendesk/faults */
  clearFaults(): { faults: unknown[] };
  /** POST /_sim/zendesk/rate */
  setRate(perMinute: number): { per_minute: number };
  /** POST /_sim/zendesk/latency (GET reads it) */
  setLatency(input: LatencyInput): { latency: ReturnType<Latency['get']> };
  latency(): { latency: ReturnType<Latency['get']> };
  /** GET /_sim/zendesk/calls — every API request, oldest first, with the status answered (0: none). */
  calls(query?: { method?: string; path_prefix?: string }): { calls: ZendeskCall[] };
  /** DELETE /_sim/zendesk/tickets/:id — an agent deletes the ticket (spam): 404 on the API from now on,
   *  status "deleted" in the incremental export unless `exclude_deleted=true`. */
  deleteTicket(ticketId: number): { deleted: number };
  /** POST /_sim/zendesk/clock (GET reads it) */
  advanceClock(seconds: number): { now: string; unix: number };
  clock(): { now: string; unix: number };
  /** Resolves once every webhook delivery in flight (retries included) has finished. */
  settled(): Promise<void>;
}

/** Throws the control API's 400 `{error, issues}` for bad input. */
export function parseControl<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new SimControlError(400, 'invalid_input', parsed.error.issues);
  return parsed.data;
}

export function createControl(deps: {
  state: ZendeskState;
  tickets: TicketOps;
  delivery: WebhookDelivery;
  faults: FaultInjector;
  accountLimit: WindowLimiter;
  latency: Latency;
  calls: ZendeskCall[];
}): ZendeskControl {
  const { state, tickets } = deps;

  const findTicket = (id: number) => {
    try {
      return tickets.get(id);
    } catch {
      throw new SimControlError(404, 'ticket_not_found');
    }
  };
  const byNameOrId = <T extends { id: number; name: string }>(
    items: Iterable<T>,
    ref: string | number,
    what: string,
  ): T => {
    for (const item of items)
      if (item.id === ref || item.name.toLowerCase() === String(ref).toLowerCase()) return item;
    throw new SimControlError(400, `unknown_${what}`, [{ path: [what], message: `no ${what} ${ref}` }]);
  };
  const emailVia = (user: UserRecord): Via => ({
    channel: 'email',
    source: {
      from: { address: state.emailOf(user.id), name: user.name },
      to: { address: `support@${state.subdomain}.zendesk.com`, name: 'Support' },
      rel: null,
    },
  });
  const controlComment = (c: ReturnType<typeof commentJson>): ControlComment => ({
    id: c.id,
    body: c.body,
    public: c.public,
    author_id: c.author_id,
    created_at: c.created_at,
  });
  const clockNow = () => ({ now: iso(state.now()), unix: Math.floor(state.now() / 1000) });
  /** Domain refusals (closed ticket, bad assignee …) keep Zendesk's status and body. */
  const asControl = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ZendeskApiError) {
        const body = error.body as { error?: string; description?: string; details?: unknown };
        throw new SimControlError(
          error.status,
          body.error ?? 'zendesk_error',
          body.details ?? body.description,
        );
      }
      throw error;
    }
  };

  return {
    openTicket(raw) {
      const input = parseControl(openTicketSchema, raw);
      return asControl(() => {
        let requester = state.userByEmail(input.requester.email);
        if (!requester) {
          requester = state.addUser({
            name: input.requester.name,
            email: input.requester.email,
            externalId: input.requester.external_id ?? null,
          });
        } else if (input.requester.external_id && requester.externalId === null) {
          requester.externalId = input.requester.external_id;
        }
        if (!requester.active) throw new SimControlError(409, 'requester_deleted');
        let organizationId: number | undefined;
        if (input.organization !== undefined) {
          const ref = input.organization;
          const existing = [...state.organizations.values()].find(
            (o) => o.id === ref || o.name.toLowerCase() === String(ref).toLowerCase(),
          );
          if (existing) organizationId = existing.id;
          else if (typeof ref === 'number')
            throw new SimControlError(400, 'unknown_organization', [
              { path: ['organization'], message: `no organization ${ref}` },
            ]);
          else {
            const org = {
              id: state.nextId('organization'),
              name: ref,
              domainNames: [],
              externalId: null,
              createdAt: state.now(),
            };
            state.organizations.set(org.id, org);
            organizationId = org.id;
          }
        }
        const at =
          input.created_at === undefined
            ? undefined
            : typeof input.created_at === 'number'
              ? input.created_at * 1000
              : Date.parse(input.created_at);
        const { ticket } = tickets.create(
          {
            subject: input.subject,
            comment: { body: input.body, public: true, author_id: requester.id },
            requester_id: requester.id,
            submitter_id: requester.id,
            tags: input.tags,
            brand_id:
              input.brand !== undefined
                ? byNameOrId(state.brands.values(), input.brand, 'brand').id
                : undefined,
            group_id:
              input.group !== undefined
                ? byNameOrId(state.groups.values(), input.group, 'group').id
                : undefined,
            organization_id: organizationId,
            priority: input.priority,
          },
          { actor: requester, via: emailVia(requester), at },
        );
        return { ticket: ticketJson(state, ticket) };
      });
    },

    customerReply(ticketId, raw) {
      const input = parseControl(customerReplySchema, raw);
      const ticket = findTicket(ticketId);
      if (ticket.status === 'closed') throw new SimControlError(409, 'ticket_closed');
      const requester = state.users.get(ticket.requesterId);
      if (!requester) throw new SimControlError(409, 'requester_missing');
      return asControl(() => {
        const result = tickets.update(
          ticket.id,
          {
            comment: { body: input.body, public: true, author_id: requester.id },
            status: ticket.status === 'new' ? undefined : 'open',
          },
          { actor: requester, via: emailVia(requester) },
        );
        const comment = result.ticket.comments.at(-1);
        if (!comment) throw new SimControlError(500, 'comment_missing');
        return { ticket: ticketJson(state, result.ticket), comment: controlComment(commentJson(comment)) };
      });
    },

    rateTicket(ticketId, raw) {
      const input = parseControl(satisfactionSchema, raw);
      const ticket = findTicket(ticketId);
      const at = state.writeTime();
      const existing = [...state.satisfactionRatings.values()].find((r) => r.ticketId === ticket.id);
      const rating = existing ?? {
        id: state.nextId('rating'),
        ticketId: ticket.id,
        requesterId: ticket.requesterId,
        assigneeId: ticket.assigneeId,
        groupId: ticket.groupId,
        score: input.score,
        comment: null,
        reason: null,
        createdAt: at,
        updatedAt: at,
      };
      rating.score = input.score;
      rating.comment = input.comment ?? rating.comment;
      rating.reason = input.reason ?? rating.reason;
      rating.updatedAt = at;
      state.satisfactionRatings.set(rating.id, rating);
      ticket.updatedAt = at;
      return { satisfaction_rating: { id: rating.id, score: rating.score } };
    },

    getTicket(ticketId) {
      const ticket = findTicket(ticketId);
      return {
        ticket: ticketJson(state, ticket),
        comments: ticket.comments.map((c) => controlComment(commentJson(c))),
      };
    },

    agentUpdate(ticketId, raw) {
      const input = parseControl(agentPatchSchema, raw);
      const ticket = findTicket(ticketId);
      const actor = state.userByEmail(input.actor_email ?? 'aiko@example.com');
      if (!actor || actor.role === 'end-user') throw new SimControlError(400, 'actor_not_agent');
      return asControl(() => {
        let assigneeId: number | null | undefined;
        if (input.assignee_email === null) assigneeId = null;
        else if (input.assignee_email !== undefined) {
          const assignee = state.userByEmail(input.assignee_email);
          if (!assignee || assignee.role === 'end-user') throw new SimControlError(400, 'assignee_not_agent');
          assigneeId = assignee.id;
        }
        const result = tickets.update(
          ticket.id,
          {
            status: input.status,
            priority: input.priority,
            assignee_id: assigneeId,
            tags: input.tags,
            comment:
              input.comment !== undefined
                ? { body: input.comment, public: input.public ?? true, author_id: actor.id }
                : undefined,
          },
          { actor, via: VIA_WEB },
        );
        return { ticket: ticketJson(state, result.ticket) };
      });
    },

    listTickets() {
      const list = [...state.tickets.values()].sort((a, b) => a.id - b.id);
      return { tickets: list.map((t) => ({ ...ticketJson(state, t), comment_count: t.comments.length })) };
    },

    listUsers() {
      return { users: [...state.users.values()].sort((a, b) => a.id - b.id).map((u) => userJson(state, u)) };
    },

    webhookDeliveries: () => ({ deliveries: deps.delivery.attempts() }),

    dropWebhooks(count) {
      const input = parseControl(dropSchema, { count });
      return { dropping: deps.delivery.drop(input.count) };
    },

    mergeUsers(raw) {
      const input = parseControl(mergeSchema, raw);
      const source = state.userByEmail(input.source_email);
      const target = state.userByEmail(input.target_email);
      if (!source || !target) throw new SimControlError(404, 'user_not_found');
      const admin =
        [...state.users.values()].find((u) => u.role === 'admin' && u.id !== state.apiUserId) ?? target;
      return asControl(() => ({ user: userJson(state, mergeUsers(state, source.id, target.id, admin.id)) }));
    },

    injectFault(raw) {
      const input = parseControl(checkedFault, raw);
      deps.faults.add({
        method: input.method,
        pathPrefix: input.path_prefix,
        status: input.status as FaultStatus,
        count: input.count,
        retryAfter: input.retry_after,
        afterWrite: input.after_write,
        ticketId: input.ticket_id,
      });
      return { faults: deps.faults.list() };
    },

    clearFaults() {
      deps.faults.clear();
      return { faults: [] };
    },

    setRate(perMinute) {
      const input = parseControl(rateSchema, { per_minute: perMinute });
      deps.accountLimit.setLimit(input.per_minute);
      return { per_minute: input.per_minute };
    },

    advanceClock(seconds) {
      const input = parseControl(clockSchema, { advance_seconds: seconds });
      state.advance(input.advance_seconds);
      return clockNow();
    },

    setLatency(raw) {
      const input = parseControl(latencySchema, raw);
      deps.latency.set('off' in input ? null : { p50Ms: input.p50_ms, p99Ms: input.p99_ms });
      return { latency: deps.latency.get() };
    },

    latency: () => ({ latency: deps.latency.get() }),

    calls(query = {}) {
      return {
        calls: deps.calls
          .filter(
            (c) =>
              (!query.method || c.method === query.method.toUpperCase()) &&
              (!query.path_prefix || c.path.startsWith(query.path_prefix)),
          )
          .map((c) => ({ ...c })),
      };
    },

    deleteTicket(ticketId) {
      const ticket = findTicket(ticketId);
      const actor = state.userByEmail('aiko@example.com') ?? state.users.get(state.apiUserId);
      if (!actor) throw new SimControlError(500, 'no_agent');
      asControl(() => tickets.remove(ticket.id, { actor, via: VIA_WEB }));
      return { deleted: ticket.id };
    },

    clock: clockNow,
    settled: () => deps.delivery.settled(),
  };
}
