/**
 * An office-year of 12345 through the HTTP API (test/hotline-fixtures.ts: the center's agent, 甲街道 and 乙局's
 * 联络员): a ticket dispatched on New Year's Eve and signed for on the 调休 Sunday 01-04 (in its 2 working hours),
 * two dispatched the afternoon before 国庆 (signed after the holiday: one in time, one late), a 求助 due over the
 * 10-10 调休 Saturday, a 重办 after 不满意 answered late, a duplicate 归并 into it, a 咨询 answered on the spot, a
 * 回访 that reached nobody, one answered within the 延期 granted (late without it), and a December ticket 退单 by 乙局 (by its 职责清单), 改派 to 甲街道 and left open into
 * next year. The tally is the test's own, from METRICS.md and the hotline's settings (签收 2 工作小时; 求助 3,
 * 投诉/建议 13 个工作日 from 签收; 重办 restarts the clock).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildHotlineFixture, DUTY_ITEM } from '../../../test/hotline-fixtures.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { officeYear, YEAR } from '../../../test/office-year.js';

let t: TestContext;
let y: ReturnType<typeof officeYear>;
let fixture: Awaited<ReturnType<typeof buildHotlineFixture>>;
before(async () => {
  t = await startTestApp();
  y = officeYear(t);
  y.at('2025-12-31T15:00');
  fixture = await buildHotlineFixture(t);
});
after(() => t.close());

describe('12345 over a year', () => {
  before(async () => {
    const { a, b, center, act, ticket, dispatch, unitA, unitB } = fixture;

    // H0: dispatched 2025-12-31 16:00; 1.5 working hours left that day, 元旦 01-01..03, so due 01-04 (调休 Sunday) 09:00.
    y.at('2025-12-31T16:00');
    const h0 = await ticket({ area: '甲街道' });
    await dispatch(h0, unitA.id);
    y.at('2026-01-04T08:45');
    await act(a, h0, 'sign');
    y.at('2026-01-05T10:00');
    await act(a, h0, 'reply', { reply: '已修复' });
    await act(center, h0, 'revisit', { result: '满意', resolved: '已解决' });

    // H6: a 建议 in June; the 回访 reaches nobody.
    y.at('2026-06-15T09:00');
    const h6 = await ticket({ ticketType: '建议', content: '建议增设公交站台。' });
    await dispatch(h6, unitA.id);
    y.at('2026-06-15T09:30');
    await act(a, h6, 'sign');
    y.at('2026-06-20T10:00');
    await act(a, h6, 'reply', { reply: '已转交公交公司研究' });
    y.at('2026-06-22T10:00');
    await act(center, h6, 'revisit', { result: '未联系上' });

    // H7: a 投诉 to 甲街道 signed 07-01, due 07-20 (13 working days); 5 more granted on 07-15 (due 07-27); answered 07-24.
    y.at('2026-07-01T09:00');
    const h7 = await ticket({ content: '小区门前积水，请处理。' });
    await dispatch(h7, unitA.id);
    y.at('2026-07-01T09:30');
    await act(a, h7, 'sign');
    y.at('2026-07-15T10:00');
    await act(a, h7, 'ask_extension', { extension: { amount: 5, reason: '需协调市政排水改造' } });
    const h7Now = await y.detail(center.user, h7);
    await act(center, h7, 'grant_extension', { assignmentId: h7Now.assignments.find((row) => row.unitId === unitA.id && row.isStanding)!.id, comment: '同意' });
    y.at('2026-07-24T10:00');
    await act(a, h7, 'reply', { reply: '已疏通排水管道' });
    await act(center, h7, 'revisit', { result: '满意', resolved: '已解决' });

    // H1, H2: dispatched 09-30 16:00, the 签收 due 10-08 09:00 after 国庆.
    y.at('2026-09-30T16:00');
    const h1 = await ticket({ channel: '网上', ticketType: '求助', area: '甲街道' });
    await dispatch(h1, unitA.id);
    const h2 = await ticket({});
    await dispatch(h2, unitB.id);
    y.at('2026-10-08T08:50');
    await act(a, h1, 'sign'); // in time
    y.at('2026-10-08T09:30');
    await act(b, h2, 'sign'); // late
    // H4: the same street light reported again: 归并 into H2, counted once.
    y.at('2026-10-09T10:00');
    const h4 = await ticket({ callerName: '钱七' });
    await act(center, h4, 'merge', { into: h2, comment: '同一路灯' });
    // H1 求助: 3 working days from 10-08 — 10-09, the 10-10 调休 Saturday, 10-12: answered on the last day.
    y.at('2026-10-12T16:00');
    await act(a, h1, 'reply', { reply: '已协调处理' });
    await act(center, h1, 'revisit', { result: '基本满意', resolved: '已解决' });
    // H2 投诉: answered 10-20 (due 10-26), 不满意 → 重办 from 10-20 (due 11-06), answered 11-20: late.
    y.at('2026-10-20T10:00');
    await act(b, h2, 'reply', { reply: '已安排维修' });
    await act(center, h2, 'redo', { resolved: '未解决', comment: '路灯仍不亮' });
    // H3: a 咨询 answered on the spot.
    y.at('2026-11-02T10:00');
    const h3 = await ticket({ channel: '微信', ticketType: '咨询', category: '政务服务/政策咨询', content: '社保卡怎么补办？' });
    await act(center, h3, 'direct_close', { answer: '携带身份证到社保大厅办理。' });

    y.at('2026-11-20T10:00');
    await act(b, h2, 'reply', { reply: '已更换线路，路灯恢复' });
    await act(center, h2, 'revisit', { result: '满意', resolved: '已解决' });
    y.at('2026-11-25T10:00');
    await act(center, h2, 'case_study', { writeUp: '重办到位，群众满意。' });

    // H5: 12-28 to 乙局, which 退单s by its 职责清单; 改派 to 甲街道, signed, never answered (due in January).
    y.at('2026-12-28T10:00');
    const h5 = await ticket({});
    await dispatch(h5, unitB.id);
    y.at('2026-12-28T10:30');
    await act(b, h5, 'unit_return', { dutyItem: DUTY_ITEM, reason: '属街道职责' });
    y.at('2026-12-28T11:00');
    await dispatch(h5, unitA.id);
    y.at('2026-12-28T11:30');
    await act(a, h5, 'sign');
    y.at('2027-03-01T09:00');
  });

  test('tickets: by channel and type, 直接办结 and 归并 counted as such', async () => {
    const tickets = await y.metric(fixture.center.user, 'hotline.tickets', ...YEAR);
    assert.equal(tickets.value, 6); // H1 H2 H3 H5 H6 H7; H4 merged into H2; H0 is last year's
    assert.deepEqual(tickets.parts, { 电话: 4, 网上: 1, 市长信箱: 0, 微信: 1, 媒体线索: 0, 省平台转办: 0 });
    assert.deepEqual(tickets.extra, { 咨询: 1, 求助: 1, 投诉: 3, 举报: 0, 建议: 1, 表扬: 0, direct: 1, merged: 1 });
    assert.equal(await y.recordsTotal(fixture.center.user, 'hotline.tickets', ...YEAR), 6);
    assert.equal((await y.metric(fixture.center.user, 'hotline.tickets', '2025-12-01', '2025-12-31')).value, 1);
    const overNewYear = await y.metric(fixture.center.user, 'hotline.satisfactionRate', '2025-12-01', '2026-01-31');
    assert.deepEqual([overNewYear.value, overNewYear.parts], [100, { 满意: 1, 基本满意: 0, 不满意: 0, 未联系上: 0 }]); // H0's 回访 on 01-05
    assert.equal((await y.metric(fixture.center.user, 'hotline.caseStudies', ...YEAR)).value, 1);
  });

  test('办结率 and 按时办结率: the 重办 clock, the year\'s end', async () => {
    const closed = await y.metric(fixture.center.user, 'hotline.closedRate', ...YEAR);
    assert.deepEqual([closed.value, closed.parts], [83.3, { closed: 4, direct: 1, open: 1 }]); // H1 H2 H6 H7 / H3 / H5
    const onTime = await y.metric(fixture.center.user, 'hotline.onTimeRate', ...YEAR);
    assert.deepEqual([onTime.value, onTime.parts], [80, { inTime: 4, late: 1 }]); // H0 H1 H6 H7 (by its extension) / H2 after its 重办; H5 due in 2027
    const q4 = await y.metric(fixture.center.user, 'hotline.onTimeRate', '2026-10-01', '2026-12-31');
    assert.deepEqual([q4.value, q4.parts], [50, { inTime: 1, late: 1 }]);
    const july = await y.metric(fixture.center.user, 'hotline.onTimeRate', '2026-07-01', '2026-07-31');
    assert.deepEqual([july.value, july.parts], [100, { inTime: 1, late: 0 }]); // H7, by its extended due day
    const next = await y.metric(fixture.center.user, 'hotline.onTimeRate', '2027-01-01', '2027-02-28');
    assert.deepEqual([next.value, next.parts], [0, { inTime: 0, late: 1 }]); // H5, open past its due day
  });

  test('响应率 (each 派单, 退单 in time counted), 满意率 and 解决率 (each 回访, 重办 included)', async () => {
    const response = await y.metric(fixture.center.user, 'hotline.responseRate', ...YEAR);
    assert.deepEqual([response.value, response.parts], [83.3, { inTime: 5, late: 1 }]); // H1 H6 H7 H5→乙局(退单) H5→甲街道 / H2
    assert.deepEqual([response.extra?.dispatched, response.extra?.returned], [6, 1]);
    const lastYear = await y.metric(fixture.center.user, 'hotline.responseRate', '2025-12-01', '2025-12-31');
    assert.deepEqual([lastYear.value, lastYear.parts], [100, { inTime: 1, late: 0 }]); // H0, signed on the 调休 Sunday
    const satisfaction = await y.metric(fixture.center.user, 'hotline.satisfactionRate', ...YEAR);
    assert.deepEqual([satisfaction.value, satisfaction.parts], [80, { 满意: 3, 基本满意: 1, 不满意: 1, 未联系上: 1 }]);
    const resolution = await y.metric(fixture.center.user, 'hotline.resolutionRate', ...YEAR);
    assert.deepEqual([resolution.value, resolution.parts], [80, { resolved: 4, unresolved: 1 }]);
  });

  test('per unit: the unit the tickets were given to (not one 退单 and 改派 away)', async () => {
    const { unitA, unitB, center } = fixture;
    assert.equal((await y.metric(center.user, 'hotline.tickets', ...YEAR, unitA.id)).value, 4); // H1 H5 H6 H7
    assert.equal((await y.metric(center.user, 'hotline.tickets', ...YEAR, unitB.id)).value, 1); // H2
    assert.deepEqual((await y.metric(center.user, 'hotline.onTimeRate', ...YEAR, unitA.id)).parts, { inTime: 4, late: 0 });
    assert.deepEqual((await y.metric(center.user, 'hotline.onTimeRate', ...YEAR, unitB.id)).parts, { inTime: 0, late: 1 });
    assert.deepEqual((await y.metric(center.user, 'hotline.responseRate', ...YEAR, unitB.id)).parts, { inTime: 1, late: 1 }); // H2 late, H5 退单 in time
    assert.equal((await y.metric(center.user, 'hotline.satisfactionRate', ...YEAR, unitA.id)).value, 100);
    assert.equal((await y.metric(center.user, 'hotline.satisfactionRate', ...YEAR, unitB.id)).value, 50);
    assert.equal((await y.metric(fixture.a.user, 'hotline.tickets', ...YEAR)).value, 4, '甲街道\'s 联络员 gets their own unit');
  });

  test('the 驾驶舱 and the 年度工作总结 read the same figures', async () => {
    const { unitA, unitB } = fixture;
    const director = await y.user(['director'], (await y.unit('办公室', 'section')).id);
    const headline = await y.headline(director, 2026);
    assert.deepEqual([headline['hotline.tickets'], headline['hotline.satisfactionRate']], [6, 80]);
    assert.deepEqual(await y.ranking(director, 'hotline.onTimeRate', 2026), { [unitA.id]: 100, [unitB.id]: 0 });
    const summary = await y.summaryTokens(director, ['{{hotline.tickets}}', '{{hotline.tickets|同比}}', '{{hotline.closedRate}}', '{{hotline.onTimeRate}}', '{{hotline.satisfactionRate}}'], ...YEAR);
    assert.deepEqual(summary, {
      'hotline.tickets|值': '6件',
      'hotline.tickets|同比': '，同比增长500%', // 2025: H0
      'hotline.closedRate|值': '83.3%',
      'hotline.onTimeRate|值': '80%',
      'hotline.satisfactionRate|值': '80%',
    });
  });
});
