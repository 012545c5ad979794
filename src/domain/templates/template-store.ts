import type {
  Template,
  TemplateChange,
  TemplateContent,
  TemplateRecord,
  TemplateVersion,
} from './template.ts';

export interface SaveResult {
  template: Template;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Where templates are kept (SQLite through Prisma in src/storage). Every save that changes content adds a version. */
export interface TemplateStore {
  get(id: string): Promise<Template | null>;
  getMany(ids: string[]): Promise<Template[]>;
  /** Every template not deleted (start-up rebuild, export). */
  listActive(): Promise<Template[]>;
  /** Ids and `updatedAt` of templates (deleted ones too) whose row changed at or after `since`; keeps the index in step. */
  changedSince(since: Date): Promise<Array<{ id: string; updatedAt: Date }>>;
  countActive(): Promise<number>;
  /** Creates the template or, when its content differs, adds a version. `expectedVersion` guards concurrent edits. */
  save(
    id: string,
    content: TemplateContent,
    meta: { author: string | null; change: TemplateChange; expectedVersion?: number },
  ): Promise<SaveResult>;
  /** Batch form of save for imports: one transaction per chunk. Deleted templates are left alone. */
  saveMany(
    records: TemplateRecord[],
    meta: { author: string | null; change: TemplateChange },
  ): Promise<Array<{ id: string; outcome: SaveResult['outcome'] | 'deleted' }>>;
  setDeleted(id: string, deleted: boolean, author: string | null): Promise<Template | null>;
  versions(id: string): Promise<TemplateVersion[]>;
  version(id: string, version: number): Promise<TemplateVersion | null>;
  /** Template count per folder path (active templates), plus folders made empty on purpose (count 0). */
  folders(): Promise<Array<{ path: string; count: number }>>;
  listInFolder(path: string): Promise<Template[]>;
  createFolder(path: string): Promise<void>;
  /** Moves every active template at or below `from` to the same place below `to`; returns the ids moved. */
  moveFolder(from: string, to: string, author: string | null): Promise<string[]>;
  /** Soft-deletes every active template at or below `path` and the folder itself; returns the ids deleted. */
  deleteFolder(path: string, author: string | null): Promise<string[]>;
}

/** The persisted search-index snapshot, kept next to the database. */
export interface TemplateIndexSnapshot {
  /** Newest `updatedAt` (ms) the index has seen. */
  syncedThrough: number;
  count: number;
  /** `updatedAt` (ms) of each template as indexed, so catching up skips rows the snapshot already holds. */
  indexedAt: Array<[string, number]>;
  index: string;
}

export interface TemplateIndexSnapshots {
  read(): Promise<TemplateIndexSnapshot | null>;
  write(snapshot: TemplateIndexSnapshot): Promise<void>;
}
