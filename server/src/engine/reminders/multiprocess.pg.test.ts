/**
 * Two server processes on one PostgreSQL send each 催办 exactly once. First the sweep itself,
 * run many times at once from two separate pools (two processes' worth of connections); then two
 * real server processes started together, each sweeping at start. PostgreSQL only: the
 * once-only guarantee rests on pg_try_advisory_xact_lock and the clock_reminders key.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { caseClocks, clockReminders, notifications } from '../../db/schema/index.js';
import { openDatabase, rowsOf, type Database } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../../test/test-db.js';
import { runReminderSweep, type SweepResult } from './sweep.js';

const DAY = 86_400_000;
const HANDLE_APP = 'fuban_sweep_process';
const root = path.resolve(import.meta.dirname, '../../../..');

type Actor = Awaited<ReturnType<typeof actingAs>>;
type Office = { clerk: Actor; leader: Actor; units: Array<{ id: string; liaisons: Actor[] }> };

let database: TestDatabase;
let t: TestContext;
let office: Office;
const handles: Database[] = [];

before(async () => {
  if (!testDatabaseUrl) return;
  database = await createTestDatabase();
  t = await startTestApp({ database });
  const db = database.db;
  const units = [];
  for (let index = 0; index < 4; index += 1) {
    const unit = await buildUnit(db, { name: `催办测试局${index + 1}` });
    // The first unit has two 联络员: a reminder reaches each of them once.
    const liaisons = [];
    for (let n = 0; n < (index === 0 ? 2 : 1); n += 1) liaisons.push(await actingAs(t.app, db, ['liaison'], { unitId: unit.id }));
    units.push({ id: unit.id, liaisons });
  }
  office = { clerk: await actingAs(t.app, db, ['clerk']), leader: await actingAs(t.app, db, ['leader']), units };
  // Two pools on the same database, standing for two server processes.
  const url = new URL(database.url!);
  url.searchParams.set('application_name', HANDLE_APP);
  for (let n = 0; n < 2; n += 1) handles.push(await openDatabase({ databaseUrl: url.toString(), dataDir: '' }));
});

after(async () => {
  for (const handle of handles) await handle.close();
  // pg's pool.end() returns before its backends have exited; the database is dropped WITH (FORCE) next,
  // which would kill them mid-goodbye (an uncaught 57P01). Wait until the two pools' backends are gone.
  for (let tries = 0; database && tries < 100; tries += 1) {
    const [left] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${HANDLE_APP}`),
    );
    if (left!.n === 0) break;
    await sleep(20);
  }
  await t?.close();
  await database?.close();
});

/** Registers `count` 批示件 and gives each to a lead and an assisting unit with a 1-working-day limit, at the test clock's time. */
const assignCases = async (count: number): Promise<string[]> => {
  const { clerk, leader, units } = office;
  const assignmentIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const created = await clerk.request('POST', '/api/cases', {
      kind: 'instruction',
      fields: {
        leaderId: leader.user.id,
        leaderName: '张明远',
        instructedOn: new Date(t.clock.now().getTime()).toISOString().slice(0, 10),
        instruction: '请抓紧研究落实，按期报告办理情况。',
        sourceTitle: `催办测试事项 ${index + 1}`,
      },
    });
    assert.equal(created.statusCode, 200, created.body);
    const { id, version } = created.json() as { id: string; version: number };
    const lead = units[index % units.length]!;
    const assist = units[(index + 1) % units.length]!;
    const assigned = await clerk.request('POST', `/api/cases/${id}/actions/assign`, {
      version,
      units: [
        { unitId: lead.id, role: 'lead', dueDays: 1 },
        { unitId: assist.id, role: 'assist', dueDays: 1 },
      ],
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const detail = (await clerk.request('GET', `/api/cases/${id}`)).json() as { assignments: Array<{ id: string }> };
    assignmentIds.push(...detail.assignments.map((assignment) => assignment.id));
  }
  return assignmentIds;
};

type Sent = { rule: string; targetId: string; dueDate: string };
type Note = { userId: string; assignmentId: string | null; title: string };

const remindersOf = async (assignmentIds: readonly string[]): Promise<Sent[]> =>
  (
    await database.db
      .select({ rule: clockReminders.rung, targetId: caseClocks.assignmentId, dueDate: clockReminders.dueAt })
      .from(clockReminders)
      .innerJoin(caseClocks, eq(caseClocks.id, clockReminders.clockRowId))
  ).flatMap((row) => (row.targetId && assignmentIds.includes(row.targetId) ? [{ ...row, targetId: row.targetId }] : []));

const notesOf = async (assignmentIds: readonly string[]): Promise<Note[]> =>
  (await database.db.select().from(notifications)).filter((row) => row.assignmentId !== null && assignmentIds.includes(row.assignmentId));

const ruleOfTitle = (title: string) => (title.startsWith('逾期催办') ? 'overdue' : title.startsWith('临期提醒') ? 'due_soon' : title);

/**
 * Each assignment got exactly one clock_reminders row per rule, one 催办 trail event per row, and each
 * 联络员 of its unit (plus, when overdue, the case's handler) exactly one notification per rule.
 */
const assertExactlyOnce = async (assignmentIds: readonly string[], rules: readonly string[]) => {
  const all = await remindersOf(assignmentIds);
  // Rungs further up the ladder (the director after 3 working days late) are each sent at most once too.
  for (const assignmentId of assignmentIds) assert.ok(all.filter((row) => row.targetId === assignmentId && row.rule === 'escalate.director').length <= 1);
  const sent = all.filter((row) => rules.includes(row.rule));
  for (const assignmentId of assignmentIds) {
    for (const rule of rules) {
      assert.equal(sent.filter((row) => row.targetId === assignmentId && row.rule === rule).length, 1, `${rule} clock_reminders rows for ${assignmentId}`);
    }
  }
  assert.equal(sent.length, assignmentIds.length * rules.length);

  const unitOf = new Map(
    rowsOf<{ id: string; unit_id: string }>(await database.db.execute(sql`select id, unit_id from assignments`)).map((row) => [row.id, row.unit_id]),
  );
  const expected = new Map<string, number>();
  for (const assignmentId of assignmentIds) {
    const unit = office.units.find((item) => item.id === unitOf.get(assignmentId))!;
    for (const rule of rules) {
      for (const liaison of unit.liaisons) expected.set(`${liaison.user.id}|${assignmentId}|${rule}`, 1);
      if (rule === 'overdue') expected.set(`${office.clerk.user.id}|${assignmentId}|${rule}`, 1);
    }
  }
  const actual = new Map<string, number>();
  for (const note of await notesOf(assignmentIds)) {
    if (!rules.includes(ruleOfTitle(note.title))) continue;
    const key = `${note.userId}|${note.assignmentId}|${ruleOfTitle(note.title)}`;
    actual.set(key, (actual.get(key) ?? 0) + 1);
  }
  assert.deepEqual([...actual.entries()].sort(), [...expected.entries()].sort(), 'notifications per (user, assignment, rule)');

  const [events] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from case_events where action = 'remind' and data->>'assignmentId' in ${sql.raw(`('${assignmentIds.join("','")}')`)} and data->>'rule' in ${sql.raw(`('${rules.join("','")}')`)}`),
  );
  assert.equal(events!.n, assignmentIds.length * rules.length, '催办 trail events');
};

/** `rounds` waves of `perWave` sweeps at once, alternating between the two pools. */
const sweepConcurrently = async (now: Date, rounds: number, perWave: number): Promise<SweepResult[]> => {
  const results: SweepResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    results.push(...(await Promise.all(Array.from({ length: perWave }, (_, index) => runReminderSweep({ db: handles[index % 2]!.db, now })))));
  }
  return results;
};

describe('催办 with two processes on one PostgreSQL', { skip: !testDatabaseUrl && 'needs TEST_DATABASE_URL (PostgreSQL)' }, () => {
  test('concurrent sweeps from two pools send each reminder exactly once', { timeout: 120_000 }, async (context) => {
    const assignedAt = new Date(Date.now() - 30 * DAY);
    t.clock.set(assignedAt);
    const assignmentIds = await assignCases(12);

    // Due in one working day: 临期 (yellow) today — one due_soon reminder each.
    const soon = await sweepConcurrently(assignedAt, 5, 16);
    const sentSoon = soon.reduce((sum, result) => sum + result.reminders, 0);
    assert.equal(sentSoon, assignmentIds.length, 'due_soon reminders sent across all sweeps');
    await assertExactlyOnce(assignmentIds, ['due_soon']);

    // A week later: 逾期 (red) — one overdue reminder each, however many sweeps run at once.
    const weekLater = new Date(assignedAt.getTime() + 7 * DAY);
    const late = await sweepConcurrently(weekLater, 5, 16);
    const sentLate = late.reduce((sum, result) => sum + result.reminders, 0);
    // More than 3 working days late (unless a holiday intervenes) the ladder's next rung goes to the director too, once.
    const escalations = (await remindersOf(assignmentIds)).filter((row) => row.rule === 'escalate.director').length;
    assert.equal(sentLate, assignmentIds.length + escalations, 'overdue reminders (and escalations) sent across all sweeps');
    await assertExactlyOnce(assignmentIds, ['due_soon', 'overdue']);

    const all = [...soon, ...late];
    const skipped = all.filter((result) => !result.ran).length;
    const ran = all.filter((result) => result.ran).length;
    // The lock makes concurrent sweeps skip; the totals above are exact either way.
    assert.ok(skipped > 0 || sentSoon + sentLate === 2 * assignmentIds.length + escalations, `${skipped} of ${all.length} sweeps skipped`);
    assert.ok(ran >= 2, 'each stage swept at least once');
    context.diagnostic(`sweeps: ${all.length}, ran: ${ran}, skipped while another held the lock: ${skipped}`);

    // Later sweeps find nothing more to send.
    const again = await sweepConcurrently(weekLater, 1, 8);
    assert.equal(again.reduce((sum, result) => sum + result.reminders, 0), 0);
  });

  test('two real server processes started together each sweep at start; every reminder is sent once', { timeout: 120_000 }, async () => {
    // Assigned just now (due in one working day: 临期) and two weeks ago (逾期), with no sweep run since.
    t.clock.set(new Date(Date.now() - 14 * DAY));
    const overdueIds = await assignCases(6);
    t.clock.set(new Date());
    const soonIds = await assignCases(6);

    const servers = [startServer('A'), startServer('B')];
    try {
      await Promise.all(servers.map((server) => server.ready));
      // Both are listening, so both have started their first sweep; wait until no sweep holds the lock.
      const deadline = Date.now() + 30_000;
      let quiet = 0;
      while (quiet < 10) {
        assert.ok(Date.now() < deadline, 'the start-time sweeps did not finish, or sent too few reminders, within 30 s');
        const [lock] = rowsOf<{ n: number }>(
          await database.db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 7262027 and database = (select oid from pg_database where datname = current_database())`),
        );
        const done = (await remindersOf([...overdueIds, ...soonIds])).length >= overdueIds.length + soonIds.length;
        quiet = lock!.n === 0 && done ? quiet + 1 : 0;
        await sleep(100);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
    for (const server of servers) assert.doesNotMatch(server.output(), /催办扫描失败/, `server ${server.name} logged a failed sweep`);
    // The sweep sends what is due now: 逾期 for the old ones (their 临期 window passed unswept), 临期 for the new.
    await assertExactlyOnce(overdueIds, ['overdue']);
    await assertExactlyOnce(soonIds, ['due_soon']);
  });
});

/** A real server process (`node --import tsx server/src/main.ts`) on the test database, on a free port. */
const startServer = (name: string) => {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server ${name} did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('已启动')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server ${name} exited with ${code}:\n${output}`));
    });
  });
  ready.catch(() => undefined);
  return {
    name,
    ready,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
};
