import { z } from 'zod';

/** Zendesk ids are numbers in JSON; yorisoi keeps them as strings (they outgrow 32-bit columns). */
export const zid = z.union([z.number(), z.string()]).transform((v) => String(v));
const nullableId = zid
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const zTicket = z.object({
  id: zid,
  subject: z.string().nullable().optional(),
  raw_subject: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  status: z.string(),
  priority: z.string().nullable().optional(),
  requester_id: zid,
  assignee_id: nullableId,
  organization_id: nullableId,
  group_id: nullableId,
  brand_id: nullableId,
  ticket_form_id: nullableId,
  tags: z.array(z.string()).default([]),
  custom_fields: z.array(z.object({ id: zid, value: z.unknown() })).optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ZTicket = z.infer<typeof zTicket>;

export const zComment = z.object({
  id: zid,
  author_id: zid,
  body: z.string().default(''),
  plain_body: z.string().optional(),
  public: z.boolean(),
  created_at: z.string(),
});

export const zUser = z.object({
  id: zid,
  name: z.string(),
  email: z.string().nullable().optional(),
  role: z.string().optional(),
  organization_id: nullableId,
  external_id: z.string().nullable().optional(),
  active: z.boolean().optional(),
  user_fields: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type ZUser = z.infer<typeof zUser>;

export const zOrganization = z.object({ id: zid, name: z.string() });
export const zNamed = z.object({ id: zid, name: z.string() });

/** Cursor paging fields shared by list endpoints (`meta.has_more`, `meta.after_cursor`). */
export const zCursorMeta = z.object({
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullable().optional() }).optional(),
});

export const zIncrementalTickets = z.object({
  tickets: z.array(zTicket.extend({ status: z.string() })),
  after_cursor: z.string().nullable().optional(),
  end_of_stream: z.boolean(),
});

export const zIdentity = z.object({ id: zid, user_id: zid, type: z.string(), value: z.string() });
