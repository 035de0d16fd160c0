/**
 * An office-year of 信访 and 依申请公开 through the HTTP API (test/office-year.ts), 2025-12 to 2027-02, with
 * what a real year brings: cases crossing the year, 60 日 answers whose last day falls in 国庆 (moved to the next
 * working day), 20 个工作日 answers over 中秋/国庆 and the 10-10 调休 Saturday, an approved extension, a 补正
 * never made and one made (the clock restarts), a 征求第三方意见 pause, a petition reopened for 复查, an application withdrawn, a 复议 that corrected the answer, a petition
 * refused, a collective visit, and a petition given to two units. The tally in each test is the test's own
 * count under METRICS.md and the statutes, never read from the code.
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

describe('信访: petitions.visits and petitions.onTimeRate over a year', () => {
  let clerk: YearUser;
  let director: YearUser;
  const units = { env: '', housing: '' };

  before(async () => {
    y.at('2025-12-15T09:00');
    const office = await y.unit('信访科', 'section');
    const env = await y.unit('生态环境局');
    const housing = await y.unit('住房城乡建设局');
    Object.assign(units, { env: env.id, housing: housing.id });
    clerk = await y.user(['clerk'], office.id);
    director = await y.user(['director'], office.id);
    const envLiaison = await y.user(['liaison'], env.id);
    const housingLiaison = await y.user(['liaison'], housing.id);
    const liaisonOf = { [env.id]: envLiaison, [housing.id]: housingLiaison };

    const petition = async (channel: string, receivedOn: string, extra: Record<string, unknown> = {}) =>
      y.create(clerk, 'petition', { channel, petitionerName: '王五', phone: '13800002222', summary: `${channel}反映的诉求`, receivedOn, ...extra });
    /** 受理 and 交办 now; the lead unit works it and the office answers at `answeredAt`. */
    const handle = async (caseId: string, lead: string, assist: string[] = []) => {
      await y.act(clerk, caseId, 'accept');
      await y.act(clerk, caseId, 'assign', { units: [{ unitId: lead, role: 'lead' }, ...assist.map((unitId) => ({ unitId, role: 'assist' }))] });
    };
    const answer = async (caseId: string, lead: string, answeredAt: string) => {
      y.at(answeredAt);
      await y.act(liaisonOf[lead]!, caseId, 'sign');
      await y.act(liaisonOf[lead]!, caseId, 'reply', { reply: '已核实办理' });
      await y.acceptReply(clerk, caseId, lead, { satisfaction: 'satisfied' });
      await y.act(clerk, caseId, 'answer', { opinion: '答复意见：已办理。' });
    };

    // Last year: registered and accepted 2025-12-15, answered 2026-01-20 (due 2026-02-13): on time, in 2026's rate only.
    const p0 = await petition('来信', '2025-12-15');
    await handle(p0, env.id);
    await answer(p0, env.id, '2026-01-20T10:00');

    // P3 巡视组转办, given to 生态环境局 (主办) and 住建局 (协办). 60 日 end 05-01, in 劳动节: due 05-06; the director
    // extends the answer by 30 日, so 05-20 is in time only with the extension.
    y.at('2026-03-02T09:00');
    const p3 = await petition('转办', '2026-03-02', { referredBy: '巡视组转办' });
    await handle(p3, env.id, [housing.id]);
    await y.act(director, p3, 'extend_answer', { extension: { amount: 30, reason: '涉及多部门，情况复杂' } });
    // P6 来信 given to 住建局 alone, answered 05-08 (due 06-06 → Monday 06-08): on time.
    y.at('2026-04-07T09:00');
    const p6 = await petition('来信', '2026-04-07');
    await handle(p6, housing.id);
    await answer(p6, housing.id, '2026-05-08T10:00');
    await answer(p3, env.id, '2026-05-20T10:00');
    // P6 reopened: the petitioner asks for a 复查 and gets it. Still one 信访件, answered once, in time.
    y.at('2026-05-20T11:00');
    await y.act(clerk, p6, 'request_review', { requestedOn: '2026-05-20', request: '对答复意见不服，请求复查' });
    y.at('2026-06-10T09:00');
    await y.act(clerk, p6, 'answer_review', { opinion: '复查意见：维持原答复。' });

    // P5 网上, refused: counted as received (含不予受理), never answered.
    y.at('2026-06-10T10:00');
    const p5 = await petition('网上', '2026-06-10');
    await y.act(clerk, p5, 'refuse', { reason: '不属于本机关职权范围，已告知向有权机关提出' });

    // Accepted 08-04: 60 日 end on 10-03, in 国庆; the last day moves to the next working day, 10-08.
    y.at('2026-08-04T09:00');
    const p1 = await petition('来访', '2026-08-04', { visitors: 3 });
    await handle(p1, env.id);
    // P2 first given to 住建局 by mistake: the 交办 is withdrawn (撤回) and it goes to 生态环境局 — not 住建局's.
    const p2 = await petition('来信', '2026-08-04');
    await handle(p2, housing.id);
    const mistaken = (await y.detail(clerk, p2)).assignments.find((row) => row.unitId === housing.id)!;
    await y.act(clerk, p2, 'recall', { assignmentId: mistaken.id, reason: '经核实不涉及住建局职责' });
    await y.act(clerk, p2, 'assign', { units: [{ unitId: env.id, role: 'lead' }] });
    await answer(p1, env.id, '2026-10-08T16:00'); // on the moved last day: on time
    await answer(p2, env.id, '2026-10-09T10:00'); // a day after it: late

    // A collective visit late in November, answered in January 2027 (due 2027-01-19): 2026's 起, 2027's rate.
    y.at('2026-11-20T09:00');
    const p4 = await petition('来访', '2026-11-20', { visitors: 6 });
    await handle(p4, env.id);
    await answer(p4, env.id, '2027-01-05T10:00');
    y.at('2027-03-01T09:00');
  });

  test('the year: 起 by source with 人次, and 按期答复 read with the holidays', async () => {
    const visits = await y.metric(clerk, 'petitions.visits', ...YEAR);
    assert.equal(visits.value, 6); // P1–P6; P0 is last year's
    assert.deepEqual(visits.parts, { 来信: 2, 来访: 2, 网上: 1, 巡视组转办: 1, 环保督察交办: 0, 上级交办函: 0 });
    assert.deepEqual(visits.extra, { visitPeople: 9, collectiveVisits: 1, collectivePeople: 6 });
    assert.equal(await y.recordsTotal(clerk, 'petitions.visits', ...YEAR), 6);

    const rate = await y.metric(clerk, 'petitions.onTimeRate', ...YEAR);
    assert.deepEqual(rate.parts, { inTime: 4, late: 1 }); // P0, P3, P6, P1 in time; P2 late; P4 answered in 2027
    assert.equal(rate.value, 80);
    assert.equal(await y.recordsTotal(clerk, 'petitions.onTimeRate', ...YEAR), 5);
  });

  test('a quarter, a month, last year and next year', async () => {
    const q4 = await y.metric(clerk, 'petitions.onTimeRate', '2026-10-01', '2026-12-31');
    assert.deepEqual([q4.value, q4.parts], [50, { inTime: 1, late: 1 }]);
    const october = await y.metric(clerk, 'petitions.visits', '2026-10-01', '2026-10-31');
    assert.equal(october.value, 0);
    const november = await y.metric(clerk, 'petitions.visits', '2026-11-01', '2026-11-30');
    assert.deepEqual([november.value, november.extra?.visitPeople], [1, 6]);
    assert.equal((await y.metric(clerk, 'petitions.visits', '2025-01-01', '2025-12-31')).value, 1);
    const next = await y.metric(clerk, 'petitions.onTimeRate', '2027-01-01', '2027-02-28');
    assert.deepEqual([next.value, next.parts], [100, { inTime: 1, late: 0 }]);
    const acrossTheYear = await y.metric(clerk, 'petitions.onTimeRate', '2026-10-01', '2027-01-31'); // a custom range over New Year
    assert.deepEqual([acrossTheYear.value, acrossTheYear.parts], [66.7, { inTime: 2, late: 1 }]); // P1 P4 / P2
  });

  test('per unit: every unit an item was given to, 主办 or 协办', async () => {
    const env = await y.metric(clerk, 'petitions.visits', ...YEAR, units.env);
    assert.equal(env.value, 4); // P1 P2 P3 P4
    assert.deepEqual(env.extra, { visitPeople: 9, collectiveVisits: 1, collectivePeople: 6 });
    const housing = await y.metric(clerk, 'petitions.visits', ...YEAR, units.housing);
    assert.deepEqual([housing.value, housing.parts?.['巡视组转办'], housing.parts?.['来信']], [2, 1, 1]); // P3 协办, P6; P2 recalled from it
    const envRate = await y.metric(clerk, 'petitions.onTimeRate', ...YEAR, units.env);
    assert.deepEqual(envRate.parts, { inTime: 3, late: 1 }); // P0 P3 P1 / P2
    assert.equal(envRate.value, 75);
    const housingRate = await y.metric(clerk, 'petitions.onTimeRate', ...YEAR, units.housing);
    assert.deepEqual([housingRate.value, housingRate.parts], [100, { inTime: 2, late: 0 }]);
  });
});

