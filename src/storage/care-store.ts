import { z } from 'zod';
import type {
  CareChart,
  CareChartContent,
  CareChartRevision,
  CareRevisionKind,
  CustomerRecord,
} from '../domain/care/care-chart-model.ts';
import { emptyChartContent } from '../domain/care/care-chart-model.ts';
import type { CareStore, LocalTicket } from '../domain/care/ports.ts';
import { YorisoiError } from '../errors.ts';
import type { Db, Tx } from './database.ts';
import { upsertCustomerTx } from './ticket-store.ts';

// JSON columns are a boundary too.
const zFacts = z.array(z.object({ key: z.string(), value: z.string() }));
const zContent = z.object({
  notes: z.string(),
  flagged: z.boolean(),
  flagReason: z.string().nullable(),
  facts: zFacts,
});

// Prisma's Customer row has more columns; a record is the chosen ones, copied so no extra field leaks out.
const toCustomer = (r: CustomerRecord): CustomerRecord => ({
  id: r.id,
  zendeskUserId: r.zendeskUserId,
  name: r.name,
  email: r.email,
  organizationName: r.organizationName,
  externalId: r.externalId,
  serviceUserId: r.serviceUserId,
  mergedIntoId: r.mergedIntoId,
});

type ChartRow = {
  customerId: string;
  notes: string;
  flagged: boolean;
  flagReason: string | null;
  factsJson: string;
  version: number;
  updatedAt: Date;
  updatedBySlackId: string | null;
};
const contentOf = (r: ChartRow): CareChartContent => ({
  notes: r.notes,
  flagged: r.flagged,
  flagReason: r.flagReason,
  facts: zFacts.parse(JSON.parse(r.factsJson)),
});
const toChart = (r: ChartRow): CareChart => ({
  ...contentOf(r),
  customerId: r.customerId,
  version: r.version,
  updatedAt: r.updatedAt,
  updatedBySlackId: r.updatedBySlackId,
});

type TicketRow = {
  zendeskId: string;
  requesterId: string;
  subject: string;
  status: string;
  zendeskCreatedAt: Date;
  zendeskUpdatedAt: Date;
  assigneeName: string | null;
  channelId: string | null;
  rootTs: string | null;
};
const toLocalTicket = (t: TicketRow): LocalTicket => ({
  zendeskId: t.zendeskId,
  customerId: t.requesterId,
  subject: t.subject,
  status: t.status,
  createdAt: t.zendeskCreatedAt,
  updatedAt: t.zendeskUpdatedAt,
  assigneeName: t.assigneeName,
  channelId: t.channelId,
  rootTs: t.rootTs,
});

async function writeChart(
  tx: Tx,
  customerId: string,
  content: CareChartContent,
  meta: { kind: CareRevisionKind; authorSlackId: string | null; summary: string },
): Promise<ChartRow> {
  const existing = await tx.careChart.findUnique({ where: { customerId } });
  const data = {
    notes: content.notes,
    flagged: content.flagged,
    flagReason: content.flagged ? content.flagReason : null,
    factsJson: JSON.stringify(content.facts),
    updatedBySlackId: meta.authorSlackId,
  };
  const row = existing
    ? await tx.careChart.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } })
    : await tx.careChart.create({ data: { customerId, ...data, version: 1 } });
  await tx.careChartRevision.create({
    data: {
      chartId: row.id,
      version: row.version,
      kind: meta.kind,
      authorSlackId: meta.authorSlackId,
      summary: meta.summary,
      snapshotJson: JSON.stringify({ ...content, flagReason: data.flagReason }),
    },
  });
  return row;
}

