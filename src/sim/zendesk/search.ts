import { ZendeskApiError } from './errors.ts';
import type { TicketRecord, UserRecord } from './model.ts';
import { groupJson, organizationJson, ticketJson, userJson } from './serialize.ts';
import type { ZendeskState } from './state.ts';

/**
 * GET /api/v2/search — enough of Zendesk's query language for yorisoi:
 * `type:ticket requester:<email|id> status:open tags:x assignee:<email|id|none> brand:<name|id> group:<name|id>`,
 * `type:user email:x external_id:x role:agent`, and free words over subject/description/comments or name/email.
 * Unlike Zendesk, new records are searchable at once (no indexing delay).
 */
export function search(state: ZendeskState, params: URLSearchParams, baseUrl: string, currentUserId: number) {
  const query = params.get('query') ?? '';
  const terms = tokenize(query);
  const filters = new Map<string, string[]>();
  const words: string[] = [];
  for (const term of terms) {
    const m = /^(-?[a-z_]+):(.*)$/i.exec(term);
    if (m?.[1] && m[2] !== undefined) {
      const key = m[1].toLowerCase();
      filters.set(key, [...(filters.get(key) ?? []), m[2].toLowerCase()]);
    } else words.push(term.toLowerCase());
  }
  const type = filters.get('type')?.[0];
  const results: Array<
    Record<string, unknown> & { result_type: string; created_at: string; updated_at: string }
  > = [];
  if (!type || type === 'ticket') {
    for (const t of state.tickets.values()) {
      if (t.status !== 'deleted' && ticketMatches(state, t, filters, words, currentUserId)) {
        results.push({ ...ticketJson(state, t), result_type: 'ticket' });
      }
    }
  }
  if (!type || type === 'user') {
    for (const u of state.users.values()) {
      if (userMatches(state, u, filters, words)) results.push({ ...userJson(state, u), result_type: 'user' });
    }
  }
  if (!type || type === 'organization') {
    for (const o of state.organizations.values()) {
      if (words.every((w) => o.name.toLowerCase().includes(w)) && !filters.size) {
        results.push({ ...organizationJson(state, o), result_type: 'organization' });
      }
    }
  }
  if (!type || type === 'group') {
    for (const g of state.groups.values()) {
      if (words.every((w) => g.name.toLowerCase().includes(w)) && !filters.size) {
        results.push({ ...groupJson(state, g), result_type: 'group' });
      }
    }
  }
  const sortBy = params.get('sort_by');
  const desc = params.get('sort_order') !== 'asc';
  if (sortBy === 'created_at' || sortBy === 'updated_at') {
    results.sort((a, b) => (a[sortBy] < b[sortBy] ? -1 : a[sortBy] > b[sortBy] ? 1 : 0) * (desc ? -1 : 1));
  }
  const perPage = Math.min(100, Math.max(1, Number(params.get('per_page') ?? 100) || 100));
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  if ((page - 1) * perPage >= 1000) {
    throw new ZendeskApiError(422, {
      error: 'InvalidValue',
      description: 'Search results are limited to 1000',
    });
  }
  const link = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    next.set('per_page', String(perPage));
    return `${baseUrl}/api/v2/search.json?${next.toString()}`;
  };
  const total = results.length;
  return {
    results: results.slice((page - 1) * perPage, page * perPage),
    facets: null,
    next_page: page * perPage < Math.min(total, 1000) ? link(page + 1) : null,
    previous_page: page > 1 ? link(page - 1) : null,
    count: total,
  };
}

function tokenize(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/(\S+:"[^"]*"|"[^"]*"|\S+)/g)) out.push((m[1] ?? '').replace(/"/g, ''));
  return out.filter(Boolean);
}

/** A user reference in a query: `me`, an id, an email, or `none`. */
function userRef(state: ZendeskState, ref: string, currentUserId: number): number | null | undefined {
  if (ref === 'none') return null;
  if (ref === 'me') return currentUserId;
  if (/^\d+$/.test(ref)) return Number(ref);
  return state.userByEmail(ref)?.id ?? -1;
}

function nameOrId(value: string, id: number | null, name: string | undefined) {
  return /^\d+$/.test(value) ? Number(value) === id : value === name?.toLowerCase();
}

function ticketMatches(
  state: ZendeskState,
  t: TicketRecord,
  filters: Map<string, string[]>,
  words: string[],
  me: number,
) {
  for (const [key, values] of filters) {
    for (const value of values) {
      let ok = true;
      switch (key) {
        case 'type':
          break;
        case 'requester':
          ok = userRef(state, value, me) === t.requesterId;
          break;
        case 'assignee':
          ok = userRef(state, value, me) === t.assigneeId;
          break;
        case 'status':
          ok = t.status === value;
          break;
        case 'priority':
          ok = t.priority === value;
          break;
        case 'ticket_type':
          ok = t.type === value;
          break;
        case 'tags':
        case 'tag':
          ok = t.tags.includes(value);
          break;
        case '-tags':
        case '-tag':
          ok = !t.tags.includes(value);
          break;
        case 'brand':
          ok = nameOrId(value, t.brandId, state.brands.get(t.brandId)?.name);
          break;
        case 'group':
          ok = nameOrId(value, t.groupId, t.groupId !== null ? state.groups.get(t.groupId)?.name : undefined);
          break;
        case 'organization':
          ok = nameOrId(
            value,
            t.organizationId,
            t.organizationId !== null ? state.organizations.get(t.organizationId)?.name : undefined,
          );
          break;
        case 'external_id':
          ok = t.externalId?.toLowerCase() === value;
          break;
        case 'subject':
          ok = t.subject.toLowerCase().includes(value);
          break;
        default:
          ok = false;
      }
      if (!ok) return false;
    }
  }
  const text = [t.subject, t.description, ...t.comments.map((c) => c.body)].join('\n').toLowerCase();
  return words.every((w) => text.includes(w));
}

function userMatches(state: ZendeskState, u: UserRecord, filters: Map<string, string[]>, words: string[]) {
  if (!u.active) return false;
  const email = state.emailOf(u.id) ?? '';
  for (const [key, values] of filters) {
    for (const value of values) {
      let ok = true;
      switch (key) {
        case 'type':
          break;
        case 'email':
          ok = [...state.identities.values()].some((i) => i.userId === u.id && i.value === value);
          break;
        case 'external_id':
          ok = u.externalId?.toLowerCase() === value;
          break;
        case 'role':
          ok = u.role === value || (value === 'end_user' && u.role === 'end-user');
          break;
        case 'name':
          ok = u.name.toLowerCase().includes(value);
          break;
        case 'organization':
          ok = nameOrId(
            value,
            u.organizationId,
            u.organizationId !== null ? state.organizations.get(u.organizationId)?.name : undefined,
          );
          break;
        default:
          ok = false;
      }
      if (!ok) return false;
    }
  }
  const text = `${u.name}\n${email}`.toLowerCase();
  return words.every((w) => text.includes(w));
}
