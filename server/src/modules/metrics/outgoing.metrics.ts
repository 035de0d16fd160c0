/**
 * 发文 metrics (METRICS.md, 办文): documents issued by 代字 and by 文种, with and without a 文号,
 * working days from 起草 to 签发, copies printed, the change on last year, and 规范性文件 given a
 * 合法性审查 with the opinions raised.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { addMonths } from '../../engine/calendar/dates.js';
import type { Db } from '../../platform/db.js';
import type { MetricDefinition, MetricScope, MetricValue } from './metric.types.js';
import { allOf, assignedTo, casesWithEventWithin, instantsOf, ofKind, oneDecimal, partsOf, selectRows, shanghaiDate, totalOf, within } from './metrics.sql.js';

const UNIT_RULE = '按单位统计时，计该单位起草的发文（拟稿单位），以及送该单位会签的发文（不含已撤回的会签）。';
const ONE_PER_DOCUMENT = '一件公文计一份，不按印制份数';

/**
 * A unit's 发文: those its staff drafted (the case's owner unit, an office section) and those sent
 * to it for 会签 (the only assignments a 发文 has), so a department's 联络员 sees what it co-signed.
 */
const ofUnit = (unitId: string | undefined): SQL | undefined =>
  unitId ? sql`(c.owner_unit_id = ${unitId}::uuid or ${assignedTo(unitId)})` : undefined;

/** 发文 with this trail action within the range. 印制 and 核发 each happen once: the flow has no way back past them. */
const outgoingWith = (action: string, { range, unitId }: MetricScope): SQL =>
  allOf(ofKind('outgoing'), sql`c.id in (${casesWithEventWithin([action], range)})`, ofUnit(unitId));

/** 发文 issued (核发, the `distribute` event) within the range. */
const issued = (scope: MetricScope): SQL => outgoingWith('distribute', scope);

type PartRow = { part: string | null; n: number };

const byIssuerCode = sql`c.fields->>'issuerCode'`;
const byDocType = sql`c.fields->>'docType'`;

/** Issued 发文 (optionally only some) counted by a part: 机关代字 or 文种. */
const issuedBy = async (db: Db, scope: MetricScope, part: SQL, only?: SQL): Promise<Record<string, number>> =>
  partsOf(await selectRows<PartRow>(db, sql`select ${part} as part, count(*)::int as n from cases c where ${allOf(issued(scope), only)} group by 1`));

export const outgoingIssued: MetricDefinition = {
  id: 'outgoing.issued',
  label: '发文件数',
  unit: '件',
  description: `统计期内核发的发文件数（按核发时间，北京时间），按机关代字分列（如 示政发、示政办函）；按文种分列见“发文件数（按文种）”。${UNIT_RULE}`,
  kinds: ['outgoing'],
  compute: async ({ db, ...scope }) => {
    const parts = await issuedBy(db, scope, byIssuerCode);
    return { value: totalOf(parts), parts };
  },
  // By the day of the 核发 event: a 发文 has one (issued is final), so each is counted on the one day issued() finds it.
  countsByDay: ({ range, unitId }) =>
    sql`select ${shanghaiDate(sql`e.at`)} as day, count(distinct c.id)::int as n from case_events e join cases c on c.id = e.case_id
        where ${allOf(sql`e.action = 'distribute'`, within(sql`e.at`, range), ofKind('outgoing'), ofUnit(unitId))} group by 1`,
  records: (scope) => sql`select c.id from cases c where ${issued(scope)}`,
};

