/**
 * 重点工作 decomposition (METRICS.md keyTasks.decomposed: 「20 大类 63 项」, 「每位副市长 10 项重点工作」): the
 * measures a 分工方案 was split into, each a 督办 item carrying its place in the plan (类别, 重点工作, 牵头领导).
 */
import { sql } from 'drizzle-orm';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, assignedTo, ofKind, registeredWithin, selectRows } from './metrics.sql.js';

const planned = ({ range, unitId }: MetricScope) => allOf(ofKind('supervision'), registeredWithin(range), assignedTo(unitId), sql`c.fields->'plan' is not null`);

export const keyTasksDecomposed: MetricDefinition = {
  id: 'keyTasks.decomposed',
  label: '重点工作分解项数',
  unit: '项',
  description:
    '统计期内由分工方案导入立项的具体措施数（按立项登记时间，北京时间），另计其所属的重点工作数和类别数（按方案年度、类别、重点工作名称区分）。按单位统计时，计交给该单位的措施（牵头、责任单位均计）。',
  kinds: ['supervision'],
  labels: { tasks: '重点工作', categories: '类别', leaders: '牵头领导' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ measures: number; tasks: number; categories: number; leaders: number }>(
      db,
      sql`select count(*)::int as measures,
            count(distinct (c.fields->'plan'->>'year') || '|' || coalesce(c.fields->'plan'->>'category', '') || '|' || (c.fields->'plan'->>'task'))::int as tasks,
            count(distinct (c.fields->'plan'->>'year') || '|' || (c.fields->'plan'->>'category'))::int as categories,
            count(distinct c.fields->'plan'->>'leader')::int as leaders
          from cases c where ${planned(scope)}`,
    );
    return { value: row?.measures ?? 0, extra: { tasks: row?.tasks ?? 0, categories: row?.categories ?? 0, leaders: row?.leaders ?? 0 } };
  },
  records: (scope) => sql`select c.id from cases c where ${planned(scope)}`,
};

export const keyTaskMetrics: readonly MetricDefinition[] = [keyTasksDecomposed];
