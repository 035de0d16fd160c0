/**
 * 督查督办 metrics (METRICS.md): items opened by source (立项督查 190 项), 办结率, 按时办结率, and 民生实事
 * projects with how many finished early (提前 N 个月) or over target (超额) — computed from the items'
 * figures by the same pure function the 督查室 page uses.
 */
import { sql } from 'drizzle-orm';
import { supervisionSources } from '../../../../common/schemas/supervision.js';
import { readSupervisionFields } from '../supervision/supervision.fields.js';
import { livelihoodOutcome } from '../supervision/supervision.progress.js';
import type { MetricDefinition, MetricScope, MetricValue } from './metric.types.js';
import { allOf, assignedTo, joinAssignedUnits, oneDecimal, ofKind, registeredWithin, selectRows, within } from './metrics.sql.js';

const UNIT_RULE = '按单位统计时，计交给该单位的事项（牵头、责任单位均计，不含已撤回的交办）。';

const opened = ({ range, unitId }: MetricScope) => allOf(ofKind('supervision'), registeredWithin(range), assignedTo(unitId));

/**
 * 批示件 stay their own kind; a 督办 item may be derived from one (派生自, case_links). So that nothing is
 * counted twice, 领导批示 = the 批示件 registered + the 督办 items from that source NOT derived from a
 * 批示件 (one opened straight from a leader's note on a report, say). An item derived from a 批示件 is
 * that 批示件's follow-up, already counted with it.
 */
const derivedFromInstruction = sql`exists (select 1 from case_links l join cases s on s.id = l.to_case_id
  where l.from_case_id = c.id and l.type = 'derived_from' and s.kind = 'instruction')`;

const countedSupervision = (scope: MetricScope) => sql`${opened(scope)} and not (c.fields->>'source' = '领导批示' and ${derivedFromInstruction})`;
const countedInstructions = ({ range, unitId }: MetricScope) => allOf(ofKind('instruction'), registeredWithin(range), assignedTo(unitId));

