/**
 * The 三率 board (响应率, 解决率, 满意率) and the 按时办结率 of the 12345 hotline: per unit or 街乡 and for the
 * whole city, a month against the month before (环比) and the same month a year earlier (同比), and the
 * tickets behind any figure (the drill-down), each with the reason it misses.
 */
import { z } from 'zod';
import { safeLine } from './primitives.js';

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** The four rates, in the order the center publishes them. */
export const rateIds = ['response', 'resolution', 'satisfaction', 'onTime'] as const;
export const RateId = z.enum(rateIds, '没有这个比率');
export type RateId = z.infer<typeof RateId>;
export const rateLabels: Record<RateId, string> = { response: '响应率', resolution: '解决率', satisfaction: '满意率', onTime: '按时办结率' };

/** 三率 query: one month; `by` groups by the unit given the ticket or by the 街乡 it happened in. */
export const RatesQuery = z.object({ month, by: z.enum(['unit', 'area']).default('unit') });
export type RatesQuery = z.infer<typeof RatesQuery>;

/** A rate with what it is made of, so the page can show 「12/15」 and a unit with no case shows none. */
export const Rate = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
export type Rate = z.infer<typeof Rate>;

/**
 * A month's rate beside the month before (环比) and the same month last year (同比). A compared month with
 * nothing to divide by has rate null — 「无上年数据」 or 「—」 on the page, never 0 —, and so has its change.
 */
export const ComparedRate = Rate.extend({
  monthAgo: Rate,
  yearAgo: Rate,
  /** Percentage points, one decimal; null when either side has no rate. */
  monthChange: z.number().nullable(),
  yearChange: z.number().nullable(),
});
export type ComparedRate = z.infer<typeof ComparedRate>;

export const UnitRates = z.object({
  key: z.string(), // the unit's id, or the 街乡's name; 'all' for the whole city
  name: z.string(),
  dispatched: z.number(), // 派单 received that month
  returned: z.number(), // 退单
  response: ComparedRate, // 响应率: 签收 (or a 退单) within the working hours
  resolution: ComparedRate, // 解决率: 回访 已解决 of those reached
  satisfaction: ComparedRate, // 满意率: 满意 + 基本满意 of those reached
  onTime: ComparedRate, // 按时办结率: answered within the days, of those answered or overdue
  score: z.number().nullable(), // the ranking's composite: the mean of the rates it has
  rank: z.number().nullable(),
  isRed: z.boolean(), // 红榜 (the red list): a rate under the line
});
export type UnitRates = z.infer<typeof UnitRates>;

export const RatesView = z.object({
  month: z.string(),
  monthAgo: z.string(), // the month 环比 compares with
  yearAgo: z.string(), // the month 同比 compares with
  by: z.enum(['unit', 'area']),
  redLine: z.number(),
  /** The whole city: every row of the month, whatever its unit or 街乡 (not ranked). */
  city: UnitRates,
  rows: z.array(UnitRates),
});
export type RatesView = z.infer<typeof RatesView>;

/** A rate under this (percent) puts a unit on the red list; the center publishes the list monthly. */
export const RED_LINE_PERCENT = 80;

/** Which tickets of a figure: those counted (分子), all it is taken of (分母), or those that miss (分母 − 分子). */
export const drillParts = ['numerator', 'denominator', 'miss'] as const;
export const DrillPart = z.enum(drillParts);
export type DrillPart = z.infer<typeof DrillPart>;
export const drillPartLabels: Record<DrillPart, string> = { numerator: '计入', denominator: '全部', miss: '未达标' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tickets behind one figure of the board: a unit (its id), a 街乡 (its name) or the whole city, a
 * month, a rate and a part. A 联络员 may ask only about their own unit.
 */
export const RateDrillQuery = z
  .object({
    month,
    by: z.enum(['unit', 'area', 'all']),
    key: safeLine().max(60).optional(),
    rate: RateId,
    part: DrillPart.default('denominator'),
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((query) => query.by === 'all' || Boolean(query.key), { message: '请指明单位或街乡', path: ['key'] })
  .refine((query) => query.by !== 'unit' || uuidPattern.test(query.key ?? ''), { message: '单位编号格式不正确', path: ['key'] });
export type RateDrillQuery = z.infer<typeof RateDrillQuery>;

/** One row behind a figure: a 派单's 签收, a unit's handling of a ticket, or a 回访 — a ticket may be behind several. */
export const RateDrillRow = z.object({
  id: z.string(), // the clock or the 回访 event: unique on the page
  caseId: z.string(),
  serialNo: z.string(),
  title: z.string(),
  unitName: z.string().nullable(),
  area: z.string().nullable(),
  /** What puts it in the month: the 派单 (响应率), the answer or the due day (按时办结率), the 回访. */
  at: z.string(),
  due: z.string().nullable(),
  /** In the numerator. */
  isCounted: z.boolean(),
  /** 按时签收, 签收超时 1.5 个工作小时, 回访不满意 …: why it counts or misses. */
  outcome: z.string(),
});
export type RateDrillRow = z.infer<typeof RateDrillRow>;

export const RateDrillView = z.object({
  month: z.string(),
  by: z.enum(['unit', 'area', 'all']),
  key: z.string(),
  name: z.string(),
  rate: RateId,
  part: DrillPart,
  total: z.number(),
  rows: z.array(RateDrillRow),
});
export type RateDrillView = z.infer<typeof RateDrillView>;