export const outgoingIssuedByType: MetricDefinition = {
  id: 'outgoing.issuedByType',
  label: '发文件数（按文种）',
  unit: '件',
  description: `统计期内核发的发文件数（按核发时间，北京时间），按文种（通知、函、意见……）分列；总数与“发文件数”相同。${UNIT_RULE}`,
  kinds: ['outgoing'],
  compute: async ({ db, ...scope }) => {
    const parts = await issuedBy(db, scope, byDocType);
    return { value: totalOf(parts), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${issued(scope)}`,
};

// 登记 gives every 发文 marked 编文号 its 文号; one marked 不编文号 keeps none (docNumber null).
const hasDocNumber = sql`c.fields->>'docNumber' is not null`;
const hasNoDocNumber = sql`c.fields->>'docNumber' is null`;

export const outgoingNumbered: MetricDefinition = {
  id: 'outgoing.numbered',
  label: '有文号文件数',
  unit: '份',
  description: `统计期内核发、登记时编有文号的发文份数（按核发时间，北京时间；${ONE_PER_DOCUMENT}），按机关代字分列；与“无文号文件数”之和为发文件数。${UNIT_RULE}`,
  kinds: ['outgoing'],
  compute: async ({ db, ...scope }) => {
    const parts = await issuedBy(db, scope, byIssuerCode, hasDocNumber);
    return { value: totalOf(parts), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${allOf(issued(scope), hasDocNumber)}`,
};

export const outgoingUnnumbered: MetricDefinition = {
  id: 'outgoing.unnumbered',
  label: '无文号文件数',
  unit: '份',
  description: `统计期内核发、起草时标明不编文号（登记时未取文号）的发文份数（按核发时间，北京时间；${ONE_PER_DOCUMENT}），按机关代字分列；与“有文号文件数”之和为发文件数。${UNIT_RULE}`,
  kinds: ['outgoing'],
  compute: async ({ db, ...scope }) => {
    const parts = await issuedBy(db, scope, byIssuerCode, hasNoDocNumber);
    return { value: totalOf(parts), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${allOf(issued(scope), hasNoDocNumber)}`,
};

/** The last 签发 of the case (c): a substantive change after 签发 sends it back to be signed again. */
const lastSignOff = sql`(select max(s.at) from case_events s where s.case_id = c.id and s.action = 'sign_off')`;

/**
 * 发文 whose last 签发 falls within the range, not withdrawn since (a 发文 returned after 签发 may be
 * withdrawn). Imported history is left out: a register gives the 签发 date but not when drafting began.
 */
const signedWithin = ({ range, unitId }: MetricScope): SQL =>
  allOf(
    ofKind('outgoing'),
    sql`c.id in (${casesWithEventWithin(['sign_off'], range)})`,
    within(lastSignOff, range),
    sql`c.state <> 'withdrawn'`,
    sql`not (c.fields ? 'imported')`,
    ofUnit(unitId),
  );

export const outgoingDaysToSignOff: MetricDefinition = {
  id: 'outgoing.daysToSignOff',
  label: '发文签发用时',
  unit: '工作日',
  description: `统计期内签发的发文，从起草（在系统中新建发文稿）到签发所用的工作日数（按工作日历，北京时间日期，起草当日不计）：取平均值，保留一位小数；最长、件数见附加项。签发后经实质性修改重新签发的，以最后一次签发为准；已撤销的和从历史登记簿导入的（无起草时间）不计。${UNIT_RULE}`,
  kinds: ['outgoing'],
  labels: { mean: '平均', max: '最长', count: '件数' },
  compute: async ({ db, calendar, ...scope }) => {
    // As incoming.daysToProposal: PostgreSQL groups by (drafted on, signed on), the calendar counts each pair once.
    const pairs = await selectRows<{ drafted_on: string; signed_on: string; n: number }>(
      db,
      sql`select ${shanghaiDate(sql`c.created_at`)} as drafted_on, ${shanghaiDate(lastSignOff)} as signed_on, count(*)::int as n
          from cases c where ${signedWithin(scope)} group by 1, 2`,
    );
    let count = 0;
    let sum = 0;
    let max: number | null = null;
    for (const pair of pairs) {
      const days = calendar.workdaysBetween(pair.drafted_on, pair.signed_on);
      count += pair.n;
      sum += days * pair.n;
      max = max === null ? days : Math.max(max, days);
    }
    const mean = count === 0 ? null : oneDecimal(sum, count);
    return { value: mean, extra: { mean, max, count } };
  },
  records: (scope) => sql`select c.id from cases c where ${signedWithin(scope)}`,
};

const printed = (scope: MetricScope): SQL => outgoingWith('print', scope);

export const outgoingPrintedCopies: MetricDefinition = {
  id: 'outgoing.printedCopies',
  label: '印制文件份数',
  unit: '份',
  description: `统计期内印制的发文的印发份数之和（按印制时间，北京时间；份数为发文稿所填印发份数，印制后不能再改），按机关代字分列；附加项为印制的发文件数。与上年同期相比的增减见同比。${UNIT_RULE}`,
  kinds: ['outgoing'],
  labels: { documents: '印制发文件数' },
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<PartRow & { documents: number }>(
      db,
      sql`select ${byIssuerCode} as part, coalesce(sum((c.fields->>'copies')::int), 0)::int as n, count(*)::int as documents
          from cases c where ${printed(scope)} group by 1`,
    );
    const parts = partsOf(rows);
    return { value: totalOf(parts), parts, extra: { documents: rows.reduce((sum, row) => sum + row.documents, 0) } };
  },
  records: (scope) => sql`select c.id from cases c where ${printed(scope)}`,
};

/** The same dates a year earlier, as the framework's 同比 (metrics.service yearEarlier, which imports this file through the registry). */
const yearEarlier = (range: DateRange): DateRange => ({ from: addMonths(range.from, -12), to: addMonths(range.to, -12) });

/** Whether Fuban held any 发文 by the end of the range: before that, last year's 0 is "no data", as for 同比. */
const heldOutgoingBy = async (db: Db, range: DateRange): Promise<boolean> => {
  const [row] = await selectRows<{ held: boolean }>(
    db,
    sql`select exists (select 1 from cases c where ${ofKind('outgoing')} and c.created_at < ${instantsOf(range).end}::timestamptz) as held`,
  );
  return row?.held === true;
};

const countIssued = async (db: Db, scope: MetricScope): Promise<number> => {
  const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from cases c where ${issued(scope)}`);
  return row?.n ?? 0;
};

export const outgoingYoyChange: MetricDefinition = {
  id: 'outgoing.yoyChange',
  label: '发文数量同比增减',
  unit: '件',
  description: `统计期内核发的发文件数减去上年同期（日期范围提前一年）核发的件数，负数为减少；分项为本期、上年同期件数，附加项为增减百分比（保留一位小数，上年同期为 0 时不计算）。系统中没有上年同期及以前的发文记录时为无数据，不计算增减。明细列出两个期间核发的发文。${UNIT_RULE}`,
  kinds: ['outgoing'],
  labels: { current: '本期', previous: '上年同期', percent: '增减（%）' },
  compute: async ({ db, range, unitId }): Promise<MetricValue> => {
    const previousRange = yearEarlier(range);
    const current = await countIssued(db, { range, unitId });
    if (!(await heldOutgoingBy(db, previousRange))) return { value: null, parts: { current }, extra: { percent: null } };
    const previous = await countIssued(db, { range: previousRange, unitId });
    const change = current - previous;
    return { value: change, parts: { current, previous }, extra: { percent: previous === 0 ? null : oneDecimal(change, previous, 100) } };
  },
  records: (scope) =>
    sql`select c.id from cases c where (${issued(scope)}) or (${issued({ ...scope, range: yearEarlier(scope.range) })})`,
};

/** When the 合法性审查 gave its opinion: the flow stamps it on the case, the last review overwriting earlier ones. */
const reviewedAt = sql`(c.fields->'normativeReview'->>'at')::timestamptz`;

/** 规范性文件 whose 合法性审查 was done within the range. */
const reviewedWithin = ({ range, unitId }: MetricScope): SQL =>
  allOf(
    ofKind('outgoing'),
    sql`c.fields @> '{"normative": true}'::jsonb`,
    sql`jsonb_typeof(c.fields->'normativeReview') = 'object'`,
    within(reviewedAt, range),
    ofUnit(unitId),
  );

export const outgoingNormativeReviewed: MetricDefinition = {
  id: 'outgoing.normativeReviewed',
  label: '审查规范性文件数',
  unit: '个',
  description: `统计期内完成合法性审查的规范性文件个数（按审查人提出意见的时间，北京时间；退回后再次审查的以最后一次为准，其后撤销的也计入）；附加项为提出审查意见的条数（审查意见每行计一条，“同意”“无意见”“无异议”不计）。${UNIT_RULE}`,
  kinds: ['outgoing'],
  labels: { opinions: '提出意见（条）' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ n: number; opinions: number }>(
      db,
      sql`select count(*)::int as n, coalesce(sum(jsonb_array_length(c.fields->'normativeReview'->'opinions')), 0)::int as opinions
          from cases c where ${reviewedWithin(scope)}`,
    );
    return { value: row?.n ?? 0, extra: { opinions: row?.opinions ?? 0 } };
  },
  records: (scope) => sql`select c.id from cases c where ${reviewedWithin(scope)}`,
};

export const outgoingMetrics: readonly MetricDefinition[] = [
  outgoingIssued,
  outgoingIssuedByType,
  outgoingNumbered,
  outgoingUnnumbered,
  outgoingDaysToSignOff,
  outgoingPrintedCopies,
  outgoingYoyChange,
  outgoingNormativeReviewed,
];
