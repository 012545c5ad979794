import { z } from 'zod';
import { notFound, recordInvalid, ZendeskApiError } from './errors.ts';
import {
  type AuditEvent,
  type AuditRecord,
  type CommentRecord,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketRecord,
  type TicketStatus,
  type UserRecord,
  type Via,
} from './model.ts';
import type { ZendeskState } from './state.ts';

/** The `ticket` object of POST/PUT /api/v2/tickets, as far as the simulator understands it. */
export const ticketInputSchema = z.object({
  subject: z.string().optional(),
  comment: z
    .object({
      body: z.string().optional(),
      html_body: z.string().optional(),
      public: z.boolean().optional(),
      author_id: z.number().int().optional(),
      uploads: z.array(z.string()).optional(),
    })
    .optional(),
  requester_id: z.number().int().optional(),
  requester: z.object({ name: z.string().optional(), email: z.string().email() }).optional(),
  submitter_id: z.number().int().optional(),
  assignee_id: z.number().int().nullable().optional(),
  assignee_email: z.string().optional(),
  group_id: z.number().int().nullable().optional(),
  organization_id: z.number().int().nullable().optional(),
  brand_id: z.number().int().optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).nullable().optional(),
  type: z.enum(TICKET_TYPES).nullable().optional(),
  tags: z.array(z.string()).optional(),
  additional_tags: z.array(z.string()).optional(),
  remove_tags: z.array(z.string()).optional(),
  custom_fields: z.array(z.object({ id: z.number().int(), value: z.unknown() })).optional(),
  external_id: z.string().nullable().optional(),
  ticket_form_id: z.number().int().nullable().optional(),
  safe_update: z.boolean().optional(),
  updated_stamp: z.string().optional(),
  /** Write only: stored on the audit as `metadata.custom`. */
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type TicketInput = z.infer<typeof ticketInputSchema>;

/** Parses a request's `ticket` object, answering 422 RecordInvalid with the first bad field like Zendesk does. */
export function parseTicketInput(raw: unknown): TicketInput {
  const parsed = ticketInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'base');
  const label = field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');
  throw recordInvalid(field, `${label}: is not valid`);
}

/** What triggers look at: which ticket, created or changed, by whom, with which comment. */
export interface TicketChange {
  ticket: TicketRecord;
  updateType: 'Create' | 'Change';
  actor: UserRecord;
  previousStatus: TicketStatus | 'deleted' | null;
  comment: CommentRecord | null;
}

export interface WriteOptions {
  actor: UserRecord;
  via: Via;
  /** Backdated creation (control API seeding); otherwise the next write time. */
  at?: number;
}

export const VIA_API: Via = { channel: 'api', source: { from: {}, to: {}, rel: null } };
export const VIA_WEB: Via = { channel: 'web', source: { from: {}, to: {}, rel: null } };

export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    for (const tag of raw.toLowerCase().split(/\s+/)) {
      if (tag && !out.includes(tag)) out.push(tag);
    }
  }
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const htmlToText = (html: string) =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

function commentText(comment: TicketInput['comment']): { body: string; htmlBody: string } | null {
  if (!comment) return null;
  if (comment.html_body !== undefined && comment.html_body.trim() !== '') {
    return { body: htmlToText(comment.html_body), htmlBody: comment.html_body };
  }
  // `body` is plain text: Zendesk strips HTML from it.
  const body = htmlToText(comment.body ?? '');
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return { body, htmlBody: `<div class="zd-comment" dir="auto">${paragraphs}</div>` };
}

export interface TicketOps {
  get(id: number): TicketRecord;
  create(input: TicketInput, opts: WriteOptions): { ticket: TicketRecord; audit: AuditRecord };
  update(
    id: number,
    input: TicketInput,
    opts: WriteOptions,
  ): { ticket: TicketRecord; audit: AuditRecord | null };
  remove(id: number, opts: WriteOptions): void;
}

