/**
 * An office-year of the office's smaller ledgers through the HTTP API (test/office-year.ts): 文稿 to 定稿 (one on
 * New Year's Eve 23:50, one at 00:10 on 01-01, one never 定稿), 传阅 and 阅知 of 收文 (one circulated twice, one read over 元旦),
 * 会风会纪通报 (12-31 and 01-01, one naming a unit), 议题 合法性审查 (one reviewed twice: the latest counts; one
 * reviewed at 23:30 on 12-31; one never), and 督查建议 (one adopted, one given on 01-01). Each metric against the
 * test's own tally, and its drill-down of the same length.
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

describe('文稿, 传阅, 会风会纪, 议题审查 and 督查建议 over a year', () => {
  let clerk: YearUser;
  let director: YearUser;
  const units = { a: '', b: '' };

  before(async () => {
    y.at('2025-12-01T09:00');
    const secretariat = await y.unit('秘书科', 'section');
    const a = await y.unit('司法局');
    const b = await y.unit('住建局');
    Object.assign(units, { a: a.id, b: b.id });
    clerk = await y.user(['clerk'], secretariat.id);
    director = await y.user(['director'], secretariat.id);
    const mayor = await y.user(['leader'], secretariat.id);
    const lawyer = await y.user(['legal_staff'], secretariat.id);
    const inspector = await y.user(['inspector'], secretariat.id);
    const liaisonA = await y.user(['liaison'], a.id);

    const writeDraft = async (title: string, draftType: string, text: string, approveAt: string | null) => {
      const id = await y.create(clerk, 'draft', { title, draftType });
      await y.act(clerk, id, 'add_version', { text });
      await y.act(clerk, id, 'submit');
      if (approveAt) {
        y.at(approveAt);
        await y.act(director, id, 'approve');
      }
      return id;
    };
    const record = async (who: YearUser, type: string, fields: Record<string, unknown>) => {
      const response = await (await y.as(who)).request('POST', `/api/records/${type}`, { fields });
      assert.equal(response.statusCode, 201, `${type}: ${response.body}`);
    };
    const review = async (itemId: string, result: string, opinionCount: number) => {
      const session = await y.as(lawyer);
      const current = (await session.request('GET', `/api/records/agenda_item/${itemId}`)).json() as { version: number };
      const response = await session.request('POST', `/api/agenda-items/${itemId}/review`, { result, opinion: '审查意见。', opinionCount, version: current.version });
      assert.equal(response.statusCode, 200, response.body);
    };

    // 2025: a 文稿 定稿 12-30 (last year's), a 督查建议.
    y.at('2025-12-29T09:00');
    await writeDraft('年终汇报', '汇报材料', '今年以来，全市经济稳中向好。', '2025-12-30T10:00');
    await record(inspector, 'inspection_advice', { givenOn: '2025-12-20', toUnitName: '住建局', subject: '去年的建议', text: '建议加快进度。' });

    // D1: a 讲话稿 of 26 characters (汉字 and digits), 定稿 in March; D2 定稿 12-31 23:50; D3 定稿 01-01 00:10 (2027's); D4 never.
    y.at('2026-03-02T09:00');
    await writeDraft('全市经济工作会议讲话', '讲话稿', '同志们：今年以来，全市经济稳中向好，32个重点项目全部开工。', '2026-03-03T10:00');
    y.at('2026-12-31T09:00');
    await writeDraft('年终总结汇报', '汇报材料', '一年来，我们认真履职。', '2026-12-31T23:50');
    y.at('2026-12-31T23:55');
    await writeDraft('新年致辞', '讲话稿', '新年好。', '2027-01-01T00:10');
    y.at('2026-06-01T09:00');
    await writeDraft('未定稿的调研报告', '调研报告', '调研发现三个问题。', null);

    // 传阅: X1 circulated to 司法局 in April and read; X2 circulated 12-31 and read 01-04 (one count in each year); X3 never.
    y.at('2026-04-01T09:00');
    const x1 = await y.create(clerk, 'incoming', { fromOrg: '省人民政府办公厅', docType: '通知', title: '关于传阅事项的通知', receivedOn: '2026-04-01' });
    const circulate = async (caseId: string, unitId: string) => {
      const response = await (await y.as(clerk)).request('POST', `/api/cases/${caseId}/circulations`, { recipients: [{ unitId }], purpose: '请阅知' });
      assert.equal(response.statusCode, 200, response.body);
    };
    const readIt = async (caseId: string) => {
      const session = await y.as(liaisonA);
      const circulations = (await session.request('GET', `/api/cases/${caseId}`)).json() as { circulations?: Array<{ id: string; readAt: string | null }> };
      const open = circulations.circulations?.find((row) => row.readAt === null);
      assert.ok(open, `a circulation to read on ${caseId}: ${JSON.stringify(circulations.circulations)}`);
      const response = await session.request('POST', `/api/cases/${caseId}/circulations/${open.id}/read`, {});
      assert.equal(response.statusCode, 204, response.body);
    };
    await circulate(x1, a.id);
    y.at('2026-04-02T09:00');
    await readIt(x1);
    // X1 circulated again in May, to 住建局: still one document circulated this year.
    y.at('2026-05-10T09:00');
    await circulate(x1, b.id);
    y.at('2026-12-31T16:00');
    const x2 = await y.create(clerk, 'incoming', { fromOrg: '省人民政府办公厅', docType: '函', title: '关于年末传阅的函', receivedOn: '2026-12-31' });
    await circulate(x2, a.id);
    y.at('2027-01-04T09:00');
    await readIt(x2);
    y.at('2026-05-01T09:00');
    await y.create(clerk, 'incoming', { fromOrg: '省人民政府办公厅', docType: '通知', title: '不传阅的通知', receivedOn: '2026-05-01' });

    // 会风会纪通报: one naming 司法局 on 12-31, one on 01-01 (2027's), one in June naming no unit.
    y.at('2026-06-10T09:00');
    await record(clerk, 'discipline_notice', { issuedOn: '2026-06-10', subject: '关于常务会议迟到情况的通报', content: '个别单位迟到。' });
    y.at('2026-12-31T10:00');
    await record(clerk, 'discipline_notice', { issuedOn: '2026-12-31', subject: '关于专题会议缺席情况的通报', content: '司法局缺席。', unitIds: [a.id] });
    y.at('2027-01-01T10:00');
    await record(clerk, 'discipline_notice', { issuedOn: '2027-01-01', subject: '关于元旦值班会议的通报', content: '通报。' });

    // 议题: a 常务会议 in December with three items from 住建局 and 司法局.
    y.at('2026-12-01T09:00');
    const office = await y.as(clerk);
    const created = await office.request('POST', '/api/meetings', { meetingType: '常务会议', subject: '年终常务会议', location: '会议中心', startsAt: '2027-01-08T09:00:00+08:00', endsAt: '2027-01-08T12:00:00+08:00', attendingUnitIds: [a.id, b.id], leaderIds: [mayor.id] });
    assert.equal(created.statusCode, 201, created.body);
    const meetingId = (created.json() as { meeting: { id: string } }).meeting.id;
    const submit = async (subject: string, unitId: string) => {
      const response = await (await y.as(clerk)).request('POST', `/api/meetings/${meetingId}/agenda-items`, { subject, needsLegalReview: true, unitId });
      assert.equal(response.statusCode, 201, response.body);
      return (response.json() as { id: string }).id;
    };
    const g1 = await submit('城东片区改造方案', b.id);
    const g2 = await submit('行政执法规范化办法', a.id);
    await submit('未审查的议题', b.id);
    // G1: 修改后可提交 (2 opinions) on 12-02, then 合法 (0 opinions) on 12-10: counted once, as 合法.
    y.at('2026-12-02T10:00');
    await review(g1, 'revise', 2);
    y.at('2026-12-10T10:00');
    await review(g1, 'passed', 0);
    // G2: 不合法 with 3 opinions at 23:30 on 12-31 (Beijing): 2026's.
    y.at('2026-12-31T23:30');
    await review(g2, 'failed', 3);

    // 督查建议: two in 2026 (one adopted), one on 2027-01-01.
    y.at('2026-08-01T09:00');
    await record(inspector, 'inspection_advice', { givenOn: '2026-08-01', toUnitName: '住建局', subject: '加快老旧小区改造', text: '建议倒排工期。', isAdopted: true });
    await record(inspector, 'inspection_advice', { givenOn: '2026-12-31', toUnitName: '司法局', subject: '规范执法流程', text: '建议制定清单。' });
    y.at('2027-01-01T09:00');
    await record(inspector, 'inspection_advice', { givenOn: '2027-01-01', toUnitName: '司法局', subject: '新年的建议', text: '建议。' });
    y.at('2027-03-01T09:00');
  });

  const countWithList = async (id: string, expected: number, from: string = YEAR[0], to: string = YEAR[1], unitId?: string) => {
    const answer = await y.metric(director, id, from, to, unitId);
    assert.equal(answer.value, expected, `${id} ${from}..${to}${unitId ? ' unit' : ''}`);
    assert.equal(await y.recordsTotal(director, id, from, to, unitId), expected, `${id} records`);
    return answer;
  };

  test('文稿: 定稿 by the Beijing day, by type, with characters and 万字', async () => {
    const written = await countWithList('drafts.written', 2); // D1 03-03, D2 12-31 23:50; D3 is 2027's, D4 never 定稿
    assert.deepEqual(written.parts, { 讲话稿: 1, 汇报材料: 1 });
    assert.equal(written.extra?.chars, 26 + 9); // D1: 26 汉字 and digits (32 is two); D2: 9
    assert.equal(written.extra?.wanChars, 0);
    await countWithList('drafts.written', 1, '2027-01-01', '2027-01-31');
    await countWithList('drafts.written', 1, '2025-01-01', '2025-12-31');
    const tokens = await y.summaryTokens(director, ['{{drafts.written}}', '{{drafts.written|同比}}'], ...YEAR);
    assert.deepEqual(tokens, { 'drafts.written|值': '2篇', 'drafts.written|同比': '，同比增长100%' });
  });

  test('传阅: each document once per period it was circulated or read in, by kind and by recipient unit', async () => {
    const online = await countWithList('docs.circulatedOnline', 2); // X1 (circulated and read in April, again in May: once), X2 (circulated 12-31)
    assert.deepEqual(online.parts, { 收文: 2 });
    await countWithList('docs.circulatedOnline', 1, '2027-01-01', '2027-01-31'); // X2 read 01-04
    await countWithList('docs.circulatedOnline', 2, ...YEAR, units.a);
    await countWithList('docs.circulatedOnline', 1, ...YEAR, units.b); // X1's second circulation
    await countWithList('docs.circulatedOnline', 0, '2026-06-01', '2026-12-30');
  });

  test('会风会纪通报: by the day issued; a unit counts the ones that name it', async () => {
    await countWithList('meetings.disciplineNotices', 2);
    await countWithList('meetings.disciplineNotices', 1, '2027-01-01', '2027-01-31');
    await countWithList('meetings.disciplineNotices', 1, ...YEAR, units.a);
    await countWithList('meetings.disciplineNotices', 0, ...YEAR, units.b);
  });

  test('议题合法性审查: the latest review counts once, by its Beijing day, with its opinions', async () => {
    const reviewed = await countWithList('agenda.legalReviewed', 2);
    assert.deepEqual(reviewed.parts, { passed: 1, failed: 1 });
    assert.equal(reviewed.extra?.opinions, 3); // G1's last review 0, G2 3; G1's first 2 superseded
    await countWithList('agenda.legalReviewed', 1, ...YEAR, units.a);
    await countWithList('agenda.legalReviewed', 1, ...YEAR, units.b);
    await countWithList('agenda.legalReviewed', 0, '2027-01-01', '2027-01-31');
    // G1 in the days of both its reviews: once, as its latest (合法, no opinions); the superseded 修改后可提交 and its 2 opinions are gone.
    const early = await countWithList('agenda.legalReviewed', 1, '2026-12-01', '2026-12-12');
    assert.deepEqual([early.parts, early.extra?.opinions], [{ passed: 1 }, 0]);
  });

  test('督查建议: by the day given, adopted apart', async () => {
    const advice = await countWithList('supervision.recommendations', 2);
    assert.equal(advice.extra?.adopted, 1);
    await countWithList('supervision.recommendations', 1, '2027-01-01', '2027-01-31');
    const tokens = await y.summaryTokens(director, ['{{supervision.recommendations}}', '{{supervision.recommendations|同比}}'], ...YEAR);
    assert.deepEqual(tokens, { 'supervision.recommendations|值': '2条', 'supervision.recommendations|同比': '，同比增长100%' });
  });
});
