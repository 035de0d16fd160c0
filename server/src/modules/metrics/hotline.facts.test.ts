/**
 * The hotline metrics read per-day facts the database keeps (migration 0031); here they must equal the live
 * counts over the rows — the queries the metrics ran before, kept below — and the 按时办结率 the 三率's own
 * (readRateFacts), for the whole office and each unit, over a day, a month, a year and a range across years,
 * at several moments while tickets move (派单, 退单 and 改派, 签收, 答复, 重办, 回访, 直接办结, 归并, 公开答复,
 * 市长信箱), and after hotline_facts_rebuild() counts everything again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { hotlineChannels, ticketTypes } from '../../../../common/schemas/hotline.js';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { buildCalendar } from '../../engine/calendar/calendar.js';
import { rowsOf } from '../../platform/db.js';
import { createCase } from '../../engine/cases/create-case.js';
import { centerIntakeActor } from '../hotline/hotline.intake.js';
import { readRateFacts } from '../hotline/hotline.rates.js';
import { buildHotlineFixture, hotlineSteps, type Session } from '../../../test/hotline-fixtures.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { hotlineClosedRate, hotlineOnTimeRate, hotlineSatisfactionRate, hotlineTickets } from './hotline.metrics.js';
import { mailboxLetters } from './mailbox.metrics.js';
import { allOf, assignedTo, ofKind, oneDecimal, registeredWithin, selectRows, within } from './metrics.sql.js';
import type { MetricScope } from './metric.types.js';

let t: TestContext;
type Actor = Session;
let center: Actor;
let a: Actor;
let b: Actor;
let unitA: { id: string };
let unitB: { id: string };
let steps: ReturnType<typeof hotlineSteps>;

// ---------------------------------------------------------------- the live counts (the metrics' queries before 0031)

const accepted = ({ range, unitId }: MetricScope) => allOf(ofKind('ticket'), registeredWithin(range), assignedTo(unitId), sql`c.state <> 'merged'`);
const live = {
  tickets: async (scope: MetricScope) => {
    const rows = await selectRows<{ channel: string; type: string; n: number; direct: number }>(
      t.database.db,
      sql`select c.fields->>'channel' as channel, c.fields->>'ticketType' as type, count(*)::int as n, count(*) filter (where c.state = 'answered_on_spot')::int as direct
          from cases c where ${accepted(scope)} group by 1, 2`,
    );
    const parts: Record<string, number> = Object.fromEntries(hotlineChannels.map((channel) => [channel, 0]));
    const extra: Record<string, number> = Object.fromEntries(ticketTypes.map((type) => [type, 0]));
    let direct = 0;
    for (const row of rows) {
      parts[row.channel] = (parts[row.channel] ?? 0) + row.n;
      extra[row.type] = (extra[row.type] ?? 0) + row.n;
      direct += row.direct;
    }
    const [merged] = await selectRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases c where ${allOf(ofKind('ticket'), registeredWithin(scope.range), assignedTo(scope.unitId), sql`c.state = 'merged'`)}`);
    return { value: rows.reduce((sum, row) => sum + row.n, 0), parts, extra: { ...extra, direct, merged: merged?.n ?? 0 } };
  },
  closedRate: async (scope: MetricScope) => {
    const [row] = await selectRows<{ closed: number; direct: number; total: number }>(
      t.database.db,
      sql`select count(*) filter (where c.state = 'closed')::int as closed, count(*) filter (where c.state = 'answered_on_spot')::int as direct, count(*)::int as total from cases c where ${accepted(scope)}`,
    );
    const { closed = 0, direct = 0, total = 0 } = row ?? {};
    return { value: total === 0 ? null : oneDecimal(closed + direct, total, 100), parts: { closed, direct, open: total - closed - direct } };
  },
  satisfaction: async ({ range, unitId }: MetricScope) => {
    const visits: SQL = sql`from case_events e join cases c on c.id = e.case_id where c.kind = 'ticket' and e.action in ('revisit', 'redo') and ${within(sql`e.at`, range)} ${unitId ? sql`and e.data->'visit'->>'unitId' = ${unitId}` : sql``}`;
    const rows = await selectRows<{ result: string; n: number }>(t.database.db, sql`select e.data->'visit'->>'result' as result, count(*)::int as n ${visits} group by 1`);
    const parts: Record<string, number> = { 满意: 0, 基本满意: 0, 不满意: 0, 未联系上: 0 };
    for (const row of rows) parts[row.result] = row.n;
    const reached = parts['满意']! + parts['基本满意']! + parts['不满意']!;
    return { value: reached === 0 ? null : oneDecimal(parts['满意']! + parts['基本满意']!, reached, 100), parts };
  },
  letters: async ({ range, unitId }: MetricScope) => {
    // A letter merged into another ticket is counted once, with that ticket: apart, not as a letter, a 办结 or a reply published.
    const mailbox = (state: SQL) => allOf(ofKind('ticket'), registeredWithin(range), assignedTo(unitId), sql`c.fields->>'channel' = '市长信箱'`, state);
    const rows = await selectRows<{ type: string; n: number; closed: number; published: number }>(
      t.database.db,
      sql`select c.fields->>'ticketType' as type, count(*)::int as n, count(*) filter (where c.is_closed)::int as closed, count(*) filter (where c.fields ? 'replyPublic')::int as published
          from cases c where ${mailbox(sql`c.state <> 'merged'`)} group by 1`,
    );
    const [merged] = await selectRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases c where ${mailbox(sql`c.state = 'merged'`)}`);
    const parts: Record<string, number> = Object.fromEntries(ticketTypes.map((type) => [type, 0]));
    for (const row of rows) parts[row.type] = (parts[row.type] ?? 0) + row.n;
    const sum = (key: 'n' | 'closed' | 'published') => rows.reduce((total, row) => total + row[key], 0);
    return { value: sum('n'), parts, extra: { closed: sum('closed'), published: sum('published'), merged: merged?.n ?? 0 } };
  },
  /** The 三率's own count of the same over the live rows (hotline.rates.ts): answered in time, and due. */
  onTime: async ({ range, unitId }: MetricScope, now: Date) => {
    const [facts] = await readRateFacts({ db: t.database.db, range, group: 'all', unitId, now, live: true });
    const inTime = facts?.closedInTime ?? 0;
    const total = facts?.closeDue ?? 0;
    return { value: total === 0 ? null : oneDecimal(inTime, total, 100), parts: { inTime, late: total - inTime }, extra: { total } };
  },
};

