/**
 * An office-year of 督查督办 and 领导批示件 through the HTTP API (test/office-year.ts): items opened last year and
 * closed this year, opened this year and closed next year, a 申报办结 returned by the 督查室 and claimed again
 * after the 完成时限, a claim on the deadline day, one after 国庆, a 长期坚持 item, one claimed and not yet
 * 销号, 批示件 given to two units with an extension granted, one due over 国庆 and the 10-10 调休 Saturday, and
 * one never given out. The tally is the test's own, from METRICS.md and the items' rules.
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

describe('督查督办 and 批示件 over a year', () => {
  let inspector: YearUser;
  let clerk: YearUser;
  const units = { a: '', b: '' };
  const ids: Record<string, string> = {};
  /** instructions.tracked asked on the way, on the day (the 逾期 count is as of the day asked). */
  const asked: Record<string, Record<string, number>> = {};

  before(async () => {
    y.at('2025-11-10T09:00');
    const office = await y.unit('督查室', 'section');
    const secretariat = await y.unit('秘书科', 'section');
    const a = await y.unit('发展改革委');
    const b = await y.unit('教育局');
    Object.assign(units, { a: a.id, b: b.id });
    inspector = await y.user(['inspector'], office.id);
    clerk = await y.user(['clerk'], secretariat.id);
    const leader = await y.user(['leader'], secretariat.id);
    const liaisonA = await y.user(['liaison'], a.id);
    const liaisonB = await y.user(['liaison'], b.id);
    const liaisonOf = { [a.id]: liaisonA, [b.id]: liaisonB };

    const upload = async (who: YearUser) => {
      const boundary = 'fubanyear';
      const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ${Math.random()}\r\n--${boundary}--\r\n`);
      const response = await t.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: (await y.as(who)).cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      assert.equal(response.statusCode, 200, response.body);
      return { digest: (response.json() as { digest: string }).digest, name: 'evidence.pdf' };
    };
    const open = async (key: string, openedAt: string, input: Record<string, unknown>) => {
      y.at(`${openedAt}T09:00`);
      const response = await (await y.as(inspector)).request('POST', '/api/supervision/items', { title: `督办事项${key}`, measures: '具体措施', reportCycle: 'monthly', openedOn: openedAt, ...input });
      assert.equal(response.statusCode, 201, `${key}: ${response.body}`);
      ids[key] = (response.json() as { id: string }).id;
    };
    const claim = async (key: string, lead: string, day: string) => {
      y.at(`${day}T10:00`);
      await y.act(liaisonOf[lead]!, ids[key]!, 'claim', { comment: '已完成', evidence: [await upload(liaisonOf[lead]!)] });
    };
    const close = async (key: string, day: string) => {
      y.at(`${day}T15:00`);
      await y.act(inspector, ids[key]!, 'close', { comment: '同意销号' });
    };

    // 批示件 (10 个工作日 from 交办).
    const instruction = async (key: string, day: string) => {
      y.at(`${day}T09:00`);
      ids[key] = await y.create(clerk, 'instruction', { leaderId: leader.id, instructedOn: day, instruction: '请抓紧研究落实。', sourceTitle: `关于${key}的报告` });
    };
    const finish = async (key: string, lead: string, day: string) => {
      y.at(`${day}T10:00`);
      await y.act(liaisonOf[lead]!, ids[key]!, 'reply', { reply: '已落实' });
      await y.acceptReply(clerk, ids[key]!, lead, { satisfaction: 'satisfied' });
      await y.act(clerk, ids[key]!, 'close', { comment: '办结' });
    };

    const notify = async (key: string, at: string, noticeType: '督办通知' | '督办函') => {
      y.at(at);
      const response = await (await y.as(inspector)).request('POST', `/api/supervision/items/${ids[key]}/notices`, { noticeType, replyBy: '2027-03-31' });
      assert.equal(response.statusCode, 201, response.body);
    };
    const compileBulletin = async (at: string, from: string, to: string) => {
      y.at(at);
      const response = await (await y.as(inspector)).request('POST', '/api/supervision/bulletins', { from, to });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: string; version: number };
    };
    const issueBulletin = async (bulletin: { id: string; version: number }, at: string) => {
      y.at(at);
      const response = await (await y.as(inspector)).request('POST', `/api/supervision/bulletins/${bulletin.id}/issue`, { version: bulletin.version });
      assert.equal(response.statusCode, 200, response.body);
    };
    const fieldCheck = async (checkedOn: string, method: string, key: string) => {
      y.at(`${checkedOn}T14:00`);
      const response = await (await y.as(inspector)).request('POST', '/api/supervision/field-checks', { checkedOn, place: '项目现场', people: '督查室两人', method, findings: '进度滞后，已督促整改', caseIds: [ids[key]] });
      assert.equal(response.statusCode, 201, response.body);
    };

    // The year in date order. S0: last year's item, claimed before its deadline, 销号 in January: this year's
    // on-time rate, last year's 立项. I0: last year's 批示件, closed in January.
    await open('S0', '2025-11-10', { source: '重点工作', leadUnitId: b.id, deadline: '2025-12-31' });
    await instruction('I0', '2025-12-22');
    await y.act(clerk, ids.I0!, 'assign', { units: [{ unitId: a.id, role: 'lead' }] });
    await y.act(liaisonA, ids.I0!, 'sign');
    await claim('S0', b.id, '2025-12-30');
    await finish('I0', a.id, '2026-01-05');
    await close('S0', '2026-01-06');

    // S1: two units; S2: due 10-09; S3: due 09-30, the last working day before 国庆; S6: 长期坚持 (no deadline).
    await open('S1', '2026-02-02', { source: '重点工作', leadUnitId: a.id, helperUnitIds: [b.id], deadline: '2026-06-30' });
    await open('S2', '2026-03-02', { source: '会议议定事项', leadUnitId: b.id, deadline: '2026-10-09' });
    await open('S3', '2026-05-06', { source: '上级交办', leadUnitId: a.id, deadline: '2026-09-30' });
    await notify('S1', '2026-05-15T10:00', '督办通知'); // to 发展改革委 (lead) and 教育局 (helper)
    await open('S6', '2026-06-01', { source: '其他', leadUnitId: a.id, isOngoing: true });
    // S1 claimed the day before its deadline, returned by the 督查室, claimed again after it: late.
    await claim('S1', a.id, '2026-06-29');
    y.at('2026-07-02T09:00');
    await y.act(inspector, ids.S1!, 'return', { reason: '佐证材料不足，请补充验收报告' });
    await claim('S1', a.id, '2026-07-10');
    await close('S1', '2026-07-12');
    await issueBulletin(await compileBulletin('2026-07-13T09:00', '2026-04-01', '2026-06-30'), '2026-07-13T16:00');
    // S7: claimed at the year's end, never 销号.
    await open('S7', '2026-08-03', { source: '重点工作', leadUnitId: b.id, deadline: '2026-12-31' });
    await notify('S3', '2026-09-25T10:00', '督办函');
    // I1: given 09-28, due 10-16 (国庆 skipped, the 10-10 Saturday worked); closed 10-15, on time.
    await instruction('I1', '2026-09-28');
    await y.act(clerk, ids.I1!, 'assign', { units: [{ unitId: a.id, role: 'lead' }] });
    await y.act(liaisonA, ids.I1!, 'sign');
    // S3 claimed after the holiday: late. S2 claimed on the deadline day itself: on time.
    await claim('S3', a.id, '2026-10-08');
    await fieldCheck('2026-10-08', '实地', 'S3');
    await claim('S2', b.id, '2026-10-09');
    await close('S3', '2026-10-09');
    await close('S2', '2026-10-12');
    await finish('I1', a.id, '2026-10-15');
    await fieldCheck('2026-11-10', '电话', 'S7');
    // S4: opened in November, due and 销号 next year: this year's 立项, next year's on-time rate.
    await open('S4', '2026-11-16', { source: '重点工作', leadUnitId: b.id, deadline: '2027-01-31' });
    // I2: to A (主办) and B (协办) on 12-01 (due 12-15); A asks 5 more working days and gets them (due 12-22).
    await instruction('I2', '2026-12-01');
    await y.act(clerk, ids.I2!, 'assign', { units: [{ unitId: a.id, role: 'lead' }, { unitId: b.id, role: 'assist' }] });
    await y.act(liaisonA, ids.I2!, 'sign');
    y.at('2026-12-10T09:00');
    await y.act(liaisonA, ids.I2!, 'ask_extension', { extension: { amount: 5, reason: '需征求教育局意见' } });
    const i2 = await y.detail(clerk, ids.I2!);
    await y.act(clerk, ids.I2!, 'grant_extension', { assignmentId: i2.assignments.find((row) => row.unitId === a.id)!.id, comment: '同意' });
    await claim('S6', a.id, '2026-12-15');
    // On 12-18 I2 is within its extended time; on 12-23 it is past it.
    y.at('2026-12-18T09:00');
    await y.tick();
    asked.dec18 = (await y.metric(clerk, 'instructions.tracked', '2026-12-01', '2026-12-31')).parts!;
    await close('S6', '2026-12-20');
    // I3: to B on 12-21, open and overdue by March.
    await instruction('I3', '2026-12-21');
    await y.act(clerk, ids.I3!, 'assign', { units: [{ unitId: b.id, role: 'lead' }] });
    y.at('2026-12-23T09:00');
    await y.tick();
    asked.dec23 = (await y.metric(clerk, 'instructions.tracked', '2026-12-01', '2026-12-31')).parts!;
    // S5: opened at the year's end, still in hand. I4: registered 12-30, not yet given out (no deadline, not overdue).
    await open('S5', '2026-12-28', { source: '其他', leadUnitId: a.id, deadline: '2027-03-31' });
    await instruction('I4', '2026-12-30');
    await claim('S7', b.id, '2026-12-30');
    const q4Bulletin = await compileBulletin('2026-12-31T09:00', '2026-10-01', '2026-12-31'); // a draft at the year's end, issued in January
    await notify('S5', '2026-12-31T23:50', '督办通知'); // still 12-31 in Beijing
    await issueBulletin(q4Bulletin, '2027-01-05T10:00');
    await claim('S4', b.id, '2027-01-20');
    await close('S4', '2027-01-25');
    y.at('2027-03-01T09:00');
    await y.tick();
  });

  test('supervision.opened: this year\'s items by source, 批示件 counted as 领导批示', async () => {
    const opened = await y.metric(inspector, 'supervision.opened', ...YEAR);
    assert.equal(opened.value, 11); // S1–S7 and I1–I4
    assert.deepEqual(opened.parts, { 领导批示: 4, 会议议定事项: 1, 重点工作: 3, 上级交办: 1, 建议提案: 0, '12345线索': 0, 民生实事: 0, 其他: 2 });
    assert.equal(await y.recordsTotal(inspector, 'supervision.opened', ...YEAR), 11);
    assert.equal((await y.metric(inspector, 'supervision.opened', '2025-01-01', '2025-12-31')).value, 2); // S0, I0
    const q4 = await y.metric(inspector, 'supervision.opened', '2026-10-01', '2026-12-31');
    assert.deepEqual([q4.value, q4.parts?.['重点工作'], q4.parts?.['领导批示'], q4.parts?.['其他']], [5, 1, 3, 1]); // S4, S5, I2–I4
  });

  test('supervision.closedRate: this year\'s items as they stand now', async () => {
    const closed = await y.metric(inspector, 'supervision.closedRate', ...YEAR);
    assert.deepEqual(closed.parts, { closed: 5, claimed: 1, open: 1 }); // S1 S2 S3 S4 S6 / S7 / S5
    assert.equal(closed.value, 71.4);
  });

  test('supervision.onTimeRate: 销号 in the period, the standing claim against the 完成时限', async () => {
    const year = await y.metric(inspector, 'supervision.onTimeRate', ...YEAR);
    assert.deepEqual(year.parts, { inTime: 2, late: 2 }); // S0 S2 / S1 S3; S6 has no deadline, S4 closed in 2027
    assert.equal(year.value, 50);
    assert.equal(await y.recordsTotal(inspector, 'supervision.onTimeRate', ...YEAR), 4);
    const q3 = await y.metric(inspector, 'supervision.onTimeRate', '2026-07-01', '2026-09-30');
    assert.deepEqual([q3.value, q3.parts], [0, { inTime: 0, late: 1 }]);
    const october = await y.metric(inspector, 'supervision.onTimeRate', '2026-10-01', '2026-10-31');
    assert.deepEqual([october.value, october.parts], [50, { inTime: 1, late: 1 }]);
    const next = await y.metric(inspector, 'supervision.onTimeRate', '2027-01-01', '2027-02-28');
    assert.deepEqual([next.value, next.parts], [100, { inTime: 1, late: 0 }]);
  });

  test('per unit: lead and helper units alike', async () => {
    const openedA = await y.metric(inspector, 'supervision.opened', ...YEAR, units.a);
    assert.deepEqual([openedA.value, openedA.parts?.['领导批示']], [6, 2]); // S1 S3 S5 S6, I1 I2
    const openedB = await y.metric(inspector, 'supervision.opened', ...YEAR, units.b);
    assert.deepEqual([openedB.value, openedB.parts?.['领导批示']], [6, 2]); // S1 (helper) S2 S4 S7, I2 (协办) I3
    const closedA = await y.metric(inspector, 'supervision.closedRate', ...YEAR, units.a);
    assert.deepEqual([closedA.value, closedA.parts], [75, { closed: 3, claimed: 0, open: 1 }]);
    const closedB = await y.metric(inspector, 'supervision.closedRate', ...YEAR, units.b);
    assert.deepEqual([closedB.value, closedB.parts], [75, { closed: 3, claimed: 1, open: 0 }]);
    const onTimeA = await y.metric(inspector, 'supervision.onTimeRate', ...YEAR, units.a);
    assert.deepEqual([onTimeA.value, onTimeA.parts], [0, { inTime: 0, late: 2 }]);
    const onTimeB = await y.metric(inspector, 'supervision.onTimeRate', ...YEAR, units.b);
    assert.deepEqual([onTimeB.value, onTimeB.parts], [66.7, { inTime: 2, late: 1 }]); // S0 S2 / S1
  });

  test('督办通知, 督查通报 (印发 only) and 督查 by their own dates', async () => {
    const notices = await y.metric(inspector, 'supervision.notices', ...YEAR);
    assert.deepEqual([notices.value, notices.parts], [3, { 督办通知: 2, 督办函: 1 }]); // S1, S3, and S5's at 23:50 on 12-31
    assert.equal((await y.metric(inspector, 'supervision.notices', ...YEAR, units.a)).value, 3);
    assert.equal((await y.metric(inspector, 'supervision.notices', ...YEAR, units.b)).value, 1); // S1's, as its helper unit
    assert.equal((await y.metric(inspector, 'supervision.bulletins', ...YEAR)).value, 1); // the Q4 one was a draft until January
    assert.equal((await y.metric(inspector, 'supervision.bulletins', '2027-01-01', '2027-01-31')).value, 1);
    const checks = await y.metric(inspector, 'supervision.fieldChecks', ...YEAR);
    assert.deepEqual([checks.value, checks.parts?.['实地'], checks.parts?.['电话']], [2, 1, 1]);
  });

  test('instructions.tracked: registered this year; closed, open, and overdue as of now', async () => {
    const year = await y.metric(clerk, 'instructions.tracked', ...YEAR);
    assert.equal(year.value, 4);
    assert.deepEqual(year.parts, { closed: 1, open: 3, overdue: 2 }); // I1 / I2 I3 I4; I2 and I3 past due, I4 not given out
    assert.equal((await y.metric(clerk, 'instructions.tracked', '2025-01-01', '2025-12-31')).parts?.closed, 1);
    const december = await y.metric(clerk, 'instructions.tracked', '2026-12-01', '2026-12-31');
    assert.deepEqual([december.value, december.parts], [3, { closed: 0, open: 3, overdue: 2 }]);
    assert.deepEqual((await y.metric(clerk, 'instructions.tracked', ...YEAR, units.a)).parts, { closed: 1, open: 1, overdue: 1 });
    assert.deepEqual((await y.metric(clerk, 'instructions.tracked', ...YEAR, units.b)).parts, { closed: 0, open: 2, overdue: 2 });
    assert.deepEqual(asked.dec18, { closed: 0, open: 1, overdue: 0 }, 'I2 within its extended time');
    assert.deepEqual(asked.dec23, { closed: 0, open: 2, overdue: 1 }, 'I2 past 12-22; I3 not yet due');
  });

  test('the 驾驶舱 and the 年度工作总结 read the same figures', async () => {
    const director = await y.user(['director'], (await y.unit('办公室', 'section')).id);
    const headline = await y.headline(director, 2026);
    assert.deepEqual([headline['supervision.opened'], headline['supervision.onTimeRate'], headline['instructions.tracked']], [11, 50, 4]);
    const ranking = await y.ranking(director, 'supervision.onTimeRate', 2026);
    assert.deepEqual(ranking, { [units.b]: 66.7, [units.a]: 0 });
    const summary = await y.summaryTokens(director, ['{{supervision.opened}}', '{{supervision.opened|同比}}', '{{supervision.closedRate}}', '{{supervision.onTimeRate}}', '{{supervision.onTimeRate|同比}}', '{{instructions.tracked}}'], ...YEAR);
    assert.deepEqual(summary, {
      'supervision.opened|值': '11项',
      'supervision.opened|同比': '，同比增长450%', // 2025: S0 and I0
      'supervision.closedRate|值': '71.4%',
      'supervision.onTimeRate|值': '50%',
      'supervision.onTimeRate|同比': '', // nothing was 销号 in 2025
      'instructions.tracked|值': '4件',
    });
  });
});
