/** What yorisoi knows of a Zendesk ticket at one moment, fetched from the API (never from a webhook body). */
export interface TicketSnapshot {
  zendeskId: string;
  subject: string;
  status: string;
  priority: string | null;
  requester: CustomerIdentity;
  assignee: { zendeskUserId: string; name: string; email: string | null } | null;
  groupId: string | null;
  groupName: string | null;
  brandId: string | null;
  brandName: string | null;
  formId: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  comments: TicketCommentSnapshot[];
}

export interface CustomerIdentity {
  zendeskUserId: string;
  name: string;
  email: string | null;
  organizationId: string | null;
  organizationName: string | null;
  externalId: string | null;
  /** The service's own user id from the configured Zendesk user or ticket field; undefined = not read. */
  serviceUserId?: string | null;
}

export interface TicketCommentSnapshot {
  zendeskCommentId: string;
  authorZendeskId: string;
  authorName: string | null;
  public: boolean;
  body: string;
  createdAt: Date;
}

/** The parts of a ticket the Slack thread shows on its root message; a change to any of them edits it. */
export function rootFields(t: TicketSnapshot) {
  return {
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    assignee: t.assignee?.zendeskUserId ?? null,
    tags: [...t.tags].sort().join(' '),
  };
}

export interface Inbox {
  id: string;
  name: string;
  channelId: string;
  brand: string | null;
  group: string | null;
  formId: string | null;
  tags: string[];
  position: number;
  isDefault: boolean;
}
