/**
 * The 政府信息公开工作年度报告 (国办公开办函〔2021〕30号) as a pure function of facts: the 主动公开
 * register, the 依申请公开 requests and the 复议/诉讼 arising from them. It knows nothing of the
 * database, so the tables can be checked cell by cell against hand-made facts, and the 依申请公开
 * kind supplies DisclosureRequestFacts (request.repository.ts).
 */
import type { AnnualReportView, PublishedCategory, ReportRow, ReportTable } from '../../../../common/schemas/disclosure.js';
import { checkAnnualReport } from './annual-report.check.js';

export { applicantTypes, outcomeRows, type ApplicantType, type DisclosureOutcome } from '../../../../common/schemas/disclosure-request.js';
import type { ApplicantType, DisclosureOutcome } from '../../../../common/schemas/disclosure-request.js';
import { applicantTypes, outcomeRows } from '../../../../common/schemas/disclosure-request.js';

/** One 依申请公开 request as the report needs it. `answeredOn` and `outcome` are null while it is open. */
export type DisclosureRequestFacts = {
  id: string;
  receivedOn: string;
  applicantType: ApplicantType;
  answeredOn: string | null;
  outcome: DisclosureOutcome | null;
};

export type { ProceedingResult, ProceedingType } from '../../../../common/schemas/disclosure-request.js';
import type { ProceedingResult, ProceedingType } from '../../../../common/schemas/disclosure-request.js';

/** One 行政复议 or 行政诉讼 about an answer; `concludedOn` and `result` null while 尚未审结. */
export type DisclosureProceedingFacts = {
  id: string;
  type: ProceedingType;
  filedOn: string;
  concludedOn: string | null;
  result: ProceedingResult | null;
};

/** One 主动公开 register entry as the report needs it. */
export type PublishedFacts = {
  category: PublishedCategory;
  channels: readonly string[];
  publishedOn: string;
  repealedOn: string | null;
  decisionCount: number | null;
  feeAmount: number | null;
};

export type AnnualReportFacts = {
  year: number;
  organName: string;
  scopeUnit: AnnualReportView['scopeUnit'];
  published: readonly PublishedFacts[];
  requests: readonly DisclosureRequestFacts[];
  proceedings: readonly DisclosureProceedingFacts[];
};

const columnsOfRequests = ['自然人', '法人或其他组织·商业企业', '法人或其他组织·科研机构', '法人或其他组织·社会公益组织', '法人或其他组织·法律服务机构', '法人或其他组织·其他', '总计'];
const proceedingResults = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const proceedingGroups: Record<ProceedingType, string> = {
  review: '行政复议',
  litigationDirect: '行政诉讼·未经复议直接起诉',
  litigationAfterReview: '行政诉讼·复议后起诉',
};

/** Table 二's sections (条例第二十条) and their columns. */
export const publishedSections = {
  '第二十条第（一）项': ['本年制发件数', '本年废止件数', '现行有效件数'],
  '第二十条第（五）项': ['本年处理决定数量'],
  '第二十条第（六）项': ['本年处理决定数量'],
  '第二十条第（八）项': ['本年收费金额（单位：万元）'],
} as const;

const yearOf = (date: string): number => Number(date.slice(0, 4));
const endOf = (year: number) => `${year}-12-31`;

/** A row of applicant counts, its 总计 the sum of the six. */
const countRow = (key: string, label: string, group: string | null, requests: readonly DisclosureRequestFacts[]): ReportRow => {
  const cells = applicantTypes.map((type) => requests.filter((request) => request.applicantType === type).length);
  return { key, label, group, cells: [...cells, cells.reduce((sum, n) => sum + n, 0)] };
};

/** Facts that contradict themselves: reported in the notes and left out of the tables. */
const isCoherent = (request: DisclosureRequestFacts): boolean =>
  (request.answeredOn === null) === (request.outcome === null) && (request.answeredOn === null || request.answeredOn >= request.receivedOn);

