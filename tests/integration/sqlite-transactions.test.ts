import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/storage/database.ts';
import { testDatabaseUrl } from './test-store.ts';

/**
 * A write outside a transaction belongs to nobody's transaction: on SQLite (one connection) Prisma's adapter
 * would run it inside whichever transaction was open, so that transaction's rollback undid it after it had
 * resolved, and reads saw uncommitted rows.
 */
let db: Db | undefined;
let dir: string | undefined;
afterEach(async () => {
  await db?.$disconnect();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('transactions and the writes around them', () => {
  it("an awaited write outside a transaction survives that transaction's rollback, and nobody reads uncommitted rows", async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-tx-'));
    db = await openDatabase(await testDatabaseUrl(dir));
    const open = db;
    let insideWritten!: () => void;
    const written = new Promise<void>((resolve) => {
      insideWritten = resolve;
    });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const failing = open
      .$transaction(async (tx) => {
        await tx.keyValue.create({ data: { key: 'inside', value: '1' } });
        insideWritten();
        await finished;
        throw new Error('business rollback');
      })
      .catch((error: Error) => error.message);
    await written;
    // Issued while the transaction is open (a Prisma query starts when `then` is called): it must not become
    // part of it. A moment passes before the transaction fails, as it would while it awaits other work.
    const outside = open.keyValue.create({ data: { key: 'outside', value: '1' } }).then((r) => r);
    const read = open.keyValue.findMany().then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 200));
    finish();
    expect(await failing).toBe('business rollback');
    await outside;
    expect((await read).map((r) => r.key)).not.toContain('inside');
    expect((await open.keyValue.findMany()).map((r) => r.key)).toEqual(['outside']);
  });
});
