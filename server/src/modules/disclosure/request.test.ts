/**
 * 依申请公开 through the routes, with every due date computed by hand over the 2026 calendar: a letter
 * posted on Friday and signed for on Monday, 补正 on working day 5 answered 9 days later (the clock
 * restarts), a third party consulted (not counted), an extension the 负责人 approves across 劳动节 and
 * its 调休 Saturday; then the annual report's cells, the metrics, masks and refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { verifyCaseTrail } from '../../engine/cases/trail.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
type Clock = { clockId: string; state: string; due: string | null; isLate: boolean | null; lines: string[] };

const at = (instant: string) => t.clock.set(new Date(instant));
const detailOf = async (who: Session, id: string) => (await who.request('GET', `/api/cases/${id}`)).json();
const clockOf = async (who: Session, id: string, clockId: string): Promise<Clock> => ((await detailOf(who, id)).clocks as Clock[]).find((clock) => clock.clockId === clockId)!;
const act = async (who: Session, id: string, action: string, input: Record<string, unknown> = {}) => {
  const detail = await detailOf(who, id);
  return who.request('POST', `/api/cases/${id}/actions/${action}`, { version: detail.version, ...input });
};
const ok = async (who: Session, id: string, action: string, input: Record<string, unknown> = {}) => {
  const response = await act(who, id, action, input);
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};
const PHONE = '13912345678';
const application = {
  channel: 'post',
  submittedOn: '2026-03-06',
  signedForOn: '2026-03-09',
  applicantType: 'natural',
  applicantName: '王建国',
  phone: PHONE,
  idNumber: '11010519491231002X',
  address: '示例市东城区和平路 8 号',
  subject: '2025 年城区老旧小区改造项目资金安排情况',
  preferredForm: 'paper',
};
const register = async (who: Session, fields: Record<string, unknown>) => {
  const response = await who.request('POST', '/api/cases', { kind: 'disclosure', fields });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string; serialNo: string };
};

describe('依申请公开', () => {
  let mainId = '';

  test('posted Friday, signed for Monday; 补正 on working day 5, corrected 9 days later; consulted; extended across 劳动节; answered in time', async () => {
    const db = t.database.db;
    at('2026-03-09T10:00:00+08:00');
    let clerk = await actingAs(t.app, db, ['clerk']);
    const created = await register(clerk, application);
    mainId = created.id;
    assert.match(created.serialNo, /^依申请〔2026〕\d+号$/);

    // From Mon 03-09: 03-10…13 (4), 16 (5), 17 (6), 18 (7).
    const notice = await clockOf(clerk, mainId, 'correction_notice');
    assert.equal(notice.due, '2026-03-18');
    // 20 working days: …04-03 (19), 清明 04-04…06, 04-07 (20).
    const answer = await clockOf(clerk, mainId, 'answer');
    assert.equal(answer.due, '2026-04-07');
    assert.ok(answer.lines.some((line) => line.includes('以签收之日 2026-03-09 为收到申请之日')), answer.lines.join('\n'));
    assert.equal((await detailOf(clerk, mainId)).dueDate, '2026-03-18');

    // 补正 on working day 5 (Mon 03-16): the notice is in time, the answer clock waits.
    at('2026-03-16T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    await ok(clerk, mainId, 'request_correction', { items: '请写明所需资金安排信息涉及的具体项目名称或文号，并于 15 日内补正。' });
    const stopped = await clockOf(clerk, mainId, 'correction_notice');
    assert.equal(stopped.state, 'stopped');
    assert.equal(stopped.isLate, false);
    assert.equal((await clockOf(clerk, mainId, 'answer')).state, 'paused');

    // Corrected 9 days later (Wed 03-25): 20 working days again from 03-25 → 03-26 (1) … 04-03 (7), 04-07 (8) … 04-23 (20).
    at('2026-03-25T09:30:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    await ok(clerk, mainId, 'corrected', { comment: '申请人补正了项目名称' });
    const restarted = await clockOf(clerk, mainId, 'answer');
    assert.equal(restarted.due, '2026-04-23');
    assert.ok(restarted.lines.some((line) => line.includes('重新起算') || line.includes('重新计算')), restarted.lines.join('\n'));
    assert.equal((await act(clerk, mainId, 'request_correction', { items: '再补正' })).statusCode, 422);

    // A third party consulted Wed 04-01 to Thu 04-09: 5 working days not counted → 04-24, 27, 28, 29, 30.
    at('2026-04-01T09:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    await ok(clerk, mainId, 'consult', { thirdParty: '示例市城投公司', comment: '涉及企业商业信息' });
    at('2026-04-09T09:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    await ok(clerk, mainId, 'consulted', { opinion: 'disagree', comment: '不同意公开合同单价' });
    assert.equal((await clockOf(clerk, mainId, 'answer')).due, '2026-04-30');

    // An extension of 10 working days, over 20 refused; approved by the 负责人 named: 劳动节 05-01…05 off, Sat 05-09 worked:
    // 05-06 (1), 07, 08, 09 (4), 11 … 15 (9), 18 (10).
    at('2026-04-27T09:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    assert.equal((await act(clerk, mainId, 'request_extension', { extension: { amount: 25, reason: '需协调多个单位' }, approverId: director.user.id })).statusCode, 400);
    assert.equal((await act(clerk, mainId, 'request_extension', { extension: { amount: 10, reason: '需协调多个单位' }, approverId: clerk.user.id })).statusCode, 400);
    await ok(clerk, mainId, 'request_extension', { extension: { amount: 10, reason: '需协调多个单位' }, approverId: director.user.id });
    // The request's trail entry names the 负责人 it went to.
    assert.deepEqual((await detailOf(clerk, mainId)).events.at(-1).data.sentTo, { verb: '报', names: [director.user.displayName], awaits: '审批' });
    assert.equal((await act(clerk, mainId, 'approve_extension', { notice: 'letter' })).statusCode, 403);
    const inbox = (await director.request('GET', '/api/inbox')).json();
    assert.ok(JSON.stringify(inbox).includes('审批延期'), 'the 负责人 has the approval in 待办');
    await ok(director, mainId, 'approve_extension', { notice: 'letter', comment: '同意' });
    const extended = await clockOf(clerk, mainId, 'answer');
    assert.equal(extended.due, '2026-05-18');
    assert.equal((await act(clerk, mainId, 'request_extension', { extension: { amount: 5, reason: '再延' }, approverId: director.user.id })).statusCode, 422);

    at('2026-05-15T15:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    await ok(clerk, mainId, 'answer', { outcome: 'partial', comment: '部分公开：资金安排表予以公开，合同单价涉及商业秘密不予公开。', delivery: 'post' });
    const done = await clockOf(clerk, mainId, 'answer');
    assert.equal(done.state, 'stopped');
    assert.equal(done.isLate, false);
    const detail = await detailOf(clerk, mainId);
    assert.equal(detail.state, 'answered');
    assert.equal(detail.fields.outcome, 'partial');
    assert.equal(detail.fields.answeredOn, '2026-05-15');
    assert.equal(await verifyCaseTrail(db, mainId), undefined);
  });

  test('复议 filed and concluded; a second applicant answered late; a 2025 application carried over: the report and the metrics count each in its cell', async () => {
    const db = t.database.db;
    at('2025-12-22T10:00:00+08:00');
    let clerk = await actingAs(t.app, db, ['clerk']);
    const carried = await register(clerk, { ...application, channel: 'in_person', submittedOn: '2025-12-22', signedForOn: undefined, applicantName: '李娜', phone: '13700001111' });
    at('2026-01-12T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    await ok(clerk, carried.id, 'accept');
    await ok(clerk, carried.id, 'answer', { outcome: 'disclosed', comment: '予以公开', delivery: 'in_person' });

    // A company online, confirmed Tue 02-03: due 20 working days later over 春节; answered late on 03-20, 复议 filed 04-02, 纠正 on 05-20.
    at('2026-02-03T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    const company = await register(clerk, {
      ...application,
      channel: 'online',
      submittedOn: '2026-02-02',
      signedForOn: undefined,
      confirmedOn: '2026-02-03',
      applicantType: 'commercial',
      organization: '示例市宏达建设有限公司',
      applicantName: '赵敏',
      phone: '13811112222',
      subject: '2025 年政府投资项目招标代理机构名录',
    });
    await ok(clerk, company.id, 'accept');
    // 02-04 (1) … 02-13 (8), Sat 02-14 worked (9), 春节 02-15…23, 02-24 (10) … Sat 02-28 worked (14), 03-02 (15) … 03-09 (20).
    assert.equal((await clockOf(clerk, company.id, 'answer')).due, '2026-03-09');
    at('2026-03-20T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    const late = await clockOf(clerk, company.id, 'answer');
    assert.equal(late.state, 'overdue');
    await ok(clerk, company.id, 'answer', { outcome: 'withheld.thirdParty', comment: '涉及第三方合法权益，不予公开。', delivery: 'email', fee: 0 });
    assert.equal((await clockOf(clerk, company.id, 'answer')).isLate, true);
    at('2026-04-02T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    assert.equal((await act(clerk, company.id, 'conclude_proceeding', { proceedingType: 'review', result: 'corrected', concludedOn: '2026-04-02' })).statusCode, 422);
    assert.equal((await act(clerk, company.id, 'record_proceeding', { proceedingType: 'review', filedOn: '2026-03-01' })).statusCode, 400);
    await ok(clerk, company.id, 'record_proceeding', { proceedingType: 'review', filedOn: '2026-04-02', comment: '申请人不服不予公开决定' });
    at('2026-05-20T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    assert.equal((await act(clerk, company.id, 'conclude_proceeding', { proceedingType: 'litigationDirect', result: 'corrected', concludedOn: '2026-05-20' })).statusCode, 400);
    await ok(clerk, company.id, 'conclude_proceeding', { proceedingType: 'review', result: 'corrected', concludedOn: '2026-05-20' });

    // A third, still open at the year's end.
    at('2026-12-01T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    await register(clerk, { ...application, channel: 'fax', submittedOn: '2026-11-30', signedForOn: undefined, confirmedOn: '2026-12-01', applicantName: '孙立', phone: '13600002222' });

    const report = (await clerk.request('GET', '/api/disclosure/annual-report?year=2026')).json();
    const cells = (key: string) => report.requests.rows.find((row: { key: string }) => row.key === key).cells as number[];
    // Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    assert.deepEqual(cells('newThisYear'), [2, 1, 0, 0, 0, 0, 3]);
    assert.deepEqual(cells('carriedOver'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells('disclosed'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells('partial'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells('withheld.thirdParty'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells('total'), [2, 1, 0, 0, 0, 0, 3]);
    assert.deepEqual(cells('carriedForward'), [1, 0, 0, 0, 0, 0, 1]);
    // Table 四: 行政复议 — 维持, 纠正, 其他, 尚未审结, 总计.
    assert.deepEqual(report.proceedings.rows[0].cells.slice(0, 5), [0, 1, 0, 0, 1]);
    assert.ok(report.checks.every((check: { isOk: boolean }) => check.isOk), JSON.stringify(report.checks));
    assert.match(report.overview[1], /新收政府信息公开申请3件，上年结转1件，办结3件，结转下年度继续办理1件/);

    const metric = (id: string) => clerk.request('GET', `/api/metrics/${id}?from=2026-01-01&to=2026-12-31`).then((response) => response.json());
    const requests = await metric('disclosure.requests');
    assert.equal(requests.value, 3);
    assert.deepEqual(requests.parts, { natural: 2, legal: 1 });
    assert.deepEqual({ reviews: requests.extra.reviews, litigations: requests.extra.litigations, corrected: requests.extra.corrected }, { reviews: 1, litigations: 0, corrected: 1 });
    assert.equal((await clerk.request('GET', '/api/metrics/disclosure.requests/records?from=2026-01-01&to=2026-12-31')).json().total, 3);
    // Answered in 2026: the carried one and the main one in time, the company's late → 2 of 3.
    const onTime = await metric('disclosure.onTimeRate');
    assert.equal(onTime.value, 66.7);
    assert.deepEqual(onTime.parts, { inTime: 2, late: 1 });
  });

  test('the applicant’s phone is masked in the row and the detail; a 联络员 sees nothing; bad input is a 400 that writes nothing', async () => {
    const db = t.database.db;
    at('2026-06-01T10:00:00+08:00');
    const clerk = await actingAs(t.app, db, ['clerk']);
    const detail = await detailOf(clerk, mainId);
    assert.equal(detail.fields.phone, '139****5678');
    assert.ok(!JSON.stringify(detail).includes(PHONE));
    const [row] = await db.select({ fields: cases.fields }).from(cases).where(eq(cases.id, mainId));
    assert.ok(!JSON.stringify(row).includes(PHONE));
    // An applicant asking for their own records names them by their numbers: masked in the subject (the title) and description.
    const own = await register(clerk, { ...application, subject: '本人（身份证110105198001010019）的房屋征收补偿档案', description: '如需核实请拨打13811112222' });
    const ownDetail = await detailOf(clerk, own.id);
    assert.equal(ownDetail.title, '本人（身份证1101**********0019）的房屋征收补偿档案');
    assert.equal(ownDetail.fields.description, '如需核实请拨打138****2222');
    assert.equal((await clerk.request('POST', `/api/cases/${own.id}/personal/subject/reveal`)).json().value, '本人（身份证110105198001010019）的房屋征收补偿档案');
    const [ownRow] = await db.select({ title: cases.title, searchText: cases.searchText, fields: cases.fields }).from(cases).where(eq(cases.id, own.id));
    assert.ok(!/110105198001010019|13811112222/.test(JSON.stringify(ownRow)));

    const unit = await buildUnit(db, { name: '示例市住建局' });
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    assert.equal((await liaison.request('GET', `/api/cases/${mainId}`)).statusCode, 404);
    assert.equal((await liaison.request('POST', '/api/cases', { kind: 'disclosure', fields: application })).statusCode, 403);

    const before = (await db.select({ id: cases.id }).from(cases)).length;
    for (const fields of [
      { ...application, signedForOn: undefined },
      { ...application, signedForOn: '2026-03-05' },
      { ...application, channel: 'pigeon' },
      { ...application, applicantType: 'commercial' },
      { ...application, subject: '' },
    ]) {
      const response = await clerk.request('POST', '/api/cases', { kind: 'disclosure', fields });
      assert.equal(response.statusCode, 400, JSON.stringify(fields));
    }
    assert.equal((await db.select({ id: cases.id }).from(cases)).length, before);
  });
});