const requestsTable = (year: number, requests: readonly DisclosureRequestFacts[]): ReportTable => {
  const start = `${year}-01-01`;
  const end = endOf(year);
  const isOpenAfter = (request: DisclosureRequestFacts, day: string) => request.answeredOn === null || request.answeredOn > day;
  const answered = requests.filter((request) => request.answeredOn !== null && yearOf(request.answeredOn) === year);
  const resultRows = outcomeRows.map((row) => countRow(row.code, row.label, row.group ? `三、本年度办理结果·${row.group}` : '三、本年度办理结果', answered.filter((request) => request.outcome === row.code)));
  return {
    title: '三、收到和处理政府信息公开申请情况',
    columns: columnsOfRequests,
    rows: [
      countRow('newThisYear', '一、本年新收政府信息公开申请数量', null, requests.filter((request) => yearOf(request.receivedOn) === year)),
      countRow('carriedOver', '二、上年结转政府信息公开申请数量', null, requests.filter((request) => request.receivedOn < start && isOpenAfter(request, `${year - 1}-12-31`))),
      ...resultRows,
      countRow('total', '（七）总计', '三、本年度办理结果', answered),
      countRow('carriedForward', '四、结转下年度继续办理', null, requests.filter((request) => request.receivedOn <= end && isOpenAfter(request, end))),
    ],
  };
};

/**
 * Table 四: the proceedings handled in the year — concluded within it, by result, or still
 * pending at its end (尚未审结). Those concluded in earlier years are last year's report.
 */
const proceedingsTable = (year: number, proceedings: readonly DisclosureProceedingFacts[]): ReportTable => {
  const end = endOf(year);
  const cells = (Object.keys(proceedingGroups) as ProceedingType[]).flatMap((type) => {
    const ofType = proceedings.filter((proceeding) => proceeding.type === type && proceeding.filedOn <= end);
    const concluded = (result: ProceedingResult) =>
      ofType.filter((proceeding) => proceeding.result === result && proceeding.concludedOn !== null && yearOf(proceeding.concludedOn) === year).length;
    const pending = ofType.filter((proceeding) => proceeding.concludedOn === null || proceeding.concludedOn > end).length;
    const counts = [concluded('upheld'), concluded('corrected'), concluded('other'), pending];
    return [...counts, counts.reduce((sum, n) => sum + n, 0)];
  });
  return {
    title: '四、政府信息公开行政复议、行政诉讼情况',
    columns: Object.values(proceedingGroups).flatMap((group) => proceedingResults.map((result) => `${group}·${result}`)),
    rows: [{ key: 'proceedings', label: '', group: null, cells }],
  };
};

/** Sums in 万元 to four decimals without binary drift (cents of a yuan never reach the table). */
const sumWanYuan = (amounts: readonly number[]): number => amounts.reduce((sum, amount) => sum + Math.round(amount * 10_000), 0) / 10_000;

const publishedTable = (year: number, published: readonly PublishedFacts[]): ReportTable => {
  const end = endOf(year);
  const inYear = published.filter((item) => yearOf(item.publishedOn) === year);
  const documents = (category: PublishedCategory): ReportRow => {
    const ofCategory = published.filter((item) => item.category === category);
    const issued = ofCategory.filter((item) => yearOf(item.publishedOn) === year).length;
    const repealed = ofCategory.filter((item) => item.repealedOn !== null && yearOf(item.repealedOn) === year && item.publishedOn <= end).length;
    const inForce = ofCategory.filter((item) => item.publishedOn <= end && (item.repealedOn === null || item.repealedOn > end)).length;
    return { key: category, label: category, group: '第二十条第（一）项', cells: [issued, repealed, inForce] };
  };
  const decisions = (category: PublishedCategory, group: string): ReportRow => ({
    key: category,
    label: category,
    group,
    cells: [inYear.filter((item) => item.category === category).reduce((sum, item) => sum + (item.decisionCount ?? 1), 0)],
  });
  const fees = inYear.filter((item) => item.category === '行政事业性收费').map((item) => item.feeAmount ?? 0);
  return {
    title: '二、主动公开政府信息情况',
    columns: [],
    groupColumns: Object.fromEntries(Object.entries(publishedSections).map(([group, columns]) => [group, ['信息内容', ...columns]])),
    rows: [
      documents('规章'),
      documents('行政规范性文件'),
      decisions('行政许可', '第二十条第（五）项'),
      decisions('行政处罚', '第二十条第（六）项'),
      decisions('行政强制', '第二十条第（六）项'),
      { key: '行政事业性收费', label: '行政事业性收费', group: '第二十条第（八）项', cells: [sumWanYuan(fees)] },
    ],
  };
};

