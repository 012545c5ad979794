import { badRequest } from './errors.ts';
import type { TicketRecord } from './model.ts';
import { auditJson, brandJson, groupJson, organizationJson, ticketJson, userJson } from './serialize.ts';
import type { ZendeskState } from './state.ts';

/**
 * Ticket side-loads (`include=users,groups,organizations,brands,comment_count,last_audits`), as Zendesk's
 * side-loading page lists them for the ticket endpoints: each requested record type arrives once, as a
 * top-level array, next to the tickets; `comment_count` adds a field to each ticket; `last_audits` adds each
 * ticket's latest audit to a top-level `audits` array. An unknown name is ignored, as Zendesk does.
 */
const TICKET_SIDELOADS = new Set([
  'users',
  'groups',
  'organizations',
  'brands',
  'comment_count',
  'last_audits',
]);

/**
 * The side-loads a ticket request asked for. The incremental exports do not support `last_audits` ("for
 * performance reasons"): it is ignored there.
 */
export function includesOf(params: URLSearchParams, options: { incremental?: boolean } = {}): Set<string> {
  return new Set(
    (params.get('include') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => TICKET_SIDELOADS.has(s) && !(options.incremental && s === 'last_audits')),
  );
}

type TicketJson = ReturnType<typeof ticketJson> & { comment_count?: number };

/** The tickets as JSON, with the side-loads the request asked for. */
export function ticketsWithSideloads(state: ZendeskState, tickets: TicketRecord[], include: Set<string>) {
  const out: { tickets: TicketJson[] } & Record<string, unknown> = {
    tickets: tickets.map((t) => {
      const json: TicketJson = ticketJson(state, t);
      if (include.has('comment_count')) json.comment_count = t.comments.length;
      return json;
    }),
  };
  const unique = <T>(ids: (number | null)[], get: (id: number) => T | undefined): T[] =>
    [...new Set(ids.filter((id): id is number => id !== null))].flatMap((id) => {
      const r = get(id);
      return r ? [r] : [];
    });
  if (include.has('last_audits')) {
    out.audits = tickets.flatMap((t) => {
      const last = t.audits.at(-1);
      return last ? [auditJson(last)] : [];
    });
  }
  if (include.has('users')) {
    out.users = unique(
      tickets.flatMap((t) => [t.requesterId, t.submitterId, t.assigneeId]),
      (id) => state.users.get(id),
    ).map((u) => userJson(state, u));
  }
  if (include.has('groups')) {
    out.groups = unique(
      tickets.map((t) => t.groupId),
      (id) => state.groups.get(id),
    ).map((g) => groupJson(state, g));
  }
  if (include.has('organizations')) {
    const orgIds = tickets.flatMap((t) => [
      t.organizationId,
      state.users.get(t.requesterId)?.organizationId ?? null,
    ]);
    out.organizations = unique(orgIds, (id) => state.organizations.get(id)).map((o) =>
      organizationJson(state, o),
    );
  }
  if (include.has('brands')) {
    out.brands = unique(
      tickets.map((t) => t.brandId),
      (id) => state.brands.get(id),
    ).map((b) => brandJson(state, b));
  }
  return out;
}

/** `tickets/show_many` and `users/show_many` accept at most 100 ids (Zendesk answers 400 beyond that). */
export const SHOW_MANY_MAX = 100;

export function checkShowManyIds(ids: number[]) {
  if (ids.length > SHOW_MANY_MAX) {
    throw badRequest('InvalidValue', `ids: at most ${SHOW_MANY_MAX} ids are allowed (got ${ids.length})`);
  }
}
