/**
 * The 驾驶舱's months and ranking read in grouped statements (countsByDay, valuesByUnit) answer exactly what the
 * metric asked month by month and unit by unit answers (getMetricResult, as the dashboard asked it before). The
 * fixture is written straight into the tables the metrics read, on the days where a grouping can go wrong: 29 February
 * (the 同比 of February 2025 stops on the 28th), a Shanghai midnight that is the day before in UTC, a month cut at
 * today, a month with nothing, last year's data starting mid-year for one metric and not at all for another.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { actorOf, buildUnit, buildUser } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { getMetric } from '../metrics/metrics.registry.js';
import { getMetricResult, type MetricMemo } from '../metrics/metrics.service.js';
import { getDashboard, rankUnits } from './dashboard.service.js';

let t: TestContext;
let db: Db;
let leader: Actor;
let userId = '';
let root = '';
const unitIds: Record<'a' | 'b' | 'c' | 'district', string> = { a: '', b: '', c: '', district: '' };
const now = new Date('2025-06-15T10:00:00+08:00');
let seq = 0;

const insertCase = async (kind: string, createdAt: string, options: { state?: string; fields?: Record<string, unknown>; owner?: string; closedAt?: string } = {}) => {
  seq += 1;
  const rows = await db.execute(sql`
    insert into cases (kind, year, seq, serial_no, title, state, fields, owner_unit_id, created_by, created_at, is_closed, closed_at)
    values (${kind}, 2025, ${seq}, ${`T${seq}`}, ${`测试${seq}`}, ${options.state ?? 'registered'}, ${JSON.stringify(options.fields ?? {})}::jsonb,
      ${options.owner ?? root}::uuid, ${userId}::uuid, ${createdAt}::timestamptz, ${options.closedAt !== undefined}, ${options.closedAt ?? null}::timestamptz)
    returning id`);
  return rowsOf<{ id: string }>(rows)[0]!;
};
const insertEvent = (caseId: string, number: number, action: string, at: string) =>
  db.execute(sql`insert into case_events (case_id, seq, at, actor_id, actor_name, action, prev_hash, hash)
    values (${caseId}::uuid, ${number}, ${at}::timestamptz, ${userId}::uuid, '测试', ${action}, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))`);
const assign = (caseId: string, unitId: string, role: 'lead' | 'assist', state = 'in_progress', sightEndedAt: string | null = null) =>
  db.execute(sql`insert into assignments (case_id, unit_id, role, state, assigned_at, sight_ended_at)
    values (${caseId}::uuid, ${unitId}::uuid, ${role}, ${state}, '2025-01-02T09:00:00+08:00', ${sightEndedAt}::timestamptz) returning id`);
const stoppedClock = (caseId: string, action: string, stoppedAt: string, isInTime: boolean) =>
  db.execute(sql`insert into case_clocks (case_id, clock_id, state, stopped_at, inputs, explanation)
    values (${caseId}::uuid, 'answer', 'stopped', ${stoppedAt}, '{}'::jsonb, ${JSON.stringify({ stop: { action, isInTime } })}::jsonb)`);
const meeting = (state: string, startsAt: string) =>
  db.execute(sql`insert into records (type, title, state, fields, starts_at) values ('meeting', '会议', ${state}, '{"meetingType": "专题会议", "attendingUnitIds": []}'::jsonb, ${startsAt}::timestamptz)`);

before(async () => {
  t = await startTestApp();
  db = t.database.db;
  root = (await buildUnit(db, { name: '示例县人民政府办公室', type: 'office' })).id;
  for (const key of ['a', 'b', 'c'] as const) unitIds[key] = (await buildUnit(db, { parentId: root, type: 'department' })).id;
  unitIds.district = (await buildUnit(db, { parentId: root, type: 'township' })).id;
  // A ranking's ties keep the units' order: make it one.
  for (const [index, id] of [unitIds.a, unitIds.b, unitIds.c, unitIds.district].entries()) await db.execute(sql`update units set sort_order = ${index + 1} where id = ${id}::uuid`);
  const user = await buildUser(db, { roles: ['leader'], unitId: root });
  userId = user.id;
  leader = actorOf(user, ['leader']);

  // 收文: in both years, none in May of either; 29 February, Shanghai midnights, June past today; a delivered copy not counted.
  for (const at of [
    '2024-01-15T10:00:00+08:00', '2024-02-10T10:00:00+08:00', '2024-02-29T12:00:00+08:00', '2024-03-31T23:30:00+08:00', '2024-04-01T00:10:00+08:00',
    '2024-06-15T09:00:00+08:00', '2024-06-16T09:00:00+08:00', '2024-12-31T23:59:00+08:00', '2025-01-01T00:05:00+08:00', '2025-02-28T16:00:00+08:00',
    '2025-03-31T23:30:00+08:00', '2025-04-01T00:10:00+08:00', '2025-06-15T08:00:00+08:00',
  ]) await insertCase('incoming', at, { fields: { docType: '通知' } });
  await insertCase('incoming', '2025-03-10T10:00:00+08:00', { fields: { docType: '通知', deliveredFrom: 'x' } });

  // 发文: Fuban's first in March 2024 (January and February 2024 have no data); issued on the day of its 核发, a printed one not yet.
  for (const [created, issued] of [
    ['2024-03-05T10:00:00+08:00', '2024-03-20T10:00:00+08:00'], ['2024-06-01T10:00:00+08:00', '2024-07-01T00:30:00+08:00'], ['2024-06-01T11:00:00+08:00', '2024-06-16T10:00:00+08:00'],
    ['2025-03-01T10:00:00+08:00', '2025-03-20T10:00:00+08:00'], ['2025-06-01T10:00:00+08:00', '2025-06-14T10:00:00+08:00'], ['2025-02-01T10:00:00+08:00', null],
  ] as const) {
    const { id } = await insertCase('outgoing', created, { state: issued ? 'issued' : 'distributing', fields: { issuerCode: '示政发', docType: '通知' } });
    await insertEvent(id, 1, 'print', created);
    if (issued) await insertEvent(id, 2, 'distribute', issued);
  }

  // 会议: the first record is a meeting planned in February 2024 (data from then: 0, not null), held ones in both years, one cancelled.
  await meeting('planned', '2024-02-20T09:00:00+08:00');
  for (const at of ['2024-04-10T09:00:00+08:00', '2025-04-01T00:30:00+08:00', '2025-06-10T09:00:00+08:00']) await meeting('held', at);
  await meeting('cancelled', '2025-06-11T09:00:00+08:00');

  // 督办 concluded (销号) this year: units with several items, a withdrawn and a sight-ended assignment, last year's, one without 时限.
  const supervision = async (closedAt: string, claimOn: string, deadline: string | null, units: Array<[string, 'lead' | 'assist', string?, string?]>) => {
    const { id } = await insertCase('supervision', '2024-12-01T10:00:00+08:00', { state: 'closed', closedAt, fields: { source: '领导批示', deadline, claim: { on: claimOn } } });
    for (const [unitId, role, state, sightEnded] of units) await assign(id, unitId, role, state, sightEnded ?? null);
  };
  await supervision('2025-03-01T10:00:00+08:00', '2025-02-20', '2025-02-28', [[unitIds.a, 'lead'], [unitIds.b, 'assist']]);
  await supervision('2025-04-01T10:00:00+08:00', '2025-03-20', '2025-03-10', [[unitIds.a, 'lead']]);
  await supervision('2025-05-01T10:00:00+08:00', '2025-04-20', '2025-04-30', [[unitIds.b, 'lead', 'withdrawn'], [unitIds.c, 'lead']]);
  await supervision('2025-05-02T10:00:00+08:00', '2025-04-20', '2025-04-10', [[unitIds.c, 'assist', 'returned', '2025-04-01T10:00:00+08:00'], [unitIds.a, 'lead']]);
  await supervision('2024-05-01T10:00:00+08:00', '2024-04-20', '2024-04-30', [[unitIds.district, 'lead']]);
  await supervision('2025-05-03T10:00:00+08:00', '2025-04-20', null, [[unitIds.district, 'lead']]);

  // 信访 (the units given it) and 依申请公开 (the registering unit): stopped 答复 clocks, one stopped by 撤回.
  for (const [unitId, isInTime, action] of [[unitIds.a, true, 'answer'], [unitIds.a, false, 'answer'], [unitIds.b, true, 'answer'], [unitIds.c, true, 'withdraw']] as const) {
    const { id } = await insertCase('petition', '2025-02-01T10:00:00+08:00', { state: 'answered' });
    await assign(id, unitId, 'lead');
    await stoppedClock(id, action, '2025-03-05T10:00:00+08:00', isInTime);
  }
  for (const [owner, isInTime] of [[unitIds.b, true], [unitIds.b, false], [unitIds.district, true]] as const) {
    const { id } = await insertCase('disclosure', '2025-02-01T10:00:00+08:00', { state: 'answered', owner });
    await stoppedClock(id, 'answer', '2025-03-05', isInTime);
  }

  // 12345: units' answers by day (the facts the triggers keep, written here as they would be) and a unit's open clock past due.
  for (const [unitId, day, isInTime, n] of [[unitIds.a, '2025-03-05', true, 2], [unitIds.a, '2025-03-06', false, 1], [unitIds.b, '2025-04-01', true, 1], [unitIds.b, '2024-04-01', false, 3]] as const) {
    await db.execute(sql`insert into hotline_answer_facts (unit_id, day, is_in_time, n) values (${unitId}::uuid, ${day}::date, ${isInTime}, ${n})`);
  }
  const ticket = await insertCase('ticket', '2025-05-01T10:00:00+08:00', { state: 'handling', fields: { channel: '电话', ticketType: '求助', category: '城市管理', urgency: '一般' } });
  const [assignment] = rowsOf<{ id: string }>(await assign(ticket.id, unitIds.c, 'lead'));
  await db.execute(sql`insert into case_clocks (case_id, assignment_id, clock_id, state, due_at, inputs, explanation)
    values (${ticket.id}::uuid, ${assignment!.id}::uuid, 'assignment.lead', 'overdue', '2025-05-20T17:30:00+08:00', '{}'::jsonb, '{}'::jsonb)`);

  // 建议提案: 主办 units only, a returned 主办 not counted, an item not yet assigned not counted.
  for (const [state, units] of [
    ['answered', [[unitIds.a, 'lead'], [unitIds.b, 'assist']]], ['assigned', [[unitIds.a, 'lead']]], ['closed', [[unitIds.c, 'lead'], [unitIds.b, 'lead', 'returned']]], ['registered', []],
  ] as const) {
    const { id } = await insertCase('proposal', '2025-02-01T10:00:00+08:00', { state, fields: { body: 'npc' } });
    for (const [unitId, role, assignmentState] of units) await assign(id, unitId, role, assignmentState);
  }
});
after(() => t.close());

/** The months as the dashboard asked them before: getMetricResult for each month, its 同比 kept where last year had data. */
const monthsAskedOneByOne = async (id: string, year: number, to: string) => {
  const memo: MetricMemo = new Map();
  const months = [];
  for (let month = 1; month <= Number(to.slice(5, 7)); month += 1) {
    const from = `${year}-${String(month).padStart(2, '0')}-01`;
    const whole = `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
    const end = to < whole ? to : whole;
    const result = await getMetricResult({ db, actor: leader, id, query: { from, to: end }, now, memo });
    months.push({ month, from, to: end, value: result.value, previous: result.previous.hasData ? result.previous.value : null });
  }
  return months;
};

/** The ranking as it was asked before: getMetricResult for each unit, this year only. */
const rankingAskedOneByOne = async (id: string, range: { from: string; to: string }) => {
  const candidates = await db.execute(sql`select id, coalesce(short_name, name) as name from units where is_active and type in ('department', 'district', 'township') order by sort_order`);
  const rows = [];
  for (const unit of rowsOf<{ id: string; name: string }>(candidates)) {
    const result = await getMetricResult({ db, actor: leader, id, query: range, now, scopeUnit: unit, compareWithLastYear: false });
    if (result.value !== null) rows.push({ unitId: unit.id, unitName: unit.name, value: result.value, total: result.extra.total ?? null });
  }
  return rows.sort((a, b) => b.value - a.value || (b.total ?? 0) - (a.total ?? 0));
};

describe('驾驶舱 read in grouped statements', () => {
  test('this year and a past year by month: the same values and 同比 as each month asked alone', async () => {
    for (const [year, to] of [[2025, '2025-06-15'], [2024, '2024-12-31']] as const) {
      const view = await getDashboard({ db, actor: leader, year, now });
      assert.deepEqual(view.monthly.map((series) => series.metricId), ['incoming.received', 'outgoing.issued', 'meetings.held']);
      for (const series of view.monthly) {
        assert.ok(getMetric(series.metricId).countsByDay, `${series.metricId} reads its months grouped`);
        const expected = await monthsAskedOneByOne(series.metricId, year, to);
        assert.deepEqual(series.months, expected, `${series.metricId} ${year}`);
        assert.equal(series.hasPrevious, expected.some((point) => point.previous !== null));
      }
    }
  });

  test('the fixture reaches the edges it is for', async () => {
    const series = (await getDashboard({ db, actor: leader, year: 2025, now })).monthly;
    const months = (id: string) => series.find((item) => item.metricId === id)!.months.map((point) => [point.value, point.previous]);
    // 收文: February 2025 against 1–28 February 2024 (the 29th left out); 31 March 23:30 and 1 April 00:10 (Shanghai) apart; June to the 15th.
    assert.deepEqual(months('incoming.received'), [[1, 1], [1, 1], [1, 1], [1, 1], [0, 0], [1, 1]]);
    // 发文: no data before March 2024; 1 July 00:30 Shanghai is July; 16 June 2024 is past the 15th.
    assert.deepEqual(months('outgoing.issued'), [[0, null], [0, null], [1, 1], [0, 0], [0, 0], [1, 0]]);
    // 会议: a planned meeting in February 2024 is data (0, not null); 1 April 00:30 Shanghai is April; cancelled not counted.
    assert.deepEqual(months('meetings.held'), [[0, null], [0, 0], [0, 0], [1, 1], [0, 0], [1, 0]]);
    const past = (await getDashboard({ db, actor: leader, year: 2024, now })).monthly;
    assert.ok(past.every((item) => !item.hasPrevious), 'nothing in 2023: no 同比 at all');
    assert.equal(past[0]!.months[1]!.value, 2, 'February 2024 has its 29th');
  });

  test('each ranking: the same units and figures as each unit asked alone', async () => {
    const range = { from: '2025-01-01', to: '2025-06-15' };
    const view = await getDashboard({ db, actor: leader, year: 2025, now });
    const grouped = ['supervision.onTimeRate', 'petitions.onTimeRate', 'hotline.onTimeRate', 'disclosure.onTimeRate', 'proposals.replyRate'];
    assert.deepEqual(view.rankingMetrics.map((metric) => metric.id), grouped);
    for (const { id } of view.rankingMetrics) {
      assert.ok(getMetric(id).valuesByUnit, id);
      const ranking = await rankUnits({ db, actor: leader, metric: id, year: 2025, now });
      assert.deepEqual(ranking, await rankingAskedOneByOne(id, range), id);
      assert.ok(ranking.length >= 2, `${id}: the fixture ranks units`);
    }
    const supervision = await rankUnits({ db, actor: leader, metric: 'supervision.onTimeRate', year: 2025, now });
    assert.deepEqual(supervision.map((row) => [row.unitId, row.value]), [[unitIds.b, 100], [unitIds.c, 100], [unitIds.a, 33.3]]);
    // 12345: a's 2 of 3 in time; b's one answer (last year's not counted); c's open clock past due, late.
    const hotline = await rankUnits({ db, actor: leader, metric: 'hotline.onTimeRate', year: 2025, now });
    assert.deepEqual(hotline.map((row) => [row.unitId, row.value, row.total]), [[unitIds.b, 100, 1], [unitIds.a, 66.7, 3], [unitIds.c, 0, 1]]);
  });
});
