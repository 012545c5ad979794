import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readRawBody, sendJson } from '../http-util.ts';
import type { SimRoute } from '../sim-server.ts';
import {
  badRequest,
  forbidden,
  notFound,
  recordInvalid,
  tooManyRequests,
  unauthorized,
  ZendeskApiError,
} from './errors.ts';
import { exportTicketsCursor } from './incremental.ts';
import type { FaultInjector, Latency, WindowLimiter, ZendeskCall } from './limits.ts';
import type { MacroRecord, TriggerRecord, UserRecord, WebhookRecord } from './model.ts';
import { paginate } from './paging.ts';
import { search } from './search.ts';
import {
  auditJson,
  brandJson,
  commentJson,
  groupJson,
  identityJson,
  macroJson,
  organizationJson,
  satisfactionRatingJson,
  ticketJson,
  triggerJson,
  userJson,
  webhookJson,
} from './serialize.ts';
import { checkShowManyIds, includesOf, ticketsWithSideloads } from './sideload.ts';
import type { ZendeskState } from './state.ts';
import { normalizeTags, parseTicketInput, type TicketOps, VIA_API, VIA_WEB } from './tickets.ts';
import { validateTriggerRules } from './triggers.ts';
import { createOrUpdateUser, createUser, getUser, mergeUsers, parseUserInput, updateUser } from './users.ts';

export interface ApiDeps {
  state: ZendeskState;
  tickets: TicketOps;
  apiToken: string;
  accountLimit: WindowLimiter;
  faults: FaultInjector;
  latency?: Latency;
  /** Every API request is appended here (GET /_sim/zendesk/calls). */
  calls?: ZendeskCall[];
}

interface Call {
  req: IncomingMessage;
  method: string;
  params: URLSearchParams;
  /** Path below /api/v2 without `.json`, e.g. `/tickets/12`. */
  path: string;
  body: Record<string, unknown>;
  user: UserRecord;
  /** Loopback origin the client used, for paging links node-zendesk follows. */
  origin: string;
}
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
type Handler = (call: Call, m: RegExpMatchArray) => Reply;

const IDEMPOTENCY_TTL_MS = 2 * 60 * 60 * 1000;
const TICKET_UPDATE_LIMIT = 30;
const TICKET_UPDATE_WINDOW_MS = 10 * 60 * 1000;
const INCREMENTAL_PER_MINUTE = 10;

const ok = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
});
const num = (s: string | undefined) => Number(s);
const idList = (raw: string | null) =>
  (raw ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);

/** Canonical JSON (sorted keys) so the same body with keys in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const webhookSchema = z.object({
  name: z.string().min(1),
  description: z.string().nullable().optional(),
  endpoint: z.string().url(),
  http_method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  request_format: z.enum(['json', 'xml', 'form_encoded']),
  status: z.enum(['active', 'inactive']),
  subscriptions: z.array(z.string()).optional(),
  authentication: z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('basic_auth'),
        add_position: z.string().optional(),
        data: z.object({ username: z.string(), password: z.string() }),
      }),
      z.object({
        type: z.literal('bearer_token'),
        add_position: z.string().optional(),
        data: z.object({ token: z.string() }),
      }),
      z.object({
        type: z.literal('api_key'),
        add_position: z.string().optional(),
        data: z.object({ name: z.string(), value: z.string() }),
      }),
    ])
    .nullable()
    .optional(),
  custom_headers: z.record(z.string(), z.string()).optional(),
});

const ruleSchema = z.object({
  field: z.string(),
  operator: z.string().optional(),
  value: z.unknown().optional(),
});
const triggerSchema = z.object({
  title: z.string().min(1),
  description: z.string().nullable().optional(),
  active: z.boolean().optional(),
  position: z.number().int().optional(),
  conditions: z.object({ all: z.array(ruleSchema).optional(), any: z.array(ruleSchema).optional() }),
  actions: z.array(z.object({ field: z.string(), value: z.unknown() })),
});
const macroSchema = z.object({
  title: z.string().min(1),
  description: z.string().nullable().optional(),
  active: z.boolean().optional(),
  position: z.number().int().optional(),
  actions: z.array(z.object({ field: z.string(), value: z.unknown() })).min(1),
  /** Personal: `{type: "User", id}`; group: `{type: "Group", id, ids?}`; null: everyone. */
  restriction: z
    .union([
      z.object({ type: z.literal('User'), id: z.number().int() }),
      z.object({
        type: z.literal('Group'),
        id: z.number().int(),
        ids: z.array(z.number().int()).optional(),
      }),
    ])
    .nullable()
    .optional(),
});

