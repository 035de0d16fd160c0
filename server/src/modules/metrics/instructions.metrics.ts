/** 领导批示件 metrics (METRICS.md, 督查督办): instructions tracked, closed, open and overdue. */
import { sql } from 'drizzle-orm';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, assignedTo, ofKind, registeredWithin, selectRows } from './metrics.sql.js';

/** 批示件 registered within the range, optionally given to the unit. */
const registered = ({ range, unitId }: MetricScope) => allOf(ofKind('instruction'), registeredWithin(range), assignedTo(unitId));

export const instructionsTracked: MetricDefinition = {
  id: 'instructions.tracked',
  label: '跟踪督办领导批示件数',
  unit: '件',
  description:
    '统计期内登记的领导批示件数（按登记时间，北京时间）；分项：已办结、未办结，及未办结中已逾期（红灯）的件数，均以查询时的状态为准。按单位统计时，计交办给该单位的批示件（主办、协办、会办均计，不含已撤回的交办）。',
  kinds: ['instruction'],
  labels: { closed: '已办结', open: '未办结', overdue: '逾期' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ closed: number; open: number; overdue: number }>(
      db,
      sql`select count(*) filter (where c.is_closed)::int as closed,
                 count(*) filter (where not c.is_closed)::int as open,
                 count(*) filter (where not c.is_closed and c.due_status = 'red')::int as overdue
          from cases c where ${registered(scope)}`,
    );
    const parts = { closed: row?.closed ?? 0, open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
    return { value: parts.closed + parts.open, parts };
  },
  records: (scope) => sql`select c.id from cases c where ${registered(scope)}`,
};

export const instructionMetrics: readonly MetricDefinition[] = [instructionsTracked];
