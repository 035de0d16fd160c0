/**
 * 政务公开 metrics (METRICS.md, 热线、信访、公开): what was published proactively (the 主动公开
 * register), the 依申请公开 applications with the 复议/诉讼 arising, and their on-time rate.
 */
import { and, count, eq, lte, sql } from 'drizzle-orm';
import { publishedItems } from '../../db/schema/index.js';
import { findPublishedItems, publishedBetween } from '../disclosure/published.repository.js';
import { receivedDaySql } from '../disclosure/request.repository.js';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, ofKind, partsOf, selectRows, totalOf } from './metrics.sql.js';
import { clockOnTimeRate } from './on-time.js';

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

/** Applications whose 收到日 (条例第三十一条, by channel) is within the range; a unit: the ones it registered. */
const receivedWithin = ({ range, unitId }: MetricScope) =>
  allOf(ofKind('disclosure'), sql`${receivedDaySql} between ${range.from} and ${range.to}`, unitId ? sql`c.owner_unit_id = ${unitId}::uuid` : undefined);

/** 复议/诉讼 of the unit's applications (any year's), filed or concluded within the range. */
const proceedingsOf = ({ range, unitId }: MetricScope) => sql`
  select p->>'type' as type, p->>'filedOn' as filed_on, p->>'concludedOn' as concluded_on, p->>'result' as result
  from cases c, jsonb_array_elements(coalesce(c.fields->'proceedings', '[]'::jsonb)) p
  where c.kind = 'disclosure' ${unitId ? sql`and c.owner_unit_id = ${unitId}::uuid` : sql``}
    and ((p->>'filedOn') between ${range.from} and ${range.to} or (p->>'concludedOn') between ${range.from} and ${range.to})`;

const inRange = (day: string | null, { range }: MetricScope) => day !== null && day >= range.from && day <= range.to;

export const disclosureRequests: MetricDefinition = {
  id: 'disclosure.requests',
  label: '依申请公开申请件数',
  unit: '件',
  description:
    '统计期内收到的政府信息公开申请件数（按条例第三十一条确定的收到申请之日：当面提交之日、邮寄签收之日、网络或传真双方确认之日），按申请人类型（自然人、法人或其他组织）分列；另计统计期内提起的行政复议、行政诉讼件数，及统计期内审结且结果为纠正的件数。按单位统计时，计该单位登记的申请。',
  kinds: ['disclosure'],
  labels: { natural: '自然人', legal: '法人或其他组织', reviews: '行政复议', litigations: '行政诉讼', corrected: '被纠正' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ natural: number; legal: number }>(
      db,
      sql`select count(*) filter (where c.fields->>'applicantType' = 'natural')::int as natural,
                 count(*) filter (where c.fields->>'applicantType' <> 'natural')::int as legal
          from cases c where ${receivedWithin(scope)}`,
    );
    const proceedings = await selectRows<{ type: string; filed_on: string; concluded_on: string | null; result: string | null }>(db, proceedingsOf(scope));
    const filed = proceedings.filter((item) => inRange(item.filed_on, scope));
    const parts = { natural: row?.natural ?? 0, legal: row?.legal ?? 0 };
    return {
      value: parts.natural + parts.legal,
      parts,
      extra: {
        reviews: filed.filter((item) => item.type === 'review').length,
        litigations: filed.filter((item) => item.type !== 'review').length,
        corrected: proceedings.filter((item) => item.result === 'corrected' && inRange(item.concluded_on, scope)).length,
      },
    };
  },
  records: (scope) => sql`select c.id from cases c where ${receivedWithin(scope)}`,
};

export const disclosureOnTimeRate = clockOnTimeRate({
  id: 'disclosure.onTimeRate',
  label: '依申请公开按期答复率',
  description:
    '统计期内作出答复（含逾期未补正视为放弃）的依申请公开申请中，在答复期限内答复的比例。答复期限按条例第三十三条自收到申请之日起 20 个工作日计，补正后重新起算，征求第三方意见的时间（最长 15 个工作日）不计入，经负责人同意延长的按延长后的期限；申请人撤回的不计入。按单位统计时，计该单位登记的申请。',
  kind: 'disclosure',
  clockId: 'answer',
  concludedBy: ['answer', 'no_correction'],
  labels: { inTime: '按期答复', late: '逾期答复', total: '答复' },
  unitRule: 'owner',
});

export const disclosureMetrics: readonly MetricDefinition[] = [disclosurePublished, disclosureRequests, disclosureOnTimeRate];
