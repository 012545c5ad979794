import type { SaveResult, TemplateStore } from '../domain/templates/ports.ts';
import {
  isUnder,
  sameContent,
  type Template,
  type TemplateChange,
  type TemplateContent,
  type TemplateVersion,
} from '../domain/templates/template.ts';
import { YorisoiError } from '../errors.ts';
import type { Db, Tx } from './database.ts';

type TemplateRow = Awaited<ReturnType<Db['template']['findUniqueOrThrow']>>;
type VersionRow = Awaited<ReturnType<Db['templateVersion']['findUniqueOrThrow']>>;

const toTemplate = (r: TemplateRow): Template => ({
  id: r.id,
  path: r.path,
  title: r.title,
  body: r.body,
  tags: JSON.parse(r.tagsJson) as string[],
  product: r.product,
  author: r.author,
  version: r.version,
  deletedAt: r.deletedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toVersion = (r: VersionRow): TemplateVersion => ({
  templateId: r.templateId,
  version: r.version,
  path: r.path,
  title: r.title,
  body: r.body,
  tags: JSON.parse(r.tagsJson) as string[],
  product: r.product,
  author: r.author,
  change: r.change as TemplateChange,
  createdAt: r.createdAt,
});

const columns = (c: TemplateContent) => ({
  path: c.path,
  title: c.title,
  body: c.body,
  tagsJson: JSON.stringify(c.tags),
  product: c.product,
});

/** Prisma's `in` becomes one bound variable per id; SQLite allows 32,766 but chunks keep statements small. */
const CHUNK = 500;

export function createTemplateStore(db: Db): TemplateStore {
  async function writeVersion(
    tx: Tx,
    id: string,
    version: number,
    content: TemplateContent,
    author: string | null,
    change: TemplateChange,
  ) {
    await tx.templateVersion.create({
      data: { templateId: id, version, ...columns(content), author, change },
    });
  }

  async function saveIn(
    tx: Tx,
    id: string,
    content: TemplateContent,
    meta: { author: string | null; change: TemplateChange; expectedVersion?: number },
  ): Promise<SaveResult> {
    const existing = await tx.template.findUnique({ where: { id } });
    if (!existing) {
      const row = await tx.template.create({
        data: { id, ...columns(content), author: meta.author, version: 1 },
      });
      await writeVersion(
        tx,
        id,
        1,
        content,
        meta.author,
        meta.change === 'imported' ? 'imported' : 'created',
      );
      return { template: toTemplate(row), outcome: 'created' };
    }
    const current = toTemplate(existing);
    if (meta.expectedVersion !== undefined && current.version !== meta.expectedVersion) {
      throw new YorisoiError(
        'bad_input',
        `Template ${id} was changed by someone else (now version ${current.version}).`,
      );
    }
    if (sameContent(current, content)) return { template: current, outcome: 'unchanged' };
    const version = current.version + 1;
    const row = await tx.template.update({
      where: { id },
      data: { ...columns(content), author: meta.author, version },
    });
    await writeVersion(tx, id, version, content, meta.author, meta.change);
    return { template: toTemplate(row), outcome: 'updated' };
  }

  async function changeMany(
    ids: string[],
    author: string | null,
    change: TemplateChange,
    edit: (t: Template) => { content: TemplateContent; deleted: boolean },
  ) {
    await db.$transaction(async (tx) => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        for (const row of await tx.template.findMany({ where: { id: { in: ids.slice(i, i + CHUNK) } } })) {
          const t = toTemplate(row);
          const { content, deleted } = edit(t);
          const version = t.version + 1;
          await tx.template.update({
            where: { id: t.id },
            data: { ...columns(content), author, version, deletedAt: deleted ? new Date() : null },
          });
          await writeVersion(tx, t.id, version, content, author, change);
        }
      }
    });
  }

  async function activeUnder(path: string): Promise<Template[]> {
    const rows = await db.template.findMany({
      where: { deletedAt: null, OR: [{ path }, { path: { startsWith: `${path}/` } }] },
    });
    return rows.map(toTemplate).filter((t) => isUnder(t.path, path));
  }

  return {
    async get(id) {
      const row = await db.template.findUnique({ where: { id } });
      return row ? toTemplate(row) : null;
    },
    async getMany(ids) {
      const out: Template[] = [];
      for (let i = 0; i < ids.length; i += CHUNK)
        out.push(
          ...(await db.template.findMany({ where: { id: { in: ids.slice(i, i + CHUNK) } } })).map(toTemplate),
        );
      return out;
    },
    async listActive() {
      return (await db.template.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' } })).map(
        toTemplate,
      );
    },
    async changedSince(since) {
      return db.template.findMany({
        where: { updatedAt: { gte: since } },
        select: { id: true, updatedAt: true },
        orderBy: { updatedAt: 'asc' },
      });
    },
    countActive: () => db.template.count({ where: { deletedAt: null } }),
    save: (id, content, meta) => db.$transaction((tx) => saveIn(tx, id, content, meta)),
    async saveMany(records, meta) {
      return db.$transaction(async (tx) => {
        const existing = new Map(
          (await tx.template.findMany({ where: { id: { in: records.map((r) => r.id) } } })).map(
            (r) => [r.id, toTemplate(r)] as const,
          ),
        );
        const fresh = records.filter((r) => !existing.has(r.id));
        if (fresh.length > 0) {
          await tx.template.createMany({
            data: fresh.map((r) => ({ id: r.id, ...columns(r), author: meta.author, version: 1 })),
          });
          await tx.templateVersion.createMany({
            data: fresh.map((r) => ({
              templateId: r.id,
              version: 1,
              ...columns(r),
              author: meta.author,
              change: meta.change,
            })),
          });
        }
        const out: Array<{ id: string; outcome: SaveResult['outcome'] | 'deleted' }> = [];
        for (const r of records) {
          const current = existing.get(r.id);
          if (!current) out.push({ id: r.id, outcome: 'created' });
          else if (current.deletedAt) out.push({ id: r.id, outcome: 'deleted' });
          // compared here, in memory: a re-import of thousands of unchanged records writes nothing
          else if (sameContent(current, r)) out.push({ id: r.id, outcome: 'unchanged' });
          else out.push({ id: r.id, outcome: (await saveIn(tx, r.id, r, meta)).outcome });
        }
        return out;
      });
    },
    async setDeleted(id, deleted, author) {
      const row = await db.template.findUnique({ where: { id } });
      if (!row) return null;
      if ((row.deletedAt !== null) === deleted) return toTemplate(row);
      await changeMany([id], author, deleted ? 'deleted' : 'restored', (t) => ({ content: t, deleted }));
      if (!deleted)
        await db.templateFolder.deleteMany({ where: { path: row.path, deletedAt: { not: null } } });
      return toTemplate(await db.template.findUniqueOrThrow({ where: { id } }));
    },
    async versions(id) {
      return (
        await db.templateVersion.findMany({ where: { templateId: id }, orderBy: { version: 'asc' } })
      ).map(toVersion);
    },
    async version(id, version) {
      const row = await db.templateVersion.findUnique({
        where: { templateId_version: { templateId: id, version } },
      });
      return row ? toVersion(row) : null;
    },
    async folders() {
      const used = await db.template.groupBy({
        by: ['path'],
        where: { deletedAt: null },
        _count: { _all: true },
      });
      const out = new Map(used.map((g) => [g.path, g._count._all] as const));
      for (const f of await db.templateFolder.findMany({ where: { deletedAt: null } }))
        if (!out.has(f.path)) out.set(f.path, 0);
      return [...out].map(([path, count]) => ({ path, count }));
    },
    async listInFolder(path) {
      return (await db.template.findMany({ where: { deletedAt: null, path } })).map(toTemplate);
    },
    async createFolder(path) {
      await db.templateFolder.upsert({ where: { path }, create: { path }, update: { deletedAt: null } });
    },
    async moveFolder(from, to, author) {
      const moving = await activeUnder(from);
      const ids = moving.map((t) => t.id);
      await changeMany(ids, author, 'moved', (t) => ({
        content: { ...t, path: to + t.path.slice(from.length) },
        deleted: false,
      }));
      const folders = (await db.templateFolder.findMany()).filter((f) => isUnder(f.path, from));
      await db.$transaction(async (tx) => {
        for (const f of folders) {
          await tx.templateFolder.delete({ where: { path: f.path } });
          const target = to + f.path.slice(from.length);
          await tx.templateFolder.upsert({
            where: { path: target },
            create: { path: target, deletedAt: f.deletedAt },
            update: { deletedAt: f.deletedAt },
          });
        }
      });
      return ids;
    },
    async deleteFolder(path, author) {
      const ids = (await activeUnder(path)).map((t) => t.id);
      await changeMany(ids, author, 'deleted', (t) => ({ content: t, deleted: true }));
      const folders = (await db.templateFolder.findMany({ where: { deletedAt: null } })).filter((f) =>
        isUnder(f.path, path),
      );
      for (const f of folders)
        await db.templateFolder.update({ where: { path: f.path }, data: { deletedAt: new Date() } });
      return ids;
    },
  };
}
