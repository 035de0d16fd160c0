/**
 * 12345 热点: a week's (Monday–Sunday, Shanghai) top categories, 街乡 and words against the week before, and the
 * 突增 — a category in one 街乡 far above its recent weeks — that the center is to look at.
 */
import { z } from 'zod';
import { isoDate } from './primitives.js';

/** Any date inside the week wanted; none: this week. */
export const HotspotsQuery = z.object({ week: isoDate('日期应为实际存在的日期，格式 YYYY-MM-DD').optional() });
export type HotspotsQuery = z.infer<typeof HotspotsQuery>;

export const WeekRange = z.object({ from: z.string(), to: z.string() });
export type WeekRange = z.infer<typeof WeekRange>;

/** One ranked item: this week's tickets, last week's, and the difference. */
export const HotCount = z.object({ key: z.string(), thisWeek: z.number(), lastWeek: z.number(), change: z.number() });
export type HotCount = z.infer<typeof HotCount>;

/** A 二级 category with its 一级 (the key is 「一级/二级」, as the ledger filters it). */
export const HotCategory = HotCount.extend({ parent: z.string(), name: z.string() });
export type HotCategory = z.infer<typeof HotCategory>;

/** A (category, 街乡) pair this week against the weeks before (oldest first); area null: no 街乡 named. */
export const HotSurge = z.object({
  category: z.string(),
  area: z.string().nullable(),
  thisWeek: z.number(),
  previousWeeks: z.array(z.number()),
  /** The mean of previousWeeks, to one decimal. */
  baseline: z.number(),
  /** thisWeek over the baseline, to one decimal; null when the pair had no ticket in those weeks (新出现). */
  ratio: z.number().nullable(),
  isNew: z.boolean(),
});
export type HotSurge = z.infer<typeof HotSurge>;

/** How many of a week's tickets the words were counted from (all of them unless the week is larger than the cap). */
export const WordSample = z.object({ tickets: z.number(), sampled: z.number() });

export const HotspotsView = z.object({
  week: WeekRange,
  lastWeek: WeekRange,
  totals: z.object({ thisWeek: z.number(), lastWeek: z.number() }),
  categories: z.array(HotCategory),
  areas: z.array(HotCount),
  /** Word counts are tickets that use the word; scaled up to the week when only a sample was read. */
  words: z.array(HotCount),
  wordSample: z.object({ thisWeek: WordSample, lastWeek: WordSample }),
  surges: z.array(HotSurge),
  /** The rule in force (settings hotline.surge*). */
  surgeRule: z.object({ minCount: z.number(), ratioPercent: z.number(), baselineWeeks: z.number() }),
});
export type HotspotsView = z.infer<typeof HotspotsView>;