export function createTicketOps(deps: {
  state: ZendeskState;
  onChange: (change: TicketChange) => void;
}): TicketOps {
  const { state } = deps;

  const user = (id: number, field: string) => {
    const found = state.users.get(id);
    if (!found) throw recordInvalid(field, `${field}: is invalid`);
    return found;
  };
  const agent = (id: number, field: string) => {
    const found = user(id, field);
    if (found.role === 'end-user') throw recordInvalid(field, `${field}: is not an agent`);
    return found;
  };
  const assigneeFrom = (input: TicketInput): number | null | undefined => {
    if (input.assignee_email !== undefined) {
      const found = state.userByEmail(input.assignee_email);
      if (!found || found.role === 'end-user') throw recordInvalid('assignee', 'Assignee: is invalid');
      return found.id;
    }
    if (input.assignee_id === undefined || input.assignee_id === null) return input.assignee_id;
    return agent(input.assignee_id, 'assignee_id').id;
  };
  const checkGroup = (id: number | null | undefined) => {
    if (id !== undefined && id !== null && !state.groups.has(id))
      throw recordInvalid('group', 'Group: is invalid');
  };

  const newComment = (
    ticket: TicketRecord,
    text: { body: string; htmlBody: string },
    authorId: number,
    isPublic: boolean,
    at: number,
    via: Via,
    auditId: number,
  ) => {
    const comment: CommentRecord = {
      id: state.nextId('event'),
      authorId,
      body: text.body,
      htmlBody: text.htmlBody,
      public: isPublic,
      createdAt: at,
      via,
      auditId,
    };
    ticket.comments.push(comment);
    return comment;
  };
  const commentEvent = (c: CommentRecord): AuditEvent => ({
    id: c.id,
    type: 'Comment',
    author_id: c.authorId,
    body: c.body,
    html_body: c.htmlBody,
    plain_body: c.body,
    public: c.public,
    attachments: [],
    audit_id: c.auditId,
  });

  const ops: TicketOps = {
    get(id) {
      const ticket = state.tickets.get(id);
      if (!ticket || ticket.status === 'deleted') throw notFound();
      return ticket;
    },

    create(input, opts) {
      const text = commentText(input.comment);
      if (!text || text.body === '')
        throw recordInvalid('description', 'Description: cannot be blank', 'BlankValue');
      let requester: UserRecord;
      if (input.requester_id !== undefined) requester = user(input.requester_id, 'requester');
      else if (input.requester) {
        requester =
          state.userByEmail(input.requester.email) ??
          state.addUser({
            name: input.requester.name ?? input.requester.email.split('@')[0] ?? 'Customer',
            email: input.requester.email,
          });
      } else requester = opts.actor;
      const submitterId =
        input.submitter_id !== undefined ? user(input.submitter_id, 'submitter').id : opts.actor.id;
      const assigneeId = assigneeFrom(input) ?? null;
      checkGroup(input.group_id);
      const groupId =
        input.group_id ?? (assigneeId ? (state.users.get(assigneeId)?.defaultGroupId ?? null) : null);
      if (input.brand_id !== undefined && !state.brands.has(input.brand_id))
        throw recordInvalid('brand', 'Brand: is invalid');
      const brandId = input.brand_id ?? [...state.brands.values()].find((b) => b.isDefault)?.id ?? 0;
      if (input.organization_id && !state.organizations.has(input.organization_id)) {
        throw recordInvalid('organization', 'Organization: is invalid');
      }
      const authorId =
        input.comment?.author_id !== undefined ? user(input.comment.author_id, 'author').id : submitterId;
      const at = opts.at ?? state.writeTime();
      const ticket: TicketRecord = {
        id: state.nextId('ticket'),
        externalId: input.external_id ?? null,
        subject: input.subject?.trim() || text.body.split('\n')[0]?.slice(0, 80) || '',
        description: text.body,
        status: input.status ?? (assigneeId ? 'open' : 'new'),
        priority: input.priority ?? null,
        type: input.type ?? null,
        requesterId: requester.id,
        submitterId,
        assigneeId,
        organizationId: input.organization_id ?? requester.organizationId,
        groupId,
        brandId,
        ticketFormId: input.ticket_form_id ?? null,
        tags: normalizeTags([...(input.tags ?? []), ...(input.additional_tags ?? [])]),
        customFields: (input.custom_fields ?? []).map((f) => ({ id: f.id, value: f.value ?? null })),
        via: opts.via,
        createdAt: at,
        updatedAt: at,
        comments: [],
        audits: [],
        updateLog: [],
      };
      const auditId = state.nextId('audit');
      const comment = newComment(
        ticket,
        text,
        authorId,
        input.comment?.public ?? true,
        at,
        opts.via,
        auditId,
      );
      const events: AuditEvent[] = [commentEvent(comment)];
      const created: [string, unknown][] = [
        ['subject', ticket.subject],
        ['requester_id', ticket.requesterId],
        ['status', ticket.status],
        ['priority', ticket.priority],
        ['type', ticket.type],
        ['assignee_id', ticket.assigneeId],
        ['group_id', ticket.groupId],
        ['brand_id', ticket.brandId],
        ['tags', ticket.tags],
      ];
      for (const [field_name, value] of created) {
        if (value !== null) events.push({ id: state.nextId('event'), type: 'Create', field_name, value });
      }
      const audit: AuditRecord = {
        id: auditId,
        ticketId: ticket.id,
        authorId: opts.actor.id,
        createdAt: at,
        via: opts.via,
        events,
        ...(input.metadata ? { custom: input.metadata } : {}),
      };
      ticket.audits.push(audit);
      state.tickets.set(ticket.id, ticket);
      deps.onChange({ ticket, updateType: 'Create', actor: opts.actor, previousStatus: null, comment });
      return { ticket, audit };
    },

    update(id, input, opts) {
      const ticket = ops.get(id);
      if (ticket.status === 'closed') throw recordInvalid('status', 'Status: closed prevents ticket update');
      if (input.safe_update && input.updated_stamp !== undefined) {
        const stamp = Date.parse(input.updated_stamp);
        if (Number.isNaN(stamp) || Math.floor(stamp / 1000) !== Math.floor(ticket.updatedAt / 1000)) {
          throw new ZendeskApiError(409, {
            error: 'UpdateConflict',
            description:
              'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
          });
        }
      }
      const text = commentText(input.comment);
      if (input.comment && (!text || text.body === '')) {
        throw recordInvalid('comment', 'Comment: cannot be blank', 'BlankValue');
      }
      const changes: [string, unknown, unknown][] = [];
      const set = <K extends keyof TicketRecord>(key: K, field: string, value: TicketRecord[K]) => {
        const before = ticket[key];
        if (JSON.stringify(before) === JSON.stringify(value)) return;
        changes.push([field, value, before]);
        ticket[key] = value;
      };
      const previousStatus = ticket.status;
      const assigneeId = assigneeFrom(input);
      if (assigneeId !== undefined) set('assigneeId', 'assignee_id', assigneeId);
      checkGroup(input.group_id);
      if (input.group_id !== undefined) set('groupId', 'group_id', input.group_id);
      if (input.brand_id !== undefined) {
        if (!state.brands.has(input.brand_id)) throw recordInvalid('brand', 'Brand: is invalid');
        set('brandId', 'brand_id', input.brand_id);
      }
      if (input.requester_id !== undefined)
        set('requesterId', 'requester_id', user(input.requester_id, 'requester').id);
      if (input.subject !== undefined) set('subject', 'subject', input.subject);
      if (input.priority !== undefined) set('priority', 'priority', input.priority);
      if (input.type !== undefined) set('type', 'type', input.type);
      if (input.external_id !== undefined) set('externalId', 'external_id', input.external_id);
      let status: TicketStatus | undefined = input.status;
      // An agent touching a new ticket opens it, as in Zendesk.
      if (status === undefined && ticket.status === 'new' && opts.actor.role !== 'end-user') status = 'open';
      if (status === 'new' && ticket.status !== 'new')
        throw recordInvalid('status', 'Status: new is not valid');
      if (status !== undefined) set('status', 'status', status);
      if ((status === 'solved' || status === 'closed') && ticket.assigneeId === null) {
        if (opts.actor.role === 'end-user')
          throw recordInvalid('assignee', 'Assignee: is required when solving');
        set('assigneeId', 'assignee_id', opts.actor.id);
      }
      let tags = input.tags !== undefined ? normalizeTags(input.tags) : [...ticket.tags];
      if (input.additional_tags) tags = normalizeTags([...tags, ...input.additional_tags]);
      if (input.remove_tags) {
        const removed = normalizeTags(input.remove_tags);
        tags = tags.filter((t) => !removed.includes(t));
      }
      set('tags', 'tags', tags);
      if (input.custom_fields) {
        const fields = ticket.customFields.map((f) => ({ ...f }));
        for (const f of input.custom_fields) {
          const existing = fields.find((x) => x.id === f.id);
          if (existing) existing.value = f.value ?? null;
          else fields.push({ id: f.id, value: f.value ?? null });
        }
        set('customFields', 'custom_fields', fields);
      }
      if (changes.length === 0 && !text) return { ticket, audit: null };

      const at = opts.at ?? state.writeTime();
      const auditId = state.nextId('audit');
      const events: AuditEvent[] = [];
      let comment: CommentRecord | null = null;
      if (text) {
        const authorId =
          input.comment?.author_id !== undefined ? user(input.comment.author_id, 'author').id : opts.actor.id;
        // `public` defaults to the visibility of the ticket's first comment.
        const isPublic = input.comment?.public ?? ticket.comments[0]?.public ?? true;
        comment = newComment(ticket, text, authorId, isPublic, at, opts.via, auditId);
        events.push(commentEvent(comment));
      }
      for (const [field_name, value, previous_value] of changes) {
        events.push({ id: state.nextId('event'), type: 'Change', field_name, value, previous_value });
      }
      ticket.updatedAt = at;
      const audit: AuditRecord = {
        id: auditId,
        ticketId: ticket.id,
        authorId: opts.actor.id,
        createdAt: at,
        via: opts.via,
        events,
        ...(input.metadata ? { custom: input.metadata } : {}),
      };
      ticket.audits.push(audit);
      deps.onChange({ ticket, updateType: 'Change', actor: opts.actor, previousStatus, comment });
      return { ticket, audit };
    },

    remove(id, opts) {
      const ticket = ops.get(id);
      const at = state.writeTime();
      ticket.audits.push({
        id: state.nextId('audit'),
        ticketId: id,
        authorId: opts.actor.id,
        createdAt: at,
        via: opts.via,
        events: [
          {
            id: state.nextId('event'),
            type: 'Change',
            field_name: 'status',
            value: 'deleted',
            previous_value: ticket.status,
          },
        ],
      });
      ticket.status = 'deleted';
      ticket.updatedAt = at;
    },
  };
  return ops;
}
