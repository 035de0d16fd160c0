/** 文稿 metrics (METRICS.md, 办文): drafts that reached 定稿, by type, with their 字数 (N 篇 N 万字). */
import { sql } from 'drizzle-orm';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, casesWithEventWithin, ofKind, oneDecimal, partsOf, selectRows, totalOf } from './metrics.sql.js';

/** 文稿 approved (定稿, the `approve` event) within the range, optionally of the unit that owns them. */
const finalisedWithin = ({ range, unitId }: MetricScope) =>
  allOf(ofKind('draft'), sql`c.id in (${casesWithEventWithin(['approve'], range)})`, unitId ? sql`c.owner_unit_id = ${unitId}::uuid` : undefined);

export const draftsWritten: MetricDefinition = {
  id: 'drafts.written',
  label: '撰写文稿篇数',
  unit: '篇',
  description:
    '统计期内定稿的文稿篇数（按定稿时间，北京时间），按文稿类型分列；附加项为定稿稿的字数合计（汉字和数字）及折合万字（保留一位小数）。按单位统计时，计该单位起草（登记）的文稿。',
  kinds: ['draft'],
  labels: { chars: '字数', wanChars: '万字' },
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ part: string | null; n: number; chars: number }>(
      db,
      sql`select c.fields->>'draftType' as part, count(*)::int as n, coalesce(sum((c.fields->>'chars')::bigint), 0)::float8 as chars
          from cases c where ${finalisedWithin(scope)} group by 1`,
    );
    const parts = partsOf(rows);
    const chars = rows.reduce((sum, row) => sum + row.chars, 0);
    return { value: totalOf(parts), parts, extra: { chars, wanChars: oneDecimal(chars, 10_000) } };
  },
  records: (scope) => sql`select c.id from cases c where ${finalisedWithin(scope)}`,
};

export const draftMetrics: readonly MetricDefinition[] = [draftsWritten];
