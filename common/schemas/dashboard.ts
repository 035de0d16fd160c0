/** 领导驾驶舱: each module's headline figures, this year against last by month, units ranked, what is red today. */
import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import { CaseSummary } from './cases.js';
import { MetricResult } from './metrics.js';

export const DashboardQuery = z.object({ year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional() });

export const MonthPoint = z.object({ month: z.number().int(), from: CalendarDate, to: CalendarDate, value: z.number().nullable(), previous: z.number().nullable() });

export const DashboardView = z.object({
  year: z.number().int(),
  range: z.object({ from: CalendarDate, to: CalendarDate }),
  headline: z.array(z.object({ section: z.string(), result: MetricResult })),
  monthly: z.array(z.object({ metricId: z.string(), label: z.string(), unit: z.string(), hasPrevious: z.boolean(), months: z.array(MonthPoint) })),
  red: z.object({ total: z.number().int(), byKind: z.array(z.object({ kind: z.string(), label: z.string(), count: z.number().int() })), items: z.array(CaseSummary) }),
  rankingMetrics: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const RankingQuery = z.object({
  metric: z.string().regex(/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/, '指标编号不正确'),
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
});
export const RankingRow = z.object({ unitId: z.string(), unitName: z.string(), value: z.number(), total: z.number().nullable() });
export type RankingRow = z.infer<typeof RankingRow>;
