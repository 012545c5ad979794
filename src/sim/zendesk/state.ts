import type {
  BrandRecord,
  GroupRecord,
  IdentityRecord,
  MacroRecord,
  OrganizationRecord,
  SatisfactionRatingRecord,
  TicketRecord,
  TriggerRecord,
  UserRecord,
  UserRole,
  WebhookRecord,
} from './model.ts';

/** Epoch milliseconds. The simulator adds its own offset on top, moved by the clock control route. */
export interface SimClock {
  now(): number;
}

export interface ZendeskState {
  readonly subdomain: string;
  /** Simulated now (base clock + advanced offset), epoch ms. */
  now(): number;
  advance(seconds: number): void;
  /** A strictly increasing write time, so export cursors never see two writes at the same instant. */
  writeTime(): number;
  nextId(kind: IdKind): number;
  users: Map<number, UserRecord>;
  identities: Map<number, IdentityRecord>;
  organizations: Map<number, OrganizationRecord>;
  groups: Map<number, GroupRecord>;
  brands: Map<number, BrandRecord>;
  tickets: Map<number, TicketRecord>;
  webhooks: Map<string, WebhookRecord>;
  triggers: Map<number, TriggerRecord>;
  macros: Map<number, MacroRecord>;
  satisfactionRatings: Map<number, SatisfactionRatingRecord>;
  apiUserId: number;
  emailOf(userId: number): string | null;
  userByEmail(email: string): UserRecord | undefined;
  addUser(input: {
    name: string;
    email?: string | null;
    role?: UserRole;
    externalId?: string | null;
    organizationId?: number | null;
    defaultGroupId?: number | null;
    at?: number;
  }): UserRecord;
  addIdentity(userId: number, email: string, primary: boolean): IdentityRecord;
}

/** Separate ranges per kind so a user id passed as a ticket id fails loudly instead of hitting something. */
const ID_BASES = {
  ticket: 0,
  user: 1000,
  organization: 2000,
  group: 3000,
  brand: 4000,
  identity: 5000,
  trigger: 6000,
  macro: 7000,
  rating: 8000,
  event: 100_000,
  audit: 900_000,
  webhook: 0,
  invocation: 0,
} as const;
export type IdKind = keyof typeof ID_BASES;

export function createZendeskState(opts: {
  subdomain: string;
  agentEmail: string;
  clock?: SimClock;
}): ZendeskState {
  const base = opts.clock ?? { now: () => Date.now() };
  let offsetMs = 0;
  let lastWrite = 0;
  const counters = new Map<IdKind, number>();
  const now = () => base.now() + offsetMs;

  const state: ZendeskState = {
    subdomain: opts.subdomain,
    now,
    advance(seconds) {
      offsetMs += Math.round(seconds * 1000);
    },
    writeTime() {
      lastWrite = Math.max(now(), lastWrite + 1);
      return lastWrite;
    },
    nextId(kind) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return ID_BASES[kind] + n;
    },
    users: new Map(),
    identities: new Map(),
    organizations: new Map(),
    groups: new Map(),
    brands: new Map(),
    tickets: new Map(),
    webhooks: new Map(),
    triggers: new Map(),
    macros: new Map(),
    satisfactionRatings: new Map(),
    apiUserId: 0,
    emailOf(userId) {
      for (const identity of state.identities.values()) {
        if (identity.userId === userId && identity.primary) return identity.value;
      }
      return null;
    },
    userByEmail(email) {
      const wanted = email.trim().toLowerCase();
      for (const identity of state.identities.values()) {
        if (identity.value === wanted) return state.users.get(identity.userId);
      }
      return undefined;
    },
    addUser(input) {
      const at = input.at ?? now();
      const email = input.email?.trim().toLowerCase() ?? null;
      let organizationId = input.organizationId ?? null;
      if (organizationId === null && email) {
        // Zendesk maps end-users to an organization by the email domain.
        const domain = email.split('@')[1];
        for (const org of state.organizations.values()) {
          if (domain && org.domainNames.includes(domain)) organizationId = org.id;
        }
      }
      const user: UserRecord = {
        id: state.nextId('user'),
        name: input.name,
        role: input.role ?? 'end-user',
        organizationId,
        defaultGroupId: input.defaultGroupId ?? null,
        externalId: input.externalId ?? null,
        userFields: {},
        tags: [],
        active: true,
        createdAt: at,
        updatedAt: at,
      };
      state.users.set(user.id, user);
      if (email) state.addIdentity(user.id, email, true);
      return user;
    },
    addIdentity(userId, email, primary) {
      const at = now();
      const identity: IdentityRecord = {
        id: state.nextId('identity'),
        userId,
        type: 'email',
        value: email.trim().toLowerCase(),
        verified: true,
        primary,
        createdAt: at,
        updatedAt: at,
      };
      state.identities.set(identity.id, identity);
      return identity;
    },
  };
  seed(state, opts.agentEmail);
  return state;
}

/** The same people as the Slack sandbox, so a demo can match Slack users to Zendesk agents by email. */
function seed(state: ZendeskState, agentEmail: string) {
  const at = state.now();
  for (const name of ['photos', 'billing']) {
    const brand: BrandRecord = {
      id: state.nextId('brand'),
      name,
      isDefault: name === 'photos',
      createdAt: at,
    };
    state.brands.set(brand.id, brand);
  }
  for (const name of ['Support', 'Onboarding']) {
    const group: GroupRecord = { id: state.nextId('group'), name, createdAt: at };
    state.groups.set(group.id, group);
  }
  for (const [name, domain] of [
    ['Acme Photo Studio', 'acme.example'],
    ['Sakura Cafe', 'sakura.example'],
  ] as const) {
    const org: OrganizationRecord = {
      id: state.nextId('organization'),
      name,
      domainNames: [domain],
      externalId: null,
      createdAt: at,
    };
    state.organizations.set(org.id, org);
  }
  const support = [...state.groups.values()].find((g) => g.name === 'Support')?.id ?? null;
  state.addUser({ name: 'Aiko Sato', email: 'aiko@example.com', role: 'agent', defaultGroupId: support, at });
  state.addUser({
    name: 'Kenji Tanaka',
    email: 'kenji@example.com',
    role: 'agent',
    defaultGroupId: support,
    at,
  });
  state.addUser({ name: 'Mika Ito', email: 'mika@example.com', role: 'admin', defaultGroupId: support, at });
  const existing = state.userByEmail(agentEmail);
  if (existing) {
    if (existing.role === 'end-user') existing.role = 'admin';
    state.apiUserId = existing.id;
  } else {
    state.apiUserId = state.addUser({ name: 'yorisoi API', email: agentEmail, role: 'admin', at }).id;
  }
}