describe('依申请公开: disclosure.requests and disclosure.onTimeRate over a year', () => {
  let staff: YearUser;
  const units = { open: '', other: '' };

  before(async () => {
    y.at('2025-12-29T09:00');
    const open = await y.unit('政务公开办', 'section');
    const other = await y.unit('自然资源局');
    Object.assign(units, { open: open.id, other: other.id });
    staff = await y.user(['info_staff'], open.id);
    const otherClerk = await y.user(['clerk'], other.id);
    const director = await y.user(['director'], open.id);

    const apply = (who: YearUser, channel: string, date: string, extra: Record<string, unknown> = {}) => {
      const dateField = channel === 'in_person' ? 'submittedOn' : channel === 'post' ? 'signedForOn' : 'confirmedOn';
      return y.create(who, 'disclosure', { channel, [dateField]: date, applicantType: 'natural', applicantName: '赵六', subject: '关于某地块征收补偿方案的信息', ...extra });
    };
    const answer = async (who: YearUser, caseId: string, answeredAt: string) => {
      y.at(answeredAt);
      await y.act(who, caseId, 'answer', { outcome: 'disclosed', comment: '予以公开，见附件。', delivery: 'post' });
    };

    // Received 2025-12-29, answered 2026-01-15: last year's application, this year's answer (on time).
    const d4 = await apply(staff, 'online', '2025-12-29');
    await y.act(staff, d4, 'accept');
    await answer(staff, d4, '2026-01-15T10:00');

    // D7 answered in ten days; a 复议 filed in April corrected it in June.
    y.at('2026-03-10T09:00');
    const d7 = await apply(staff, 'in_person', '2026-03-10');
    await y.act(staff, d7, 'accept');
    await answer(staff, d7, '2026-03-20T10:00');
    y.at('2026-04-15T09:00');
    await y.act(staff, d7, 'record_proceeding', { proceedingType: 'review', filedOn: '2026-04-15' });

    // D5: 补正 asked the next day and never made — 视为放弃, concluded while its clock waits (in time).
    y.at('2026-05-06T09:00');
    const d5 = await apply(staff, 'in_person', '2026-05-06');
    y.at('2026-05-07T09:00');
    await y.act(staff, d5, 'request_correction', { items: '请写明所需信息的文号或形成时间，15 日内补正。' });
    y.at('2026-06-10T09:00');
    await y.act(staff, d5, 'no_correction', { reason: '申请人逾期未补正' });
    y.at('2026-06-30T09:00');
    await y.act(staff, d7, 'conclude_proceeding', { proceedingType: 'review', concludedOn: '2026-06-30', result: 'corrected' });

    // D6, another unit's: withdrawn by the applicant — counted as received, not in the rate.
    y.at('2026-07-01T09:00');
    const d6 = await apply(otherClerk, 'online', '2026-07-01');
    y.at('2026-07-03T09:00');
    await y.act(otherClerk, d6, 'withdraw', { reason: '申请人书面撤回' });

    // Received Monday 09-21: 20 工作日 over 中秋 (09-25) and 国庆, the 10-10 调休 Saturday counted, end 10-26.
    y.at('2026-09-21T09:00');
    const d1 = await apply(staff, 'online', '2026-09-21');
    const d2 = await apply(staff, 'in_person', '2026-09-21', { applicantType: 'commercial', organization: '某某置业有限公司' });
    await y.act(staff, d1, 'accept');
    await y.act(staff, d2, 'accept');
    await answer(staff, d1, '2026-10-26T16:00'); // the last day: on time
    await answer(staff, d2, '2026-10-27T10:00'); // late

    // D8: 20 工作日 end 11-30, but 征求第三方意见 11-03 → 11-20 is not counted: 12-08 is in time.
    // D9: 补正 asked 11-03 and made 11-16: the 20 工作日 run again from 11-16 (条例第三十条), to 12-14 — answered that day.
    // (Paused rather than restarted, D9's clock would have ended 12-11.)
    y.at('2026-11-02T09:00');
    const d8 = await apply(staff, 'in_person', '2026-11-02');
    await y.act(staff, d8, 'accept');
    const d9 = await apply(staff, 'in_person', '2026-11-02');
    y.at('2026-11-03T09:00');
    await y.act(staff, d8, 'consult', { thirdParty: '某某置业有限公司' });
    await y.act(staff, d9, 'request_correction', { items: '请写明所需信息的形成时间，10 日内补正。' });
    y.at('2026-11-16T10:00');
    await y.act(staff, d9, 'corrected', { comment: '申请人已补正' });
    y.at('2026-11-20T09:00');
    await y.act(staff, d8, 'consulted', { opinion: 'agree' });
    await answer(staff, d8, '2026-12-08T10:00');
    await answer(staff, d9, '2026-12-14T16:00');

    // D3, the other unit's, signed for 12-28; extended by 20 工作日 with the director's approval; answered in February.
    y.at('2026-12-28T09:00');
    const d3 = await apply(otherClerk, 'post', '2026-12-28');
    await y.act(otherClerk, d3, 'accept');
    await y.act(otherClerk, d3, 'request_extension', { extension: { amount: 20, reason: '涉及档案检索' }, approverId: director.id });
    await y.act(director, d3, 'approve_extension', { notice: 'letter' });
    await answer(otherClerk, d3, '2027-02-10T10:00');
    y.at('2027-03-01T09:00');
  });

  test('the year: applications by applicant type, 复议 and 纠正, and 按期答复', async () => {
    const requests = await y.metric(staff, 'disclosure.requests', ...YEAR);
    assert.equal(requests.value, 8); // D1 D2 D3 D5 D6 D7 D8 D9 (D4 was received in 2025)
    assert.deepEqual(requests.parts, { natural: 7, legal: 1 });
    assert.deepEqual(requests.extra, { reviews: 1, litigations: 0, corrected: 1 });
    assert.equal(await y.recordsTotal(staff, 'disclosure.requests', ...YEAR), 8);

    const rate = await y.metric(staff, 'disclosure.onTimeRate', ...YEAR);
    assert.deepEqual(rate.parts, { inTime: 6, late: 1 }); // D4 D7 D5 D1 D8 D9 / D2; D6 withdrawn; D3 in 2027
    assert.equal(rate.value, 85.7);
  });

  test('a quarter, last year and next year, and per unit (the unit that registered it)', async () => {
    const q4 = await y.metric(staff, 'disclosure.onTimeRate', '2026-10-01', '2026-12-31');
    assert.deepEqual([q4.value, q4.parts], [75, { inTime: 3, late: 1 }]);
    const q2 = await y.metric(staff, 'disclosure.requests', '2026-04-01', '2026-06-30');
    assert.deepEqual([q2.value, q2.extra], [1, { reviews: 1, litigations: 0, corrected: 1 }]); // D5; D7's 复议 filed and concluded
    assert.equal((await y.metric(staff, 'disclosure.requests', '2025-12-01', '2025-12-31')).value, 1);
    assert.equal((await y.metric(staff, 'disclosure.requests', '2025-12-01', '2026-03-31')).value, 2); // D4 D7
    const next = await y.metric(staff, 'disclosure.onTimeRate', '2027-01-01', '2027-02-28');
    assert.deepEqual([next.value, next.parts], [100, { inTime: 1, late: 0 }]);

    assert.equal((await y.metric(staff, 'disclosure.requests', ...YEAR, units.open)).value, 6);
    assert.equal((await y.metric(staff, 'disclosure.requests', ...YEAR, units.other)).value, 2);
    const openRate = await y.metric(staff, 'disclosure.onTimeRate', ...YEAR, units.open);
    assert.deepEqual([openRate.value, openRate.parts], [85.7, { inTime: 6, late: 1 }]);
    assert.equal((await y.metric(staff, 'disclosure.onTimeRate', ...YEAR, units.other)).value, null); // D6 withdrawn only
  });
});

