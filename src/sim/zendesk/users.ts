import { z } from 'zod';
import { notFound, recordInvalid } from './errors.ts';
import type { UserRecord } from './model.ts';
import type { ZendeskState } from './state.ts';
import { normalizeTags } from './tickets.ts';

export const userInputSchema = z.object({
  name: z.string().min(1).optional(),
  email: z.string().email().optional(),
  external_id: z.string().nullable().optional(),
  role: z.enum(['end-user', 'agent', 'admin']).optional(),
  organization_id: z.number().int().nullable().optional(),
  user_fields: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
  default_group_id: z.number().int().nullable().optional(),
});
export type UserInput = z.infer<typeof userInputSchema>;

export function parseUserInput(raw: unknown): UserInput {
  const parsed = userInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? 'base');
  throw recordInvalid(field, `${field}: is not valid`);
}

export function getUser(state: ZendeskState, id: number): UserRecord {
  const user = state.users.get(id);
  if (!user) throw notFound();
  return user;
}

function apply(state: ZendeskState, user: UserRecord, input: UserInput) {
  if (input.name !== undefined) user.name = input.name;
  if (input.external_id !== undefined) user.externalId = input.external_id;
  if (input.role !== undefined) user.role = input.role;
  if (input.organization_id !== undefined) {
    if (input.organization_id !== null && !state.organizations.has(input.organization_id)) {
      throw recordInvalid('organization_id', 'Organization: is invalid');
    }
    user.organizationId = input.organization_id;
  }
  if (input.default_group_id !== undefined) user.defaultGroupId = input.default_group_id;
  if (input.user_fields) user.userFields = { ...user.userFields, ...input.user_fields };
  if (input.tags) user.tags = normalizeTags(input.tags);
  if (input.email && !state.userByEmail(input.email))
    state.addIdentity(user.id, input.email, state.emailOf(user.id) === null);
  user.updatedAt = state.writeTime();
}

/** POST /users/create_or_update: matches on email, then external_id. */
export function createOrUpdateUser(
  state: ZendeskState,
  input: UserInput,
): { user: UserRecord; created: boolean } {
  const existing =
    (input.email ? state.userByEmail(input.email) : undefined) ??
    (input.external_id
      ? [...state.users.values()].find((u) => u.active && u.externalId === input.external_id)
      : undefined);
  if (existing) {
    apply(state, existing, input);
    return { user: existing, created: false };
  }
  return { user: createUser(state, input), created: true };
}

export function createUser(state: ZendeskState, input: UserInput): UserRecord {
  if (!input.name) throw recordInvalid('name', 'Name: cannot be blank', 'BlankValue');
  if (input.email && state.userByEmail(input.email)) {
    throw recordInvalid(
      'email',
      `Email: ${input.email} is already being used by another user`,
      'DuplicateValue',
    );
  }
  const user = state.addUser({
    name: input.name,
    email: input.email ?? null,
    role: input.role ?? 'end-user',
    externalId: input.external_id ?? null,
    organizationId: input.organization_id ?? null,
    defaultGroupId: input.default_group_id ?? null,
  });
  if (input.user_fields) user.userFields = { ...input.user_fields };
  if (input.tags) user.tags = normalizeTags(input.tags);
  return user;
}

export function updateUser(state: ZendeskState, id: number, input: UserInput): UserRecord {
  const user = getUser(state, id);
  apply(state, user, input);
  return user;
}

/**
 * PUT /users/{source}/merge {user:{id: target}} as Zendesk does it: only end-users merge; the source's
 * tickets and identities move to the target; the source ends up deleted (inactive, without identities).
 */
export function mergeUsers(
  state: ZendeskState,
  sourceId: number,
  targetId: number,
  actorId: number,
): UserRecord {
  const source = getUser(state, sourceId);
  const target = state.users.get(targetId);
  if (!target?.active) throw recordInvalid('user', 'User: target user not found');
  if (source.id === target.id) throw recordInvalid('user', 'User: cannot merge a user into itself');
  if (!source.active) throw recordInvalid('user', 'User: source user is deleted');
  if (source.role !== 'end-user') throw recordInvalid('user', 'User: only end-users can be merged');
  for (const ticket of state.tickets.values()) {
    const moves: [string, number][] = [];
    if (ticket.requesterId === source.id) {
      ticket.requesterId = target.id;
      moves.push(['requester_id', source.id]);
    }
    if (ticket.submitterId === source.id) {
      ticket.submitterId = target.id;
      moves.push(['submitter_id', source.id]);
    }
    for (const c of ticket.comments) if (c.authorId === source.id) c.authorId = target.id;
    if (moves.length === 0) continue;
    const at = state.writeTime();
    ticket.updatedAt = at;
    ticket.audits.push({
      id: state.nextId('audit'),
      ticketId: ticket.id,
      authorId: actorId,
      createdAt: at,
      via: { channel: 'web', source: { from: {}, to: {}, rel: 'merge' } },
      events: moves.map(([field_name, previous_value]) => ({
        id: state.nextId('event'),
        type: 'Change' as const,
        field_name,
        value: target.id,
        previous_value,
      })),
    });
  }
  for (const identity of state.identities.values()) {
    if (identity.userId !== source.id) continue;
    identity.userId = target.id;
    identity.primary = false;
    identity.updatedAt = state.now();
  }
  if (target.organizationId === null) target.organizationId = source.organizationId;
  source.active = false;
  source.externalId = null;
  source.updatedAt = state.writeTime();
  target.updatedAt = state.writeTime();
  return target;
}
