/**
 * The hotline metrics and the 三率 of a month return the exact counts of a fixture built through the
 * routes: four tickets in March 2026 (one 签收 late, one answered late then 重办 and answered in time,
 * one 直接办结, one 退单 then 改派 and left open past its due day), two units, three 回访.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rankRates } from './hotline.rates.js';
import { actingAs, sessionFor } from '../../../test/factories.js';
import { buildHotlineFixture, type Session } from '../../../test/hotline-fixtures.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Actor = Session;
let center: Actor;
let unitA: { id: string; name: string };
let unitB: { id: string; name: string };
let at: (instant: string) => void;

before(async () => {
  t = await startTestApp();
  const fixture = await buildHotlineFixture(t);
  ({ unitA, unitB, center, at } = fixture);
  const { a, b, act, ticket, dispatch } = fixture;

  // T1 投诉 by phone: 派单 Fri 16:00, 签收 Mon 10:00 (late: due 09:00), answered the next day, 满意 已解决.
  at('2026-03-06T16:00:00+08:00');
  const t1 = await ticket({ area: '甲街道' });
  await dispatch(t1, unitA.id);
  at('2026-03-09T10:00:00+08:00');
  await act(a, t1, 'sign');
  at('2026-03-10T10:00:00+08:00');
  await act(a, t1, 'reply', { reply: '已修复' });
  await act(center, t1, 'revisit', { result: '满意', resolved: '已解决' });

  // T2 求助 online: 签收 in time, answered late (3 working days: due 03-12), 不满意 → 重办 (new 3 days from 03-20), answered in time, 基本满意.
  at('2026-03-09T09:00:00+08:00');
  const t2 = await ticket({ channel: '网上', ticketType: '求助', area: '甲街道' });
  await dispatch(t2, unitA.id);
  at('2026-03-09T09:30:00+08:00');
  await act(a, t2, 'sign');
  at('2026-03-20T10:00:00+08:00');
  await act(a, t2, 'reply', { reply: '已处理' });
  await act(center, t2, 'redo', { resolved: '未解决', comment: '仍未解决' });
  at('2026-03-23T10:00:00+08:00');
  await act(a, t2, 'reply', { reply: '已彻底处理' });
  await act(center, t2, 'revisit', { result: '基本满意', resolved: '已解决' });

  // T3 咨询 by WeChat, answered on the spot.
  const t3 = await ticket({ channel: '微信', ticketType: '咨询', category: '政务服务/政策咨询', content: '公积金怎么提取？' });
  await act(center, t3, 'direct_close', { answer: '携带身份证到公积金中心办理。' });

  // T4 建议: 派单 to B, which 退单s within its hours; 改派 to A, signed for, never answered (13 days: due 03-27); a 经典案例.
  at('2026-03-10T09:00:00+08:00');
  const t4 = await ticket({ ticketType: '建议', content: '建议背街小巷增设路灯。' });
  await dispatch(t4, unitB.id);
  at('2026-03-10T09:30:00+08:00');
  await act(b, t4, 'unit_return', { dutyItem: '背街小巷照明不属本局', reason: '属街道' });
  at('2026-03-10T10:00:00+08:00');
  await dispatch(t4, unitA.id);
  at('2026-03-10T10:30:00+08:00');
  await act(a, t4, 'sign');
  await act(center, t4, 'case_study', { writeUp: '一次退单即改派到位。' });
  at('2026-04-15T10:00:00+08:00');
  center = await sessionFor(t.app, center.user);
});
after(() => t.close());

/** A rate without its compared months (hotline.rates.test.ts checks 环比 and 同比). */
const plain = ({ numerator, denominator, rate }: { numerator: number; denominator: number; rate: number | null }) => ({ numerator, denominator, rate });

