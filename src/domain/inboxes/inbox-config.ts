import { z } from 'zod';
import { YorisoiError } from '../../errors.ts';
import { AUTO_ASSIGN_MODES, FOLLOW_UP_NOTICES, type Inbox } from '../tickets/ticket.ts';

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
      autoAssign: i.auto_assign ?? null,
    };
  });
}
