/**
 * 督查督办 deadlines, case by case. No statute sets them: the 督查室 sets the 完成时限 and the node dates at
 * 立项, and they are dates, not periods — a date a leader named holds even on a holiday (nothing is counted, so
 * 民法典第二百零三条 has nothing to move). The lead and helper units' own time is the item's: to the same 完成时限,
 * whatever day the item was entered. Each 调度 period's report is due on the period's last day, moved to the next
 * working day when that is a rest day (a period is counted; a 调休 Saturday or Sunday is a working day).
 * Calendars: 2026 春节 02-15…23 off, 02-14 and 02-28 (Sat) worked; 劳动节 05-01…05; 中秋 09-25…27;
 * 国庆 10-01…07 off, 09-20 (Sun) and 10-10 (Sat) worked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { deadlineSteps, type Person } from '../../../test/deadline-cases.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
let steps: ReturnType<typeof deadlineSteps>;
let inspector: Person;
let leadUnitId = '';
let helperUnitId = '';
before(async () => {
  t = await startTestApp();
  steps = deadlineSteps(t);
  const db = t.database.db;
  leadUnitId = (await buildUnit(db, { name: '教育局' })).id;
  helperUnitId = (await buildUnit(db, { name: '财政局' })).id;
  inspector = await buildUser(db, { roles: ['inspector'] });
});
after(() => t.close());

/** 立项 entered at `enteredAt`. */
const opened = async (enteredAt: string, item: Record<string, unknown>): Promise<string> => {
  steps.at(enteredAt);
  const response = await (await sessionFor(t.app, inspector)).request('POST', '/api/supervision/items', {
    source: '重点工作', title: '城区学前教育扩容工程', measures: '新建、改扩建公办幼儿园', leadUnitId, helperUnitIds: [helperUnitId], reportCycle: 'monthly', milestones: [], ...item,
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id as string;
};

const unitDues = async (id: string) => ((await steps.detailOf(inspector, id)).assignments as Array<{ role: string; dueDate: string | null }>).map((row) => [row.role, row.dueDate]).sort((a, b) => String(b[0]).localeCompare(String(a[0])));

describe('督查督办：完成时限 and the units\' time', () => {
  test('立项 03-02 with 完成时限 06-30: the item and both units are due 06-30', async () => {
    const id = await opened('2026-03-02T10:00', { openedOn: '2026-03-02', deadline: '2026-06-30' });
    assert.equal((await steps.clockOf(inspector, id, 'deadline')).due, '2026-06-30');
    assert.deepEqual(await unitDues(id), [['lead', '2026-06-30'], ['assist', '2026-06-30']]);
  });

  test('完成时限 named on 国庆 10-01: a date set at 立项 holds, for the item and for its units alike', async () => {
    const id = await opened('2026-03-02T10:00', { openedOn: '2026-03-02', deadline: '2026-10-01' });
    assert.equal((await steps.clockOf(inspector, id, 'deadline')).due, '2026-10-01');
    assert.deepEqual(await unitDues(id), [['lead', '2026-10-01'], ['assist', '2026-10-01']]);
  });

  test('立项 at Friday\'s meeting (03-06), entered on Monday 03-09: the units are due on the 完成时限 06-30, not 3 days later', async () => {
    const id = await opened('2026-03-09T09:00', { openedOn: '2026-03-06', deadline: '2026-06-30' });
    assert.equal((await steps.clockOf(inspector, id, 'deadline')).due, '2026-06-30');
    assert.deepEqual(await unitDues(id), [['lead', '2026-06-30'], ['assist', '2026-06-30']]);
  });

  test('a node dated on 劳动节 05-01 stays 05-01', async () => {
    const id = await opened('2026-03-02T10:00', { openedOn: '2026-03-02', deadline: '2026-06-30', milestones: [{ label: '完成选址', due: '2026-05-01' }] });
    assert.equal((await steps.clockOf(inspector, id, 'milestone.m1')).due, '2026-05-01');
  });
});

describe('督查督办：调度 reports due on the period\'s last day, moved off rest days', () => {
  test('monthly from 01-05: January ends Saturday → 02-02; February ends on the 调休 Saturday 02-28 → stays; May ends Sunday → 06-01', async () => {
    const id = await opened('2026-01-05T10:00', { openedOn: '2026-01-05', deadline: '2026-06-30' });
    assert.equal((await steps.clockOf(inspector, id, 'report.2026-01')).due, '2026-02-02');
    assert.equal((await steps.clockOf(inspector, id, 'report.2026-02')).due, '2026-02-28');
    assert.equal((await steps.clockOf(inspector, id, 'report.2026-03')).due, '2026-03-31');
    assert.equal((await steps.clockOf(inspector, id, 'report.2026-05')).due, '2026-06-01');
  });

  test('立项 on Saturday 01-31: January\'s one-day period is due on the next working day, 02-02', async () => {
    const id = await opened('2026-02-02T10:00', { openedOn: '2026-01-31', deadline: '2026-04-30' });
    assert.equal((await steps.clockOf(inspector, id, 'report.2026-01')).due, '2026-02-02');
  });

  test('weekly around 中秋 and 国庆: the week ending on the 调休 Sunday 09-20 is due that day; 09-27 (中秋) → 09-28; 10-04 (国庆) → 10-08', async () => {
    const id = await opened('2026-09-16T10:00', { openedOn: '2026-09-16', deadline: '2026-10-31', reportCycle: 'weekly' });
    assert.equal((await steps.clockOf(inspector, id, 'report.W2026-09-14')).due, '2026-09-20');
    assert.equal((await steps.clockOf(inspector, id, 'report.W2026-09-21')).due, '2026-09-28');
    assert.equal((await steps.clockOf(inspector, id, 'report.W2026-09-28')).due, '2026-10-08');
  });
});