const metric = async (id: string, query = 'from=2026-03-01&to=2026-03-31') => {
  const response = await center.request('GET', `/api/metrics/${id}?${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

describe('hotline metrics and the 三率', () => {
  test('tickets by channel and type, 直接办结 counted as such; 办结率; 满意率; 按时办结率; 经典案例', async () => {
    const tickets = await metric('hotline.tickets');
    assert.equal(tickets.value, 4);
    assert.deepEqual(tickets.parts, { 电话: 2, 网上: 1, 市长信箱: 0, 微信: 1, 媒体线索: 0, 省平台转办: 0 });
    assert.equal(tickets.extra.direct, 1);
    assert.equal(tickets.extra['咨询'], 1);
    assert.equal(tickets.extra['建议'], 1);
    const closed = await metric('hotline.closedRate');
    assert.equal(closed.value, 75);
    assert.deepEqual(closed.parts, { closed: 2, direct: 1, open: 1 });
    const satisfaction = await metric('hotline.satisfactionRate');
    assert.equal(satisfaction.value, 66.7);
    assert.deepEqual(satisfaction.parts, { 满意: 1, 基本满意: 1, 不满意: 1, 未联系上: 0 });
    const onTime = await metric('hotline.onTimeRate');
    assert.equal(onTime.value, 66.7, 'T1 and T2 (after its 重办) in time; T4 open past its due day');
    assert.deepEqual(onTime.parts, { inTime: 2, late: 1 });
    assert.equal((await metric('hotline.caseStudies')).value, 1);
    // B returned its one ticket and the center sent it to A: 改派走的 are not B's (the rule in the description).
    assert.equal((await metric('hotline.tickets', `from=2026-03-01&to=2026-03-31&unit=${unitB.id}`)).value, 0, 'B returned it and it went to A');
    assert.equal((await metric('hotline.tickets', 'from=2026-04-01&to=2026-04-30')).value, 0);
  });

  test('the month per unit: 响应率, 解决率, 满意率, 按时办结率, 退单, the ranking and the red list', async () => {
    const response = await center.request('GET', '/api/hotline/rates?month=2026-03&by=unit');
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json();
    const a = view.rows.find((row: { key: string }) => row.key === unitA.id);
    const b = view.rows.find((row: { key: string }) => row.key === unitB.id);
    assert.equal(a.name, '甲街道');
    assert.equal(a.dispatched, 3);
    assert.deepEqual(plain(a.response), { numerator: 2, denominator: 3, rate: 66.7 });
    assert.deepEqual(plain(a.onTime), { numerator: 2, denominator: 3, rate: 66.7 });
    assert.deepEqual(plain(a.satisfaction), { numerator: 2, denominator: 3, rate: 66.7 });
    assert.deepEqual(plain(a.resolution), { numerator: 2, denominator: 3, rate: 66.7 });
    assert.equal(a.isRed, true);
    assert.equal(a.rank, 2);
    assert.equal(b.returned, 1);
    assert.deepEqual(plain(b.response), { numerator: 1, denominator: 1, rate: 100 });
    assert.equal(b.onTime.rate, null, 'B never signed: no clock of its own ran');
    assert.equal(b.rank, 1);
    assert.equal(b.isRed, false);

    const byArea = (await center.request('GET', '/api/hotline/rates?month=2026-03&by=area')).json();
    const area = byArea.rows.find((row: { key: string }) => row.key === '甲街道');
    assert.equal(area.dispatched, 2, 'T1 and T2 happened in 甲街道; T4 named no 街乡');
    const liaison = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitA.id });
    assert.equal((await liaison.request('GET', '/api/hotline/rates?month=2026-13')).statusCode, 400);
  });

  test('the ledger filters by channel, type, category, state and unit; a 联络员 sees only their unit’s', async () => {
    const page = async (who: Actor, query: string) => {
      const response = await who.request('GET', `/api/hotline/tickets?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { total: number; rows: Array<{ channel: string; unitName: string | null; returnCount: number; stateLabel: string }> };
    };
    assert.equal((await page(center, '')).total, 4);
    assert.equal((await page(center, 'channel=电话')).total, 2);
    assert.equal((await page(center, 'type=咨询')).total, 1);
    assert.equal((await page(center, 'category=城市管理')).total, 3);
    assert.equal((await page(center, 'q=公积金')).total, 1, 'the text search of every ledger');
    assert.equal((await page(center, 'q=背街小巷&type=建议')).total, 1);
    assert.equal((await page(center, 'state=answered_on_spot')).rows[0]!.stateLabel, '直接办结');
    const returned = (await page(center, `unitId=${unitB.id}`)).rows;
    assert.equal(returned.length, 1);
    assert.equal(returned[0]!.unitName, '甲街道', 'the unit holding it now');
    assert.equal(returned[0]!.returnCount, 1);
    const liaison = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitB.id });
    assert.equal((await page(liaison, '')).total, 0, 'B returned its one ticket and the center sent it to A: B sees none');
    const other = await actingAs(t.app, t.database.db, ['liaison']);
    assert.equal((await page(other, '')).total, 0);
    const stranger = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await stranger.request('GET', '/api/hotline/tickets')).statusCode, 403);
  });

  test('按时办结率 counts what is past due by the app’s clock, not the machine’s', async () => {
    // T4's unit signed on 03-10 and has 13 working days (due 03-27). On 03-26 it is not late yet; on 03-30 it is.
    // With the machine's time (any day after March 2026) it would be late on both days.
    const onTimeAt = async (instant: string) => {
      at(instant);
      center = await sessionFor(t.app, center.user);
      return metric('hotline.onTimeRate');
    };
    try {
      const before = await onTimeAt('2026-03-26T10:00:00+08:00');
      assert.deepEqual(before.parts, { inTime: 2, late: 0 }, 'T4 is not yet due');
      assert.equal(before.value, 100);
      const after = await onTimeAt('2026-03-30T10:00:00+08:00');
      assert.deepEqual(after.parts, { inTime: 2, late: 1 }, 'T4 past its due day, unanswered');
      assert.equal(after.value, 66.7);
    } finally {
      at('2026-04-15T10:00:00+08:00');
      center = await sessionFor(t.app, center.user);
    }
  });

  test('rankRates: ties share a rank; a unit without any rate is unranked and not red', () => {
    const zero = { dispatched: 1, returned: 0, respondedInTime: 0, responseDue: 0, closedInTime: 0, closeDue: 0, reached: 0, satisfied: 0, resolved: 0 };
    const rows = rankRates(
      [
        { ...zero, key: 'x', respondedInTime: 9, responseDue: 10 },
        { ...zero, key: 'y', respondedInTime: 9, responseDue: 10 },
        { ...zero, key: 'z' },
      ],
      new Map([['x', '甲'], ['y', '乙'], ['z', '丙']]),
    );
    assert.deepEqual(rows.map((row) => [row.name, row.rank, row.isRed]), [['乙', 1, false], ['甲', 1, false], ['丙', null, false]]);
  });
});