export function createCareStore(db: Db): CareStore {
  const ticketSelect = {
    zendeskId: true,
    requesterId: true,
    subject: true,
    status: true,
    zendeskCreatedAt: true,
    zendeskUpdatedAt: true,
    assigneeName: true,
    channelId: true,
    rootTs: true,
  } as const;
  return {
    async customerById(id) {
      const r = await db.customer.findUnique({ where: { id } });
      return r ? toCustomer(r) : null;
    },
    async customerByZendeskUserId(zendeskUserId) {
      const r = await db.customer.findUnique({ where: { zendeskUserId } });
      return r ? toCustomer(r) : null;
    },
    async customerByEmail(email) {
      const lower = email.toLowerCase();
      const known = await db.customerEmail.findUnique({
        where: { email: lower },
        include: { customer: true },
      });
      if (known) return toCustomer(known.customer);
      const r = await db.customer.findFirst({
        where: { email: { in: [email, lower] } },
        orderBy: { updatedAt: 'desc' },
      });
      return r ? toCustomer(r) : null;
    },
    async customersByServiceUserId(serviceUserId) {
      const rows = await db.customer.findMany({
        where: { serviceUserId, mergedIntoId: null },
        orderBy: { updatedAt: 'desc' },
      });
      return rows.map(toCustomer);
    },
    async mergedInto(customerId) {
      const rows = await db.customer.findMany({ where: { mergedIntoId: customerId } });
      return rows.map(toCustomer);
    },
    async upsertCustomer(identity) {
      const id = await upsertCustomerTx(db, identity);
      return toCustomer(await db.customer.findUniqueOrThrow({ where: { id } }));
    },
    async recordEmails(customerId, emails) {
      const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
      await db.$transaction(async (tx) => {
        for (const email of unique) {
          await tx.customerEmail.upsert({
            where: { email },
            create: { email, customerId },
            update: { customerId },
          });
        }
      });
    },
    async chartOf(customerId) {
      const r = await db.careChart.findUnique({ where: { customerId } });
      return r ? toChart(r) : null;
    },
    async saveChart(input) {
      const row = await db.$transaction(async (tx) => {
        const existing = await tx.careChart.findUnique({ where: { customerId: input.customerId } });
        if (input.expectedVersion !== null && (existing?.version ?? 0) !== input.expectedVersion) {
          throw new YorisoiError('care_chart_conflict');
        }
        const before = existing ? contentOf(existing) : emptyChartContent();
        const { content, summary } = input.change(before);
        return writeChart(tx, input.customerId, content, {
          kind: input.kind,
          authorSlackId: input.authorSlackId,
          summary,
        });
      });
      return toChart(row);
    },
    async revisions(customerId, limit) {
      const chart = await db.careChart.findUnique({ where: { customerId }, select: { id: true } });
      if (!chart) return [];
      const rows = await db.careChartRevision.findMany({
        where: { chartId: chart.id },
        orderBy: { version: 'desc' },
        take: limit,
      });
      return rows.map(
        (r): CareChartRevision => ({
          version: r.version,
          kind: r.kind as CareRevisionKind,
          authorSlackId: r.authorSlackId,
          summary: r.summary,
          createdAt: r.createdAt,
          content: zContent.parse(JSON.parse(r.snapshotJson)),
        }),
      );
    },
    async mergeCustomers({ sourceId, targetId, combine }) {
      await db.$transaction(async (tx) => {
        const source = await tx.customer.findUniqueOrThrow({ where: { id: sourceId } });
        if (source.mergedIntoId) return;
        await tx.ticket.updateMany({ where: { requesterId: sourceId }, data: { requesterId: targetId } });
        await tx.customerEmail.updateMany({
          where: { customerId: sourceId },
          data: { customerId: targetId },
        });
        if (source.email) {
          const email = source.email.toLowerCase();
          await tx.customerEmail.upsert({
            where: { email },
            create: { email, customerId: targetId },
            update: { customerId: targetId },
          });
        }
        const sourceChart = await tx.careChart.findUnique({ where: { customerId: sourceId } });
        if (sourceChart) {
          const targetChart = await tx.careChart.findUnique({ where: { customerId: targetId } });
          const content = combine(targetChart ? contentOf(targetChart) : null, contentOf(sourceChart));
          await writeChart(tx, targetId, content, {
            kind: 'merge',
            authorSlackId: null,
            summary: `merged from ${source.email ?? source.name} (Zendesk user ${source.zendeskUserId}) after a Zendesk user merge`,
          });
        }
        await tx.customer.update({ where: { id: sourceId }, data: { mergedIntoId: targetId } });
      });
    },
    async ticketsOf(customerIds) {
      if (customerIds.length === 0) return [];
      const rows = await db.ticket.findMany({
        where: { requesterId: { in: customerIds } },
        select: ticketSelect,
      });
      return rows.map(toLocalTicket);
    },
    async ticketByThread(channelId, rootTs) {
      const r = await db.ticket.findFirst({ where: { channelId, rootTs }, select: ticketSelect });
      return r ? toLocalTicket(r) : null;
    },
  };
}
