import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnnualReportView } from '../../../../common/schemas/disclosure.js';
import { buildAnnualReport, type AnnualReportFacts, type DisclosureProceedingFacts, type DisclosureRequestFacts, type PublishedFacts } from './annual-report.js';
import { checkAnnualReport } from './annual-report.check.js';

const request = (id: string, facts: Omit<DisclosureRequestFacts, 'id' | 'answeredOn' | 'outcome'> & Partial<DisclosureRequestFacts>): DisclosureRequestFacts => ({
  id,
  answeredOn: null,
  outcome: null,
  ...facts,
});

/** Hand-made 2026: every way a request can fall across the year's edges. */
const requests: DisclosureRequestFacts[] = [
  request('carried-in', { receivedOn: '2025-12-20', applicantType: 'natural', answeredOn: '2026-01-10', outcome: 'disclosed' }),
  request('partial', { receivedOn: '2026-03-02', applicantType: 'commercial', answeredOn: '2026-03-20', outcome: 'partial' }),
  request('third-party', { receivedOn: '2026-05-01', applicantType: 'natural', answeredOn: '2026-05-20', outcome: 'withheld.thirdParty' }),
  request('open-at-end', { receivedOn: '2026-12-28', applicantType: 'legalService' }),
  request('last-year', { receivedOn: '2025-06-01', applicantType: 'natural', answeredOn: '2025-06-20', outcome: 'disclosed' }),
  request('answered-next-year', { receivedOn: '2026-11-01', applicantType: 'research', answeredOn: '2027-01-05', outcome: 'disclosed' }),
  request('fee-unpaid', { receivedOn: '2026-07-01', applicantType: 'other', answeredOn: '2026-07-10', outcome: 'other.feeUnpaid' }),
  request('answered-before-received', { receivedOn: '2026-08-10', applicantType: 'natural', answeredOn: '2026-08-01', outcome: 'disclosed' }),
];

const proceedings: DisclosureProceedingFacts[] = [
  { id: 'p1', type: 'review', filedOn: '2026-04-01', concludedOn: '2026-06-01', result: 'upheld' },
  { id: 'p2', type: 'review', filedOn: '2026-09-01', concludedOn: null, result: null },
  { id: 'p3', type: 'litigationDirect', filedOn: '2025-10-01', concludedOn: '2026-02-01', result: 'corrected' },
  { id: 'p4', type: 'litigationAfterReview', filedOn: '2025-01-01', concludedOn: '2025-05-01', result: 'upheld' },
  { id: 'p5', type: 'review', filedOn: '2027-01-02', concludedOn: null, result: null },
];

const item = (facts: Partial<PublishedFacts> & Pick<PublishedFacts, 'category' | 'publishedOn'>): PublishedFacts => ({
  channels: ['政府网站'],
  repealedOn: null,
  decisionCount: null,
  feeAmount: null,
  ...facts,
});

const published: PublishedFacts[] = [
  item({ category: '规章', publishedOn: '2024-03-01' }),
  item({ category: '规章', publishedOn: '2025-02-01', repealedOn: '2026-05-01' }),
  item({ category: '规章', publishedOn: '2026-04-01', channels: ['政府网站', '政府公报'] }),
  item({ category: '行政规范性文件', publishedOn: '2026-06-01', repealedOn: '2026-10-01' }),
  item({ category: '行政许可', publishedOn: '2026-02-01', decisionCount: 12 }),
  item({ category: '行政许可', publishedOn: '2025-12-31', decisionCount: 5 }),
  item({ category: '行政处罚', publishedOn: '2026-03-01' }),
  item({ category: '行政事业性收费', publishedOn: '2026-01-15', feeAmount: 12.3456 }),
  item({ category: '行政事业性收费', publishedOn: '2026-08-01', feeAmount: 0.1 }),
  item({ category: '其他', publishedOn: '2026-09-09', channels: ['政府网站', '政务新媒体'] }),
];

const facts: AnnualReportFacts = { year: 2026, organName: '示例市人民政府', scopeUnit: null, published, requests, proceedings };

const cells = (report: AnnualReportView, table: 'published' | 'requests' | 'proceedings', key: string) => {
  const row = report[table].rows.find((candidate) => candidate.key === key);
  assert.ok(row, `row ${key}`);
  return row.cells;
};

