/**
 * An office-year of 重点工作, 民生实事, 市长信箱 and the 驾驶舱's red list through the HTTP API (test/office-year.ts):
 * last year's and this year's 分工方案 imported from Excel; 民生实事 finished early and over target, on the last day,
 * and not at all, one opened last year and finished this; letters to the 市长信箱 (one merged into another, one on
 * New Year's Eve 23:40); 批示件 overdue, answered in time, and due after today. Each metric against the test's own
 * tally, with its drill-down of the same length; the red list is what is past due today and nothing else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { multipartOf, workbookOf } from '../../../test/register-fixtures.js';
import { PLAN_HEADERS } from '../../../test/plan-fixtures.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { officeYear, YEAR, type YearUser } from '../../../test/office-year.js';

let t: TestContext;
let y: ReturnType<typeof officeYear>;
before(async () => {
  t = await startTestApp();
  y = officeYear(t);
});
after(() => t.close());

type Red = { total: number; byKind: Array<{ kind: string; label: string; count: number }>; items: Array<{ id: string; kind: string; dueStatus: string; dueDate: string | null }> };

describe('重点工作, 民生实事, 市长信箱 and the red list over a year', () => {
  let inspector: YearUser;
  let director: YearUser;
  let clerk: YearUser;
  let liaisonA: YearUser;
  const units = { a: '', b: '' };
  const ids: Record<string, string> = {};
  /** Every measure imported from a 分工方案. */
  const planned: string[] = [];

  const importPlan = async (title: string, rows: Array<Array<string | number | null>>) => {
    const file = await workbookOf({ headers: PLAN_HEADERS, rows, titleLine: title, sheetName: '分工方案' });
    const { payload, contentType } = multipartOf(file, { mode: 'all' }, `${title}.xlsx`);
    const response = await t.app.inject({ method: 'POST', url: '/api/supervision/import', headers: { cookie: (await y.as(inspector)).cookie, 'content-type': contentType }, payload });
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json() as { imported: number; caseIds: string[] };
    planned.push(...result.caseIds);
    return result.imported;
  };

  before(async () => {
    y.at('2025-03-02T09:00');
    const office = await y.unit('督查室', 'section');
    const a = await y.unit('市发展改革委');
    const b = await y.unit('市教育局');
    Object.assign(units, { a: a.id, b: b.id });
    inspector = await y.user(['inspector'], office.id);
    director = await y.user(['director'], office.id);
    clerk = await y.user(['clerk'], office.id);
    const leader = await y.user(['leader'], office.id);
    const center = await y.user(['hotline_staff'], office.id);
    liaisonA = await y.user(['liaison'], a.id);

    // 2025's plan: one category, one 重点工作, two measures.
    assert.equal(await importPlan('2025年重点工作任务分工方案', [['一、扩大有效投资', null, null, null, null, null, null, null], [1, '抓好重大项目', '开工重大项目10个', '副市长甲', '市发展改革委', '', '年底前', null], [2, null, '完成投资100亿元', null, '市发展改革委', '市教育局', '年底前', null]]), 2);

    // 2026's: two categories, three 重点工作 under two leaders, five measures (one shared by both units).
    y.at('2026-02-10T09:00');
    const plan2026 = [
      ['一、着力扩大有效需求', null, null, null, null, null, null, null],
      [1, '扩大有效投资', '开工重大项目12个', '副市长甲', '市发展改革委', '', '年底前', null],
      [2, null, '争取专项债券额度', null, '市发展改革委', '市教育局', '6月底前', null],
      [3, '促进消费提质扩容', '举办消费季活动', '副市长甲', '市发展改革委', '', '三季度', null],
      ['二、着力保障和改善民生', null, null, null, null, null, null, null],
      [4, '办好人民满意的教育', '新建幼儿园3所', '副市长乙', '市教育局', '', '年底前', null],
      [5, null, '新增学位2000个', null, '市教育局', '', '年底前', null],
    ];
    assert.equal(await importPlan('2026年政府工作报告重点工作任务分工方案', plan2026), 5);

    const upload = async (who: YearUser) => {
      const boundary = 'fubanplans';
      const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ${Math.random()}\r\n--${boundary}--\r\n`);
      const response = await t.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: (await y.as(who)).cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      assert.equal(response.statusCode, 200, response.body);
      return { digest: (response.json() as { digest: string }).digest, name: 'evidence.pdf' };
    };
    const project = async (key: string, openedOn: string, deadline: string, target: number) => {
      y.at(`${openedOn}T09:00`);
      const response = await (await y.as(inspector)).request('POST', '/api/supervision/items', { source: '民生实事', title: `民生实事${key}`, measures: '按期完成', leadUnitId: a.id, openedOn, deadline, reportCycle: 'monthly', livelihood: { target, measure: '所' } });
      assert.equal(response.statusCode, 201, `${key}: ${response.body}`);
      ids[key] = (response.json() as { id: string }).id;
    };
    const finish = async (key: string, actual: number, claimOn: string, closeOn: string) => {
      y.at(`${claimOn}T10:00`);
      await y.act(liaisonA, ids[key]!, 'record_actual', { value: actual });
      await y.act(liaisonA, ids[key]!, 'claim', { comment: '已完成', evidence: [await upload(liaisonA)] });
      y.at(`${closeOn}T15:00`);
      await y.act(inspector, ids[key]!, 'close', { comment: '同意销号' });
    };
    // L0: 2025's, finished in 2026. L1: due 12-31, 13 of 12 claimed 10-15 (two months early, over target).
    // L2: due 06-30, 5 of 5 claimed on the day. L3: opened in November, unfinished.
    await project('L0', '2025-12-01', '2026-03-31', 4);
    await project('L1', '2026-03-02', '2026-12-31', 12);
    await project('L2', '2026-03-02', '2026-06-30', 5);
    await finish('L0', 4, '2026-03-20', '2026-03-25');
    await finish('L2', 5, '2026-06-30', '2026-07-02');
    await finish('L1', 13, '2026-10-15', '2026-10-20');
    await project('L3', '2026-11-02', '2027-06-30', 8);

    // 市长信箱: M1 in May, M2 merged into M1, M3 at 23:40 on 12-31, M4 at 00:05 on 01-01 (2027's); a phone ticket besides.
    const letter = async (key: string, at: string, channel = '市长信箱') => {
      y.at(at);
      ids[key] = await y.create(center, 'ticket', { channel, ticketType: '建议', category: '城市管理/路灯照明', callerName: '王五', content: `来信${key}` });
    };
    await letter('M1', '2026-05-06T10:00');
    await letter('M2', '2026-05-06T11:00');
    await y.act(center, ids.M2!, 'merge', { into: ids.M1, comment: '同一事项' });
    await letter('P1', '2026-05-07T10:00', '电话');

    // 批示件 in December: I1 due 12-16 and not answered (red from then on); I2 answered in time; I3 due after 01-05.
    const instruction = async (key: string, day: string, dueDays: number) => {
      y.at(`${day}T09:00`);
      ids[key] = await y.create(clerk, 'instruction', { leaderId: leader.id, instructedOn: day, instruction: '请抓紧研究落实。', sourceTitle: `关于${key}的报告` });
      await y.act(clerk, ids[key]!, 'assign', { units: [{ unitId: a.id, role: 'lead', dueDays }] });
    };
    await instruction('I1', '2026-12-14', 2);
    await instruction('I2', '2026-12-14', 2);
    y.at('2026-12-15T10:00');
    await y.act(liaisonA, ids.I2!, 'sign');
    await y.act(liaisonA, ids.I2!, 'reply', { reply: '已落实' });
    await instruction('I3', '2026-12-21', 15);
    await letter('M3', '2026-12-31T23:40');
    await letter('M4', '2027-01-01T00:05');
    y.at('2027-01-05T09:00');
  });

  const countWithList = async (id: string, expected: number, from: string = YEAR[0], to: string = YEAR[1], unitId?: string) => {
    const answer = await y.metric(director, id, from, to, unitId);
    assert.equal(answer.value, expected, `${id} ${from}..${to}${unitId ? ' unit' : ''}`);
    assert.equal(await y.recordsTotal(director, id, from, to, unitId), expected, `${id} records`);
    return answer;
  };

  test('重点工作: measures imported from the year’s 分工方案, with its 重点工作, categories and leaders', async () => {
    const decomposed = await countWithList('keyTasks.decomposed', 5);
    assert.deepEqual(decomposed.extra, { tasks: 3, categories: 2, leaders: 2 });
    await countWithList('keyTasks.decomposed', 3, ...YEAR, units.a); // 1 2 3 led
    await countWithList('keyTasks.decomposed', 3, ...YEAR, units.b); // 2 shared, 4 5 led
    const last = await countWithList('keyTasks.decomposed', 2, '2025-01-01', '2025-12-31');
    assert.deepEqual(last.extra, { tasks: 1, categories: 1, leaders: 1 });
    const tokens = await y.summaryTokens(director, ['{{keyTasks.decomposed}}', '{{keyTasks.decomposed|同比}}'], ...YEAR);
    assert.deepEqual(tokens, { 'keyTasks.decomposed|值': '5项', 'keyTasks.decomposed|同比': '，同比增长150%' });
  });

  test('民生实事: opened this year, done, early by whole months, over target', async () => {
    const projects = await countWithList('livelihood.projects', 3); // L1 L2 L3; L0 is 2025's
    assert.deepEqual(projects.parts, { done: 2, early: 1, overTarget: 1 });
    assert.deepEqual(projects.extra, { monthsEarly: 2 }); // L1: October against December
    const last = await countWithList('livelihood.projects', 1, '2025-01-01', '2025-12-31');
    assert.deepEqual(last.parts, { done: 1, early: 0, overTarget: 0 }); // L0 closed in March 2026, on its own month
  });

  test('市长信箱: letters by the Beijing day, merged ones apart', async () => {
    const letters = await countWithList('mailbox.letters', 2); // M1, M3; M2 merged into M1; M4 is 2027's
    assert.equal(letters.extra?.merged, 1);
    assert.equal(letters.parts?.建议, 2);
    await countWithList('mailbox.letters', 1, '2027-01-01', '2027-01-31');
    assert.equal((await y.metric(director, 'hotline.tickets', ...YEAR)).parts?.市长信箱, 2);
  });

  test('the 驾驶舱 red list on 01-05: what is past due today, its count and its records', async () => {
    await y.tick();
    const red = async () => {
      const response = await (await y.as(director)).request('GET', '/api/dashboard?year=2026');
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as { red: Red }).red;
    };
    // I1 (due 12-16); every open 督办 item, none of whose monthly 进展 came: the seven measures of both plans and L3
    // (first report due 11-30). Not I2 (answered), I3 (due later), L0 L1 L2 (销号).
    const expected = [ids.I1!, ...planned, ids.L3!].sort();
    const today = await red();
    assert.deepEqual(today.items.map((item) => item.id).sort(), expected);
    assert.ok(today.items.every((item) => item.dueStatus === 'red' && item.dueDate! < '2027-01-05'));
    assert.equal(today.total, 9);
    assert.deepEqual(today.byKind.map((row) => [row.label, row.count]).sort(), [['督查督办事项', 8], ['领导批示件', 1]]);
    // Each kind's count opens the ledger's 逾期 filter: the same records.
    for (const row of today.byKind) {
      const ledger = await (await y.as(director)).request('GET', `/api/cases?kind=${row.kind}&due=red&isClosed=false&limit=200`);
      assert.equal(ledger.statusCode, 200, ledger.body);
      const listed = (ledger.json() as { items: Array<{ id: string }> }).items.map((item) => item.id).sort();
      assert.deepEqual(listed, today.items.filter((item) => item.kind === row.kind).map((item) => item.id).sort(), row.kind);
      assert.equal(listed.length, row.count, row.kind);
    }
    // I1 answered at last: off the list, the rest stay.
    y.at('2027-01-05T10:00');
    await y.act(liaisonA, ids.I1!, 'sign');
    await y.act(liaisonA, ids.I1!, 'reply', { reply: '已落实' });
    await y.tick();
    const after = await red();
    assert.deepEqual([after.total, after.items.map((item) => item.id).sort()], [8, expected.filter((id) => id !== ids.I1)]);
  });
});
