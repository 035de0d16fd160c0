/**
 * An on-time rate (按时办结率, 按期答复率) read from a kind's statutory clock: of the cases whose clock
 * stopped within the range by one of the actions that conclude it, the share stopped by its due time
 * (pauses, restarts and approved extensions included, as the case page explains). Any kind with a
 * clock declares its rate with this, so every on-time rate in Fuban means the same thing.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { MetricDefinition, MetricScope, MetricValue } from './metric.types.js';
import { assignedTo, joinAssignedUnits, oneDecimal, selectRows } from './metrics.sql.js';

type OnTimeRate = {
  id: string;
  label: string;
  description: string;
  kind: string;
  clockId: string;
  /** The actions that count as concluding (答复); a stop by another (撤回) is left out. */
  concludedBy: readonly string[];
  /** What the parts are called in this kind (按期答复 / 逾期答复); 按期 / 逾期 / 办结 unless told. */
  labels?: { inTime: string; late: string; total: string };
  /** Whose figure a case is: the units it is given to (assignedTo), or its owner unit (the one that registered it). */
  unitRule: 'assigned' | 'owner';
};

export const clockOnTimeRate = ({ id, label, description, kind, clockId, concludedBy, labels, unitRule }: OnTimeRate): MetricDefinition => {
  const ofUnit = (unitId: string): SQL => (unitRule === 'assigned' ? assignedTo(unitId)! : sql`c.owner_unit_id = ${unitId}::uuid`);
  const stoppedWithin = ({ range, unitId }: MetricScope): SQL => sql`
    c.kind = ${kind} and k.case_id = c.id and k.assignment_id is null and k.clock_id = ${clockId} and k.state = 'stopped'
    and left(k.stopped_at, 10) between ${range.from} and ${range.to}
    and k.explanation->'stop'->>'action' in (${sql.join(concludedBy.map((action) => sql`${action}`), sql`, `)})
    ${unitId ? sql`and ${ofUnit(unitId)}` : sql``}`;
  const counts = sql`count(*) filter (where (k.explanation->'stop'->>'isInTime')::boolean)::int as in_time, count(*)::int as total`;
  const valueOf = (row: { in_time: number; total: number } | undefined): MetricValue => {
    const inTime = row?.in_time ?? 0;
    const total = row?.total ?? 0;
    return { value: total === 0 ? null : oneDecimal(inTime, total, 100), parts: { inTime, late: total - inTime }, extra: { total } };
  };
  // The unit each counted case is the figure of, as ofUnit asks it one unit at a time.
  const unitColumn = unitRule === 'assigned' ? sql`a.unit_id` : sql`c.owner_unit_id`;
  return {
    id,
    label,
    unit: '%',
    description,
    kinds: [kind],
    labels: labels ?? { inTime: '按期', late: '逾期', total: '办结' },
    compute: async ({ db, ...scope }) => {
      const [row] = await selectRows<{ in_time: number; total: number }>(db, sql`select ${counts} from case_clocks k, cases c where ${stoppedWithin(scope)}`);
      return valueOf(row);
    },
    valuesByUnit: async ({ db, range }) => {
      const rows = await selectRows<{ unit_id: string; in_time: number; total: number }>(
        db,
        sql`select ${unitColumn} as unit_id, ${counts} from case_clocks k, cases c ${unitRule === 'assigned' ? joinAssignedUnits : sql``}
            where ${stoppedWithin({ range })} group by 1`,
      );
      return new Map(rows.map((row) => [row.unit_id, valueOf(row)]));
    },
    records: (scope) => sql`select c.id from case_clocks k, cases c where ${stoppedWithin(scope)}`,
  };
};