export const supervisionOpened: MetricDefinition = {
  id: 'supervision.opened',
  label: '立项督办事项数',
  unit: '项',
  description:
    `统计期内立项的督办事项数（按立项登记时间，北京时间），按来源分项。「领导批示」= 统计期内登记的领导批示件 + 来源为领导批示但并非派生自批示件的督办事项；派生自批示件的督办事项随该批示件计数，不重复计算。${UNIT_RULE}`,
  kinds: ['supervision', 'instruction'],
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ source: string; n: number }>(
      db,
      sql`select c.fields->>'source' as source, count(*)::int as n from cases c where ${countedSupervision(scope)} group by 1
          union all
          select '领导批示' as source, count(*)::int as n from cases c where ${countedInstructions(scope)}`,
    );
    const parts: Record<string, number> = Object.fromEntries(supervisionSources.map((source) => [source, 0]));
    for (const row of rows) parts[row.source] = (parts[row.source] ?? 0) + row.n;
    return { value: Object.values(parts).reduce((sum, n) => sum + n, 0), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${countedSupervision(scope)} union all select c.id from cases c where ${countedInstructions(scope)}`,
};

export const supervisionClosedRate: MetricDefinition = {
  id: 'supervision.closedRate',
  label: '督办事项办结率',
  unit: '%',
  description: `统计期内立项的督办事项中，已经督查室销号的比例（以查询时的状态为准），保留一位小数。分项：已销号、待销号（已申报办结）、办理中。${UNIT_RULE}`,
  kinds: ['supervision'],
  labels: { closed: '已销号', claimed: '待销号', open: '办理中' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ closed: number; claimed: number; total: number }>(
      db,
      sql`select count(*) filter (where c.state = 'closed')::int as closed, count(*) filter (where c.state = 'claimed')::int as claimed, count(*)::int as total
          from cases c where ${opened(scope)}`,
    );
    const closed = row?.closed ?? 0;
    const claimed = row?.claimed ?? 0;
    const total = row?.total ?? 0;
    return { value: total === 0 ? null : oneDecimal(closed, total, 100), parts: { closed, claimed, open: total - closed - claimed } };
  },
  records: (scope) => sql`select c.id from cases c where ${opened(scope)}`,
};

/** 销号 within the range; on time when the standing 申报办结 came on or before the 完成时限. */
const closedWithin = ({ range, unitId }: MetricScope) =>
  allOf(ofKind('supervision'), sql`c.state = 'closed'`, sql`c.fields->>'deadline' is not null`, within(sql`c.closed_at`, range), assignedTo(unitId));

const onTimeCounts = sql`count(*) filter (where c.fields->'claim'->>'on' <= c.fields->>'deadline')::int as in_time, count(*)::int as total`;

const onTimeValue = (row: { in_time: number; total: number } | undefined): MetricValue => {
  const inTime = row?.in_time ?? 0;
  const total = row?.total ?? 0;
  return { value: total === 0 ? null : oneDecimal(inTime, total, 100), parts: { inTime, late: total - inTime } };
};

export const supervisionOnTimeRate: MetricDefinition = {
  id: 'supervision.onTimeRate',
  label: '督办事项按时办结率',
  unit: '%',
  description: `统计期内经督查室销号、设有完成时限的督办事项中，申报办结日期不晚于完成时限的比例，保留一位小数（长期坚持的事项不计）。分项：按时、逾期办结。${UNIT_RULE}`,
  kinds: ['supervision'],
  labels: { inTime: '按时办结', late: '逾期办结' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ in_time: number; total: number }>(db, sql`select ${onTimeCounts} from cases c where ${closedWithin(scope)}`);
    return onTimeValue(row);
  },
  // Each unit's items as assignedTo gives them to it, counted once per unit.
  valuesByUnit: async ({ db, range }) => {
    const rows = await selectRows<{ unit_id: string; in_time: number; total: number }>(
      db,
      sql`select a.unit_id, ${onTimeCounts} from cases c ${joinAssignedUnits} where ${closedWithin({ range })} group by a.unit_id`,
    );
    return new Map(rows.map((row) => [row.unit_id, onTimeValue(row)]));
  },
  records: (scope) => sql`select c.id from cases c where ${closedWithin(scope)}`,
};

const projects = (scope: MetricScope) => sql`${opened(scope)} and c.fields->'livelihood' is not null`;

export const livelihoodProjects: MetricDefinition = {
  id: 'livelihood.projects',
  label: '民生实事项目数',
  unit: '项',
  description:
    `统计期内立项的民生实事项目数（按立项登记时间）。分项：已完成（已销号）；其中提前完成（申报办结月份早于完成时限所在月份，提前月数按自然月计）、超额完成（最近填报的累计完成量超过目标数量）。均按填报数据计算，不手工填写。${UNIT_RULE}`,
  kinds: ['supervision'],
  labels: { done: '已完成', early: '提前完成', overTarget: '超额完成', monthsEarly: '提前月数合计' },
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ state: string; fields: Record<string, unknown> }>(db, sql`select c.state, c.fields from cases c where ${projects(scope)}`);
    const done = rows.filter((row) => row.state === 'closed').map((row) => livelihoodOutcome(readSupervisionFields(row.fields))!);
    return {
      value: rows.length,
      parts: { done: done.length, early: done.filter((outcome) => outcome.monthsEarly > 0).length, overTarget: done.filter((outcome) => outcome.isOverTarget).length },
      extra: { monthsEarly: done.reduce((sum, outcome) => sum + outcome.monthsEarly, 0) },
    };
  },
  records: (scope) => sql`select c.id from cases c where ${projects(scope)}`,
};

export const supervisionMetrics: readonly MetricDefinition[] = [supervisionOpened, supervisionClosedRate, supervisionOnTimeRate, livelihoodProjects];
