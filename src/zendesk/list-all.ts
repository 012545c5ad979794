import { z } from 'zod';
import type { ZendeskApi } from './zendesk-client.ts';
import { zCursorMeta } from './zendesk-schemas.ts';

/**
 * Every record of a Zendesk list, following cursor pages (`page[size]=100`, then `page[after]`). Without
 * `page[size]` Zendesk answers with offset paging and no `meta`, which a cursor loop reads as "no more":
 * only the first 100 records. The Webhooks API pages by cursor only and takes no `.json` (`dotJson: false`).
 */
export async function listAll<S extends z.ZodType>(
  api: ZendeskApi,
  path: (string | number)[],
  key: string,
  item: S,
  options: { dotJson?: boolean; query?: Record<string, unknown> } = {},
): Promise<z.infer<S>[]> {
  const out: z.infer<S>[] = [];
  const schema = zCursorMeta.extend({ [key]: z.array(item) });
  let cursor: string | undefined;
  // 10,000 pages of 100 is far beyond any account; the bound only guards against a cursor that never ends.
  for (let page = 0; page < 10_000; page++) {
    const query = { ...options.query, 'page[size]': 100, ...(cursor ? { 'page[after]': cursor } : {}) };
    const r = (await api.call(
      'GET',
      [...path, query],
      schema,
      undefined,
      options.dotJson === false ? { dotJson: false } : undefined,
    )) as Record<string, unknown> & { meta?: { has_more?: boolean; after_cursor?: string | null } | null };
    out.push(...(r[key] as z.infer<S>[]));
    const next = r.meta?.has_more ? r.meta.after_cursor : null;
    if (!next) break;
    cursor = next;
  }
  return out;
}