/** Webhooks API errors use JSON:API-style `errors` (unlike the rest of the Support API). */
function webhookInvalid(issues: z.core.$ZodIssue[]) {
  return new ZendeskApiError(400, {
    errors: issues.map((i) => ({
      code: 'InvalidInput',
      title: 'Invalid input',
      detail: `${i.path.join('.')}: ${i.message}`,
      source: { pointer: `/webhook/${i.path.join('/')}` },
    })),
  });
}

function parseRecordInvalid<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? 'base');
  throw recordInvalid(field, `${field}: ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
}

export function createApiRoute(deps: ApiDeps): SimRoute {
  const { state, tickets } = deps;
  const incrementalLimit = createIncrementalLimiter();
  const idempotency = new Map<string, { fingerprint: string; reply: Reply; expiresAt: number }>();

  function createIncrementalLimiter() {
    let hits: number[] = [];
    return (now: number) => {
      hits = hits.filter((t) => t > now - 60_000);
      const oldest = hits[0];
      if (hits.length >= INCREMENTAL_PER_MINUTE && oldest !== undefined) {
        throw tooManyRequests(
          (oldest + 60_000 - now) / 1000,
          'Number of allowed incremental export API requests per minute exceeded',
        );
      }
      hits.push(now);
    };
  }

  function authenticate(req: IncomingMessage): UserRecord {
    const header = req.headers.authorization ?? '';
    let user: UserRecord | undefined;
    if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const login = colon >= 0 ? decoded.slice(0, colon) : '';
      const secret = colon >= 0 ? decoded.slice(colon + 1) : '';
      // API tokens are account-wide: any agent's email works with `/token`.
      if (login.endsWith('/token') && secret === deps.apiToken)
        user = state.userByEmail(login.slice(0, -'/token'.length));
    } else if (header.startsWith('Bearer ') && header.slice(7).trim() === deps.apiToken) {
      user = state.users.get(state.apiUserId);
    }
    if (!user?.active || user.role === 'end-user') throw unauthorized();
    const onBehalf = req.headers['x-on-behalf-of'];
    if (typeof onBehalf === 'string' && onBehalf) {
      const other = state.userByEmail(onBehalf);
      if (!other?.active) throw unauthorized();
      return other;
    }
    return user;
  }

  const requireAdmin = (call: Call) => {
    if (call.user.role !== 'admin') throw forbidden();
  };
  const admin =
    (handler: Handler): Handler =>
    (call, m) => {
      requireAdmin(call);
      return handler(call, m);
    };
  const ticketId = (m: RegExpMatchArray) => tickets.get(num(m[1]));
  const activeTickets = () =>
    [...state.tickets.values()].filter((t) => t.status !== 'deleted').sort((a, b) => a.id - b.id);
  const pageUrl = (call: Call) =>
    `${call.origin}/api/v2${call.path}${call.path.startsWith('/webhooks') ? '' : '.json'}`;
  const sortedUsers = () => [...state.users.values()].sort((a, b) => a.id - b.id);
  const roleFilter = (params: URLSearchParams, role: string) => {
    const wanted = [...params.getAll('role'), ...params.getAll('role[]')];
    return wanted.length === 0 || wanted.includes(role);
  };

  const createTicket: Handler = (call) => {
    const input = parseTicketInput(call.body.ticket);
    const { ticket, audit } = tickets.create(input, { actor: call.user, via: VIA_API });
    return ok({ ticket: ticketJson(state, ticket), audit: auditJson(audit) }, 201, {
      location: `${call.origin}/api/v2/tickets/${ticket.id}.json`,
    });
  };

  const updateTicket: Handler = (call, m) => {
    const ticket = ticketId(m);
    const now = state.now();
    ticket.updateLog = ticket.updateLog.filter((e) => e.at > now - TICKET_UPDATE_WINDOW_MS);
    const mine = ticket.updateLog.filter((e) => e.userId === call.user.id);
    const oldest = mine[0];
    if (mine.length >= TICKET_UPDATE_LIMIT && oldest) {
      throw tooManyRequests(
        (oldest.at + TICKET_UPDATE_WINDOW_MS - now) / 1000,
        'Rate limit for ticket updates exceeded, please wait before updating this ticket again',
        'TooManyRequests',
      );
    }
    const input = parseTicketInput(call.body.ticket);
    const result = tickets.update(ticket.id, input, { actor: call.user, via: VIA_API });
    ticket.updateLog.push({ userId: call.user.id, at: now });
    return ok({
      ticket: ticketJson(state, result.ticket),
      audit: result.audit ? auditJson(result.audit) : null,
    });
  };

  const saveWebhook = (call: Call, existing: WebhookRecord | null, partial: boolean): WebhookRecord => {
    requireAdmin(call);
    const raw = call.body.webhook;
    const schema = partial ? webhookSchema.partial() : webhookSchema;
    const parsed = schema.safeParse(partial && existing ? raw : raw);
    if (!parsed.success) throw webhookInvalid(parsed.error.issues);
    const input = parsed.data;
    const now = state.now();
    const webhook: WebhookRecord = existing ?? {
      id: `01HSIMWEBHOOK${String(state.nextId('webhook')).padStart(13, '0')}`,
      name: '',
      description: null,
      endpoint: '',
      httpMethod: 'POST',
      requestFormat: 'json',
      status: 'active',
      subscriptions: ['conditional_ticket_events'],
      authentication: null,
      customHeaders: {},
      signingSecret: randomBytes(32).toString('base64url'),
      createdAt: now,
      createdBy: call.user.id,
      updatedAt: now,
    };
    if (input.name !== undefined) webhook.name = input.name;
    if (input.description !== undefined) webhook.description = input.description;
    if (input.endpoint !== undefined) webhook.endpoint = input.endpoint;
    if (input.http_method !== undefined) webhook.httpMethod = input.http_method;
    if (input.request_format !== undefined) webhook.requestFormat = input.request_format;
    if (input.status !== undefined) webhook.status = input.status;
    if (input.subscriptions !== undefined) webhook.subscriptions = input.subscriptions;
    if (input.authentication !== undefined) webhook.authentication = input.authentication;
    if (input.custom_headers !== undefined) webhook.customHeaders = input.custom_headers;
    webhook.updatedAt = now;
    state.webhooks.set(webhook.id, webhook);
    return webhook;
  };
  const getWebhook = (m: RegExpMatchArray) => {
    const webhook = state.webhooks.get(m[1] ?? '');
    if (!webhook)
      throw new ZendeskApiError(404, {
        errors: [
          { code: 'WebhookNotFound', title: 'Webhook not found', detail: `Webhook ${m[1]} not found` },
        ],
      });
    return webhook;
  };

  const saveTrigger = (call: Call, existing: TriggerRecord | null): TriggerRecord => {
    requireAdmin(call);
    const input = parseRecordInvalid(existing ? triggerSchema.partial() : triggerSchema, call.body.trigger);
    const now = state.now();
    const conditions = input.conditions
      ? { all: input.conditions.all ?? [], any: input.conditions.any ?? [] }
      : (existing?.conditions ?? { all: [], any: [] });
    const actions = input.actions ?? existing?.actions ?? [];
    validateTriggerRules(state, conditions, actions);
    const trigger: TriggerRecord = existing ?? {
      id: state.nextId('trigger'),
      title: '',
      description: null,
      active: true,
      position: state.triggers.size + 1,
      conditions,
      actions,
      createdAt: now,
      updatedAt: now,
    };
    if (input.title !== undefined) trigger.title = input.title;
    if (input.description !== undefined) trigger.description = input.description;
    if (input.active !== undefined) trigger.active = input.active;
    if (input.position !== undefined) trigger.position = input.position;
    trigger.conditions = conditions;
    trigger.actions = actions;
    trigger.updatedAt = now;
    state.triggers.set(trigger.id, trigger);
    return trigger;
  };
  const getTrigger = (m: RegExpMatchArray) => {
    const trigger = state.triggers.get(num(m[1]));
    if (!trigger) throw notFound();
    return trigger;
  };
  const sortedTriggers = (onlyActive: boolean) =>
    [...state.triggers.values()]
      .filter((t) => !onlyActive || t.active)
      .sort((a, b) => a.position - b.position || a.id - b.id);

  const saveMacro = (call: Call, existing: MacroRecord | null): MacroRecord => {
    const input = parseRecordInvalid(existing ? macroSchema.partial() : macroSchema, call.body.macro);
    const now = state.now();
    const macro: MacroRecord = existing ?? {
      id: state.nextId('macro'),
      title: '',
      description: null,
      active: true,
      position: state.macros.size + 1,
      actions: [],
      restriction: null,
      createdAt: now,
      updatedAt: now,
    };
    if (input.title !== undefined) macro.title = input.title;
    if (input.description !== undefined) macro.description = input.description;
    if (input.active !== undefined) macro.active = input.active;
    if (input.position !== undefined) macro.position = input.position;
    if (input.actions !== undefined) macro.actions = input.actions; // replaces the whole array, as in Zendesk
    if (input.restriction !== undefined) macro.restriction = input.restriction;
    macro.updatedAt = now;
    state.macros.set(macro.id, macro);
    return macro;
  };
  const getMacro = (m: RegExpMatchArray) => {
    const macro = state.macros.get(num(m[1]));
    if (!macro) throw notFound();
    return macro;
  };
  /** Personal macros (`restriction: {type: "User", id}`): admins see everyone's, agents only their own.
   *  `access`: personal (mine), agents (every agent's personal, admins only), shared (not personal),
   *  account (no restriction at all). */
  const visibleMacro = (call: Call, macro: MacroRecord) => {
    const r = macro.restriction as { type?: unknown; id?: unknown } | null;
    const owner = r && r.type === 'User' ? Number(r.id) : null;
    if (owner !== null && owner !== call.user.id && call.user.role !== 'admin') return false;
    switch (call.params.get('access')) {
      case 'personal':
        return owner === call.user.id;
      case 'agents':
        return owner !== null;
      case 'shared':
        return owner === null;
      case 'account':
        return r === null || r === undefined;
      default:
        return true;
    }
  };
  const macroList = (call: Call, onlyActive: boolean) =>
    paginate(
      [...state.macros.values()]
        .filter((x) => !onlyActive || x.active)
        .filter((x) => visibleMacro(call, x))
        .sort((a, b) => a.position - b.position || a.id - b.id)
        .map((x) => macroJson(state, x)),
      'macros',
      call.params,
      pageUrl(call),
    );

  /** GET /<plural> (paged) and GET /<plural>/{id} for a record kind the simulator only serves. */
  function readOnly<T>(
    plural: string,
    singular: string,
    records: Map<number, T>,
    json: (record: T) => { id: string | number },
  ): [string, RegExp, Handler][] {
    return [
      [
        'GET',
        new RegExp(`^/${plural}$`),
        (call) => ok(paginate([...records.values()].map(json), plural, call.params, pageUrl(call))),
      ],
      [
        'GET',
        new RegExp(`^/${plural}/(\\d+)$`),
        (_call, m) => {
          const record = records.get(num(m[1]));
          if (!record) throw notFound();
          return ok({ [singular]: json(record) });
        },
      ],
    ];
  }

  const routes: [string, RegExp, Handler][] = [
    // Tickets
    [
      'GET',
      /^\/tickets$/,
      // `?external_id=` lists the tickets carrying it (not unique; exact match), like List Tickets.
      (call) =>
        ok(
          paginate(
            activeTickets()
              .filter(
                (t) => !call.params.has('external_id') || t.externalId === call.params.get('external_id'),
              )
              .map((t) => ticketJson(state, t)),
            'tickets',
            call.params,
            pageUrl(call),
          ),
        ),
    ],
    [
      'GET',
      /^\/tickets\/show_many$/,
      (call) => {
        const ids = idList(call.params.get('ids'));
        checkShowManyIds(ids);
        const found = ids.flatMap((id) => {
          const t = state.tickets.get(id);
          return t && t.status !== 'deleted' ? [t] : [];
        });
        return ok(ticketsWithSideloads(state, found, includesOf(call.params)));
      },
    ],
    ['POST', /^\/tickets$/, createTicket],
    [
      'GET',
      /^\/tickets\/(\d+)$/,
      (call, m) => {
        const {
          tickets: [ticket],
          ...sideloads
        } = ticketsWithSideloads(state, [ticketId(m)], includesOf(call.params));
        return ok({ ticket, ...sideloads });
      },
    ],
    ['PUT', /^\/tickets\/(\d+)$/, updateTicket],
    [
      'DELETE',
      /^\/tickets\/(\d+)$/,
      (call, m) => {
        tickets.remove(num(m[1]), { actor: call.user, via: VIA_API });
        return { status: 204 };
      },
    ],
    [
      'GET',
      /^\/tickets\/(\d+)\/comments$/,
      (call, m) =>
        ok(paginate(ticketId(m).comments.map(commentJson), 'comments', call.params, pageUrl(call))),
    ],
    [
      'GET',
      /^\/tickets\/(\d+)\/audits$/,
      (call, m) => ok(paginate(ticketId(m).audits.map(auditJson), 'audits', call.params, pageUrl(call))),
    ],
    ['GET', /^\/tickets\/(\d+)\/tags$/, (_call, m) => ok({ tags: ticketId(m).tags })],
    [
      'PUT',
      /^\/tickets\/(\d+)\/tags$/,
      (call, m) => {
        const tags = z.array(z.string()).safeParse(call.body.tags);
        if (!tags.success) throw recordInvalid('tags', 'Tags: is not valid');
        const { ticket } = tickets.update(
          ticketId(m).id,
          { additional_tags: tags.data },
          { actor: call.user, via: VIA_API },
        );
        return ok({ tags: ticket.tags });
      },
    ],
    [
      'POST',
      /^\/tickets\/(\d+)\/tags$/,
      (call, m) => {
        const tags = z.array(z.string()).safeParse(call.body.tags);
        if (!tags.success) throw recordInvalid('tags', 'Tags: is not valid');
        const { ticket } = tickets.update(
          ticketId(m).id,
          { tags: normalizeTags(tags.data) },
          { actor: call.user, via: VIA_API },
        );
        return ok({ tags: ticket.tags }, 201);
      },
    ],

    // Users
    [
      'GET',
      /^\/users$/,
      (call) =>
        ok(
          paginate(
            sortedUsers()
              // `role=agent` or `role[]=agent&role[]=admin`, as Zendesk filters the list.
              .filter((u) => u.active && roleFilter(call.params, u.role))
              .map((u) => userJson(state, u)),
            'users',
            call.params,
            pageUrl(call),
          ),
        ),
    ],
    ['GET', /^\/users\/me$/, (call) => ok({ user: userJson(state, call.user) })],
    [
      'GET',
      /^\/users\/show_many$/,
      (call) => {
        const ids = idList(call.params.get('ids'));
        checkShowManyIds(ids);
        const users = ids.flatMap((id) => {
          const u = state.users.get(id);
          return u ? [u] : [];
        });
        // The `identities` side-load (Zendesk's users side-loads): every identity of the users, one array.
        const include = new Set((call.params.get('include') ?? '').split(',').map((s) => s.trim()));
        const found = new Set(users.map((u) => u.id));
        return ok({
          users: users.map((u) => userJson(state, u)),
          ...(include.has('identities')
            ? {
                identities: [...state.identities.values()]
                  .filter((i) => found.has(i.userId))
                  .sort((a, b) => a.id - b.id)
                  .map((i) => identityJson(state, i)),
              }
            : {}),
        });
      },
    ],
    [
      'GET',
      /^\/users\/search$/,
      (call) => {
        const query = (call.params.get('query') ?? '').trim();
        const externalId = call.params.get('external_id');
        let found: UserRecord[];
        if (externalId) found = sortedUsers().filter((u) => u.active && u.externalId === externalId);
        else if (/^email:/i.test(query)) {
          const user = state.userByEmail(query.slice(6).replace(/"/g, ''));
          found = user?.active ? [user] : [];
        } else {
          const q = query.toLowerCase();
          found = q
            ? sortedUsers().filter(
                (u) =>
                  u.active &&
                  (u.externalId?.toLowerCase() === q ||
                    u.name.toLowerCase().includes(q) ||
                    (state.emailOf(u.id) ?? '').includes(q)),
              )
            : [];
        }
        return ok(
          paginate(
            found.map((u) => userJson(state, u)),
            'users',
            call.params,
            pageUrl(call),
          ),
        );
      },
    ],
    [
      'POST',
      /^\/users\/create_or_update$/,
      (call) => {
        const { user, created } = createOrUpdateUser(state, parseUserInput(call.body.user));
        return ok({ user: userJson(state, user) }, created ? 201 : 200);
      },
    ],
    [
      'POST',
      /^\/users$/,
      (call) => ok({ user: userJson(state, createUser(state, parseUserInput(call.body.user))) }, 201),
    ],
    ['GET', /^\/users\/(\d+)$/, (_call, m) => ok({ user: userJson(state, getUser(state, num(m[1]))) })],
    [
      'PUT',
      /^\/users\/(\d+)$/,
      (call, m) =>
        ok({ user: userJson(state, updateUser(state, num(m[1]), parseUserInput(call.body.user))) }),
    ],
    [
      'GET',
      /^\/users\/(\d+)\/identities$/,
      (call, m) => {
        const user = getUser(state, num(m[1]));
        const list = [...state.identities.values()]
          .filter((i) => i.userId === user.id)
          .sort((a, b) => a.id - b.id);
        return ok(
          paginate(
            list.map((i) => identityJson(state, i)),
            'identities',
            call.params,
            pageUrl(call),
          ),
        );
      },
    ],
    [
      'POST',
      /^\/users\/(\d+)\/identities$/,
      (call, m) => {
        const user = getUser(state, num(m[1]));
        const input = parseRecordInvalid(
          z.object({ type: z.literal('email'), value: z.string().email() }),
          call.body.identity,
        );
        if (state.userByEmail(input.value))
          throw recordInvalid(
            'value',
            `Value: ${input.value} is already being used by another user`,
            'DuplicateValue',
          );
        const identity = state.addIdentity(user.id, input.value, state.emailOf(user.id) === null);
        return ok({ identity: identityJson(state, identity) }, 201);
      },
    ],
    [
      'PUT',
      /^\/users\/(\d+)\/merge$/,
      (call, m) => {
        const target = z.object({ id: z.number().int() }).safeParse(call.body.user);
        if (!target.success) throw recordInvalid('user', 'User: target id is required');
        return ok({ user: userJson(state, mergeUsers(state, num(m[1]), target.data.id, call.user.id)) });
      },
    ],
    [
      'GET',
      /^\/users\/(\d+)\/group_memberships$/,
      (call, m) => {
        // The simulator models one group per agent: the default group is the only membership.
        const user = getUser(state, num(m[1]));
        const list =
          user.role !== 'end-user' && user.defaultGroupId !== null
            ? [
                {
                  id: user.id * 10 + 1,
                  user_id: user.id,
                  group_id: user.defaultGroupId,
                  default: true,
                  created_at: new Date(user.createdAt).toISOString(),
                  updated_at: new Date(user.updatedAt).toISOString(),
                },
              ]
            : [];
        return ok(paginate(list, 'group_memberships', call.params, pageUrl(call)));
      },
    ],
    [
      'GET',
      /^\/users\/(\d+)\/tickets\/requested$/,
      (call, m) => {
        const user = getUser(state, num(m[1]));
        return ok(
          paginate(
            activeTickets()
              .filter((t) => t.requesterId === user.id)
              .map((t) => ticketJson(state, t)),
            'tickets',
            call.params,
            pageUrl(call),
          ),
        );
      },
    ],

    // Organizations, groups, brands: read-only lists and records
    ...readOnly('organizations', 'organization', state.organizations, (o) => organizationJson(state, o)),
    ...readOnly('groups', 'group', state.groups, (g) => groupJson(state, g)),
    ...readOnly('brands', 'brand', state.brands, (b) => brandJson(state, b)),

    // Incremental export and search
    [
      'GET',
      /^\/incremental\/tickets\/cursor$/,
      (call) => {
        requireAdmin(call);
        incrementalLimit(state.now());
        return ok(exportTicketsCursor(state, call.params, call.origin));
      },
    ],
    ['GET', /^\/search$/, (call) => ok(search(state, call.params, call.origin, call.user.id))],

    // Webhooks (node-zendesk does not append .json here)
    [
      'GET',
      /^\/webhooks$/,
      (call) => {
        requireAdmin(call);
        const list = [...state.webhooks.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        // The Webhooks API only pages by cursor.
        const params = new URLSearchParams(call.params);
        if (!params.has('page[size]')) params.set('page[size]', '100');
        return ok(paginate(list.map(webhookJson), 'webhooks', params, pageUrl(call)));
      },
    ],
    ['POST', /^\/webhooks$/, (call) => ok({ webhook: webhookJson(saveWebhook(call, null, false)) }, 201)],
    ['GET', /^\/webhooks\/([^/]+)$/, admin((_call, m) => ok({ webhook: webhookJson(getWebhook(m)) }))],
    [
      'PUT',
      /^\/webhooks\/([^/]+)$/,
      (call, m) => {
        saveWebhook(call, getWebhook(m), false);
        return { status: 204 };
      },
    ],
    [
      'PATCH',
      /^\/webhooks\/([^/]+)$/,
      (call, m) => {
        saveWebhook(call, getWebhook(m), true);
        return { status: 204 };
      },
    ],
    [
      'DELETE',
      /^\/webhooks\/([^/]+)$/,
      (call, m) => {
        requireAdmin(call);
        state.webhooks.delete(getWebhook(m).id);
        return { status: 204 };
      },
    ],
    [
      'GET',
      /^\/webhooks\/([^/]+)\/signing_secret$/,
      admin((_call, m) =>
        ok({ signing_secret: { algorithm: 'SHA256', secret: getWebhook(m).signingSecret } }),
      ),
    ],
    [
      'POST',
      /^\/webhooks\/([^/]+)\/signing_secret$/,
      (call, m) => {
        requireAdmin(call);
        const webhook = getWebhook(m);
        webhook.signingSecret = randomBytes(32).toString('base64url');
        return ok({ signing_secret: { algorithm: 'SHA256', secret: webhook.signingSecret } });
      },
    ],

    // Triggers
    [
      'GET',
      /^\/triggers$/,
      (call) =>
        ok(
          paginate(
            sortedTriggers(call.params.get('active') === 'true').map((t) => triggerJson(state, t)),
            'triggers',
            call.params,
            pageUrl(call),
          ),
        ),
    ],
    [
      'GET',
      /^\/triggers\/active$/,
      (call) =>
        ok(
          paginate(
            sortedTriggers(true).map((t) => triggerJson(state, t)),
            'triggers',
            call.params,
            pageUrl(call),
          ),
        ),
    ],
    ['POST', /^\/triggers$/, (call) => ok({ trigger: triggerJson(state, saveTrigger(call, null)) }, 201)],
    ['GET', /^\/triggers\/(\d+)$/, (_call, m) => ok({ trigger: triggerJson(state, getTrigger(m)) })],
    [
      'PUT',
      /^\/triggers\/(\d+)$/,
      (call, m) => ok({ trigger: triggerJson(state, saveTrigger(call, getTrigger(m))) }),
    ],
    [
      'DELETE',
      /^\/triggers\/(\d+)$/,
      (call, m) => {
        requireAdmin(call);
        state.triggers.delete(getTrigger(m).id);
        return { status: 204 };
      },
    ],

    // Satisfaction ratings (legacy CSAT; admins only). Filters: score, start_time/end_time (Unix seconds,
    // on the rating's created_at, inclusive); oldest first; cursor or offset paging.
    [
      'GET',
      /^\/satisfaction_ratings$/,
      admin((call) => {
        const seconds = (name: string): number | null => {
          const raw = call.params.get(name);
          if (raw === null || raw === '') return null;
          if (!/^\d+$/.test(raw))
            throw badRequest('InvalidValue', `${name} must be a Unix epoch time in seconds`);
          return Number(raw) * 1000;
        };
        const from = seconds('start_time');
        const to = seconds('end_time');
        const score = call.params.get('score');
        const scores: Record<string, string[]> = {
          offered: ['offered'],
          unoffered: ['unoffered'],
          received: ['good', 'bad'],
          good: ['good'],
          bad: ['bad'],
        };
        if (score !== null && !scores[score])
          throw badRequest('InvalidValue', `score "${score}" is not valid`);
        const rows = [...state.satisfactionRatings.values()]
          .filter((r) => (from === null || r.createdAt >= from) && (to === null || r.createdAt <= to))
          .filter((r) => score === null || scores[score]?.includes(r.score))
          .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
          .map((r) => satisfactionRatingJson(state, r));
        return ok(paginate(rows, 'satisfaction_ratings', call.params, pageUrl(call)));
      }),
    ],

    // Macros
    ['GET', /^\/macros$/, (call) => ok(macroList(call, call.params.get('active') === 'true'))],
    ['GET', /^\/macros\/active$/, (call) => ok(macroList(call, true))],
    [
      'GET',
      /^\/macros\/search$/,
      (call) => {
        const q = (call.params.get('query') ?? '').toLowerCase();
        const found = [...state.macros.values()].filter(
          (x) => x.title.toLowerCase().includes(q) && visibleMacro(call, x),
        );
        return ok({
          macros: found.map((x) => macroJson(state, x)),
          next_page: null,
          previous_page: null,
          count: found.length,
        });
      },
    ],
    // Create Macro answers 200 (not 201) in Zendesk's OpenAPI document.
    ['POST', /^\/macros$/, (call) => ok({ macro: macroJson(state, saveMacro(call, null)) })],
    ['GET', /^\/macros\/(\d+)$/, (_call, m) => ok({ macro: macroJson(state, getMacro(m)) })],
    ['PUT', /^\/macros\/(\d+)$/, (call, m) => ok({ macro: macroJson(state, saveMacro(call, getMacro(m))) })],
    [
      'DELETE',
      /^\/macros\/(\d+)$/,
      (_call, m) => {
        state.macros.delete(getMacro(m).id);
        return { status: 204 };
      },
    ],
  ];

  /** POST /tickets with an Idempotency-Key: replay on the same body, 400 on a different one, keys live 2 h. */
  function withIdempotency(call: Call, handler: () => Reply): Reply {
    const key = call.req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return handler();
    const now = state.now();
    for (const [k, v] of idempotency) if (v.expiresAt <= now) idempotency.delete(k);
    const fingerprint = canonical(call.body);
    const stored = idempotency.get(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw badRequest(
          'IdempotentRequestError',
          'Request parameters do not match the original request made with this Idempotency-Key',
        );
      }
      return { ...stored.reply, headers: { ...stored.reply.headers, 'x-idempotency-lookup': 'hit' } };
    }
    const reply = handler();
    if (reply.status < 300) idempotency.set(key, { fingerprint, reply, expiresAt: now + IDEMPOTENCY_TTL_MS });
    return { ...reply, headers: { ...reply.headers, 'x-idempotency-lookup': 'miss' } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice('/api/v2'.length).replace(/\.json$/, '') || '/';
    const delay = deps.latency?.sample() ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = deps.faults.take(method, `/api/v2${path}`, url.pathname);
    if (fault?.kind === 'delete_ticket') {
      // Someone deletes the ticket in Zendesk just before this request is answered.
      const agent = state.users.get(state.apiUserId);
      if (agent && state.tickets.get(fault.ticketId)?.status !== 'deleted')
        tickets.remove(fault.ticketId, { actor: agent, via: VIA_WEB });
    } else if (fault && !fault.afterWrite) {
      if (fault.kind === 'hang') return; // never answered; the server closes the socket on shutdown
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      throw fault.error;
    }
    const user = authenticate(req);
    const rate = deps.accountLimit.take(state.now());
    const rateHeaders = {
      'x-rate-limit': String(rate.limit),
      'x-rate-limit-remaining': String(rate.remaining),
    };
    let body: Record<string, unknown> = {};
    if (method !== 'GET' && method !== 'HEAD') {
      const raw = (await readRawBody(req)).toString('utf8');
      if (raw.trim() !== '') {
        try {
          const parsed: unknown = JSON.parse(raw);
          body =
            parsed && typeof parsed === 'object' && !Array.isArray(parsed)
              ? (parsed as Record<string, unknown>)
              : {};
        } catch {
          throw badRequest('InvalidJSON', 'The request body is not valid JSON');
        }
      }
    }
    const host = req.headers.host ?? '127.0.0.1';
    const call: Call = { req, method, params: url.searchParams, path, body, user, origin: `http://${host}` };
    let pathMatched = false;
    for (const [routeMethod, pattern, handler] of routes) {
      const m = path.match(pattern);
      if (!m) continue;
      pathMatched = true;
      if (routeMethod !== method) continue;
      const reply =
        method === 'POST' && path === '/tickets'
          ? withIdempotency(call, () => handler(call, m))
          : handler(call, m);
      if (fault && fault.kind !== 'delete_ticket') {
        // The work is done; the caller hears an error, nothing, or a dropped connection.
        if (fault.kind === 'hang') return;
        if (fault.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        throw fault.error;
      }
      if (reply.status === 204) {
        res.writeHead(204, { ...rateHeaders, ...reply.headers });
        res.end();
      } else sendJson(res, reply.status, reply.body, { ...rateHeaders, ...reply.headers });
      return;
    }
    if (pathMatched)
      throw new ZendeskApiError(405, {
        error: 'MethodNotAllowed',
        description: `${method} is not allowed here`,
      });
    throw new ZendeskApiError(404, { error: 'InvalidEndpoint', description: 'Not found' });
  }

  return async (req, res, url) => {
    if (url.pathname !== '/api/v2' && !url.pathname.startsWith('/api/v2/')) return false;
    if (deps.calls) {
      const entry: ZendeskCall = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: `${url.pathname}${url.search}`,
        status: 0,
        at: new Date(state.now()).toISOString(),
      };
      deps.calls.push(entry);
      res.once('finish', () => {
        entry.status = res.statusCode;
      });
    }
    try {
      await handle(req, res, url);
    } catch (error) {
      if (!(error instanceof ZendeskApiError)) throw error;
      if (!res.headersSent) error.send(res);
    }
    return true;
  };
}