/** 现行有效 at the end of the year before: table 二's running balance, which the check reconciles. */
export const inForceBefore = (year: number, published: readonly PublishedFacts[], category: PublishedCategory): number =>
  published.filter((item) => item.category === category && item.publishedOn <= endOf(year - 1) && (item.repealedOn === null || item.repealedOn > endOf(year - 1))).length;

const countBy = (values: readonly string[]): string =>
  [...values.reduce((counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<string, number>())]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b, 'zh-CN'))
    .map(([value, n]) => `${value}${n}条`)
    .join('、');

const overviewOf = (facts: AnnualReportFacts, requests: ReportTable): string[] => {
  const inYear = facts.published.filter((item) => yearOf(item.publishedOn) === facts.year);
  const cell = (key: string) => requests.rows.find((row) => row.key === key)?.cells.at(-1) ?? 0;
  const published =
    inYear.length === 0
      ? `（一）主动公开。${facts.year}年主动公开登记簿中没有登记公开事项。`
      : `（一）主动公开。${facts.year}年共主动公开政府信息${inYear.length}条，其中${countBy(inYear.map((item) => item.category))}；按公开渠道计（一条可经多个渠道公开），${countBy(inYear.flatMap((item) => item.channels))}。`;
  const applied = `（二）依申请公开。${facts.year}年新收政府信息公开申请${cell('newThisYear')}件，上年结转${cell('carriedOver')}件，办结${cell('total')}件，结转下年度继续办理${cell('carriedForward')}件。`;
  return [published, applied];
};

/** Builds the report's tables, overview, notes and checks from the facts of one year. */
export const buildAnnualReport = (facts: AnnualReportFacts): AnnualReportView => {
  const coherent = facts.requests.filter(isCoherent);
  const incoherent = facts.requests.length - coherent.length;
  const requests = requestsTable(facts.year, coherent);
  const published = publishedTable(facts.year, facts.published);
  const proceedings = proceedingsTable(facts.year, facts.proceedings);
  const notes = [
    ...(incoherent > 0 ? [`有${incoherent}件申请的办结日期或办理结果不完整、或办结早于收到，未计入表三，请核对。`] : []),
    '表三“本年度办理结果”按办结日期计入当年；“结转下年度继续办理”为截至12月31日尚未办结的申请。',
    '表四计本年度审结的案件（按结果）和截至12月31日尚未审结的案件。',
    '表二“第二十条第（五）（六）项”按登记的决定数量合计；“本年收费金额”为登记的行政事业性收费金额合计。',
  ];
  const previousInForce = { 规章: inForceBefore(facts.year, facts.published, '规章'), 行政规范性文件: inForceBefore(facts.year, facts.published, '行政规范性文件') };
  const report: Omit<AnnualReportView, 'checks'> = {
    year: facts.year,
    organName: facts.organName,
    scopeUnit: facts.scopeUnit,
    overview: overviewOf(facts, requests),
    published,
    requests,
    proceedings,
    notes,
  };
  return { ...report, checks: checkAnnualReport(report, previousInForce) };
};
