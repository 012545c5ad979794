import type { TeamZendeskFacts, TemplateUseHistory } from './ports.ts';
import { computeTemplateFigures, type TemplateFigures } from './template-metrics.ts';

export interface TemplateFiguresView extends TemplateFigures {
  /** The window the figures cover, ending now. */
  days: number;
}

export interface TemplateFiguresService {
  /**
   * One template's figures over the last `days` days. Reopens and ratings live in Zendesk (audits, CSAT):
   * the first look reads them, later looks within `cacheMs` reuse the answer. Resolves null when the
   * figures are not ready within `waitMs` (they keep being computed and are cached for the next look), so
   * a modal never waits past Slack's trigger window.
   */
  figures(templateId: string, options?: { waitMs?: number }): Promise<TemplateFiguresView | null>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Audits are read per ticket; the most recent tickets answered with the template are enough to judge it. */
const MAX_TICKETS = 50;
const CONCURRENCY = 4;

export function createTemplateFiguresService(deps: {
  uses: TemplateUseHistory;
  zendesk: TeamZendeskFacts;
  clock: () => Date;
  days?: number;
  cacheMs?: number;
  onError?(error: unknown): void;
}): TemplateFiguresService {
  const days = deps.days ?? 30;
  const cacheMs = deps.cacheMs ?? 10 * 60 * 1000;
  const cache = new Map<string, { at: number; value: Promise<TemplateFiguresView> }>();

  async function compute(templateId: string): Promise<TemplateFiguresView> {
    const to = deps.clock();
    const from = new Date(to.getTime() - days * DAY_MS);
    const uses = await deps.uses.usesBetween(from, new Date(to.getTime() + 1), templateId);
    const ticketIds = [...new Set(uses.map((u) => u.ticketZendeskId).reverse())].slice(0, MAX_TICKETS);
    const kept = new Set(ticketIds);
    const tickets: { zendeskId: string; statusChanges: { at: Date; to: string }[] }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < ticketIds.length) {
        const id = ticketIds[next++];
        if (id) tickets.push({ zendeskId: id, statusChanges: await deps.zendesk.statusChanges(id) });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // Read ratings a day past our clock: Zendesk's clock may run ahead of ours, and a rating just given would
    // otherwise miss this look and stay missing for the whole cache period (only ratings after a use count).
    const ratings = ticketIds.length
      ? await deps.zendesk.satisfactionRatings(from, new Date(to.getTime() + DAY_MS))
      : [];
    const [figures] = computeTemplateFigures({
      from,
      to: new Date(to.getTime() + 1),
      uses: uses.filter((u) => kept.has(u.ticketZendeskId)),
      tickets,
      ratings,
    });
    const empty = {
      uses: 0,
      tickets: 0,
      solved: 0,
      reopened: 0,
      reopenRate: null,
      good: 0,
      bad: 0,
      goodRate: null,
    };
    // Uses count every send in the window, also on tickets beyond the audit budget.
    return { ...empty, ...figures, templateId, uses: uses.length, days };
  }

  return {
    async figures(templateId, options = {}) {
      const now = deps.clock().getTime();
      let entry = cache.get(templateId);
      if (!entry || now - entry.at > cacheMs) {
        const value = compute(templateId);
        entry = { at: now, value };
        cache.set(templateId, entry);
        value.catch((error: unknown) => {
          cache.delete(templateId);
          deps.onError?.(error);
        });
      }
      const waitMs = options.waitMs ?? 1500;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
      });
      try {
        return await Promise.race([entry.value.catch(() => null), late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
