/**
 * 领导驾驶舱 on a small office: the headline figures are the metrics', months this year against last,
 * the red list holds the overdue 批示件 (after the sweep), the ranking lists units with something to
 * count, and only leaders and the director may open it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runReminderSweep } from '../../engine/reminders/sweep.js';
import { actingAs, buildUnit, buildUser } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/test-db.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let leader: Session;
let clerk: Session;
let unitA = '';
let overdueId = '';
/** Statements sent while `recording` (the ranking's look-ups counted). */
let statements: string[] | undefined;

const register = async (who: Session, kind: string, fields: Record<string, unknown>) => {
  const response = await who.request('POST', '/api/cases', { kind, fields });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().id as string;
};

before(async () => {
  t = await startTestApp({ database: await createTestDatabase({ onQuery: (text) => statements?.push(text) }) });
  const db = t.database.db;
  const root = await buildUnit(db, { name: '示例市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(db, { name: '示例市发改委', parentId: root.id, type: 'department' })).id;
  for (const name of ['示例市教育局', '示例市民政局', '东城区人民政府']) await buildUnit(db, { name, parentId: root.id, type: name.endsWith('政府') ? 'district' : 'department' });
  const leaderUser = await buildUser(db, { roles: ['leader'], unitId: root.id });
  t.clock.set(new Date('2025-05-06T09:00:00+08:00'));
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: root.id });
  await register(clerk, 'incoming', { fromOrg: '省人民政府办公厅', docType: '通知', title: '去年五月来文', receivedOn: '2025-05-06' });
  t.clock.set(new Date('2026-05-06T09:00:00+08:00'));
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: root.id });
  for (const title of ['五月来文一', '五月来文二']) await register(clerk, 'incoming', { fromOrg: '省人民政府办公厅', docType: '通知', title, receivedOn: '2026-05-06' });
  overdueId = await register(clerk, 'instruction', { leaderId: leaderUser.id, leaderName: '张明远', instructedOn: '2026-05-06', instruction: '请抓紧落实。', sourceTitle: '关于城东片区改造的报告' });
  const { version } = (await clerk.request('GET', `/api/cases/${overdueId}`)).json();
  const assigned = await clerk.request('POST', `/api/cases/${overdueId}/actions/assign`, { version, units: [{ unitId: unitA, role: 'lead', dueDays: 2 }] });
  assert.equal(assigned.statusCode, 200, assigned.body);
  t.clock.set(new Date('2026-06-15T09:00:00+08:00'));
  await runReminderSweep({ db, now: t.clock.now() });
  leader = await actingAs(t.app, db, ['leader'], { unitId: root.id });
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: root.id });
});
// The database is this file's own (startTestApp leaves a passed-in one open): close it, or its handle keeps the process alive.
after(async () => {
  await t.close();
  await t.database.close();
});

describe('领导驾驶舱', () => {
  test('headline figures, months against last year, and what is red today', async () => {
    const response = await leader.request('GET', '/api/dashboard');
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json();
    assert.equal(view.year, 2026);
    assert.deepEqual(view.range, { from: '2026-01-01', to: '2026-06-15' });
    const received = view.headline.find((item: { result: { id: string } }) => item.result.id === 'incoming.received');
    assert.equal(received.result.value, 2);
    assert.equal(received.section, '办文');
    assert.ok(!view.headline.some((item: { result: { id: string } }) => item.result.id === 'vehicles.km'), 'a metric not connected has no headline');
    const incoming = view.monthly.find((series: { metricId: string }) => series.metricId === 'incoming.received');
    assert.equal(incoming.months.length, 6, 'January to June, today’s month included');
    assert.deepEqual(incoming.months[4], { month: 5, from: '2026-05-01', to: '2026-05-31', value: 2, previous: 1 });
    assert.deepEqual(incoming.months[5], { month: 6, from: '2026-06-01', to: '2026-06-15', value: 0, previous: 0 });
    assert.equal(view.red.total, 1);
    assert.deepEqual(view.red.items.map((item: { id: string }) => item.id), [overdueId]);
    assert.deepEqual(view.red.byKind.map((row: { label: string; count: number }) => [row.label, row.count]), [['领导批示件', 1]]);
  });

  test('a past year ends on 31 December; a future year is refused; only leaders and the director may look', async () => {
    const past = (await leader.request('GET', '/api/dashboard?year=2025')).json();
    assert.deepEqual(past.range, { from: '2025-01-01', to: '2025-12-31' });
    assert.equal(past.monthly[0].months.length, 12);
    assert.equal((await leader.request('GET', '/api/dashboard?year=2027')).statusCode, 400);
    assert.equal((await clerk.request('GET', '/api/dashboard')).statusCode, 403);
    assert.equal((await leader.request('GET', '/api/dashboard/ranking?metric=incoming.received')).statusCode, 400);
    const ranking = await leader.request('GET', '/api/dashboard/ranking?metric=supervision.onTimeRate');
    assert.equal(ranking.statusCode, 200);
    assert.deepEqual(ranking.json(), [], 'no unit has a 督办 item concluded: none is ranked at 0');
  });

  test('the ranking counts this year only, every unit in one statement: no 同比 question, no unit looked up again', async () => {
    statements = [];
    const ranking = await leader.request('GET', '/api/dashboard/ranking?metric=supervision.onTimeRate');
    const seen = statements;
    statements = undefined;
    assert.equal(ranking.statusCode, 200, ranking.body);
    // "Was the module in use this year" is asked once for every unit (the memo); never per unit, never for last year.
    assert.ok(seen.filter((text) => text.includes('select least(')).length <= 1, seen.join('\n'));
    assert.equal(seen.filter((text) => /from "units" where "units"\."id" = /.test(text)).length, 0, seen.join('\n'));
    assert.equal(seen.filter((text) => /from "units"/.test(text)).length, 1, 'the candidates, read once');
    assert.equal(seen.filter((text) => text.includes('from cases c')).length, 1, 'every unit’s figure in one grouped statement (valuesByUnit), not one per unit');
  });
});
