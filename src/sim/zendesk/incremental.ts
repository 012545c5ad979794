import { badRequest, ZendeskApiError } from './errors.ts';
import type { TicketRecord } from './model.ts';
import { includesOf, ticketsWithSideloads } from './sideload.ts';
import type { ZendeskState } from './state.ts';

/** Items changed within this window before the request are withheld, as in Zendesk. */
const WITHHELD_MS = 60_000;
const MAX_PER_PAGE = 1000;

interface Position {
  /** updated_at in ms of the last ticket handed out, and its id (ties are ordered by id). */
  t: number;
  i: number;
}

const encodeCursor = (p: Position) => Buffer.from(`${p.t}||${p.i}`).toString('base64url');
function decodeCursor(cursor: string): Position | null {
  const [t, i] = Buffer.from(cursor, 'base64url').toString('utf8').split('||');
  const pos = { t: Number(t), i: Number(i) };
  return Number.isFinite(pos.t) && Number.isFinite(pos.i) && i !== undefined ? pos : null;
}

/**
 * GET /api/v2/incremental/tickets/cursor — cursor-based incremental ticket export.
 * A first call with only `start_time` that finds nothing answers without a cursor, so the caller keeps its start_time.
 */
export function exportTicketsCursor(state: ZendeskState, params: URLSearchParams, baseUrl: string) {
  const now = state.now();
  const rawCursor = params.get('cursor');
  // node-zendesk's exportCursor() sends a literal `cursor=undefined` with start_time on its first call.
  const cursor = rawCursor && rawCursor !== 'undefined' && rawCursor !== 'null' ? rawCursor : null;
  let after: Position | null = null;
  let since = 0;
  if (cursor) {
    after = decodeCursor(cursor);
    if (!after) throw badRequest('InvalidCursor', 'The cursor is invalid');
  } else {
    const raw = params.get('start_time');
    if (raw === null || raw === '' || !/^\d+$/.test(raw)) {
      throw badRequest('InvalidValue', 'start_time is required and must be a Unix epoch time in seconds');
    }
    since = Number(raw) * 1000;
    if (since > now - WITHHELD_MS) {
      throw new ZendeskApiError(422, {
        error: 'InvalidValue',
        description: 'Too recent start_time. Use a start_time older than 1 minute',
      });
    }
  }
  const perPageRaw = Number(params.get('per_page') ?? MAX_PER_PAGE);
  const perPage = Math.min(
    MAX_PER_PAGE,
    Math.max(1, Number.isFinite(perPageRaw) ? Math.floor(perPageRaw) : MAX_PER_PAGE),
  );
  const excludeDeleted = params.get('exclude_deleted') === 'true';
  const watermark = now - WITHHELD_MS;

  const eligible = [...state.tickets.values()]
    .filter((t) => t.updatedAt <= watermark)
    .filter((t) => !(excludeDeleted && t.status === 'deleted'))
    .filter((t) =>
      after ? t.updatedAt > after.t || (t.updatedAt === after.t && t.id > after.i) : t.updatedAt >= since,
    )
    .sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
  const page: TicketRecord[] = eligible.slice(0, perPage);
  const last = page.at(-1);
  const afterCursor = last ? encodeCursor({ t: last.updatedAt, i: last.id }) : cursor;
  const extra = new URLSearchParams();
  if (params.get('per_page')) extra.set('per_page', String(perPage));
  if (excludeDeleted) extra.set('exclude_deleted', 'true');
  const include = includesOf(params, { incremental: true });
  if (include.size) extra.set('include', [...include].join(','));
  const urlFor = (c: string) =>
    `${baseUrl}/api/v2/incremental/tickets/cursor.json?${new URLSearchParams([['cursor', c], ...extra]).toString()}`;
  return {
    ...ticketsWithSideloads(state, page, include),
    after_cursor: afterCursor,
    after_url: afterCursor ? urlFor(afterCursor) : null,
    // Paging backwards is not simulated.
    before_cursor: null,
    before_url: null,
    end_of_stream: eligible.length <= perPage,
  };
}
