import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * One SQLite connection, one thing at a time. Prisma's better-sqlite3 adapter runs every query on a single
 * connection and serialises transactions among themselves only: a query issued outside a transaction while
 * another is open runs *inside* it — it reads the transaction's uncommitted rows, and an awaited, fulfilled
 * write is silently undone when that transaction rolls back (an acknowledged webhook, an outbox row marked
 * sent). This wrapper makes every query outside a transaction wait until no transaction is open, and a
 * transaction wait for the queries before it (tests/integration/sqlite-transactions.test.ts).
 */
export function serializeSqlite(
  inner: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => serialized(await inner.connect()),
    connectToShadowDb: async () => serialized(await inner.connectToShadowDb()),
  };
}

/** A FIFO lock: `acquire` resolves with the function that releases it. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const turn = tail.then(() => release);
      tail = tail.then(() => released);
      return turn;
    },
  };
}

function serialized(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = createLock();
  const alone = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script) => alone(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      // The lock is held until the transaction ends, whichever way.
      const end = (finish: () => Promise<void>) => async () => {
        try {
          await finish();
        } finally {
          release();
        }
      };
      const wrapped: Transaction = {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => tx.queryRaw(query),
        executeRaw: (query) => tx.executeRaw(query),
        commit: end(() => tx.commit()),
        rollback: end(() => tx.rollback()),
      };
      if (tx.createSavepoint) wrapped.createSavepoint = (name) => tx.createSavepoint!(name);
      if (tx.rollbackToSavepoint) wrapped.rollbackToSavepoint = (name) => tx.rollbackToSavepoint!(name);
      if (tx.releaseSavepoint) wrapped.releaseSavepoint = (name) => tx.releaseSavepoint!(name);
      return wrapped;
    },
  };
}
