/**
 * Metrics the office types in rather than counts: a score under the province's rules and the rank it
 * gives (info.score, info.rank), the spending change the finance office reports (costs.yoy). Each figure
 * is a record (engine/records, type metric_entry) naming the period it is for, its source and who entered
 * it; a new figure for the same period and unit supersedes the old one, which stays in the trail.
 * The value for a question is the figure of the latest period that starts within the dates asked.
 */
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CalendarDate } from '../../../../common/schemas/calendar.js';
import { safeLine, safeText } from '../../../../common/schemas/primitives.js';
import { records } from '../../db/schema/index.js';
import { defineRecordType } from '../../engine/records/record-type.js';
import type { Db } from '../../platform/db.js';
import type { MetricDefinition, MetricScope } from './metric.types.js';

export const MetricEntryFields = z.object({
  metricId: z.string(),
  from: CalendarDate,
  to: CalendarDate,
  value: z.number().finite(),
  source: safeLine().max(200),
  note: safeText().max(500),
  enteredBy: z.string(),
});
export type MetricEntryFields = z.infer<typeof MetricEntryFields>;

export const metricEntryRecord = defineRecordType({
  type: 'metric_entry',
  label: '指标录入',
  fields: MetricEntryFields,
  title: (fields) => `${fields.metricId} ${fields.from}至${fields.to}：${fields.value}`,
  initialState: 'current',
  states: { current: '有效', superseded: '已被更正' },
  listColumns: [{ key: 'metricId', label: '指标' }, { key: 'from', label: '起' }, { key: 'to', label: '止' }, { key: 'value', label: '数值' }, { key: 'source', label: '来源' }],
  detail: [{ key: 'metricId', label: '指标' }, { key: 'from', label: '起' }, { key: 'to', label: '止' }, { key: 'value', label: '数值' }, { key: 'source', label: '来源' }, { key: 'note', label: '说明' }, { key: 'enteredBy', label: '录入人' }],
  read: 'case.work',
  write: 'metric.enter',
  isUnitScoped: true,
  // Only enterMetricValue writes it: it checks the metric is one that is entered and supersedes the old figure.
  writes: 'module',
});

const field = (key: keyof MetricEntryFields) => sql`${records.fields}->>${key}`;

/** Current figures of a metric for the office (no unit) or one unit. */
export const currentEntriesOf = (metricId: string, unitId: string | null | undefined): SQL =>
  and(
    eq(records.type, metricEntryRecord.type),
    eq(records.state, 'current'),
    sql`${field('metricId')} = ${metricId}`,
    unitId ? eq(records.unitId, unitId) : sql`${records.unitId} is null`,
  )!;

const startingWithin = (metricId: string, { range, unitId }: MetricScope): SQL =>
  and(currentEntriesOf(metricId, unitId), sql`${field('from')} between ${range.from} and ${range.to}`)!;

const newestFirst = [desc(field('from')), desc(records.createdAt), desc(records.id)];

const fieldsOf = (row: { fields: Record<string, unknown> }) => MetricEntryFields.parse(row.fields);

const enteredMetric = ({ id, label, unit, description }: { id: string; label: string; unit: string; description: string }): MetricDefinition => ({
  id,
  label,
  unit,
  description: `${description}由办公室录入并注明来源，不由系统统计；取开始日期在统计期内的最近一期数值。按单位统计时，取为该单位录入的数值。`,
  kinds: [],
  compute: async ({ db, ...scope }) => {
    const [row] = await db.select().from(records).where(startingWithin(id, scope)).orderBy(...newestFirst).limit(1);
    if (!row) return { value: null };
    const fields = fieldsOf(row);
    return {
      value: fields.value,
      entry: { id: row.id, from: fields.from, to: fields.to, source: fields.source, enteredBy: fields.enteredBy, enteredAt: row.createdAt.toISOString() },
    };
  },
  register: {
    path: '/metrics',
    permission: 'case.work',
    hasDataBy: async (db: Db, range) => {
      const [row] = await db
        .select({ id: records.id })
        .from(records)
        .where(and(eq(records.type, metricEntryRecord.type), eq(records.state, 'current'), sql`${field('metricId')} = ${id}`, sql`${field('from')} <= ${range.to}`))
        .limit(1);
      return row !== undefined;
    },
    list: async ({ db, limit, ...scope }) => {
      const [all] = await db.select({ n: count() }).from(records).where(startingWithin(id, scope));
      const rows = limit > 0 ? await db.select().from(records).where(startingWithin(id, scope)).orderBy(...newestFirst).limit(limit) : [];
      return {
        total: all?.n ?? 0,
        entries: rows.map((row) => {
          const fields = fieldsOf(row);
          return { id: row.id, date: fields.from, title: `${fields.from} 至 ${fields.to}：${fields.value}${unit}`, unitName: '', labels: [`来源：${fields.source}`, `录入：${fields.enteredBy}`] };
        }),
      };
    },
  },
  origin: 'entered',
});

export const enteredMetrics: readonly MetricDefinition[] = [
  enteredMetric({ id: 'info.score', label: '政务信息工作考核得分', unit: '分', description: '上级按其政务信息工作考核办法给本办的得分。' }),
  enteredMetric({ id: 'info.rank', label: '政务信息工作考核排名', unit: '名', description: '上级通报的本办政务信息工作考核名次。' }),
  enteredMetric({ id: 'costs.yoy', label: '“三公”经费及办公经费同比变化', unit: '%', description: '公务接待、差旅、办公和电费支出较上年的变化（负数为下降），以财务部门的决算或统计为准。' }),
];
