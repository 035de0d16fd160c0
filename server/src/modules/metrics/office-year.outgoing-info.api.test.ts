/**
 * An office-year of 规范性文件, 发文同比 and 政务信息 through the HTTP API (test/office-year.ts): a 规范性文件 given its
 * 合法性审查 with two opinion lines in April; one reviewed ("同意", no opinion) at 23:30 on 12-31 and issued in
 * January; one reviewed in November, sent back after 签发 and reviewed again in January (the last review
 * counts); 发文 issued in 2025 and 2026 for the 同比. 政务信息's counts are a module Fuban does not have (未接入);
 * its score and rank are entered by the office, corrected once, and read into the summary's tokens.
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

describe('规范性文件, 发文同比 and 政务信息 over a year', () => {
  let clerk: YearUser;
  let director: YearUser;
  const ids: Record<string, string> = {};

  before(async () => {
    y.at('2025-05-01T09:00');
    const secretariat = await y.unit('秘书科', 'section');
    const legalSection = await y.unit('法制科', 'section');
    clerk = await y.user(['clerk'], secretariat.id);
    director = await y.user(['director'], secretariat.id);
    const mayor = await y.user(['leader'], secretariat.id);
    const lawyer = await y.user(['legal_staff'], legalSection.id);
    const sysadmin = await y.user(['sysadmin'], secretariat.id);

    const admin = await y.as(sysadmin);
    const code = await admin.request('POST', '/api/issuer-codes', { code: '规政发', label: '规范市政府文件', issuerName: '规范市人民政府', organName: '规范市人民政府', printerName: '规范市人民政府办公室', format: 'file', principalId: mayor.id });
    assert.equal(code.statusCode, 200, code.body);
    const chain = await admin.request('POST', '/api/approval-chains', {
      name: '发文通用流程',
      issuerCode: null,
      steps: [{ label: '核稿', type: 'review', roles: ['director'] }, { label: '合法性审查', type: 'review', roles: ['legal_staff'], onlyNormative: true }, { label: '签发', type: 'sign', roles: ['leader'] }],
    });
    assert.equal(chain.statusCode, 200, chain.body);

    const document = (title: string, normative: boolean) => ({
      issuerCode: '规政发', docType: '通知', direction: '下行文', title, mainTo: [{ name: '各县（区）人民政府' }], copyTo: [],
      body: [{ level: 0, text: '现将有关事项通知如下。' }], disclosure: '主动公开', copies: 10, signerId: mayor.id, ...(normative ? { normative: true } : {}),
    });
    const draft = async (key: string, at: string, title: string, normative: boolean) => {
      y.at(at);
      ids[key] = await y.create(clerk, 'outgoing', document(title, normative));
      await y.act(clerk, ids[key]!, 'submit');
      await y.act(director, ids[key]!, 'approve');
    };
    const legalReview = async (key: string, at: string, comment: string) => {
      y.at(at);
      await y.act(lawyer, ids[key]!, 'approve', { comment });
    };
    const signAndIssue = async (key: string, at: string) => {
      y.at(at);
      await y.act(mayor, ids[key]!, 'sign_off');
      await y.act(clerk, ids[key]!, 'check');
      await y.act(clerk, ids[key]!, 'register');
      await y.act(clerk, ids[key]!, 'print');
      await y.act(clerk, ids[key]!, 'distribute');
    };

    // 2025: one 通知 issued.
    await draft('O0', '2025-05-06T09:00', '关于去年事项的通知', false);
    await signAndIssue('O0', '2025-05-08T10:00');

    // N1: reviewed 04-10 with two opinion lines and a "同意" line (not an opinion), issued 04-15.
    await draft('N1', '2026-04-08T09:00', '关于印发规范市行政执法公示办法的通知', true);
    await legalReview('N1', '2026-04-10T10:00', '建议第三条明确适用范围。\n同意\n建议删除第五条中的罚款规定。');
    await signAndIssue('N1', '2026-04-15T10:00');
    // O1: a 通知 issued in May.
    await draft('O1', '2026-05-06T09:00', '关于今年事项的通知', false);
    await signAndIssue('O1', '2026-05-08T10:00');
    // N3: reviewed 11-02 (one opinion), signed, sent back by the 秘书科 and resubmitted; reviewed again 2027-01-06.
    await draft('N3', '2026-10-28T09:00', '关于印发规范市公共资源交易管理办法的通知', true);
    await legalReview('N3', '2026-11-02T10:00', '建议补充上位法依据。');
    y.at('2026-11-05T10:00');
    await y.act(mayor, ids.N3!, 'sign_off');
    await y.act(clerk, ids.N3!, 'return', { reason: '上位法已修订，需重新审查' });
    // N2: reviewed at 23:30 on 12-31 with "同意": 2026's review, no opinion; issued in January.
    await draft('N2', '2026-12-30T09:00', '关于印发规范市规章制定程序规定的通知', true);
    await legalReview('N2', '2026-12-31T23:30', '同意');
    await signAndIssue('N2', '2027-01-05T10:00');
    y.at('2027-01-06T09:00');
    await y.act(clerk, ids.N3!, 'submit');
    await y.act(director, ids.N3!, 'approve');
    await legalReview('N3', '2027-01-06T15:00', '无异议');

    // 政务信息: the province's score for 2026, entered and then corrected; the rank once.
    y.at('2027-01-20T09:00');
    const enter = async (id: string, value: number, source: string) => {
      const response = await (await y.as(director)).request('POST', `/api/metrics/${id}/entries`, { from: '2026-01-01', to: '2026-12-31', value, source });
      assert.equal(response.statusCode, 201, response.body);
    };
    await enter('info.score', 91.5, '省政府办公厅政务信息工作通报（初稿）');
    await enter('info.score', 92.5, '省政府办公厅2026年政务信息工作通报');
    await enter('info.rank', 3, '省政府办公厅2026年政务信息工作通报');
    y.at('2027-03-01T09:00');
  });

  const countWithList = async (id: string, expected: number | null, from: string = YEAR[0], to: string = YEAR[1]) => {
    const answer = await y.metric(director, id, from, to);
    assert.equal(answer.value, expected, `${id} ${from}..${to}`);
    return answer;
  };

  test('规范性文件: by the day of the last 合法性审查, with its opinion lines', async () => {
    const reviewed = await countWithList('outgoing.normativeReviewed', 2); // N1 04-10, N2 12-31 23:30; N3's last review is 2027's
    assert.deepEqual(reviewed.extra, { opinions: 2 }); // N1's two lines; "同意" is none
    assert.equal(await y.recordsTotal(director, 'outgoing.normativeReviewed', ...YEAR), 2);
    const january = await countWithList('outgoing.normativeReviewed', 1, '2027-01-01', '2027-01-31'); // N3, reviewed again
    assert.deepEqual(january.extra, { opinions: 0 }); // "无异议"
    const november = await countWithList('outgoing.normativeReviewed', 0, '2026-11-01', '2026-11-30'); // superseded by January's
    assert.deepEqual(november.extra, { opinions: 0 });
  });

  test('发文同比: this year against the same dates last year, and no data before 发文 began', async () => {
    const yoy = await countWithList('outgoing.yoyChange', 1); // N1 O1 against O0
    assert.deepEqual([yoy.parts, yoy.extra], [{ current: 2, previous: 1 }, { percent: 100 }]);
    assert.equal(await y.recordsTotal(director, 'outgoing.yoyChange', ...YEAR), 3); // both years' documents
    const january = await countWithList('outgoing.yoyChange', 1, '2027-01-01', '2027-01-31'); // N2 against none
    assert.deepEqual([january.parts, january.extra], [{ current: 1, previous: 0 }, { percent: null }]);
    const beforeAny = await countWithList('outgoing.yoyChange', null, '2025-01-01', '2025-12-31'); // no 发文 in 2024 or before
    assert.deepEqual(beforeAny.parts, { current: 1 });
    assert.equal((await y.metric(director, 'outgoing.issued', ...YEAR)).value, 2);
  });

  test('政务信息: counts 未接入, never 0; score and rank as entered, the correction current', async () => {
    for (const id of ['info.submitted', 'info.adopted', 'info.endorsed', 'info.commissioned']) {
      const answer = (await y.metric(director, id, ...YEAR)) as { value: number | null; hasData?: boolean; origin?: string };
      assert.deepEqual([answer.value, answer.hasData, answer.origin], [null, false, 'notConnected'], id);
      assert.equal(await y.recordsTotal(director, id, ...YEAR), 0, id);
    }
    await countWithList('info.score', 92.5);
    await countWithList('info.rank', 3);
    await countWithList('info.score', null, '2025-01-01', '2025-12-31');
    assert.equal(await y.recordsTotal(director, 'info.score', ...YEAR), 1); // the corrected figure is superseded
    const tokens = await y.summaryTokens(director, ['{{info.submitted}}', '{{info.score}}', '{{info.rank|数}}', '{{info.score|同比}}'], ...YEAR);
    assert.deepEqual(tokens, { 'info.submitted|值': '【待补充：上报政务信息条数（未接入）】', 'info.score|值': '92.5分', 'info.rank|数': '3', 'info.score|同比': '' });
  });
});
