/**
 * The 三率 read per-day facts (migration 0033) kept by triggers; here their counts must equal the live
 * rows' (readRateFacts with `live`: the board's statements before 0033) for every unit, 街乡 and the city,
 * over a day, months and a year, asked at several moments ("past due" is of the asking moment), while tickets
 * move through the actions (派单, 签收 in time and late, 退单 and 改派, 答复 in time and late, 重办, 回访,
 * a ticket never signed for, one never answered), after a 街乡 is corrected, and after hotline_facts_rebuild()
 * counts everything again. And "today" for an open handling clock is the Shanghai date of the app's clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { RatesView } from '../../../../common/schemas/hotline-rates.js';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { addDays } from '../../engine/calendar/dates.js';
import { rowsOf } from '../../platform/db.js';
import { buildUnit, sessionFor } from '../../../test/factories.js';
import { buildHotlineFixture, type hotlineSteps, type Session } from '../../../test/hotline-fixtures.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { readRateFacts, type RateGroup } from './hotline.rates.js';

let t: TestContext;
let center: Session;
let a: Session;
let b: Session;
let unitA: { id: string };
let unitB: { id: string };

// The shared 12345 steps (server/test/hotline-fixtures.ts), built once the center's agent exists; this test's caller is 赵六.
let steps: ReturnType<typeof hotlineSteps>;
const at = (instant: string) => steps.at(instant);
const act = (who: Session, caseId: string, action: string, body: Record<string, unknown> = {}) => steps.act(who, caseId, action, body);
const ticket = (fields: Record<string, unknown>) => steps.ticket({ callerName: '赵六', ...fields });
const dispatch = (caseId: string, unitId: string) => steps.dispatch(caseId, unitId);

const ranges: DateRange[] = [
  { from: '2026-03-10', to: '2026-03-10' },
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-04-30' },
  { from: '2026-01-01', to: '2026-12-31' },
];
const groups: RateGroup[] = ['unit', 'area', 'all'];

/** The counts of one question, facts and live, keys in order. */
const both = async (question: { range: DateRange; group: RateGroup; unitId?: string; area?: string; now: Date }) => {
  const sorted = (rows: Awaited<ReturnType<typeof readRateFacts>>) => [...rows].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const db = t.database.db;
  return { facts: sorted(await readRateFacts({ db, ...question })), live: sorted(await readRateFacts({ db, ...question, live: true })) };
};

/** Every group, range and scope, asked now (the app's clock) and at later moments: the facts' counts are the live ones. */
const assertFactsEqualLive = async (moment: string) => {
  const nows = [t.clock.now(), new Date('2026-03-19T23:59:00+08:00'), new Date('2026-04-30T12:00:00+08:00'), new Date('2027-01-01T00:00:00+08:00')];
  for (const now of nows) {
    for (const range of ranges) {
      for (const group of groups) {
        const where = `${moment}, asked ${now.toISOString()}, ${range.from}..${range.to} by ${group}`;
        const { facts, live } = await both({ range, group, now });
        assert.deepEqual(facts, live, where);
      }
      for (const scope of [{ unitId: unitA.id }, { unitId: unitB.id }, { area: '甲街道' }, { area: '未填写' }]) {
        const { facts, live } = await both({ range, group: 'all', now, ...scope });
        assert.deepEqual(facts, live, `${moment}, asked ${now.toISOString()}, ${range.from}..${range.to}, ${JSON.stringify(scope)}`);
      }
    }
  }
};

const factsNow = async () => {
  const read = async (table: string) =>
    rowsOf<Record<string, unknown>>(await t.database.db.execute(sql.raw(`select * from ${table} where n <> 0 order by 1, 2, 3, 4, 5`))).map((row) => JSON.stringify(row));
  return { signs: await read('hotline_sign_facts'), closes: await read('hotline_close_facts'), visits: await read('hotline_revisit_facts') };
};

before(async () => {
  t = await startTestApp();
  ({ unitA, unitB, center, a, b, ...steps } = await buildHotlineFixture(t));
  await buildUnit(t.database.db, { type: 'township', name: '乙街道' }); // a 街乡 of the list, handled by A
});
after(() => t.close());

