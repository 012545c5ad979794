import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import type {
  SearchableTemplate,
  SuggestionFeedbackStore,
  TemplateIndexSnapshots,
  TemplateSearchFilters,
  TemplateSearchHit,
  TemplateSearchIndex,
  TemplateStore,
  TemplateSuggestion,
} from './ports.ts';
import {
  describeIssues,
  isUnder,
  lastSegment,
  normalizePath,
  type Template,
  type TemplateContent,
  type TemplateRecord,
  type TemplateVersion,
  templateRecordSchema,
} from './template.ts';
import { diffVersions } from './text-diff.ts';

/**
 * The one way templates are read and changed. SQLite (the store) is the truth; the search index is derived
 * from it: loaded from its snapshot or rebuilt at start, updated after every write made here, and caught up
 * with writes made by other processes (the CLI importing while the bot runs) from the rows' `updatedAt`.
 */

/** One record of an import source, before validation. `at` says where it came from: `line 12`, `a/b.md`, `macro 360001`. */
export interface SourceRow {
  at: string;
  value?: unknown;
  /** The source could not even be read as a record (bad JSON, bad CSV quoting…). */
  error?: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: Array<{ at: string; reason: string }>;
  /** Records read from the source, bad ones included. */
  total: number;
}

export interface DuplicateMatch {
  id: string;
  title: string;
  path: string;
  similarity: number;
}

export type SaveOutcome =
  | { status: 'saved'; template: Template }
  | { status: 'duplicates'; duplicates: DuplicateMatch[] }
  | { status: 'conflict'; template: Template }
  | { status: 'not_found' };

export interface FolderListing {
  folder: string;
  subfolders: Array<{ path: string; name: string; count: number }>;
  templates: Template[];
}

export interface TemplateCatalogDeps {
  store: TemplateStore;
  createIndex(opts?: { serialized?: string }): Promise<TemplateSearchIndex>;
  snapshots?: TemplateIndexSnapshots;
  /** What agents sent for which message: suggestions learn from it (none: suggestions do not learn). */
  feedback?: SuggestionFeedbackStore;
  logger: Logger;
  newId?: () => string;
  now?: () => number;
}

/** Rows written by another process may commit a little after rows with later timestamps; re-read this window. */
const CATCH_UP_OVERLAP_MS = 10_000;
const REFRESH_EVERY_MS = 1_000;
/** How long a search waits for the periodic catch-up before answering from what is indexed. */
const CATCH_UP_WAIT_MS = 50;
/**
 * Records written per transaction. SQLite through better-sqlite3 is synchronous, so a chunk is one
 * uninterrupted stretch (~0.8 ms a record): small chunks with a yield between keep Slack acks flowing.
 */
const IMPORT_CHUNK = 200;
/**
 * Indexing is synchronous too (~1 ms a template, more under GC): bulk work yields to the event loop at
 * least every this many milliseconds, so Slack requests are acked while 10,000 templates are indexed.
 */
const YIELD_AFTER_MS = 50;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Returns a function that yields when the current stretch of synchronous work has run long enough. */
function yielder(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < YIELD_AFTER_MS) return;
    await yieldToEventLoop();
    since = performance.now();
  };
}

export const toSearchable = (t: Template): SearchableTemplate => ({
  id: t.id,
  title: t.title,
  body: t.body,
  path: t.path,
  tags: t.tags,
  product: t.product,
});

