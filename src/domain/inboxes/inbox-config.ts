import { z } from 'zod';
import { YorisoiError } from '../../errors.ts';
import { AUTO_ASSIGN_MODES, FOLLOW_UP_NOTICES, type Inbox } from '../tickets/ticket.ts';

/** A response target: whole business minutes, at most a 30-day month of 24-hour days. */
export const targetMinutes = z
  .number({ error: 'must be a number of minutes such as 60' })
  .int('must be whole minutes')
  .positive('must be at least 1 minute')
  .max(30 * 24 * 60, 'must be at most 43200 minutes (30 days)');

/** One inbox per product, one for onboarding, a default: the routing file's shape (YAML or JSON). */
export const inboxInput = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _'),
    name: z.string().min(1).optional(),
    channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD'),
    brand: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    form: z.union([z.string(), z.number()]).transform(String).optional(),
    tags: z.array(z.string().min(1)).default([]),
    default: z.boolean().default(false),
    /** A customer's follow-up: also in the channel (broadcast), mentioning the assignee, or thread only. */
    follow_up: z.enum(FOLLOW_UP_NOTICES).default('broadcast'),
    /** Pinged with the channel when a ticket stays past its response target (reminder step 2). */
    lead: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD')
      .optional(),
    /** Response targets in business minutes (YORISOI_BUSINESS_HOURS); unset = the workspace default. */
    targets: z
      .object({
        first_response_minutes: targetMinutes.optional(),
        next_response_minutes: targetMinutes.optional(),
      })
      .strict()
      .optional(),
    /** New tickets assigned automatically to an available agent: in turn, or to whoever holds the fewest. */
    auto_assign: z.enum(AUTO_ASSIGN_MODES).optional(),
  })
  .strict();

export const inboxFile = z.object({ inboxes: z.array(inboxInput).min(1) }).strict();

export function toInboxes(input: unknown): Inbox[] {
  const parsed = inboxFile.safeParse(input);
  if (!parsed.success) {
    throw new YorisoiError(
      'inboxes_file_invalid',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const defaults = parsed.data.inboxes.filter((i) => i.default);
  if (defaults.length > 1)
    throw new YorisoiError(
      'inboxes_file_invalid',
      `only one inbox may be the default (${defaults.map((d) => d.id).join(', ')})`,
    );
  const ids = new Set<string>();
  return parsed.data.inboxes.map((i, position) => {
    if (ids.has(i.id)) throw new YorisoiError('inboxes_file_invalid', `inbox id "${i.id}" appears twice`);
    ids.add(i.id);
    return {
      id: i.id,
      name: i.name ?? i.id,
      channelId: i.channel,
      brand: i.brand ?? null,
      group: i.group ?? null,
      formId: i.form ?? null,
      tags: i.tags,
      position: (position + 1) * 10,
      isDefault: i.default,
      followUp: i.follow_up,
      lead: i.lead ?? null,
      targets: {
        firstResponseMinutes: i.targets?.first_response_minutes ?? null,
        nextResponseMinutes: i.targets?.next_response_minutes ?? null,
      },
      autoAssign: i.auto_assign ?? null,
    };
  });
}
