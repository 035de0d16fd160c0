/** Metrics over documents of every kind (METRICS.md, 办文): what was read and signed through the system. */
import { sql } from 'drizzle-orm';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { listKinds } from '../../engine/kinds/registry.js';
import { allOf, assignedTo, casesWithEventWithin, partsOf, selectRows, totalOf } from './metrics.sql.js';

/** The trail actions that are reading or signing through the system: 传阅, 阅知, and a leader's 批示 on a 收文. */
const READ_OR_SIGN = ['circulate', 'read', 'instruct'] as const;

/** Cases of any kind circulated, read or signed within the range; with a unit, those given or circulated to it. */
const circulatedWithin = ({ range, unitId }: MetricScope) =>
  allOf(
    sql`c.id in (${casesWithEventWithin(READ_OR_SIGN, range)})`,
    unitId ? sql`(${assignedTo(unitId)} or exists (select 1 from circulations r where r.case_id = c.id and r.recipient_unit_id = ${unitId}::uuid))` : undefined,
  );

export const docsCirculatedOnline: MetricDefinition = {
  id: 'docs.circulatedOnline',
  label: '电子传阅签阅公文数',
  unit: '件',
  description:
    '统计期内通过本系统传阅、阅知或由领导批示的公文件数（各类事项均计，一件多次只计一次；按操作时间，北京时间）；按事项类型分列。按单位统计时，计交办给该单位（任一角色，不含已撤回）或传阅给该单位的公文。',
  kinds: null,
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ kind: string; n: number }>(
      db,
      sql`select c.kind, count(*)::int as n from cases c where ${circulatedWithin(scope)} group by 1`,
    );
    const kindLabels = new Map(listKinds().map((kind) => [kind.id, kind.label]));
    const parts = partsOf(rows.map((row) => ({ part: kindLabels.get(row.kind) ?? row.kind, n: row.n })));
    return { value: totalOf(parts), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${circulatedWithin(scope)}`,
};

export const docsMetrics: readonly MetricDefinition[] = [docsCirculatedOnline];
