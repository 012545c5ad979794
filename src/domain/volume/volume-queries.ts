import { YorisoiError } from '../../errors.ts';
import type { Inbox } from '../tickets/ticket.ts';
import type { AlertService, VolumeStore } from './alert-service.ts';
import { DAY_MS, describeScope, HOUR_MS, parsePeriod } from './volume.ts';

/** `/yorisoi volume` arguments: a scope word and a period, in either order, both optional. */
export function parseVolumeArgs(words: string[], inboxes: Inbox[]): { scope: string; periodMs: number } {
  let scope = 'all';
  let periodMs = DAY_MS;
  let scopeSeen = false;
  for (const word of words) {
    const period = parsePeriod(word);
    if (period !== null) {
      periodMs = period;
      continue;
    }
    if (/^\d+[a-z]+$/i.test(word))
      throw new YorisoiError(
        'volume_args_invalid',
        `"${word}" is not a period: use 24h, 7d or 4w (at most 8w).`,
      );
    if (scopeSeen)
      throw new YorisoiError('volume_args_invalid', `Give one tag or inbox, not "${word}" as well.`);
    scopeSeen = true;
    const m = word.match(/^(tag|inbox)[:：](.+)$/i);
    if (m) {
      const kind = (m[1] ?? '').toLowerCase();
      const value = m[2] ?? '';
      if (kind === 'inbox' && !inboxes.some((i) => i.id === value)) {
        throw new YorisoiError(
          'volume_args_invalid',
          `No inbox "${value}". Inboxes: ${inboxes.map((i) => i.id).join(', ') || 'none'}.`,
        );
      }
      scope = `${kind}:${value}`;
    } else if (word.toLowerCase() === 'all') scope = 'all';
    else scope = inboxes.some((i) => i.id === word) ? `inbox:${word}` : `tag:${word}`;
  }
  return { scope, periodMs };
}

/** Read-only views of the counts: charts on demand and today's numbers for the App Home. */
export function createVolumeQueries(deps: {
  store: VolumeStore & {
    countsSince(from: Date, to: Date): Promise<Array<{ scope: string; count: number }>>;
  };
  alerts: AlertService;
  inboxes: () => Promise<Inbox[]>;
  clock: () => Date;
  tzOffsetMinutes: number;
}) {
  const offset = deps.tzOffsetMinutes * 60_000;
  return {
    async chart(words: string[]) {
      const { scope, periodMs } = parseVolumeArgs(words, await deps.inboxes());
      const now = deps.clock();
      const { data, png } = await deps.alerts.renderChart(scope, now, periodMs);
      const recent = data.panels[0]?.counts.reduce((a, b) => a + b, 0) ?? 0;
      const month = data.panels[1]?.counts.reduce((a, b) => a + b, 0) ?? 0;
      const period =
        periodMs % DAY_MS === 0 && periodMs > DAY_MS
          ? `${periodMs / DAY_MS} days`
          : `${Math.round(periodMs / HOUR_MS)} hours`;
      return {
        scope,
        png,
        filename: `volume-${scope.replace(/[^\w-]+/g, '_')}-${now.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.png`,
        title: data.title,
        summary: `Ticket volume — ${describeScope(scope)}: ${recent} in the last ${period}, ${month} in the last 4 weeks.`,
      };
    },
    async today() {
      const now = deps.clock();
      const from = new Date(Math.floor((now.getTime() + offset) / DAY_MS) * DAY_MS - offset);
      const [counts, lastHour, open, inboxes] = await Promise.all([
        deps.store.countsSince(from, now),
        deps.store.count('all', new Date(now.getTime() - HOUR_MS), now),
        deps.store.listOpenEpisodes(),
        deps.inboxes(),
      ]);
      const of = (scope: string) => counts.find((c) => c.scope === scope)?.count ?? 0;
      const tz =
        deps.tzOffsetMinutes === 0
          ? 'UTC'
          : `UTC${deps.tzOffsetMinutes > 0 ? '+' : '-'}${Math.abs(deps.tzOffsetMinutes) / 60}`;
      return {
        dayLabel: `today (${new Date(from.getTime() + offset).toISOString().slice(0, 10)}, ${tz})`,
        total: of('all'),
        lastHour,
        byInbox: inboxes.map((i) => ({ name: i.name, count: of(`inbox:${i.id}`) })),
        topTags: counts
          .filter((c) => c.scope.startsWith('tag:'))
          .slice(0, 10)
          .map((c) => ({ tag: c.scope.slice(4), count: c.count })),
        openAlerts: open.map((e) => ({
          scope: describeScope(e.scope),
          since: e.startedAt,
          peak: e.peakCount,
        })),
      };
    },
  };
}

export type VolumeQueries = ReturnType<typeof createVolumeQueries>;
