import { YorisoiError } from '../../errors.ts';
import type { Inbox } from '../tickets/ticket.ts';
import type { AlertService } from './alert-service.ts';
import type { VolumeStore } from './ports.ts';
import { DAY_MS, describeScope, describeScopeJa, HOUR_MS, parsePeriod, WEEK_MS } from './volume-model.ts';

const invalid = (ja: string, en: string) => new YorisoiError('volume_args_invalid', `${ja}\n${en}`);

/**
 * `/yorisoi volume` arguments: a scope word and a period, in either order, both optional. Anything that looks
 * like a period but is not one (`1年`, `99x`, `100d`) and a second scope word are refused, so a typo gets the
 * usage message instead of a public chart. Tag names are checked against the counts in `volume.chart`.
 */
export function parseVolumeArgs(words: string[], inboxes: Inbox[]): { scope: string; periodMs: number } {
  let scope = 'all';
  let periodMs = DAY_MS;
  let scopeSeen = false;
  let periodSeen = false;
  for (const word of words) {
    const period = parsePeriod(word);
    if (period !== null) {
      if (periodSeen)
        throw invalid(
          `期間は1つだけ指定してください（「${word}」）。`,
          `Give one period, not "${word}" as well.`,
        );
      periodSeen = true;
      periodMs = period;
      continue;
    }
    if (/^\d/.test(word.normalize('NFKC')))
      throw invalid(
        `「${word}」は期間として使えません。24h・7d・4w（または 24時間・7日・4週、最大 8週）で指定してください。`,
        `"${word}" is not a period: use 24h, 7d or 4w (at most 8w).`,
      );
    if (scopeSeen)
      throw invalid(
        `タグか受信箱を1つだけ指定してください（「${word}」は余分です）。`,
        `Give one tag or inbox, not "${word}" as well.`,
      );
    scopeSeen = true;
    const m = word.match(/^(tag|inbox|タグ|受信箱)[:：](.+)$/i);
    if (m) {
      const raw = (m[1] ?? '').toLowerCase();
      const kind = raw === 'タグ' ? 'tag' : raw === '受信箱' ? 'inbox' : raw;
      const value = m[2] ?? '';
      if (kind === 'inbox' && !inboxes.some((i) => i.id === value)) {
        const list = inboxes.map((i) => i.id).join(', ') || 'none';
        throw invalid(
          `受信箱「${value}」はありません。受信箱: ${list}`,
          `No inbox "${value}". Inboxes: ${list}.`,
        );
      }
      scope = `${kind}:${value}`;
    } else if (word.toLowerCase() === 'all' || word === 'すべて' || word === '全体') scope = 'all';
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
      if (scope.startsWith('tag:')) {
        // A tag nobody used in 8 weeks is most likely a typo (`abc`): say so privately, list the real ones.
        const counts = await deps.store.countsSince(new Date(now.getTime() - 8 * WEEK_MS), now);
        if (!counts.some((c) => c.scope === scope && c.count > 0)) {
          const known = counts
            .filter((c) => c.scope.startsWith('tag:') && c.count > 0)
            .sort((a, b) => b.count - a.count)
            .slice(0, 8)
            .map((c) => c.scope.slice(4))
            .join(', ');
          const tag = scope.slice(4);
          throw invalid(
            `直近8週間にタグ「${tag}」のチケットはありません。${known ? `よく使われるタグ: ${known}` : ''}`,
            `No ticket with tag "${tag}" in the last 8 weeks.${known ? ` Tags in use: ${known}.` : ''}`,
          );
        }
      }
      const { data, png } = await deps.alerts.renderChart(scope, now, periodMs);
      const recent = data.panels[0]?.counts.reduce((a, b) => a + b, 0) ?? 0;
      const month = data.panels[1]?.counts.reduce((a, b) => a + b, 0) ?? 0;
      const days = periodMs % DAY_MS === 0 && periodMs > DAY_MS ? periodMs / DAY_MS : null;
      const period = days ? `${days} days` : `${Math.round(periodMs / HOUR_MS)} hours`;
      const periodJa = days ? `${days}日間` : `${Math.round(periodMs / HOUR_MS)}時間`;
      return {
        scope,
        png,
        filename: `volume-${scope.replace(/[^\w-]+/g, '_')}-${now.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.png`,
        title: data.title,
        summary: `問い合わせ件数 — ${describeScopeJa(scope)}: 直近${periodJa} ${recent}件、直近4週間 ${month}件 / Ticket volume — ${describeScope(scope)}: ${recent} in the last ${period}, ${month} in the last 4 weeks.`,
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
        dayLabel: `${new Date(from.getTime() + offset).toISOString().slice(0, 10)} (${tz})`,
        total: of('all'),
        lastHour,
        byInbox: inboxes.map((i) => ({ name: i.name, count: of(`inbox:${i.id}`) })),
        topTags: counts
          .filter((c) => c.scope.startsWith('tag:'))
          .slice(0, 10)
          .map((c) => ({ tag: c.scope.slice(4), count: c.count })),
        openAlerts: open.map((e) => ({
          scope: e.scope,
          since: e.startedAt,
          peak: e.peakCount,
        })),
      };
    },
  };
}

export type VolumeQueries = ReturnType<typeof createVolumeQueries>;
