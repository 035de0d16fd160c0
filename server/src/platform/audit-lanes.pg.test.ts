/**
 * Audit writers in lanes (0043) do not wait for one another's COMMIT: with one tail row (before 0043) every audit
 * writer queued behind the one before it, and 12345 intake stopped at about 150 tickets a second. PostgreSQL only:
 * PGlite has one connection, so its writers never overlap.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { verifyAuditChain } from './audit-chain.js';
import { writeAudit } from './audit.js';
import { rowsOf, type Db } from './db.js';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.close();
});

const write = (db: Db, action: string) => writeAudit(db, { actorName: 'lanes', ip: null }, { action, result: 'success' });

const rowsOfAction = async (db: Db, action: string) =>
  rowsOf<{ lane: number; seq: string | number }>(await db.execute(sql`select lane, seq from audit_log where action = ${action} order by id`)).map((row) => ({
    lane: Number(row.lane),
    seq: Number(row.seq),
  }));

describe('concurrent audit writers', () => {
  test('eight open transactions each hold an audit row at once, in eight lanes; all commit and the chain verifies', async () => {
    const writers = 8;
    let wrote = 0;
    let release!: () => void;
    const allWrote = new Promise<void>((resolve) => {
      release = resolve;
    });
    // With one tail the second writer would wait for the first to commit, which waits for all eight: a hang.
    const transactions = Array.from({ length: writers }, (_, index) =>
      database.db.transaction(async (tx) => {
        await write(tx, `lanes.concurrent-${index}`);
        wrote += 1;
        if (wrote === writers) release();
        await allWrote;
      }),
    );
    const timeout = sleep(20_000).then(() => {
      throw new Error(`only ${wrote} of ${writers} writers got a lane while the others held theirs`);
    });
    await Promise.race([Promise.all(transactions), timeout]);
    const lanes = new Set<number>();
    for (let index = 0; index < writers; index += 1) {
      for (const row of await rowsOfAction(database.db, `lanes.concurrent-${index}`)) lanes.add(row.lane);
    }
    assert.equal(lanes.size, writers);
    assert.equal((await verifyAuditChain(database.db)).problem, undefined);
  });

  test('when every lane is held, a writer waits for one and then appends to it', async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select lane from audit_lanes for update');
      let done = false;
      const waiting = write(database.db, 'lanes.waited').then(() => {
        done = true;
      });
      await sleep(300);
      assert.equal(done, false, 'the writer did not wait for a lane');
      await holder.query('commit');
      await waiting;
      assert.equal((await rowsOfAction(database.db, 'lanes.waited')).length, 1);
      assert.equal((await verifyAuditChain(database.db)).problem, undefined);
    } finally {
      await holder.end();
    }
  });
});
