/** Stored clocks on a real database: save with a version, load, re-time the open ones after a closure day. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser } from '../../../test/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.js';
import { assignments, cases } from '../../db/schema/index.js';
import { AppError, databaseErrorCode } from '../../platform/errors.js';
import { buildCalendar } from '../calendar/calendar.js';
import type { ClockSpec } from './clock.types.js';
import { computeClock } from './compute.js';
import { loadCaseClocks, loadOpenClocks, saveClock, toStoredClock } from './clocks.repository.js';
import { retimeClocks } from './retime.js';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const reply: ClockSpec = {
  id: 'reply',
  label: '答复期限',
  amount: 20,
  unit: 'workday',
  basis: '《政府信息公开条例》第三十三条',
  start: { field: 'receivedAt', label: '收到申请' },
  stopOn: ['reply'],
};
const calendar = buildCalendar({ overrides: [] });

const buildCase = async (seq: number) => {
  const user = await buildUser(database.db);
  const [row] = await database.db
    .insert(cases)
    .values({ kind: 'test', year: 2026, seq, serialNo: `测-${seq}`, title: '依申请公开', state: 'open', fields: {}, ownerUnitId: user.unitId, createdBy: user.id })
    .returning();
  return row!;
};

describe('case_clocks', () => {
  test('save, load, a stale version refused, and re-timing after a local closure', async () => {
    const { db } = database;
    const caseRow = await buildCase(1);
    const inputs = { events: [], fields: { receivedAt: '2026-03-09' } };
    const first = computeClock({ spec: reply, ...inputs, calendar });
    const saved = await saveClock(db, { caseId: caseRow.id, result: first, inputs });
    assert.equal(saved.version, 1);
    assert.equal(saved.dueAt, '2026-04-07');
    assert.equal(saved.state, 'running');
    // One row per clock of a case: a second insert is a unique violation.
    await assert.rejects(saveClock(db, { caseId: caseRow.id, result: first, inputs }), (error: unknown) => databaseErrorCode(error) === '23505');

    const closedCase = await buildCase(2);
    const stoppedInputs = { events: [{ action: 'reply', at: '2026-03-18' }], fields: { receivedAt: '2026-03-09' } };
    await saveClock(db, { caseId: closedCase.id, result: computeClock({ spec: reply, ...stoppedInputs, calendar }), inputs: stoppedInputs });

    const open = await loadOpenClocks(db, { caseIds: [caseRow.id, closedCase.id] });
    assert.deepEqual(open.map((row) => row.caseId), [caseRow.id]);

    // A local closure on 03-20 moves the open clock to 04-08; the new state is saved under its version.
    const closure = buildCalendar({ overrides: [{ date: '2026-03-20', kind: 'holiday', note: '本地闭馆' }] });
    const { moved, results } = retimeClocks({ clocks: open.map((row) => toStoredClock(row, reply)), calendar: closure });
    assert.deepEqual(moved.map((move) => [move.from, move.to, move.because.map((use) => use.date)]), [['2026-04-07', '2026-04-08', ['2026-03-20']]]);
    const updated = await saveClock(db, { caseId: caseRow.id, result: results[0]!.result, inputs, expectedVersion: 1 });
    assert.equal(updated.version, 2);
    assert.equal(updated.dueAt, '2026-04-08');
    await assert.rejects(
      saveClock(db, { caseId: caseRow.id, result: results[0]!.result, inputs, expectedVersion: 1 }),
      (error: unknown) => error instanceof AppError && error.code === 'CONFLICT',
    );

    const [loaded] = await loadCaseClocks(db, caseRow.id);
    assert.equal(loaded!.dueAt, '2026-04-08');
    assert.deepEqual((loaded!.explanation as { calendarOverridesUsed: unknown }).calendarOverridesUsed, [{ date: '2026-03-20', isWorkday: false, note: '本地闭馆' }]);
  });

  test('a clock of an assignment and the same clock of the case live side by side', async () => {
    const { db } = database;
    const caseRow = await buildCase(3);
    const [assignment] = await db
      .insert(assignments)
      .values({ caseId: caseRow.id, unitId: caseRow.ownerUnitId, role: 'lead', state: 'pending', assignedAt: new Date('2026-03-09T09:00:00+08:00') })
      .returning();
    const inputs = { events: [], fields: { receivedAt: '2026-03-09' } };
    const result = computeClock({ spec: reply, ...inputs, calendar });
    await saveClock(db, { caseId: caseRow.id, result, inputs });
    await saveClock(db, { caseId: caseRow.id, assignmentId: assignment!.id, result, inputs });
    const clocks = await loadCaseClocks(db, caseRow.id);
    assert.deepEqual(clocks.map((row) => row.assignmentId).sort(), [assignment!.id, null].sort());
    const updated = await saveClock(db, { caseId: caseRow.id, assignmentId: assignment!.id, result, inputs, expectedVersion: 1 });
    assert.equal(updated.assignmentId, assignment!.id);
    assert.equal(updated.version, 2);
  });
});