describe('the 驾驶舱 and the 年度工作总结 read the same year', () => {
  test('headline figures, the units\' ranking by 按期答复率, and the summary\'s numbers with 同比', async () => {
    const director = await y.user(['director'], (await y.unit('办公室', 'section')).id);
    const headline = await y.headline(director, 2026);
    assert.equal(headline['petitions.visits'], 6);
    assert.equal(headline['disclosure.requests'], 8);
    const units = Object.fromEntries((await (await y.as(director)).request('GET', '/api/units')).json().map((row: { id: string; name: string }) => [row.name, row.id]));
    const petitions = await y.ranking(director, 'petitions.onTimeRate', 2026);
    assert.deepEqual([petitions[units['生态环境局']], petitions[units['住房城乡建设局']]], [75, 100]);
    // The ranking is of the answerable units (departments, districts, 街乡), not the office's own sections: 政务公开办's
    // 85.7% is not ranked, and 自然资源局's one 2026 application was withdrawn (its other was answered in 2027).
    assert.deepEqual(await y.ranking(director, 'disclosure.onTimeRate', 2026), {});
    assert.deepEqual(await y.ranking(director, 'disclosure.onTimeRate', 2027), { [units['自然资源局']]: 100 });

    const summary = await y.summaryTokens(director, ['{{petitions.visits}}', '{{petitions.visits|同比}}', '{{petitions.onTimeRate}}', '{{petitions.onTimeRate|同比}}', '{{disclosure.requests}}', '{{disclosure.requests|同比}}', '{{disclosure.onTimeRate}}'], ...YEAR);
    assert.deepEqual(summary, {
      'petitions.visits|值': '6起',
      'petitions.visits|同比': '，同比增长500%', // 2025: P0 alone
      'petitions.onTimeRate|值': '80%',
      'petitions.onTimeRate|同比': '', // nothing was answered in 2025: no rate to compare
      'disclosure.requests|值': '8件',
      'disclosure.requests|同比': '，同比增长700%', // 2025: D4 alone
      'disclosure.onTimeRate|值': '85.7%',
    });
  });
});
