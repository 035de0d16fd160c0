/**
 * The audit log in lanes (0043): each lane is a keyed chain of its own, and the chain check still names a row moved
 * between lanes or a lane removed. Concurrent writers are in audit-lanes.pg.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { verifyAuditChain } from './audit-chain.js';
import { AUDIT_LANES, writeAudit } from './audit.js';
import { rowsOf, type Db } from './db.js';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.close();
});

const subject = { actorName: 'lanes', ip: null };
const write = (db: Db, action: string) => writeAudit(db, subject, { action, result: 'success' });

const rowsOfAction = async (db: Db, action: string) =>
  rowsOf<{ lane: number; seq: string | number }>(await db.execute(sql`select lane, seq from audit_log where action = ${action} order by id`)).map((row) => ({
    lane: Number(row.lane),
    seq: Number(row.seq),
  }));

const superuser = async (db: Db, statement: ReturnType<typeof sql>) => {
  // What someone with database rights can do: step around the append-only triggers.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
};

/** Runs the check on a copy of the log: the damage is rolled back, so each test starts from an intact chain. */
const checkDamaged = async (damage: (tx: Db) => Promise<void>) => {
  let problem: Awaited<ReturnType<typeof verifyAuditChain>>['problem'];
  await database.db
    .transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await damage(tx);
      problem = (await verifyAuditChain(tx)).problem;
      throw new Error('roll back');
    })
    .catch((error: Error) => {
      if (error.message !== 'roll back') throw error;
    });
  return problem;
};

describe('the audit log in lanes', () => {
  test('one transaction writes its rows in one lane, in order; the chain verifies', async () => {
    await database.db.transaction(async (tx) => {
      await write(tx, 'lanes.same-1');
      await write(tx, 'lanes.same-2');
      await write(tx, 'lanes.same-3');
    });
    const rows = await rowsOfAction(database.db, 'lanes.same-1').then(async (first) => [
      ...first,
      ...(await rowsOfAction(database.db, 'lanes.same-2')),
      ...(await rowsOfAction(database.db, 'lanes.same-3')),
    ]);
    assert.equal(new Set(rows.map((row) => row.lane)).size, 1, JSON.stringify(rows));
    assert.deepEqual(
      rows.map((row) => row.seq - rows[0]!.seq),
      [0, 1, 2],
    );
    const chain = await verifyAuditChain(database.db);
    assert.equal(chain.problem, undefined);
    assert.ok(chain.checkedRows >= 3);
  });

  test('a row moved to another lane, at that lane\'s next place with its tail moved too, does not verify', async () => {
    await write(database.db, 'lanes.moved');
    const [row] = await rowsOfAction(database.db, 'lanes.moved');
    const other = (row!.lane + 1) % AUDIT_LANES;
    const problem = await checkDamaged(async (tx) => {
      const [tail] = rowsOf<{ seq: string | number }>(await tx.execute(sql`select seq from audit_lanes where lane = ${other}`));
      const place = Number(tail!.seq) + 1;
      // The row's own lane is left whole: its tail steps back to the row before, whose MAC anyone can read.
      await tx.execute(sql`update audit_lanes set seq = seq - 1,
        mac = (select mac from audit_log where lane = ${row!.lane} and seq = ${row!.seq - 1}) where lane = ${row!.lane}`);
      await tx.execute(sql`update audit_log set lane = ${other}, seq = ${place} where action = 'lanes.moved'`);
      await tx.execute(sql`update audit_lanes set seq = ${place}, mac = (select mac from audit_log where action = 'lanes.moved') where lane = ${other}`);
    });
    assert.equal(problem?.lane, other);
    assert.match(problem?.reason ?? '', /密钥封印不符/);
  });

  test('a lane removed whole (its rows and its tail) is named', async () => {
    await write(database.db, 'lanes.whole');
    const [row] = await rowsOfAction(database.db, 'lanes.whole');
    const problem = await checkDamaged(async (tx) => {
      await tx.execute(sql`delete from audit_log where lane = ${row!.lane}`);
      await tx.execute(sql`delete from audit_lanes where lane = ${row!.lane}`);
    });
    assert.equal(problem?.lane, row!.lane);
    assert.match(problem?.reason ?? '', /链尾记录缺失/);
  });

  test('the newest row of a lane deleted: the lane\'s tail names it', async () => {
    await write(database.db, 'lanes.newest');
    const [row] = await rowsOfAction(database.db, 'lanes.newest');
    const problem = await checkDamaged(async (tx) => {
      await tx.execute(sql`delete from audit_log where action = 'lanes.newest'`);
    });
    assert.equal(problem?.lane, row!.lane);
    assert.match(problem?.reason ?? '', new RegExp(`之后缺少第 ${row!.seq} 条审计记录`));
  });

  test('outside a transaction, interleaved writers still chain (the claim and the row commit together)', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, index) => write(database.db, `lanes.loose-${index}`)));
    assert.equal((await verifyAuditChain(database.db)).problem, undefined);
  });
});