const ranges: DateRange[] = [
  { from: '2026-03-10', to: '2026-03-10' },
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2025-12-01', to: '2026-04-30' },
  { from: '2025-01-01', to: '2025-12-31' },
];

/** Every metric over every range and scope: the facts' figure equals the live one. Returns the office's month (for the fixture's own checks). */
const assertFactsEqualLive = async (moment: string) => {
  const calendar = buildCalendar({ overrides: [] });
  const db = t.database.db;
  // "Now" on the app's clock, for the metrics and the 三率 alike (what is past due by now).
  const now = t.clock.now();
  for (const range of ranges) {
    for (const unitId of [undefined, unitA.id, unitB.id]) {
      const scope = { range, unitId };
      const where = `${moment}, ${range.from}..${range.to}, ${unitId === unitA.id ? 'unit A' : unitId ? 'unit B' : 'office'}`;
      assert.deepEqual(await hotlineTickets.compute({ db, calendar, now, ...scope }), await live.tickets(scope), `受理量 ${where}`);
      assert.deepEqual(await hotlineClosedRate.compute({ db, calendar, now, ...scope }), await live.closedRate(scope), `办结率 ${where}`);
      assert.deepEqual(await hotlineSatisfactionRate.compute({ db, calendar, now, ...scope }), await live.satisfaction(scope), `满意率 ${where}`);
      assert.deepEqual(await mailboxLetters.compute({ db, calendar, now, ...scope }), await live.letters(scope), `市长信箱 ${where}`);
      assert.deepEqual(await hotlineOnTimeRate.compute({ db, calendar, now, ...scope }), await live.onTime(scope, now), `按时办结率 ${where}`);
    }
  }
};

