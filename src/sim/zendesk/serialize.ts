import type {
  AuditRecord,
  BrandRecord,
  CommentRecord,
  GroupRecord,
  IdentityRecord,
  MacroRecord,
  OrganizationRecord,
  SatisfactionRatingRecord,
  TicketRecord,
  TriggerRecord,
  UserRecord,
  WebhookRecord,
} from './model.ts';
import type { ZendeskState } from './state.ts';

/** Zendesk prints times as ISO 8601 in UTC without milliseconds. */
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Resource urls point at the real host shape; nothing fetches them, paging links use the loopback host instead. */
const apiUrl = (state: ZendeskState, path: string) =>
  `https://${state.subdomain}.zendesk.com/api/v2/${path}.json`;

export function ticketJson(state: ZendeskState, t: TicketRecord) {
  return {
    url: apiUrl(state, `tickets/${t.id}`),
    id: t.id,
    external_id: t.externalId,
    via: t.via,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    generated_timestamp: Math.floor(t.updatedAt / 1000),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: t.via.channel === 'email' ? `support@${state.subdomain}.zendesk.com` : null,
    requester_id: t.requesterId,
    submitter_id: t.submitterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId,
    collaborator_ids: [] as number[],
    follower_ids: [] as number[],
    email_cc_ids: [] as number[],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: t.comments.some((c) => c.public),
    due_at: null,
    tags: [...t.tags],
    custom_fields: t.customFields.map((f) => ({ ...f })),
    satisfaction_rating: (() => {
      const r = [...state.satisfactionRatings.values()].find((x) => x.ticketId === t.id);
      return r ? { id: r.id, score: r.score, comment: r.comment } : null;
    })(),
    sharing_agreement_ids: [] as number[],
    custom_status_id: null,
    fields: t.customFields.map((f) => ({ ...f })),
    followup_ids: [] as number[],
    ticket_form_id: t.ticketFormId,
    brand_id: t.brandId,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}
export type TicketJson = ReturnType<typeof ticketJson>;

export function commentJson(c: CommentRecord) {
  return {
    id: c.id,
    type: 'Comment' as const,
    author_id: c.authorId,
    body: c.body,
    html_body: c.htmlBody,
    plain_body: c.body,
    public: c.public,
    attachments: [] as unknown[],
    audit_id: c.auditId,
    via: c.via,
    created_at: iso(c.createdAt),
    metadata: { system: {}, custom: {} },
  };
}
export type CommentJson = ReturnType<typeof commentJson>;

export function auditJson(a: AuditRecord) {
  return {
    id: a.id,
    ticket_id: a.ticketId,
    created_at: iso(a.createdAt),
    author_id: a.authorId,
    metadata: { system: { client: 'yorisoi-sim', ip_address: '127.0.0.1' }, custom: a.custom ?? {} },
    via: a.via,
    events: a.events.map((e) => ({ ...e })),
  };
}

export function userJson(state: ZendeskState, u: UserRecord) {
  return {
    id: u.id,
    url: apiUrl(state, `users/${u.id}`),
    name: u.name,
    email: state.emailOf(u.id),
    created_at: iso(u.createdAt),
    updated_at: iso(u.updatedAt),
    time_zone: 'Asia/Tokyo',
    iana_time_zone: 'Asia/Tokyo',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'ja',
    organization_id: u.organizationId,
    role: u.role,
    role_type: null,
    verified: true,
    external_id: u.externalId,
    tags: [...u.tags],
    alias: null,
    active: u.active,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: false,
    signature: null,
    details: null,
    notes: null,
    custom_role_id: null,
    moderator: u.role !== 'end-user',
    ticket_restriction: u.role === 'end-user' ? 'requested' : null,
    only_private_comments: false,
    restricted_agent: false,
    suspended: false,
    default_group_id: u.defaultGroupId,
    report_csv: false,
    user_fields: { ...u.userFields },
  };
}
export type UserJson = ReturnType<typeof userJson>;

export function identityJson(state: ZendeskState, i: IdentityRecord) {
  return {
    url: apiUrl(state, `users/${i.userId}/identities/${i.id}`),
    id: i.id,
    user_id: i.userId,
    type: i.type,
    value: i.value,
    verified: i.verified,
    primary: i.primary,
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    undeliverable_count: 0,
    deliverable_state: 'deliverable',
  };
}

export function organizationJson(state: ZendeskState, o: OrganizationRecord) {
  return {
    url: apiUrl(state, `organizations/${o.id}`),
    id: o.id,
    name: o.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: o.externalId,
    created_at: iso(o.createdAt),
    updated_at: iso(o.createdAt),
    domain_names: [...o.domainNames],
    details: '',
    notes: '',
    group_id: null,
    tags: [] as string[],
    organization_fields: {},
  };
}

export function groupJson(state: ZendeskState, g: GroupRecord) {
  return {
    url: apiUrl(state, `groups/${g.id}`),
    id: g.id,
    is_public: true,
    name: g.name,
    description: '',
    default: g.name === 'Support',
    deleted: false,
    created_at: iso(g.createdAt),
    updated_at: iso(g.createdAt),
  };
}

export function brandJson(state: ZendeskState, b: BrandRecord) {
  return {
    url: apiUrl(state, `brands/${b.id}`),
    id: b.id,
    name: b.name,
    brand_url: `https://${state.subdomain}-${b.name}.zendesk.com`,
    subdomain: `${state.subdomain}-${b.name}`,
    host_mapping: null,
    has_help_center: false,
    help_center_state: 'disabled',
    active: true,
    default: b.isDefault,
    is_deleted: false,
    logo: null,
    ticket_form_ids: [] as number[],
    signature_template: '{{agent.signature}}',
    created_at: iso(b.createdAt),
    updated_at: iso(b.createdAt),
  };
}

export function webhookJson(w: WebhookRecord) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    status: w.status,
    subscriptions: [...w.subscriptions],
    endpoint: w.endpoint,
    http_method: w.httpMethod,
    request_format: w.requestFormat,
    // Zendesk never echoes credentials back.
    ...(w.authentication
      ? {
          authentication: {
            type: w.authentication.type,
            add_position: w.authentication.add_position ?? 'header',
          },
        }
      : {}),
    custom_headers: { ...w.customHeaders },
    created_at: iso(w.createdAt),
    created_by: String(w.createdBy),
    updated_at: iso(w.updatedAt),
    updated_by: String(w.createdBy),
  };
}

