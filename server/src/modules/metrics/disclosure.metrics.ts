/** 政务公开 metrics (METRICS.md, 热线、信访、公开): what was published proactively, from the 主动公开 register. */
import { and, count, eq, lte } from 'drizzle-orm';
import { publishedItems } from '../../db/schema/index.js';
import { findPublishedItems, publishedBetween } from '../disclosure/published.repository.js';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { partsOf, totalOf } from './metrics.sql.js';

/** Entries published within the range (a repealed entry was still published), optionally of one unit. */
const publishedWithin = ({ range, unitId }: MetricScope) =>
  and(publishedBetween(range.from, range.to), unitId ? eq(publishedItems.unitId, unitId) : undefined);

export const disclosurePublished: MetricDefinition = {
  id: 'disclosure.published',
  label: '主动公开政府信息条数',
  unit: '条',
  description:
    '统计期内主动公开登记簿中公开日期在统计期内的事项条数（其后废止的仍计入），按类别（规章、行政规范性文件、行政许可等）分列。按单位统计时，计该单位登记的事项。',
  kinds: [],
  compute: async ({ db, ...scope }) => {
    const rows = await db
      .select({ part: publishedItems.category, n: count() })
      .from(publishedItems)
      .where(publishedWithin(scope))
      .groupBy(publishedItems.category);
    const parts = partsOf(rows);
    return { value: totalOf(parts), parts };
  },
  register: {
    path: '/disclosure',
    permission: 'disclosure.read',
    hasDataBy: async (db, range) => {
      const [row] = await db.select({ id: publishedItems.id }).from(publishedItems).where(lte(publishedItems.publishedOn, range.to)).limit(1);
      return row !== undefined;
    },
    list: async ({ db, limit, ...scope }) => {
      const [all] = await db.select({ n: count() }).from(publishedItems).where(publishedWithin(scope));
      const items = limit > 0 ? await findPublishedItems(db, publishedWithin(scope), limit) : [];
      return {
        total: all?.n ?? 0,
        entries: items.map((item) => ({
          id: item.id,
          date: item.publishedOn,
          title: item.title,
          unitName: item.unitName,
          labels: [item.category, item.channels.join('、'), ...(item.repealedOn ? [`${item.repealedOn} 废止`] : [])],
        })),
      };
    },
  },
};

export const disclosureMetrics: readonly MetricDefinition[] = [disclosurePublished];