describe('annual report (国办公开办函〔2021〕30号)', () => {
  const report = buildAnnualReport(facts);

  test('table 三: new, carried over, results by outcome and applicant, carried forward', () => {
    // 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    assert.deepEqual(cells(report, 'requests', 'newThisYear'), [1, 1, 1, 0, 1, 1, 5]);
    assert.deepEqual(cells(report, 'requests', 'carriedOver'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells(report, 'requests', 'disclosed'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells(report, 'requests', 'partial'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells(report, 'requests', 'withheld.thirdParty'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(cells(report, 'requests', 'other.feeUnpaid'), [0, 0, 0, 0, 0, 1, 1]);
    assert.deepEqual(cells(report, 'requests', 'withheld.stateSecret'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(cells(report, 'requests', 'total'), [2, 1, 0, 0, 0, 1, 4]);
    assert.deepEqual(cells(report, 'requests', 'carriedForward'), [0, 0, 1, 0, 1, 0, 2]);
    assert.equal(report.requests.rows.length, 2 + 21 + 1 + 1);
    assert.equal(report.requests.columns.length, 7);
  });

  test('a request answered before it was received is left out and named in the notes', () => {
    assert.ok(report.notes.some((note) => note.includes('有1件申请')));
    assert.ok(!report.notes.some((note) => note.includes('尚未在本系统办理')));
  });

  test('table 四: concluded in the year by result, pending at its end; earlier and later ones left out', () => {
    assert.deepEqual(cells(report, 'proceedings', 'proceedings'), [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
    assert.equal(report.proceedings.columns[5], '行政诉讼·未经复议直接起诉·结果维持');
  });

  test('table 二: documents issued, repealed and in force; decisions; fees in 万元 to four decimals', () => {
    assert.deepEqual(cells(report, 'published', '规章'), [1, 1, 2]);
    assert.deepEqual(cells(report, 'published', '行政规范性文件'), [1, 1, 0]);
    assert.deepEqual(cells(report, 'published', '行政许可'), [12]);
    assert.deepEqual(cells(report, 'published', '行政处罚'), [1]);
    assert.deepEqual(cells(report, 'published', '行政强制'), [0]);
    assert.deepEqual(cells(report, 'published', '行政事业性收费'), [12.4456]);
    assert.deepEqual(report.published.groupColumns?.['第二十条第（一）项'], ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
  });

  test('overview counts the year\'s 主动公开 by category and channel, and the requests', () => {
    assert.match(report.overview[0]!, /共主动公开政府信息7条/);
    assert.match(report.overview[0]!, /政府网站7条、/);
    assert.match(report.overview[0]!, /政府公报1条/);
    assert.match(report.overview[1]!, /新收政府信息公开申请5件，上年结转1件，办结4件，结转下年度继续办理2件/);
  });

  test('every template rule holds on the built report', () => {
    assert.equal(report.checks.length, 5);
    for (const result of report.checks) assert.equal(result.isOk, true, `${result.rule}: ${result.detail}`);
  });

  test('a changed cell breaks the rules it belongs to, naming the column', () => {
    const tampered = structuredClone(report);
    tampered.requests.rows.find((row) => row.key === 'partial')!.cells[1] = 2;
    const results = checkAnnualReport(tampered, { 规章: 2, 行政规范性文件: 0 });
    const failed = results.filter((result) => !result.isOk);
    assert.equal(failed.length, 2);
    assert.ok(failed[0]!.rule.startsWith('表三：“（七）总计”等于（一）'));
    assert.ok(failed[1]!.rule.startsWith('表三：每行“总计”等于自然人'));
    assert.match(failed[0]!.detail, /法人或其他组织商业企业列/);
    assert.match(failed[1]!.detail, /部分公开.*总计 1 ≠ 2/);

    const unbalanced = structuredClone(report);
    unbalanced.requests.rows.find((row) => row.key === 'carriedForward')!.cells = [0, 0, 1, 0, 0, 0, 1];
    assert.match(checkAnnualReport(unbalanced, { 规章: 2, 行政规范性文件: 0 }).find((result) => !result.isOk)!.detail, /法律服务机构列：一\+二 与 （七）\+四 1 ≠ 0/);

    const proceedingsOff = structuredClone(report);
    proceedingsOff.proceedings.rows[0]!.cells[9] = 3;
    assert.match(checkAnnualReport(proceedingsOff, { 规章: 2, 行政规范性文件: 0 }).find((result) => !result.isOk)!.detail, /行政诉讼·未经复议直接起诉：总计 3 ≠ 1/);

    assert.match(checkAnnualReport(report, { 规章: 3, 行政规范性文件: 0 }).find((result) => !result.isOk)!.detail, /规章：上年末现行有效 3/);
  });

  test('a year without requests: tables 三 and 四 are zero, the overview says 0 件, the checks hold', () => {
    const empty = buildAnnualReport({ ...facts, requests: [], proceedings: [] });
    assert.match(empty.overview[1]!, /新收政府信息公开申请0件，上年结转0件，办结0件/);
    assert.ok(empty.requests.rows.every((row) => row.cells.every((cell) => cell === 0)));
    assert.ok(empty.checks.every((result) => result.isOk));
  });
});
