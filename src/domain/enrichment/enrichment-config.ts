// The enrichment file (YORISOI_ENRICHMENT_FILE, YAML or JSON; README "Lookups, rules and suggestions"):
// lookups per inbox, rules, template suggestions and the internal note. Validated here, once, at start.
import { z } from 'zod';
import { YorisoiError } from '../../errors.ts';

const zKey = z.discriminatedUnion('from', [
  z.object({ from: z.literal('email') }),
  z.object({ from: z.literal('zendesk_user_id') }),
  z.object({ from: z.literal('external_id') }),
  /** A ticket custom field by its Zendesk field id. */
  z.object({ from: z.literal('custom_field'), fieldId: z.string().min(1) }),
]);

/** A header value: read from an environment variable at start (never written in the file), or plain text. */
const zHeader = z.union([
  z.object({ env: z.string().min(1), prefix: z.string().default('') }).strict(),
  z.object({ value: z.string() }).strict(),
]);

const common = {
  name: z.string().min(1),
  /** Inbox ids this lookup runs for; empty or absent: every inbox. */
  inboxes: z.array(z.string()).default([]),
  key: zKey,
  timeoutMs: z.number().int().min(50).max(30_000).default(3000),
};

export const zHttpLookup = z
  .object({
    ...common,
    type: z.literal('http'),
    /** `{{key}}` is replaced by the URL-encoded key. */
    url: z
      .string()
      .url()
      .refine((u) => u.includes('{{key}}'), 'url must contain {{key}}'),
    headers: z.record(z.string(), zHeader).default({}),
    /** label → dotted path into the JSON answer (`user.plan`, `subscriptions.0.status`). */
    facts: z.record(z.string(), z.string().min(1)),
  })
  .strict();

export const zSqlLookup = z
  .object({
    ...common,
    type: z.literal('sql'),
    /** SQLite database file, opened read-only. */
    database: z.string().min(1),
    /** One SELECT with the named parameter `:key`. */
    query: z.string().refine((q) => singleSelectProblem(q) === null, {
      message: 'query must be a single SELECT',
    }),
    /** label → column of the first row. */
    facts: z.record(z.string(), z.string().min(1)),
  })
  .strict();

export const zLookup = z.discriminatedUnion('type', [zHttpLookup, zSqlLookup]);

const zMatch = z.union([z.string(), z.array(z.string())]);
export const zRule = z
  .object({
    id: z.string().regex(/^[\w.-]+$/),
    when: z
      .object({
        tags: z
          .object({
            any: z.array(z.string()).optional(),
            all: z.array(z.string()).optional(),
            none: z.array(z.string()).optional(),
          })
          .optional(),
        form: z.array(z.string()).optional(),
        /** custom field id → value (or any of values). */
        fields: z.record(z.string(), zMatch).optional(),
        /** fact label → value (or any of values); `*` = the fact is present. */
        facts: z.record(z.string(), zMatch).optional(),
        /** Any of these words in the subject or the customer's first message. */
        keywords: z.array(z.string().min(1)).optional(),
      })
      .strict(),
    do: z
      .object({
        addTags: z.array(z.string().regex(/^[^\s]+$/)).optional(),
        route: z.string().optional(),
        suggestTemplates: z.array(z.string()).optional(),
        flag: z.string().optional(),
      })
      .strict()
      .refine((t) => Object.keys(t).length > 0, 'a rule needs at least one action'),
  })
  .strict();

export const zEnrichmentConfig = z
  .object({
    lookups: z.array(zLookup).default([]),
    rules: z.array(zRule).default([]),
    /** One internal note with the facts on the Zendesk ticket: true (every inbox), false, or inbox ids. */
    internalNote: z.union([z.boolean(), z.array(z.string())]).default(false),
    suggestions: z
      .object({ enabled: z.boolean().default(true), limit: z.number().int().min(1).max(3).default(3) })
      .default({ enabled: true, limit: 3 }),
  })
  .strict();

export type HttpLookupConfig = z.infer<typeof zHttpLookup>;
export type SqlLookupConfig = z.infer<typeof zSqlLookup>;
export type LookupConfig = z.infer<typeof zLookup>;
export type Rule = z.infer<typeof zRule>;
export type EnrichmentConfig = z.infer<typeof zEnrichmentConfig>;

export const defaultEnrichmentConfig = (): EnrichmentConfig => zEnrichmentConfig.parse({});

/** Validates a parsed file; errors name the path of the problem, never a header value. */
export function toEnrichmentConfig(data: unknown): EnrichmentConfig {
  const r = zEnrichmentConfig.safeParse(data ?? {});
  if (r.success) {
    const names = new Set<string>();
    for (const l of r.data.lookups) {
      if (names.has(l.name)) throw new YorisoiError('enrichment_file_invalid', `lookup "${l.name}" twice`);
      names.add(l.name);
    }
    const ids = new Set<string>();
    for (const rule of r.data.rules) {
      if (ids.has(rule.id)) throw new YorisoiError('enrichment_file_invalid', `rule "${rule.id}" twice`);
      ids.add(rule.id);
    }
    return r.data;
  }
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new YorisoiError('enrichment_file_invalid', `enrichment file: ${problems.join('; ')}`);
}

/**
 * Why a query is not a single read-only SELECT, or null. Comments and string literals are blanked first,
 * so a `;` or a keyword inside them neither hides nor fakes a second statement. The SQL adapter checks
 * again with SQLite's own verdict (`Statement.readonly`) before it runs anything.
 */
export function singleSelectProblem(query: string): string | null {
  const blanked = query
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .trim()
    .replace(/;\s*$/, '');
  if (blanked.includes(';')) return 'more than one statement';
  if (!/^(select|with)\b/i.test(blanked)) return 'not a SELECT';
  if (
    /\b(insert|update|delete|replace|drop|alter|create|attach|detach|pragma|vacuum|reindex)\b/i.test(blanked)
  )
    return 'writes or changes the database';
  return null;
}
