import type { WebhookDeliveryStore } from '../domain/intake/ports.ts';
import type { Db } from './database.ts';

export function createWebhookDeliveryStore(db: Db): WebhookDeliveryStore {
  return {
    async record(d) {
      try {
        await db.webhookDelivery.create({ data: d });
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return false;
        throw error;
      }
    },
    async markProcessed(invocationId) {
      await db.webhookDelivery.update({
        where: { invocationId },
        data: { status: 'processed', processedAt: new Date(), error: null },
      });
    },
    async markFailed(invocationId, error) {
      const row = await db.webhookDelivery.update({
        where: { invocationId },
        data: { status: 'failed', error: error.slice(0, 500), attempts: { increment: 1 } },
      });
      return row.attempts;
    },
    async markParked(invocationId, reason) {
      await db.webhookDelivery.update({
        where: { invocationId },
        data: { status: 'parked', error: reason.slice(0, 500) },
      });
    },
    async unprocessed(olderThan, limit) {
      return db.webhookDelivery.findMany({
        where: { status: { in: ['received', 'failed'] }, receivedAt: { lte: olderThan } },
        orderBy: { receivedAt: 'asc' },
        take: limit,
        select: { invocationId: true, ticketZendeskId: true },
      });
    },
  };
}