export function createTemplateCatalog(deps: TemplateCatalogDeps) {
  const { store, logger } = deps;
  const newId = deps.newId ?? (() => `tpl-${randomBytes(6).toString('hex')}`);
  const now = deps.now ?? Date.now;
  let index: TemplateSearchIndex | undefined;
  let loading: Promise<TemplateSearchIndex> | undefined;
  /** updatedAt (ms) of each template (deleted ones too) as we last applied it to the index. */
  const indexedAt = new Map<string, number>();
  let syncedThrough = 0;
  let lastRefresh = 0;
  let dirty = false;
  let catchingUp: Promise<number> | undefined;

  function apply(t: Template, idx: TemplateSearchIndex): void {
    if (indexedAt.get(t.id) === t.updatedAt.getTime()) return;
    if (t.deletedAt) idx.remove(t.id);
    else idx.upsert(toSearchable(t));
    indexedAt.set(t.id, t.updatedAt.getTime());
    syncedThrough = Math.max(syncedThrough, t.updatedAt.getTime());
    dirty = true;
  }

  async function rebuild(): Promise<TemplateSearchIndex> {
    const started = now();
    const fresh = await deps.createIndex();
    const all = await store.listActive();
    const pause = yielder();
    for (const t of all) {
      fresh.upsert(toSearchable(t));
      await pause();
    }
    indexedAt.clear();
    syncedThrough = 0;
    for (const t of all) {
      indexedAt.set(t.id, t.updatedAt.getTime());
      syncedThrough = Math.max(syncedThrough, t.updatedAt.getTime());
    }
    dirty = true;
    logger.info('template index rebuilt', { templates: all.length, ms: now() - started });
    return fresh;
  }

  async function catchUp(idx: TemplateSearchIndex): Promise<number> {
    const changed = await store.changedSince(new Date(Math.max(0, syncedThrough - CATCH_UP_OVERLAP_MS)));
    // Only rows not yet applied as they are now are read in full (after a bulk import the overlap window
    // holds thousands of rows the index already has).
    const stale = changed.filter((c) => indexedAt.get(c.id) !== c.updatedAt.getTime()).map((c) => c.id);
    const rows = stale.length ? await store.getMany(stale) : [];
    rows.sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime());
    const pause = yielder();
    for (const t of rows) {
      apply(t, idx);
      await pause();
    }
    lastRefresh = now();
    return rows.length;
  }

  async function load(): Promise<TemplateSearchIndex> {
    const snapshot = await deps.snapshots?.read().catch((error: unknown) => {
      logger.warn('template index snapshot unreadable; rebuilding', { error });
      return null;
    });
    if (snapshot) {
      try {
        const restored = await deps.createIndex({ serialized: snapshot.index });
        syncedThrough = snapshot.syncedThrough;
        indexedAt.clear();
        for (const [id, at] of snapshot.indexedAt) indexedAt.set(id, at);
        const applied = await catchUp(restored);
        if (restored.size === (await store.countActive())) {
          dirty = applied > 0;
          logger.info('template index loaded from snapshot', { templates: restored.size, caughtUp: applied });
          return restored;
        }
        logger.warn('template index snapshot does not match the database; rebuilding', {
          indexed: restored.size,
        });
      } catch (error) {
        logger.warn('template index snapshot could not be loaded; rebuilding', { error });
      }
    }
    indexedAt.clear();
    const built = await rebuild();
    lastRefresh = now();
    return built;
  }

  /** The index, loaded once (snapshot or rebuild) and caught up with other processes' writes at most once a second. */
  async function ready(): Promise<TemplateSearchIndex> {
    if (!index) {
      loading ??= load().then((i) => {
        index = i;
        return i;
      });
      return loading;
    }
    // A catch-up already running (a bulk import elsewhere) is not waited for: search what is indexed so far.
    if (!catchingUp && now() - lastRefresh >= REFRESH_EVERY_MS) {
      catchingUp = catchUp(index).finally(() => {
        catchingUp = undefined;
      });
      let timer: NodeJS.Timeout | undefined;
      const pending = new Promise<'pending'>((resolve) => {
        timer = setTimeout(() => resolve('pending'), CATCH_UP_WAIT_MS);
      });
      await Promise.race([catchingUp, pending]);
      clearTimeout(timer);
    }
    return index;
  }

  async function duplicatesOf(
    content: { id?: string; title: string; body: string },
    limit = 5,
  ): Promise<DuplicateMatch[]> {
    const idx = await ready();
    const found = idx.findNearDuplicates(content, { limit });
    if (found.length === 0) return [];
    const templates = new Map((await store.getMany(found.map((d) => d.id))).map((t) => [t.id, t]));
    return found.flatMap((d) => {
      const t = templates.get(d.id);
      return t && !t.deletedAt ? [{ id: d.id, title: t.title, path: t.path, similarity: d.similarity }] : [];
    });
  }

  async function written(t: Template | null): Promise<void> {
    if (t) apply(t, await ready());
  }

  /** The index the stored sent-template examples were last replayed into. */
  let learnedInto: TemplateSearchIndex | undefined;
  /** The index with every recorded "sent T for X" applied (once per index: a reindex replays them). */
  async function learned(): Promise<TemplateSearchIndex> {
    const idx = await ready();
    if (learnedInto !== idx) {
      learnedInto = idx;
      for (const example of (await deps.feedback?.list()) ?? [])
        idx.learnSent(example.templateId, example.text);
    }
    return idx;
  }

  return {
    ready: async () => {
      await ready();
    },
    /** Resolves once no index load or catch-up is running (before closing the database). */
    async idle(): Promise<void> {
      await loading?.catch(() => undefined);
      await catchingUp?.catch(() => undefined);
    },
    /**
     * Templates changed in the database (by any instance) that the index has not applied yet; null while
     * the index is not loaded. 0 = caught up (readiness).
     */
    async lag(): Promise<number | null> {
      if (!index) return null;
      const changed = await store.changedSince(new Date(Math.max(0, syncedThrough - CATCH_UP_OVERLAP_MS)));
      return changed.filter((c) => indexedAt.get(c.id) !== c.updatedAt.getTime()).length;
    },
    /** Catches a loaded index up with other instances' writes (the scheduler); nothing before it loaded. */
    async catchUpLoaded(): Promise<number> {
      if (!index) return 0;
      if (catchingUp) return catchingUp;
      catchingUp = catchUp(index).finally(() => {
        catchingUp = undefined;
      });
      return catchingUp;
    },
    /** Catches the index up with the database now (after a bulk write by this process or another). */
    async refresh(): Promise<number> {
      const idx = await ready();
      await catchingUp;
      return catchUp(idx);
    },
    async reindex(): Promise<number> {
      index = await rebuild();
      loading = Promise.resolve(index);
      return index.size;
    },
    async search(
      query: string,
      opts: { limit?: number; filters?: TemplateSearchFilters } = {},
    ): Promise<TemplateSearchHit[]> {
      return (await ready()).search(query, opts);
    },
    /** The key phrases of a customer's message (content words, most telling first kept), to prefill a search. */
    async keyPhrases(message: string, opts: { max?: number } = {}): Promise<string> {
      return (await ready()).keyPhrases(message, opts);
    },
    /** Templates that answer a customer's message, best first; empty when nothing fits (issue 13). */
    async suggest(message: string, opts: { limit?: number } = {}): Promise<TemplateSuggestion[]> {
      return (await learned()).suggest(message, opts);
    },
    /** Many messages against one index load (CLI --batch). */
    async suggestMany(messages: string[], opts: { limit?: number } = {}): Promise<TemplateSuggestion[][]> {
      const idx = await learned();
      return messages.map((m) => idx.suggest(m, opts));
    },
    /** "Agents sent `templateId` for `message`": stored, and similar later messages rank it higher. */
    async recordSent(templateId: string, message: string): Promise<void> {
      await deps.feedback?.recordSent({ templateId, text: message });
      if (learnedInto !== undefined) learnedInto.learnSent(templateId, message);
    },
    /** Many queries against one index load (CLI --batch). */
    async searchMany(queries: string[], opts: { limit?: number } = {}): Promise<TemplateSearchHit[][]> {
      const idx = await ready();
      return queries.map((q) => idx.search(q, opts));
    },
    get: (id: string) => store.get(id),
    versions: (id: string) => store.versions(id),
    version: (id: string, v: number) => store.version(id, v),
    async diff(
      id: string,
      from: number,
      to: number,
    ): Promise<{ from: TemplateVersion; to: TemplateVersion; lines: string[] } | null> {
      const [a, b] = await Promise.all([store.version(id, from), store.version(id, to)]);
      if (!a || !b) return null;
      return { from: a, to: b, lines: diffVersions(a, b) };
    },
    /** Templates whose normalised text is nearly the same as this one (its own id excluded). */
    nearDuplicates: duplicatesOf,
    async duplicateGroups(): Promise<Array<{ ids: string[] }>> {
      return (await ready()).duplicateGroups();
    },

    /** Creates a template; near-duplicates stop it unless `force`. */
    async create(
      content: TemplateContent,
      author: string | null,
      opts: { force?: boolean; id?: string } = {},
    ): Promise<SaveOutcome> {
      if (!opts.force) {
        const duplicates = await duplicatesOf(content);
        if (duplicates.length > 0) return { status: 'duplicates', duplicates };
      }
      const { template } = await store.save(opts.id ?? newId(), content, { author, change: 'created' });
      await written(template);
      return { status: 'saved', template };
    },
    /** Saves a new version; near-duplicates of other templates stop it unless `force`; a stale `expectedVersion` is a conflict. */
    async update(
      id: string,
      content: TemplateContent,
      author: string | null,
      opts: { force?: boolean; expectedVersion?: number } = {},
    ): Promise<SaveOutcome> {
      const current = await store.get(id);
      if (!current || current.deletedAt) return { status: 'not_found' };
      if (opts.expectedVersion !== undefined && current.version !== opts.expectedVersion)
        return { status: 'conflict', template: current };
      if (!opts.force && (content.title !== current.title || content.body !== current.body)) {
        const duplicates = await duplicatesOf({ id, title: content.title, body: content.body });
        if (duplicates.length > 0) return { status: 'duplicates', duplicates };
      }
      const change =
        content.path !== current.path && content.title === current.title && content.body === current.body
          ? 'moved'
          : 'edited';
      const { template } = await store.save(id, content, {
        author,
        change,
        expectedVersion: current.version,
      });
      await written(template);
      return { status: 'saved', template };
    },
    async move(id: string, path: string, author: string | null): Promise<SaveOutcome> {
      const current = await store.get(id);
      if (!current || current.deletedAt) return { status: 'not_found' };
      const { template } = await store.save(
        id,
        { ...current, path: normalizePath(path) },
        { author, change: 'moved' },
      );
      await written(template);
      return { status: 'saved', template };
    },
    async remove(id: string, author: string | null): Promise<Template | null> {
      const t = await store.setDeleted(id, true, author);
      await written(t);
      return t;
    },
    async restore(id: string, author: string | null): Promise<Template | null> {
      const t = await store.setDeleted(id, false, author);
      await written(t);
      return t;
    },

    async browse(folder: string): Promise<FolderListing> {
      const at = normalizePath(folder);
      const counts = new Map<string, number>();
      for (const f of await store.folders()) {
        if (f.path === at || !isUnder(f.path, at)) continue;
        const rest = at === '' ? f.path : f.path.slice(at.length + 1);
        const child = at === '' ? rest.split('/')[0]! : `${at}/${rest.split('/')[0]}`;
        counts.set(child, (counts.get(child) ?? 0) + f.count);
      }
      const subfolders = [...counts]
        .map(([path, count]) => ({ path, name: lastSegment(path), count }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
      const templates = (await store.listInFolder(at)).sort((a, b) => a.title.localeCompare(b.title, 'ja'));
      return { folder: at, subfolders, templates };
    },
    createFolder: (path: string) => store.createFolder(normalizePath(path)),
    async moveFolder(from: string, to: string, author: string | null): Promise<number> {
      const [a, b] = [normalizePath(from), normalizePath(to)];
      if (a === '' || isUnder(b, a)) return 0;
      const ids = await store.moveFolder(a, b, author);
      for (const t of await store.getMany(ids)) await written(t);
      return ids.length;
    },
    async deleteFolder(path: string, author: string | null): Promise<number> {
      const ids = await store.deleteFolder(normalizePath(path), author);
      for (const t of await store.getMany(ids)) await written(t);
      return ids.length;
    },

    /**
     * Imports records by their own id: new ids are created, changed ones get a version, identical ones are
     * left alone. Bad records are skipped with where they were and why; they never stop the rest.
     */
    async importRows(
      rows: Iterable<SourceRow> | AsyncIterable<SourceRow>,
      author: string | null,
    ): Promise<ImportReport> {
      const report: ImportReport = { created: 0, updated: 0, unchanged: 0, skipped: [], total: 0 };
      const seen = new Map<string, string>();
      let chunk: Array<{ at: string; record: TemplateRecord }> = [];
      const flush = async () => {
        if (chunk.length === 0) return;
        const results = await store.saveMany(
          chunk.map((c) => c.record),
          { author, change: 'imported' },
        );
        results.forEach((r, i) => {
          if (r.outcome === 'deleted')
            report.skipped.push({
              at: chunk[i]!.at,
              reason: `template ${r.id} was deleted in yorisoi; restore it to import over it`,
            });
          else report[r.outcome]++;
        });
        chunk = [];
        await yieldToEventLoop();
      };
      for await (const row of rows) {
        report.total++;
        if (row.error !== undefined) {
          report.skipped.push({ at: row.at, reason: row.error });
          continue;
        }
        const parsed = templateRecordSchema.safeParse(row.value);
        if (!parsed.success) {
          report.skipped.push({ at: row.at, reason: describeIssues(parsed.error) });
          continue;
        }
        const first = seen.get(parsed.data.id);
        if (first !== undefined) {
          report.skipped.push({ at: row.at, reason: `id ${parsed.data.id} already appeared at ${first}` });
          continue;
        }
        seen.set(parsed.data.id, row.at);
        chunk.push({ at: row.at, record: parsed.data });
        if (chunk.length >= IMPORT_CHUNK) await flush();
      }
      await flush();
      if (index) await catchUp(index);
      return report;
    },
    listActive: () => store.listActive(),

    /** Writes the index snapshot if anything changed since the last one. */
    async saveSnapshot(force = false): Promise<boolean> {
      if (!index || !deps.snapshots || (!dirty && !force)) return false;
      await deps.snapshots.write({
        syncedThrough,
        count: index.size,
        indexedAt: [...indexedAt],
        index: index.serialize(),
      });
      dirty = false;
      return true;
    },
    /** False until the index has been loaded or rebuilt (start-up with many templates takes seconds). */
    get isLoaded(): boolean {
      return index !== undefined;
    },
    get indexSize(): number {
      return index?.size ?? 0;
    },
  };
}

export type TemplateCatalog = ReturnType<typeof createTemplateCatalog>;
