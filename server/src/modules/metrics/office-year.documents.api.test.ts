/**
 * An office-year of 收文, 发文 and 会议 through the HTTP API (test/office-year.ts), around the year's edges and
 * holidays: a 收文 registered on New Year's Eve and 拟办 on the 调休 Sunday 01-04; one registered at 23:30 on
 * 12-31 (2026's) and one at 00:20 on 01-01 (2027's — still 2026 in UTC); a 基层请示 over 国庆; a 函 拟办 on the
 * 10-10 调休 Saturday and given to two units; one returned at 初审 in the new year; a 发文 drafted 2025-12-30
 * and signed over 元旦; one printed 12-31 23:50 and issued 00:10 on New Year's Day; one signed over 国庆, 不编文号;
 * one withdrawn; two 纪要 (one within the 3 working days, one over); meetings at 20:00 on 12-31 and 00:30 on 01-01, and one cancelled. The tally is the test's own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { officeYear, YEAR, type YearUser } from '../../../test/office-year.js';

let t: TestContext;
let y: ReturnType<typeof officeYear>;
before(async () => {
  t = await startTestApp();
  y = officeYear(t);
});
after(() => t.close());

describe('收文, 发文 and 会议 over a year', () => {
  let clerk: YearUser;
  let director: YearUser;
  const units = { a: '', b: '' };

  before(async () => {
    y.at('2025-12-01T09:00');
    const secretariat = await y.unit('秘书科', 'section');
    const a = await y.unit('应急管理局');
    const b = await y.unit('财政局');
    Object.assign(units, { a: a.id, b: b.id });
    clerk = await y.user(['clerk'], secretariat.id);
    director = await y.user(['director'], secretariat.id);
    const mayor = await y.user(['leader'], secretariat.id);
    const liaisonA = await y.user(['liaison'], a.id);
    const sysadmin = await y.user(['sysadmin'], secretariat.id);

    // 发文's 代字 and its chain: 核稿 (director) → 签发 (leader).
    const admin = await y.as(sysadmin);
    for (const [code, label] of [['年政发', '年度市政府文件'], ['年政办函', '年度市政府办公室函']] as const) {
      const response = await admin.request('POST', '/api/issuer-codes', { code, label, issuerName: `${label}`, organName: '年度市人民政府', printerName: '年度市人民政府办公室', format: 'file', principalId: mayor.id });
      assert.equal(response.statusCode, 200, response.body);
    }
    const chain = await admin.request('POST', '/api/approval-chains', { name: '发文通用流程', issuerCode: null, steps: [{ label: '核稿', type: 'review', roles: ['director'] }, { label: '签发', type: 'sign', roles: ['leader'] }] });
    assert.equal(chain.statusCode, 200, chain.body);

    const incoming = (docType: string, receivedOn: string, extra: Record<string, unknown> = {}) =>
      y.create(clerk, 'incoming', { fromOrg: '省人民政府办公厅', docType, title: `关于${docType}事项（${receivedOn}）`, receivedOn, ...extra });
    const document = (issuerCode: string, docType: string, copies: number, extra: Record<string, unknown> = {}) => ({
      issuerCode, docType, direction: docType === '函' ? '平行文' : '下行文', title: `关于${docType}事项的${docType}`, mainTo: [{ name: '各县（区）人民政府' }], copyTo: [],
      body: [{ level: 0, text: '现将有关事项通知如下。' }], disclosure: '主动公开', copies, signerId: mayor.id, ...extra,
    });
    const draft = async (fields: Record<string, unknown>) => {
      const id = await y.create(clerk, 'outgoing', fields);
      await y.act(clerk, id, 'submit');
      await y.act(director, id, 'approve');
      return id;
    };
    const complete = async (id: string, printAt: string, issueAt: string) => {
      await y.act(clerk, id, 'check');
      await y.act(clerk, id, 'register');
      y.at(printAt);
      await y.act(clerk, id, 'print');
      y.at(issueAt);
      await y.act(clerk, id, 'distribute');
    };
    const meeting = async (meetingType: string, startsAt: string, attending: string[], outcome: 'held' | 'cancelled' = 'held') => {
      const office = await y.as(clerk);
      const created = await office.request('POST', '/api/meetings', { meetingType, subject: `${meetingType} ${startsAt}`, location: '会议中心', startsAt: `${startsAt}:00+08:00`, endsAt: `${startsAt.slice(0, 11)}23:59:00+08:00`, attendingUnitIds: attending, leaderIds: [mayor.id] });
      assert.equal(created.statusCode, 201, created.body);
      const meetingRow = (created.json() as { meeting: { id: string; version: number } }).meeting;
      if (outcome === 'cancelled') {
        const cancelled = await office.request('POST', `/api/meetings/${meetingRow.id}/cancel`, { version: meetingRow.version, reason: '改期' });
        assert.equal(cancelled.statusCode, 200, cancelled.body);
        return meetingRow.id;
      }
      const noticed = await office.request('POST', `/api/meetings/${meetingRow.id}/notice`, { version: meetingRow.version });
      assert.equal(noticed.statusCode, 200, noticed.body);
      const held = await office.request('POST', `/api/meetings/${meetingRow.id}/hold`, { version: (noticed.json() as { meeting: { version: number } }).meeting.version });
      assert.equal(held.statusCode, 200, held.body);
      return meetingRow.id;
    };

    // Last year: a meeting and a 发文 drafted 12-30, signed 2026-01-05 over 元旦 (12-31, the 01-04 调休 Sunday, 01-05: 3 working days).
    y.at('2025-12-30T08:00');
    await meeting('常务会议', '2025-12-30T09:00', []);
    y.at('2025-12-30T09:00');
    const o1 = await draft(document('年政发', '通知', 10));
    // X0: registered 12-31, 拟办 on the 调休 Sunday 01-04: 1 working day.
    y.at('2025-12-31T15:00');
    const x0 = await incoming('通知', '2025-12-31');
    await y.act(clerk, x0, 'accept');
    y.at('2026-01-04T10:00');
    await y.act(clerk, x0, 'propose', { comment: '拟请秘书科阅办。' });
    await y.act(clerk, x0, 'file', { comment: '阅件，办结' });
    y.at('2026-01-05T10:00');
    await y.act(mayor, o1, 'sign_off');
    await complete(o1, '2026-01-05T15:00', '2026-01-06T09:00');

    y.at('2026-02-27T08:00');
    const m1 = await meeting('常务会议', '2026-02-27T09:00', [a.id]);
    // K2: the 常务会议's 纪要, drafted the same day, signed 03-04, issued 03-05: 5 working days (the 春节调休 Saturday
    // 02-28 among them), over the 3 allowed.
    y.at('2026-02-27T11:00');
    const k2 = await draft(document('年政办函', '纪要', 2, { meetingId: m1, meetingOn: '2026-02-27' }));
    // X5: a 通知 拟办 the day it came (0 working days) and filed.
    y.at('2026-03-02T09:00');
    const x5 = await incoming('通知', '2026-03-02');
    await y.act(clerk, x5, 'accept');
    await y.act(clerk, x5, 'propose', { comment: '拟请秘书科阅办。' });
    await y.act(clerk, x5, 'file', { comment: '阅件，办结' });
    y.at('2026-03-04T10:00');
    await y.act(mayor, k2, 'sign_off');
    await complete(k2, '2026-03-05T09:00', '2026-03-05T10:00');
    y.at('2026-06-15T08:00');
    await meeting('常务会议', '2026-06-15T09:00', [a.id], 'cancelled');

    // A 发文 signed and then withdrawn: never issued.
    y.at('2026-06-16T09:00');
    const withdrawn = await draft(document('年政发', '通知', 3));
    y.at('2026-06-17T10:00');
    await y.act(mayor, withdrawn, 'sign_off');
    await y.act(clerk, withdrawn, 'return', { reason: '会议已取消' });
    await y.act(clerk, withdrawn, 'withdraw', { reason: '会议已取消，不再发文' });

    // O3: drafted 09-29, signed 10-09 over 国庆 (09-30, 10-08, 10-09: 3 working days), 不编文号, issued 10-09.
    y.at('2026-09-29T09:00');
    const o3 = await draft(document('年政办函', '函', 5, { numbered: false }));
    // X1: a 基层请示 registered 09-30, 拟办 10-09 (10-08, 10-09: 2 working days), answered.
    y.at('2026-09-30T10:00');
    const x1 = await incoming('请示', '2026-09-30', { fromOrg: '东河县人民政府', isRequestFromBelow: true });
    await y.act(clerk, x1, 'accept');
    y.at('2026-10-09T08:00');
    const m2 = await meeting('专题会议', '2026-10-09T09:00', [a.id, b.id]);
    y.at('2026-10-09T10:00');
    await y.act(clerk, x1, 'propose', { comment: '拟请财政局研究答复。' });
    await y.act(clerk, x1, 'answer_request', { comment: '同意按程序申报。' });
    await y.act(mayor, o3, 'sign_off');
    // X2: a 函 registered 10-09, 拟办 10-12 (the 10-10 调休 Saturday, 10-12: 2 working days), given to A (主办) and B (协办), closed.
    y.at('2026-10-09T11:00');
    const x2 = await incoming('函', '2026-10-09');
    await y.act(clerk, x2, 'accept');
    await complete(o3, '2026-10-09T15:00', '2026-10-09T16:00');
    // K1: the 专题会议's 纪要, drafted 10-09, signed 10-12, issued 10-13: 3 working days (the 10-10 调休 Saturday one of them).
    y.at('2026-10-09T17:00');
    const k1 = await draft(document('年政办函', '纪要', 2, { meetingId: m2, meetingOn: '2026-10-09' }));
    y.at('2026-10-12T10:00');
    await y.act(clerk, x2, 'propose', { comment: '拟请应急管理局牵头办理。' });
    await y.act(clerk, x2, 'assign', { units: [{ unitId: a.id, role: 'lead' }, { unitId: b.id, role: 'assist' }] });
    y.at('2026-10-12T11:00');
    await y.act(mayor, k1, 'sign_off');
    await complete(k1, '2026-10-13T09:00', '2026-10-13T10:00');
    y.at('2026-10-20T10:00');
    await y.act(liaisonA, x2, 'sign');
    await y.act(liaisonA, x2, 'reply', { reply: '已办理' });
    await y.acceptReply(clerk, x2, a.id, { satisfaction: 'satisfied' });
    await y.act(clerk, x2, 'close', { comment: '办结' });

    // O2: drafted 12-30, signed 12-31 (1 working day), printed 23:50, issued 00:10 on New Year's Day: 2027's 发文.
    y.at('2026-12-30T09:00');
    const o2 = await draft(document('年政发', '通知', 20));
    y.at('2026-12-31T10:00');
    await y.act(mayor, o2, 'sign_off');
    // X3 at 23:30 on 12-31 (returned at 初审 on 01-04), X4 at 00:20 on 01-01; meetings at 20:00 and 00:30.
    y.at('2026-12-31T19:00');
    await meeting('市长办公会议', '2026-12-31T20:00', []);
    y.at('2026-12-31T23:30');
    const x3 = await incoming('报告', '2026-12-31');
    await complete(o2, '2026-12-31T23:50', '2027-01-01T00:10');
    y.at('2027-01-01T00:20');
    await incoming('通知', '2027-01-01');
    y.at('2027-01-01T00:25');
    await meeting('常务会议', '2027-01-01T00:30', []);
    y.at('2027-01-04T09:00');
    await y.act(clerk, x3, 'return', { reason: '未按规定格式行文' });
    y.at('2027-03-01T09:00');
  });

  test('收文: registered by Beijing date, 办结率, 拟办 working days over the holidays, 基层请示, 退回', async () => {
    const received = await y.metric(clerk, 'incoming.received', ...YEAR);
    assert.deepEqual([received.value, received.parts], [4, { 通知: 1, 请示: 1, 函: 1, 报告: 1 }]); // X5 X1 X2 X3; X0 is 2025's, X4 2027's
    assert.equal((await y.metric(clerk, 'incoming.received', '2027-01-01', '2027-01-31')).value, 1);
    const closed = await y.metric(clerk, 'incoming.closedRate', ...YEAR);
    assert.deepEqual([closed.value, closed.parts], [66.7, { closed: 2, total: 3 }]); // X5 X2 of X5 X1 X2; X3 returned
    const days = await y.metric(clerk, 'incoming.daysToProposal', ...YEAR);
    assert.deepEqual([days.value, days.extra], [1.3, { mean: 1.3, max: 2, count: 4 }]); // X0 1, X5 0, X1 2, X2 2
    const below = await y.metric(clerk, 'incoming.requestsFromBelow', ...YEAR);
    assert.deepEqual([below.value, below.parts], [1, { answered: 1, unanswered: 0 }]);
    assert.equal((await y.metric(clerk, 'incoming.returnedNonCompliant', ...YEAR)).value, 0);
    assert.equal((await y.metric(clerk, 'incoming.returnedNonCompliant', '2027-01-01', '2027-01-31')).value, 1); // by the day it was returned
    assert.deepEqual((await y.metric(clerk, 'incoming.received', ...YEAR, units.a)).parts, { 函: 1 });
    assert.deepEqual((await y.metric(clerk, 'incoming.received', ...YEAR, units.b)).parts, { 函: 1 });
  });

  test('发文: issued by the day of 核发, 有/无文号, 签发 working days, copies printed', async () => {
    const issued = await y.metric(clerk, 'outgoing.issued', ...YEAR);
    assert.deepEqual([issued.value, issued.parts], [4, { 年政发: 1, 年政办函: 3 }]); // O1 O3 K1 K2; O2 issued on 2027-01-01; the withdrawn one never
    assert.deepEqual((await y.metric(clerk, 'outgoing.issuedByType', ...YEAR)).parts, { 通知: 1, 函: 1, 纪要: 2 });
    assert.equal((await y.metric(clerk, 'outgoing.numbered', ...YEAR)).value, 3);
    assert.equal((await y.metric(clerk, 'outgoing.unnumbered', ...YEAR)).value, 1);
    assert.equal((await y.metric(clerk, 'outgoing.issued', '2027-01-01', '2027-01-31')).value, 1);
    const signOff = await y.metric(clerk, 'outgoing.daysToSignOff', ...YEAR);
    assert.deepEqual([signOff.value, signOff.extra?.max, signOff.extra?.count], [2.6, 4, 5]); // O1 3, K2 4 (02-28 was a 春节调休 Saturday, worked), O3 3, K1 2, O2 1
    const printed = await y.metric(clerk, 'outgoing.printedCopies', ...YEAR);
    assert.equal(printed.value, 39); // 10 + 2 + 5 + 2 + 20: O2 printed 12-31 23:50
    const minutes = await y.metric(clerk, 'minutes.issued', ...YEAR);
    assert.deepEqual([minutes.value, minutes.parts], [2, { 常务会议: 1, 专题会议: 1 }]);
    const toIssue = await y.metric(clerk, 'minutes.daysToIssue', ...YEAR);
    assert.deepEqual([toIssue.value, toIssue.extra], [4, { mean: 4, max: 5, count: 2, late: 1 }]); // K2 5 (the 02-28 Saturday worked; late), K1 3
  });

  test('会议: held by the Beijing date it began, by type and attending unit, with 同比', async () => {
    const held = await y.metric(clerk, 'meetings.held', ...YEAR);
    assert.deepEqual([held.value, held.parts], [3, { 常务会议: 1, 专题会议: 1, 市长办公会议: 1 }]); // the cancelled one and 01-01 00:30 not
    assert.equal((await y.metric(clerk, 'meetings.held', ...YEAR, units.a)).value, 2);
    assert.equal((await y.metric(clerk, 'meetings.held', ...YEAR, units.b)).value, 1);
    assert.equal((await y.metric(clerk, 'meetings.held', '2026-10-01', '2026-12-31')).value, 2);
    assert.equal((await y.metric(clerk, 'meetings.held', '2027-01-01', '2027-01-31')).value, 1);
    const yoy = await y.metric(clerk, 'meetings.yoyChange', ...YEAR);
    assert.deepEqual([yoy.value, yoy.parts], [200, { current: 3, previous: 1 }]);
  });

  test('the 驾驶舱 and the 年度工作总结 read the same figures', async () => {
    const headline = await y.headline(director, 2026);
    assert.deepEqual([headline['incoming.received'], headline['outgoing.issued'], headline['meetings.held'], headline['minutes.issued']], [4, 4, 3, 2]);
    // The monthly chart, this year against last: each record on its Beijing day (12-31 23:30 in December, 01-01 00:10 not).
    const view = (await (await y.as(director)).request('GET', '/api/dashboard?year=2026')).json() as { monthly: Array<{ metricId: string; months: Array<{ month: number; value: number | null; previous: number | null }> }> };
    const series = (id: string, pick: 'value' | 'previous') => view.monthly.find((row) => row.metricId === id)!.months.map((month) => month[pick]);
    assert.deepEqual(series('incoming.received', 'value'), [0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1]);
    // Last year before Fuban held any 收文 (the first came 2025-12-31) is no data, never 0.
    const noneBeforeDecember = Array.from({ length: 11 }, () => null);
    assert.deepEqual(series('incoming.received', 'previous'), [...noneBeforeDecember, 1]);
    assert.deepEqual(series('outgoing.issued', 'value'), [1, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0]);
    assert.deepEqual(series('meetings.held', 'value'), [0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    assert.deepEqual(series('meetings.held', 'previous'), [...noneBeforeDecember, 1]);
    const summary = await y.summaryTokens(director, ['{{incoming.received}}', '{{outgoing.issued}}', '{{meetings.held}}', '{{meetings.held|同比}}', '{{incoming.daysToProposal}}'], ...YEAR);
    assert.deepEqual(summary, {
      'incoming.received|值': '4件',
      'outgoing.issued|值': '4件',
      'meetings.held|值': '3次',
      'meetings.held|同比': '，同比增长200%',
      'incoming.daysToProposal|值': '1.3个工作日',
    });
  });
});