describe('三率 facts (migration 0033)', () => {
  let t4 = '';
  test('equal the live rows while tickets move, after a 街乡 is corrected, and after a rebuild', async () => {
    // February: never signed for (open 签收 clock), by A.
    at('2026-02-02T09:00:00+08:00');
    const f1 = await ticket({ area: '甲街道' });
    await dispatch(f1, unitA.id);
    await assertFactsEqualLive('after 派单 of F1');

    // March: T1 signed late, answered in time, 满意; T2 signed, answered late, 不满意 → 重办 → in time, 基本满意.
    at('2026-03-06T16:00:00+08:00');
    const t1 = await ticket({ area: '甲街道' });
    await dispatch(t1, unitA.id);
    at('2026-03-09T10:00:00+08:00');
    await act(a, t1, 'sign');
    at('2026-03-09T09:00:00+08:00');
    const t2 = await ticket({ ticketType: '求助', area: '乙街道' });
    await dispatch(t2, unitA.id);
    at('2026-03-09T09:30:00+08:00');
    await act(a, t2, 'sign');
    at('2026-03-10T10:00:00+08:00');
    await act(a, t1, 'reply', { reply: '已修复' });
    await act(center, t1, 'revisit', { result: '满意', resolved: '已解决' });
    await assertFactsEqualLive('after 签收 late, 答复, 回访');

    // T4: B 退单s in time, 改派 to A, signed, never answered (open, past its due day later).
    at('2026-03-10T09:00:00+08:00');
    t4 = await ticket({ ticketType: '建议', content: '建议背街小巷增设路灯。' });
    await dispatch(t4, unitB.id);
    at('2026-03-10T09:30:00+08:00');
    await act(b, t4, 'unit_return', { dutyItem: '背街小巷照明不属本局', reason: '属街道' });
    at('2026-03-10T10:00:00+08:00');
    await dispatch(t4, unitA.id);
    at('2026-03-10T10:30:00+08:00');
    await act(a, t4, 'sign');
    await assertFactsEqualLive('after 退单 and 改派');

    // T5 → B: signed, answered late, 未联系上. T2 answered late, 重办, answered, 基本满意.
    at('2026-03-11T09:00:00+08:00');
    const t5 = await ticket({});
    await dispatch(t5, unitB.id);
    at('2026-03-11T09:05:00+08:00');
    await act(b, t5, 'sign');
    at('2026-03-20T10:00:00+08:00');
    await act(a, t2, 'reply', { reply: '已处理' });
    await act(b, t5, 'reply', { reply: '已处理' });
    await act(center, t5, 'revisit', { result: '未联系上' });
    await act(center, t2, 'redo', { resolved: '未解决', comment: '仍未解决' });
    at('2026-03-23T10:00:00+08:00');
    await act(a, t2, 'reply', { reply: '已彻底处理' });
    await act(center, t2, 'revisit', { result: '基本满意', resolved: '已解决' });
    await assertFactsEqualLive('after 重办 and 回访');

    // A 街乡 corrected after the fact (no action does it; a data fix may): its clocks and 回访 move with it.
    await t.database.db.execute(sql`update cases set fields = jsonb_set(fields, '{area}', '"丙街道"') where id = ${t2}::uuid`);
    await t.database.db.execute(sql`update cases set fields = fields - 'area' where id = ${t1}::uuid`);
    await assertFactsEqualLive('after 街乡 corrected');

    // The fixture's own figures, so equality is not of two empty sets: March by A, asked at the end of April.
    const [march] = await readRateFacts({ db: t.database.db, range: { from: '2026-03-01', to: '2026-03-31' }, group: 'all', unitId: unitA.id, now: new Date('2026-04-30T12:00:00+08:00') });
    assert.deepEqual(
      { dispatched: march!.dispatched, response: [march!.respondedInTime, march!.responseDue], onTime: [march!.closedInTime, march!.closeDue], visits: [march!.satisfied, march!.resolved, march!.reached] },
      { dispatched: 3, response: [2, 3], onTime: [2, 3], visits: [2, 2, 3] },
      '签收: T1 late, T2 and T4 in time; 办结: T1 and T2 in time (one clock, restarted at 重办, by its last answer), T4 open past due; 回访: 满意, 不满意, 基本满意',
    );

    const [spent] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from hotline_sign_facts where status = 'open' and n = 0`));
    assert.equal(spent!.n, 0, 'an answered 签收 clock leaves no open row of 0 behind');
    const kept = await factsNow();
    await t.database.db.execute(sql`select hotline_facts_rebuild()`);
    assert.deepEqual(await factsNow(), kept, 'the rebuild counts what the triggers kept');
    assert.ok(kept.signs.length > 0 && kept.closes.length > 0 && kept.visits.length > 0);
    await assertFactsEqualLive('after the rebuild');
  });

  test('an open handling clock is late from the day after its due day in Shanghai, on the app’s clock (not UTC)', async () => {
    const [open] = rowsOf<{ due: string }>(
      await t.database.db.execute(sql`select k.due_at as due from case_clocks k join assignments x on x.id = k.assignment_id
        where k.case_id = ${t4}::uuid and x.unit_id = ${unitA.id}::uuid and k.clock_id = 'assignment.lead' and k.state in ('running', 'overdue')`),
    );
    const dueDay = open!.due.slice(0, 10);
    const month = dueDay.slice(0, 7);
    const onTimeDue = async (instant: string) => {
      at(instant);
      const view = (await (await sessionFor(t.app, center.user)).request('GET', `/api/hotline/rates?month=${month}&by=unit`)).json() as RatesView;
      const { facts, live } = await both({ range: { from: `${month}-01`, to: `${month}-31` }, group: 'unit', now: t.clock.now() });
      assert.deepEqual(facts, live, instant);
      return view.rows.find((row) => row.key === unitA.id)!.onTime.denominator;
    };
    // The last minute of the due day in Shanghai, then the first of the next: the same UTC date (16:xx Z), yet late.
    const before = await onTimeDue(`${dueDay}T23:59:00+08:00`);
    const afterMidnight = await onTimeDue(`${addDays(dueDay, 1)}T00:01:00+08:00`);
    assert.equal(new Date(`${addDays(dueDay, 1)}T00:01:00+08:00`).toISOString().slice(0, 10), dueDay, 'still the due day in UTC');
    assert.equal(afterMidnight, before + 1, 'T4 counts as 逾期未办结 once the Shanghai date is past its due day');
  });
});