export function triggerJson(state: ZendeskState, t: TriggerRecord) {
  return {
    url: apiUrl(state, `triggers/${t.id}`),
    id: t.id,
    title: t.title,
    raw_title: t.title,
    description: t.description,
    active: t.active,
    default: false,
    position: t.position,
    conditions: {
      all: t.conditions.all.map((c) => ({ ...c })),
      any: t.conditions.any.map((c) => ({ ...c })),
    },
    actions: t.actions.map((a) => ({ ...a })),
    category_id: null,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
  };
}

export function macroJson(state: ZendeskState, m: MacroRecord) {
  return {
    url: apiUrl(state, `macros/${m.id}`),
    id: m.id,
    title: m.title,
    raw_title: m.title,
    description: m.description,
    active: m.active,
    default: false,
    position: m.position,
    actions: m.actions.map((a) => ({ ...a })),
    restriction: m.restriction,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
  };
}

export function satisfactionRatingJson(state: ZendeskState, r: SatisfactionRatingRecord) {
  return {
    url: `https://${state.subdomain}.zendesk.com/api/v2/satisfaction_ratings/${r.id}.json`,
    id: r.id,
    assignee_id: r.assigneeId,
    group_id: r.groupId,
    requester_id: r.requesterId,
    ticket_id: r.ticketId,
    score: r.score,
    comment: r.comment,
    reason: r.reason,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}
