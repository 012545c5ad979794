import type { Inbox } from '../domain/tickets/ticket.ts';
import type { Db } from './database.ts';
import { toInbox } from './ticket-store.ts';

export function createInboxStore(db: Db) {
  const data = (i: Inbox) => ({
    name: i.name,
    channelId: i.channelId,
    brand: i.brand,
    group: i.group,
    formId: i.formId,
    tagsJson: JSON.stringify(i.tags),
    position: i.position,
    isDefault: i.isDefault,
    followUp: i.followUp ?? 'broadcast',
    leadSlackUserId: i.lead ?? null,
    firstResponseMinutes: i.targets?.firstResponseMinutes ?? null,
    nextResponseMinutes: i.targets?.nextResponseMinutes ?? null,
    autoAssign: i.autoAssign ?? null,
  });
  return {
    async list(): Promise<Inbox[]> {
      return (await db.inbox.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] })).map(toInbox);
    },
    async upsert(inbox: Inbox): Promise<void> {
      await db.$transaction(async (tx) => {
        if (inbox.isDefault)
          await tx.inbox.updateMany({
            where: { isDefault: true, NOT: { id: inbox.id } },
            data: { isDefault: false },
          });
        await tx.inbox.upsert({
          where: { id: inbox.id },
          create: { id: inbox.id, ...data(inbox) },
          update: data(inbox),
        });
      });
    },
    /** Makes the stored inboxes exactly these; tickets keep the inbox they were routed to. */
    async replaceAll(inboxes: Inbox[]): Promise<void> {
      await db.$transaction(async (tx) => {
        const keep = inboxes.map((i) => i.id);
        await tx.ticket.updateMany({ where: { inboxId: { notIn: keep } }, data: { inboxId: null } });
        await tx.inbox.deleteMany({ where: { id: { notIn: keep } } });
        for (const i of inboxes)
          await tx.inbox.upsert({ where: { id: i.id }, create: { id: i.id, ...data(i) }, update: data(i) });
      });
    },
    async remove(id: string): Promise<boolean> {
      const { count } = await db.$transaction(async (tx) => {
        await tx.ticket.updateMany({ where: { inboxId: id }, data: { inboxId: null } });
        return tx.inbox.deleteMany({ where: { id } });
      });
      return count > 0;
    },
  };
}

export type InboxStore = ReturnType<typeof createInboxStore>;
