import type { CustomerIdentity } from '../tickets/ticket.ts';
import type {
  CareChart,
  CareChartContent,
  CareChartRevision,
  CareRevisionKind,
  CustomerRecord,
} from './care-chart-model.ts';

/** A ticket of a customer as the local store knows it. */
export interface LocalTicket {
  zendeskId: string;
  customerId: string;
  subject: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  assigneeName: string | null;
  channelId: string | null;
  rootTs: string | null;
}

export interface CareStore {
  customerById(id: string): Promise<CustomerRecord | null>;
  customerByZendeskUserId(zendeskUserId: string): Promise<CustomerRecord | null>;
  /** By any known address (primary or a secondary Zendesk identity). */
  customerByEmail(email: string): Promise<CustomerRecord | null>;
  customersByServiceUserId(serviceUserId: string): Promise<CustomerRecord[]>;
  /** Customers that were merged into this one. */
  mergedInto(customerId: string): Promise<CustomerRecord[]>;
  /** Creates or refreshes the customer; returns it. */
  upsertCustomer(identity: CustomerIdentity): Promise<CustomerRecord>;
  /** Records every address of the customer (Zendesk identities). An address moves to this customer. */
  recordEmails(customerId: string, emails: string[]): Promise<void>;
  chartOf(customerId: string): Promise<CareChart | null>;
  /**
   * Saves a new version in one transaction with its revision. `expectedVersion` (0 = no chart yet) guards
   * against two agents overwriting each other; null skips the check (appends that re-read inside).
   */
  saveChart(input: {
    customerId: string;
    expectedVersion: number | null;
    change: (current: CareChartContent) => { content: CareChartContent; summary: string };
    kind: CareRevisionKind;
    authorSlackId: string | null;
  }): Promise<CareChart>;
  revisions(customerId: string, limit: number): Promise<CareChartRevision[]>;
  /** The source's tickets, addresses and chart go to the target; the source is marked merged. */
  mergeCustomers(input: {
    sourceId: string;
    targetId: string;
    combine: (target: CareChartContent | null, source: CareChartContent) => CareChartContent;
  }): Promise<void>;
  ticketsOf(customerIds: string[]): Promise<LocalTicket[]>;
  ticketByThread(channelId: string, rootTs: string): Promise<LocalTicket | null>;
}

export interface DirectoryUser {
  zendeskUserId: string;
  name: string;
  email: string | null;
  active: boolean;
  externalId: string | null;
  organizationId: string | null;
  userFields: Record<string, unknown>;
}

export interface DirectoryTicket {
  zendeskId: string;
  subject: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  assigneeZendeskId: string | null;
}

/** What the care features read from Zendesk. */
export interface CustomerDirectory {
  /** null when Zendesk has no such user. */
  user(zendeskUserId: string): Promise<DirectoryUser | null>;
  userByEmail(email: string): Promise<DirectoryUser | null>;
  usersByExternalId(externalId: string): Promise<DirectoryUser[]>;
  /**
   * Every e-mail identity of the user. `deferrable`: a read on the ticket path that may be refused
   * (`zendesk_budget_deferred`) while a burst uses the Zendesk budget; answers are cached for a few minutes.
   */
  emails(zendeskUserId: string, options?: { deferrable?: boolean }): Promise<string[]>;
  /** Every ticket the user requested, including those from before yorisoi was installed (`deferrable`: as above). */
  requestedTickets(zendeskUserId: string, options?: { deferrable?: boolean }): Promise<DirectoryTicket[]>;
  names(zendeskUserIds: string[]): Promise<Map<string, string>>;
}

/** The response policies the drafting feature keeps per ticket; optional until that feature is merged. */
export interface PolicySource {
  latestPolicies(zendeskTicketIds: string[]): Promise<Map<string, string>>;
}

/** Asks the ticket sync to re-render a ticket's root (chart changed) through the outbox. */
export interface RootRefresher {
  refreshRoot(zendeskId: string, reason: string): Promise<unknown>;
}

/** Where the service's own user id comes from in Zendesk (YORISOI_SERVICE_USER_ID_FIELD). */
export type ServiceUserIdSource =
  | { kind: 'external_id' }
  | { kind: 'user_field'; key: string }
  | { kind: 'ticket_field'; id: string };
