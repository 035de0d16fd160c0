/**
 * Metrics: the numbers of the annual summary (METRICS.md), each a named query over cases and
 * their trail, for any date range and unit, with the same range a year earlier (同比) and the
 * records behind the number. Shared by server and web.
 */
import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import { safeLine, safeText } from './primitives.js';
import { CaseSummary } from './cases.js';

/** e.g. incoming.received, drafts.written */
export const MetricId = z.string().regex(/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/, '指标编号不正确'); // keyTasks.decomposed: camelCase both sides
export type MetricId = z.infer<typeof MetricId>;

/** The most records a drill-down returns; the rest are counted, not listed. */
export const METRIC_RECORDS_LIMIT = 500;

/**
 * A query for one metric. Without dates: the current year to date (Asia/Shanghai); with `to`
 * alone: 1 January of its year to `to`; with `from` alone: `from` to today. Both inclusive.
 */
const metricQueryShape = {
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  unit: z.string().uuid('单位编号格式不正确').optional(),
};
const inOrder = (query: { from?: string | undefined; to?: string | undefined }) => !query.from || !query.to || query.from <= query.to;
const outOfOrder = { message: '开始日期不能晚于结束日期', path: ['to'] };
export const MetricQuery = z.object(metricQueryShape).refine(inOrder, outOfOrder);
export type MetricQuery = z.infer<typeof MetricQuery>;

/** The most metrics one batch asks for (the whole catalogue is about sixty). */
export const METRIC_BATCH_LIMIT = 100;

/**
 * Many metrics for the same period and unit in one request (数据统计 asks a section at a time): `ids` comma-separated,
 * each a metric id; the answers come in the order asked.
 */
export const MetricBatchQuery = z
  .object({
    ids: z
      .string()
      .max(4000)
      .regex(/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+(,[a-z][a-zA-Z]*(\.[a-zA-Z]+)+)*$/, '指标编号不正确（以逗号分隔）')
      .refine((ids) => ids.split(',').length <= METRIC_BATCH_LIMIT, `一次最多查询 ${METRIC_BATCH_LIMIT} 项指标`),
    ...metricQueryShape,
  })
  .refine(inOrder, outOfOrder);
export type MetricBatchQuery = z.infer<typeof MetricBatchQuery>;

/** Calendar dates, both inclusive, in Asia/Shanghai. */
export const DateRange = z.object({ from: CalendarDate, to: CalendarDate });
export type DateRange = z.infer<typeof DateRange>;

/**
 * Where a number comes from: counted from the records, entered by the office with its source (a score
 * the province publishes), or not yet connected because its module does not exist — shown as 未接入,
 * never as 0.
 */
export const MetricOrigin = z.enum(['computed', 'entered', 'notConnected']);
export type MetricOrigin = z.infer<typeof MetricOrigin>;

export const MetricDefinitionView = z.object({
  id: MetricId,
  label: z.string(),
  unit: z.string(), // 件, %, 工作日, 篇 …
  description: z.string(), // the exact rule, the unit filter included
  labels: z.record(z.string(), z.string()), // labels of fixed part and extra keys (closed → 已办结); free part keys (文种) are their own label
  /** The section of the catalogue (METRICS.md): 办文, 办会, 督查督办 … */
  section: z.string(),
  origin: MetricOrigin,
});
export type MetricDefinitionView = z.infer<typeof MetricDefinitionView>;

export const MetricUnit = z.object({ id: z.string(), name: z.string() });

export const MetricResult = z.object({
  id: MetricId,
  label: z.string(),
  unit: z.string(),
  range: DateRange,
  /** The unit the number is limited to; null for the whole office. */
  scopeUnit: MetricUnit.nullable(),
  /** Counts are integers; rates and means have one decimal; null when there is nothing to average, or no data (below). */
  value: z.number().nullable(),
  /**
   * Whether Fuban held records of the metric's kinds (or register) by the end of the range. When not, the module was not
   * in use yet: the value is null, never a 0 that would read as "none happened" (the summary leaves 【待补充】).
   * An entered metric has data when an entry covers the period.
   */
  hasData: z.boolean(),
  parts: z.record(z.string(), z.number()),
  extra: z.record(z.string(), z.number().nullable()),
  /** The same dates one year earlier (同比). `hasData` is false when Fuban held no such records by then. */
  previous: z.object({ range: DateRange, value: z.number().nullable(), hasData: z.boolean() }),
  /** value − previous (percentage points for a rate) and its ratio to previous in %; null when either is missing or previous is 0. */
  change: z.object({ absolute: z.number().nullable(), percent: z.number().nullable() }),
  origin: MetricOrigin,
  /** For an entered metric: the entry the value is, with its source and who entered it; null when none. */
  entry: z
    .object({ id: z.string(), from: CalendarDate, to: CalendarDate, source: z.string(), enteredBy: z.string(), enteredAt: z.string() })
    .nullable(),
});
export type MetricResult = z.infer<typeof MetricResult>;

/** An entry of a register behind a metric (主动公开登记), for metrics that count register entries rather than cases. */
export const MetricRegisterEntry = z.object({
  id: z.string(),
  date: CalendarDate,
  title: z.string(),
  unitName: z.string(),
  /** Short facts worth a column: category, channels, 已废止 … */
  labels: z.array(z.string()),
  /** The entry's own page (a ticket behind a 热线 rate); otherwise the register's page opens it. */
  path: z.string().optional(),
});
export type MetricRegisterEntry = z.infer<typeof MetricRegisterEntry>;

export const MetricRecords = z.object({
  id: MetricId,
  range: DateRange,
  scopeUnit: MetricUnit.nullable(),
  /** Records behind the number, whether or not the user may open them. */
  total: z.number().int(),
  /** Of those, the ones outside what the user may open: counted, never listed. */
  hiddenCount: z.number().int(),
  /** The records the user may open, newest first, at most `limit`. */
  items: z.array(CaseSummary),
  /** For a metric over a register: its entries instead of cases (then `items` is empty); where the page to open them is. */
  entries: z.array(MetricRegisterEntry),
  registerPath: z.string().nullable(),
  limit: z.number().int(),
  isTruncated: z.boolean(),
});
export type MetricRecords = z.infer<typeof MetricRecords>;

/** A figure the office enters for an entered metric (info.score, info.rank …): the period it is for, the value and where it comes from. */
export const MetricEntryInput = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    value: z.number().finite().min(-1_000_000_000).max(1_000_000_000),
    source: safeLine().trim().min(2, '请写明数据来源（如：省政府办公厅 2026 年政务信息工作通报）').max(200),
    unitId: z.string().uuid('单位编号格式不正确').nullable().default(null),
    note: safeText().trim().max(500).default(''),
  })
  .refine((entry) => entry.from <= entry.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type MetricEntryInput = z.infer<typeof MetricEntryInput>;
