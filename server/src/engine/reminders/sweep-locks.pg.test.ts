/**
 * The 催办 sweep never waits on a user's action. An action claims its case row first and then writes the case's
 * assignments and clocks; a sweep that held rows of many cases in one transaction and then waited on that case row
 * deadlocked with it (the crash test's one 500: a 答复 lost to "deadlock detected" right after a restart, when the
 * start-time sweep ran). Here a transaction holds a case as an action does; the sweep must finish without waiting,
 * leave that case for later, and the action must then write its assignments and clocks and commit. PostgreSQL only:
 * PGlite has one connection, so nothing runs beside the sweep there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../../test/test-db.js';
import { runReminderSweep } from './sweep.js';

const DAY = 86_400_000;
let database: TestDatabase;
let t: TestContext;

before(async () => {
  if (!testDatabaseUrl) return;
  database = await createTestDatabase();
  t = await startTestApp({ database });
});

after(async () => {
  await t?.close();
  await database?.close();
});

/** Registers three 批示件, each given to one unit with a 1-working-day limit; returns their ids. */
const assignedCases = async (): Promise<string[]> => {
  const db = database.db;
  const unit = await buildUnit(db, { name: '锁测试局' });
  await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
  const clerk = await actingAs(t.app, db, ['clerk']);
  const leader = await actingAs(t.app, db, ['leader']);
  const ids: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    const created = await clerk.request('POST', '/api/cases', {
      kind: 'instruction',
      fields: { leaderId: leader.user.id, leaderName: '张明远', instructedOn: t.clock.now().toISOString().slice(0, 10), instruction: '请研究落实。', sourceTitle: `锁测试事项 ${index + 1}` },
    });
    assert.equal(created.statusCode, 200, created.body);
    const { id, version } = created.json() as { id: string; version: number };
    const assigned = await clerk.request('POST', `/api/cases/${id}/actions/assign`, { version, units: [{ unitId: unit.id, role: 'lead', dueDays: 1 }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    ids.push(id);
  }
  return ids;
};

const remindersOf = async (client: pg.Client, caseId: string): Promise<number> =>
  (await client.query<{ n: number }>(`select count(*)::int as n from case_events where case_id = $1 and action = 'remind'`, [caseId])).rows[0]!.n;

describe('催办 sweep beside an action', { skip: !testDatabaseUrl && 'needs TEST_DATABASE_URL (PostgreSQL)' }, () => {
  test('the sweep skips a case an action holds, never waits on it, and the action commits', { timeout: 60_000 }, async () => {
    const assignedAt = new Date(Date.now() - 30 * DAY);
    t.clock.set(assignedAt);
    const [held, ...others] = await assignedCases();
    const weekLater = new Date(assignedAt.getTime() + 7 * DAY); // every clock is 逾期 now, no status swept yet

    const action = new pg.Client({ connectionString: database.url });
    const watcher = new pg.Client({ connectionString: database.url });
    await action.connect();
    await watcher.connect();
    try {
      const backend = (await action.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      // As performAction does: claim the case row first.
      await action.query('begin');
      await action.query('update cases set version = version + 1 where id = $1', [held]);

      let finished = false;
      const sweep = runReminderSweep({ db: database.db, now: weekLater }).finally(() => {
        finished = true;
      });
      // Until the sweep ends, no other backend of this database may wait on a lock (the action holds the only one).
      const waits: string[] = [];
      while (!finished && waits.length === 0) {
        const { rows } = await watcher.query<{ query: string }>(
          `select query from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> $1`,
          [backend],
        );
        waits.push(...rows.map((row) => row.query));
        await sleep(20);
      }
      // A sweep found waiting is let go (the action gives up) before the test fails.
      if (waits.length > 0) await action.query('rollback');
      const result = await sweep;
      assert.deepEqual(waits, [], 'the sweep waited on a lock the action holds');
      assert.equal(result.ran, true);

      // Then the action goes on with the case's assignments and clocks (FOR UPDATE conflicts with the key share a
      // clock_reminders insert takes on its clock row) and commits.
      await action.query('update assignments set due_status = due_status where case_id = $1', [held]);
      await action.query('select id from case_clocks where case_id = $1 for update', [held]);
      await action.query('commit');

      // The sweep left the held case alone and did the others.
      assert.equal(await remindersOf(watcher, held!), 0, 'no 催办 on the case the action held');
      for (const id of others) assert.ok((await remindersOf(watcher, id)) > 0, '催办 on the cases nobody held');
      const status = async (id: string) => (await watcher.query<{ due_status: string }>('select due_status from cases where id = $1', [id])).rows[0]!;
      assert.equal((await status(others[0]!)).due_status, 'red');

      // The next minute's sweep finds the case free and sends its 催办.
      const next = await runReminderSweep({ db: database.db, now: weekLater });
      assert.ok(next.reminders > 0);
      assert.ok((await remindersOf(watcher, held!)) > 0, 'the held case is reminded once free');
      assert.equal((await runReminderSweep({ db: database.db, now: weekLater })).reminders, 0, 'nothing is sent twice');
    } finally {
      await action.query('rollback').catch(() => undefined);
      await action.end();
      await watcher.end();
    }
  });
});
