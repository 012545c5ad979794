/**
 * What yorisoi sees that the help desk does not: which reply templates work. A template "answers" a ticket
 * when a reply sent from yorisoi carried it (the draft version's `templateIds`, see drafting).
 *
 * Definitions, for the uses that happen in [from, to):
 * - uses: sent replies that carried the template (one reply may carry several templates);
 * - tickets: distinct tickets answered with it;
 * - solved: of those tickets, the ones solved at or after the first such reply;
 * - reopened: of the solved ones, those that left `solved` again after that solve (at any later time, like the
 *   weekly reopen rate); reopen rate = reopened / solved, null when none was solved;
 * - good / bad: each ticket's last answered satisfaction rating offered at or after the first such reply.
 */
export interface TemplateUseFact {
  templateId: string;
  ticketZendeskId: string;
  /** When the reply was sent. */
  at: Date;
}

export interface TemplateFigures {
  templateId: string;
  /** The template's title when it still exists (added by the report service). */
  title?: string;
  uses: number;
  tickets: number;
  solved: number;
  reopened: number;
  reopenRate: number | null;
  good: number;
  bad: number;
  /** good / (good + bad), null when no rating was answered. */
  goodRate: number | null;
}

export interface TemplateRanking {
  /** Every template used in the range, most used first. */
  used: TemplateFigures[];
  /** Up to 5 that worked best (lowest reopen rate, then more good ratings, then more uses). */
  top: TemplateFigures[];
  /** Up to 5 that worked worst, worst first; never one already in `top`. */
  bottom: TemplateFigures[];
}

/** A satisfaction rating as the weekly report reads it (the same shape as metrics.ts `SatisfactionFact`). */
export interface RatingFact {
  ticketZendeskId: string;
  score: string;
  offeredAt: Date;
}

const SOLVED = new Set(['solved', 'closed']);
/**
 * Where a reply's outcome starts: Zendesk stamps audits in whole seconds (a reply sent with "solved" shares
 * the second of the send), and its clock and ours may differ by a little; a solve 5 s before is the same.
 */
const CLOCK_SLACK_MS = 5_000;
const outcomeSince = (d: Date) => Math.floor(d.getTime() / 1000) * 1000 - CLOCK_SLACK_MS;

export function computeTemplateFigures(input: {
  from: Date;
  to: Date;
  uses: readonly TemplateUseFact[];
  tickets: readonly { zendeskId: string; statusChanges: readonly { at: Date; to: string }[] }[];
  /** Satisfaction ratings (metrics.ts `SatisfactionFact`). */
  ratings: readonly RatingFact[];
}): TemplateFigures[] {
  const inRange = (d: Date) => d.getTime() >= input.from.getTime() && d.getTime() < input.to.getTime();
  const changesOf = new Map(
    input.tickets.map((t) => [
      t.zendeskId,
      t.statusChanges
        .map((c, i) => ({ ...c, i }))
        .sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i),
    ]),
  );
  const ratingsOf = new Map<string, RatingFact[]>();
  for (const r of input.ratings)
    ratingsOf.set(r.ticketZendeskId, [...(ratingsOf.get(r.ticketZendeskId) ?? []), r]);

  // template → ticket → first use in range; and the number of uses.
  const firstUse = new Map<string, Map<string, Date>>();
  const useCount = new Map<string, number>();
  for (const u of input.uses) {
    if (!inRange(u.at)) continue;
    useCount.set(u.templateId, (useCount.get(u.templateId) ?? 0) + 1);
    const perTicket = firstUse.get(u.templateId) ?? new Map<string, Date>();
    const seen = perTicket.get(u.ticketZendeskId);
    if (!seen || u.at < seen) perTicket.set(u.ticketZendeskId, u.at);
    firstUse.set(u.templateId, perTicket);
  }

  const figures: TemplateFigures[] = [];
  for (const [templateId, perTicket] of firstUse) {
    let solved = 0;
    let reopened = 0;
    let good = 0;
    let bad = 0;
    for (const [ticketId, at] of perTicket) {
      const changes = changesOf.get(ticketId) ?? [];
      const since = outcomeSince(at);
      const solve = changes.findIndex((c) => c.at.getTime() >= since && SOLVED.has(c.to));
      if (solve >= 0) {
        solved += 1;
        if (changes.some((c, i) => i > solve && !SOLVED.has(c.to))) reopened += 1;
      }
      const answered = (ratingsOf.get(ticketId) ?? [])
        .filter((r) => (r.score === 'good' || r.score === 'bad') && r.offeredAt.getTime() >= since)
        .sort((a, b) => a.offeredAt.getTime() - b.offeredAt.getTime())
        .at(-1);
      if (answered?.score === 'good') good += 1;
      if (answered?.score === 'bad') bad += 1;
    }
    figures.push({
      templateId,
      uses: useCount.get(templateId) ?? 0,
      tickets: perTicket.size,
      solved,
      reopened,
      reopenRate: solved ? reopened / solved : null,
      good,
      bad,
      goodRate: good + bad ? good / (good + bad) : null,
    });
  }
  return figures.sort((a, b) => b.uses - a.uses || a.templateId.localeCompare(b.templateId));
}

const RANKED = 5;

/** The week's templates, with the best and worst five among those that have a solved ticket. */
export function rankTemplates(figures: readonly TemplateFigures[]): TemplateRanking {
  const rankable = figures.filter((f) => f.reopenRate !== null);
  const best = [...rankable].sort(
    (a, b) =>
      (a.reopenRate ?? 0) - (b.reopenRate ?? 0) ||
      b.good - b.bad - (a.good - a.bad) ||
      b.uses - a.uses ||
      a.templateId.localeCompare(b.templateId),
  );
  const top = best.slice(0, Math.min(RANKED, Math.ceil(best.length / 2)));
  const inTop = new Set(top.map((f) => f.templateId));
  const bottom = best
    .filter((f) => !inTop.has(f.templateId))
    .reverse()
    .slice(0, RANKED);
  return { used: [...figures], top, bottom };
}
