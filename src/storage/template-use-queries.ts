import type { TemplateUseHistory } from '../domain/team/ports.ts';
import type { TemplateUseFact } from '../domain/team/template-metrics.ts';
import type { Db } from './database.ts';

const parseIds = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/**
 * Template uses from what drafting already records: a sent reply (`ReplySend`, kind reply) is a version of a
 * draft, and that `DraftVersion` lists the templates inserted into it (`templateIdsJson`).
 */
export function createTemplateUseHistory(db: Db): TemplateUseHistory {
  return {
    async usesBetween(from, to, templateId) {
      const sends = await db.replySend.findMany({
        where: { status: 'sent', kind: 'reply', draftId: { not: null }, sentAt: { gte: from, lt: to } },
        select: { draftId: true, version: true, ticketZendeskId: true, sentAt: true, dueAt: true },
        orderBy: { sentAt: 'asc' },
      });
      const uses: TemplateUseFact[] = [];
      // A few hundred sends a week: one query per 100 sends for their versions.
      for (let i = 0; i < sends.length; i += 100) {
        const chunk = sends.slice(i, i + 100);
        const versions = await db.draftVersion.findMany({
          where: { OR: chunk.map((s) => ({ draftId: s.draftId ?? '', version: s.version })) },
          select: { draftId: true, version: true, templateIdsJson: true },
        });
        const idsOf = new Map(
          versions.map((v) => [`${v.draftId}:${v.version}`, parseIds(v.templateIdsJson)]),
        );
        for (const s of chunk) {
          for (const id of idsOf.get(`${s.draftId}:${s.version}`) ?? []) {
            if (templateId && id !== templateId) continue;
            // `at` is when the send was due: Zendesk's audit of the reply (and a solve sent with it) is never
            // earlier, while `sentAt` is stamped after Zendesk answered and may fall in the next second.
            uses.push({ templateId: id, ticketZendeskId: s.ticketZendeskId, at: s.dueAt });
          }
        }
      }
      return uses;
    },
    async titles(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db.template.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, title: true },
      });
      return new Map(rows.map((r) => [r.id, r.title]));
    },
  };
}
