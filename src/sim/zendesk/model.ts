/** In-memory records of the Zendesk simulator. Times are epoch milliseconds; JSON views live in serialize.ts. */

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export type UserRole = 'end-user' | 'agent' | 'admin';

/** How something reached Zendesk: api (node-zendesk), email (a customer), web (an agent in Zendesk's UI). */
export interface Via {
  channel: 'api' | 'email' | 'web';
  source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
}

export interface CommentRecord {
  id: number;
  authorId: number;
  body: string;
  htmlBody: string;
  public: boolean;
  createdAt: number;
  via: Via;
  auditId: number;
}

export interface AuditEvent {
  id: number;
  type: 'Create' | 'Change' | 'Comment';
  [key: string]: unknown;
}

export interface AuditRecord {
  id: number;
  ticketId: number;
  authorId: number;
  createdAt: number;
  via: Via;
  events: AuditEvent[];
  /** `ticket.metadata` of the request that made this audit (Zendesk shows it as `metadata.custom`). */
  custom?: Record<string, unknown>;
}

export interface TicketRecord {
  id: number;
  externalId: string | null;
  subject: string;
  description: string;
  status: TicketStatus | 'deleted';
  priority: TicketPriority | null;
  type: TicketType | null;
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  organizationId: number | null;
  groupId: number | null;
  brandId: number;
  ticketFormId: number | null;
  tags: string[];
  customFields: { id: number; value: unknown }[];
  via: Via;
  createdAt: number;
  updatedAt: number;
  comments: CommentRecord[];
  audits: AuditRecord[];
  /** API updates per user, for the 30-per-10-minutes limit. */
  updateLog: { userId: number; at: number }[];
}

/** A (legacy) CSAT rating: one per ticket, `offered` when the survey is sent, `good`/`bad` once answered. */
export interface SatisfactionRatingRecord {
  id: number;
  ticketId: number;
  requesterId: number;
  assigneeId: number | null;
  groupId: number | null;
  score: 'offered' | 'unoffered' | 'good' | 'bad';
  comment: string | null;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface IdentityRecord {
  id: number;
  userId: number;
  type: 'email';
  value: string;
  verified: boolean;
  primary: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface UserRecord {
  id: number;
  name: string;
  role: UserRole;
  organizationId: number | null;
  defaultGroupId: number | null;
  externalId: string | null;
  userFields: Record<string, unknown>;
  tags: string[];
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface OrganizationRecord {
  id: number;
  name: string;
  domainNames: string[];
  externalId: string | null;
  createdAt: number;
}

export interface GroupRecord {
  id: number;
  name: string;
  createdAt: number;
}

export interface BrandRecord {
  id: number;
  name: string;
  isDefault: boolean;
  createdAt: number;
}

export interface WebhookRecord {
  id: string;
  name: string;
  description: string | null;
  endpoint: string;
  httpMethod: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  requestFormat: 'json' | 'xml' | 'form_encoded';
  status: 'active' | 'inactive';
  subscriptions: string[];
  authentication: WebhookAuthentication | null;
  customHeaders: Record<string, string>;
  signingSecret: string;
  createdAt: number;
  createdBy: number;
  updatedAt: number;
}

export type WebhookAuthentication =
  | { type: 'basic_auth'; add_position?: string; data: { username: string; password: string } }
  | { type: 'bearer_token'; add_position?: string; data: { token: string } }
  | { type: 'api_key'; add_position?: string; data: { name: string; value: string } };

export interface RuleCondition {
  field: string;
  operator?: string;
  value?: unknown;
}

export interface TriggerRecord {
  id: number;
  title: string;
  description: string | null;
  active: boolean;
  position: number;
  conditions: { all: RuleCondition[]; any: RuleCondition[] };
  actions: { field: string; value: unknown }[];
  createdAt: number;
  updatedAt: number;
}

export interface MacroRecord {
  id: number;
  title: string;
  description: string | null;
  active: boolean;
  position: number;
  actions: { field: string; value: unknown }[];
  restriction: unknown;
  createdAt: number;
  updatedAt: number;
}
