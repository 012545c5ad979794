import { z } from 'zod';

/** What a template says and where it lives; everything a version records. */
export interface TemplateContent {
  /** Folder path, segments joined by `/`, e.g. `製品A/アカウント/復旧`; `''` is the root. */
  path: string;
  title: string;
  body: string;
  tags: string[];
  product: string | null;
}

export interface Template extends TemplateContent {
  /** The record's own key: an imported id (any string) or `tpl-…` for templates made in Slack. */
  id: string;
  author: string | null;
  /** Number of the newest version. */
  version: number;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type TemplateChange = 'created' | 'edited' | 'moved' | 'deleted' | 'restored' | 'imported';

export interface TemplateVersion extends TemplateContent {
  templateId: string;
  version: number;
  author: string | null;
  change: TemplateChange;
  createdAt: Date;
}

export const TEMPLATE_LIMITS = {
  id: 200,
  path: 500,
  title: 300,
  body: 20_000,
  tags: 30,
  tag: 60,
  product: 100,
} as const;

/** `製品A / アカウント//復旧/` → `製品A/アカウント/復旧`: trimmed segments, no empty ones. */
export function normalizePath(path: string): string {
  return path
    .normalize('NFC')
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join('/');
}

/** Whether `path` is `folder` or lies below it (`a/b` is under `a`, `ab` is not). */
export function isUnder(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `a, b；c` or an array → unique trimmed tags. */
export function parseTags(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[,，、;；|]/) : [];
  return [...new Set(list.map((t) => t.normalize('NFC').trim()).filter((t) => t !== ''))];
}

const text = (max: number) => z.string().max(max, `at most ${max} characters`);

/**
 * One template as it arrives from outside (import file, Zendesk, a Slack modal, the CLI): zod is the
 * boundary. Title and body must have text; the path is normalised; tags accept a list or "a, b".
 */
export const templateInputSchema = z.object({
  path: text(TEMPLATE_LIMITS.path).default('').transform(normalizePath),
  title: text(TEMPLATE_LIMITS.title)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'title is empty')),
  body: text(TEMPLATE_LIMITS.body)
    .transform((s) => s.replace(/\r\n?/g, '\n').replace(/\s+$/, ''))
    .pipe(z.string().min(1, 'body is empty')),
  tags: z
    .union([z.array(z.union([z.string(), z.number()])), z.string(), z.null()])
    .optional()
    .transform(parseTags)
    .pipe(
      z.array(text(TEMPLATE_LIMITS.tag)).max(TEMPLATE_LIMITS.tags, `at most ${TEMPLATE_LIMITS.tags} tags`),
    ),
  product: z
    .union([text(TEMPLATE_LIMITS.product), z.null()])
    .optional()
    .transform((p) => (p === undefined || p === null || p.trim() === '' ? null : p.trim())),
});

export type TemplateInput = z.input<typeof templateInputSchema>;

/** A record of an import file: the content plus its own id. */
export const templateRecordSchema = templateInputSchema.extend({
  id: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(
      z
        .string()
        .min(1, 'id is empty')
        .max(TEMPLATE_LIMITS.id, `id is longer than ${TEMPLATE_LIMITS.id} characters`),
    ),
});

export type TemplateRecord = z.output<typeof templateRecordSchema>;

/** One line of zod issues, for import reports and modal errors. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function sameContent(a: TemplateContent, b: TemplateContent): boolean {
  return (
    a.path === b.path &&
    a.title === b.title &&
    a.body === b.body &&
    a.product === b.product &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}

export function contentOf(t: TemplateContent): TemplateContent {
  return { path: t.path, title: t.title, body: t.body, tags: [...t.tags], product: t.product };
}