const factsNow = async () => {
  const db = t.database.db;
  const read = async (table: string, key: string) =>
    rowsOf<Record<string, unknown>>(await db.execute(sql.raw(`select * from ${table} where n <> 0 order by ${key}`))).map((row) => JSON.stringify(row));
  return {
    tickets: await read('hotline_ticket_facts', 'unit_id, day, channel, ticket_type, state, is_closed, is_public'),
    visits: await read('hotline_visit_facts', 'unit_id, day, result, resolved'),
    answers: await read('hotline_answer_facts', 'unit_id, day, is_in_time'),
    // 热点's day counts, summed over their lanes (0032): what the hot spots read.
    days: rowsOf<Record<string, unknown>>(
      await db.execute(sql`select day, category, area, sum(n)::int as n from hotline_ticket_days group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`),
    ).map((row) => JSON.stringify(row)),
  };
};

before(async () => {
  t = await startTestApp();
  const fixture = await buildHotlineFixture(t);
  ({ unitA, unitB, center, a, b } = fixture);
  steps = fixture;
});
after(() => t.close());

describe('hotline facts (migration 0031)', () => {
  test('equal the live counts and the 三率 while tickets move, and after a rebuild', async () => {
    const { at, act, ticket, dispatch } = steps;
    // Last December: a 投诉 by phone in 甲街道, answered in time, 满意.
    at('2025-12-15T10:00:00+08:00');
    const t1 = await ticket({ area: '甲街道', callerPhone: '13800000001' });
    await dispatch(t1, unitA.id);
    await act(a, t1, 'sign');
    at('2025-12-16T10:00:00+08:00');
    await act(a, t1, 'reply', { reply: '已修复' });
    await act(center, t1, 'revisit', { result: '满意', resolved: '已解决' });

    // March: a 求助 online, answered late, 不满意 → 重办, answered again, 基本满意.
    at('2026-03-09T09:00:00+08:00');
    const t2 = await ticket({ channel: '网上', ticketType: '求助', area: '甲街道', callerPhone: '13800000002' });
    await dispatch(t2, unitA.id);
    at('2026-03-09T09:30:00+08:00');
    await act(a, t2, 'sign');
    // A 咨询 answered on the spot, and a 市长信箱 letter still waiting for its 派单.
    const t3 = await ticket({ channel: '微信', ticketType: '咨询', category: '政务服务/政策咨询', content: '公积金怎么提取？' });
    await act(center, t3, 'direct_close', { answer: '携带身份证到公积金中心办理。' });
    const t5 = await ticket({ channel: '市长信箱', subject: '路灯', mayPublish: true, content: '北街路灯坏了。' });
    await assertFactsEqualLive('after 登记');

    // 建议 given to B, which 退单s; 改派 to A, signed for, never answered (open past its due day).
    at('2026-03-10T09:00:00+08:00');
    const t4 = await ticket({ ticketType: '建议', content: '建议背街小巷增设路灯。' });
    await dispatch(t4, unitB.id);
    await assertFactsEqualLive('after 派单 to B');
    at('2026-03-10T09:30:00+08:00');
    await act(b, t4, 'unit_return', { dutyItem: '背街小巷照明不属本局', reason: '属街道' });
    at('2026-03-10T10:00:00+08:00');
    await dispatch(t4, unitA.id);
    at('2026-03-10T10:30:00+08:00');
    await act(a, t4, 'sign');
    await act(center, t4, 'case_study', { writeUp: '一次退单即改派到位。' });

    // The letter: given to B, answered, 回访 未联系上, reply made public.
    await dispatch(t5, unitB.id);
    await act(b, t5, 'sign');
    await act(b, t5, 'reply', { reply: '已安排维修。' });
    await act(center, t5, 'revisit', { result: '未联系上' });
    await act(center, t5, 'publish_reply');

    // The same caller about the same thing: merged into T2 (counted once).
    const t6 = await ticket({ channel: '网上', ticketType: '求助', area: '甲街道', callerPhone: '13800000002' });
    await act(center, t6, 'merge', { into: t2, comment: '同一诉求' });
    await assertFactsEqualLive('after 退单, 改派, 答复, 归并');

    at('2026-03-20T10:00:00+08:00');
    await act(a, t2, 'reply', { reply: '已处理' });
    await act(center, t2, 'redo', { resolved: '未解决', comment: '仍未解决' });
    at('2026-03-23T10:00:00+08:00');
    await act(a, t2, 'reply', { reply: '已彻底处理' });
    await act(center, t2, 'revisit', { result: '基本满意', resolved: '已解决' });
    await assertFactsEqualLive('after 重办 and 回访');

    // The fixture's own figures, so equality is not of two empty sets.
    const calendar = buildCalendar({ overrides: [] });
    // Asked at the end of April (on the app's clock): T4, still open, is past its due day by then.
    const march = { db: t.database.db, calendar, now: new Date('2026-04-30T12:00:00+08:00'), range: { from: '2026-03-01', to: '2026-03-31' } };
    const tickets = await hotlineTickets.compute(march);
    assert.equal(tickets.value, 4);
    assert.equal(tickets.extra?.merged, 1);
    assert.equal(tickets.extra?.direct, 1);
    assert.deepEqual((await hotlineSatisfactionRate.compute(march)).parts, { 满意: 0, 基本满意: 1, 不满意: 1, 未联系上: 1 });
    assert.deepEqual((await mailboxLetters.compute(march)).extra, { closed: 1, published: 1, merged: 0 });
    assert.deepEqual((await hotlineOnTimeRate.compute(march)).parts, { inTime: 2, late: 1 }, 'T2 late then in time after 重办, T5 in time, T4 open past due');
    assert.equal((await hotlineTickets.compute({ ...march, unitId: unitB.id })).value, 1, 'B: the letter; not T4, which it returned and the center sent to A (不含被改派走的)');
    assert.equal((await hotlineTickets.compute({ ...march, range: { from: '2025-12-01', to: '2025-12-31' } })).value, 1);

    // Counted again from the rows: the same facts the triggers kept.
    const kept = await factsNow();
    await t.database.db.execute(sql`select hotline_facts_rebuild()`);
    assert.deepEqual(await factsNow(), kept);
    assert.ok(kept.tickets.length > 0 && kept.visits.length > 0 && kept.answers.length > 0 && kept.days.length > 0);
    // As after a bulk load, which writes with the triggers off: the rebuild fills every table, the day counts too.
    await t.database.db.execute(sql`delete from hotline_ticket_days`);
    await t.database.db.execute(sql`select hotline_facts_rebuild()`);
    assert.deepEqual(await factsNow(), kept, 'the day counts of 热点 are counted again');
  });

  test('a ticket is counted at commit (0032): registered, given to a unit and moved in one transaction, or rolled back', async () => {
    const db = t.database.db;
    const actor = await centerIntakeActor(db, { username: 'test', displayName: '测试', ip: null });
    const fields = { channel: '网上', ticketType: '求助', category: '城市管理/路灯照明', callerName: '赵', content: '同一事务内登记并变更', urgency: '一般' };
    const before = await factsNow();
    await db.transaction(async (tx) => {
      const created = await createCase({ db: tx, actor, kindId: 'ticket', fields, now: t.clock.now() });
      // Given to a unit and closed before the registration commits: each counted once, as the rows end.
      await tx.execute(sql`insert into case_unit_visibility (unit_id, case_id, kind, created_at) values (${unitA.id}::uuid, ${created.id}::uuid, 'ticket', now())`);
      await tx.execute(sql`update cases set state = 'answered_on_spot', is_closed = true where id = ${created.id}::uuid`);
    });
    await assert.rejects(
      db.transaction(async (tx) => {
        await createCase({ db: tx, actor, kindId: 'ticket', fields, now: t.clock.now() });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    const kept = await factsNow();
    assert.notDeepEqual(kept, before);
    await db.execute(sql`select hotline_facts_rebuild()`);
    assert.deepEqual(await factsNow(), kept, 'the facts kept equal the rows counted again');
  });
});
