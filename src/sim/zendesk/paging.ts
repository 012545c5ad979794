/**
 * Zendesk's two list paginations. With `page[size]` / `page[after]` (node-zendesk adds `page[size]=100` on
 * cursor-capable paths): `{meta:{has_more, after_cursor, before_cursor}, links:{prev, next}}`.
 * Without: offset paging `{next_page, previous_page, count}` with `page` and `per_page`.
 */
export function paginate<T extends { id: number | string }>(
  items: readonly T[],
  key: string,
  params: URLSearchParams,
  pageUrl: string,
): Record<string, unknown> {
  const cursorMode = params.has('page[size]') || params.has('page[after]') || params.has('page[before]');
  if (cursorMode) {
    const size = clamp(Number(params.get('page[size]') ?? 100), 1, 100);
    const afterRaw = params.get('page[after]');
    const beforeRaw = params.get('page[before]');
    let start = 0;
    let end: number;
    if (afterRaw) {
      const after = decode(afterRaw);
      const index = items.findIndex((i) => String(i.id) === after);
      start = index >= 0 ? index + 1 : items.length;
      end = Math.min(items.length, start + size);
    } else if (beforeRaw) {
      const before = decode(beforeRaw);
      const index = items.findIndex((i) => String(i.id) === before);
      end = Math.max(index, 0);
      start = Math.max(0, end - size);
    } else end = Math.min(items.length, size);
    const page = items.slice(start, end);
    const first = page[0];
    const last = page.at(-1);
    const hasMore = end < items.length;
    const afterCursor = last ? encode(String(last.id)) : null;
    const beforeCursor = first ? encode(String(first.id)) : null;
    const link = (name: 'page[after]' | 'page[before]', cursor: string) => {
      const next = new URLSearchParams(params);
      next.delete('page[after]');
      next.delete('page[before]');
      next.set('page[size]', String(size));
      next.set(name, cursor);
      return `${pageUrl}?${next.toString()}`;
    };
    return {
      [key]: page,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        prev: beforeCursor && start > 0 ? link('page[before]', beforeCursor) : null,
        next: afterCursor && hasMore ? link('page[after]', afterCursor) : null,
      },
    };
  }
  const perPage = clamp(Number(params.get('per_page') ?? 100), 1, 100);
  const pageNo = Math.max(1, Math.floor(Number(params.get('page') ?? 1)) || 1);
  const link = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    next.set('per_page', String(perPage));
    return `${pageUrl}?${next.toString()}`;
  };
  return {
    [key]: items.slice((pageNo - 1) * perPage, pageNo * perPage),
    next_page: pageNo * perPage < items.length ? link(pageNo + 1) : null,
    previous_page: pageNo > 1 ? link(pageNo - 1) : null,
    count: items.length,
  };
}

const clamp = (n: number, min: number, max: number) =>
  Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : max;
const encode = (id: string) => Buffer.from(`id:${id}`).toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8').replace(/^id:/, '');
