/** 收文 metrics (METRICS.md, 办文): received, 办结率, days to 拟办, 基层请示, returned at 初审. */
import { sql } from 'drizzle-orm';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, assignedTo, ofKind, oneDecimal, partsOf, registeredWithin, selectRows, shanghaiDate, totalOf, within } from './metrics.sql.js';

const UNIT_RULE = '按单位统计时，计交办给该单位的收文（主办、协办、会办均计，不含已撤回的交办；以查询时的交办为准）。';

/**
 * 收文 registered within the range, optionally given to the unit. A copy of the office's own 发文
 * delivered to a unit at 核发 is that unit's 收文, not the office's: it is not counted.
 */
const registered = ({ range, unitId }: MetricScope) =>
  allOf(ofKind('incoming'), registeredWithin(range), assignedTo(unitId), sql`not (c.fields ? 'deliveredFrom')`);

export const incomingReceived: MetricDefinition = {
  id: 'incoming.received',
  label: '收文件数',
  unit: '件',
  description: `统计期内签收登记的收文件数（按登记时间，北京时间），退回件也计入；按文种分列。${UNIT_RULE}`,
  kinds: ['incoming'],
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ part: string | null; n: number }>(
      db,
      sql`select c.fields->>'docType' as part, count(*)::int as n from cases c where ${registered(scope)} group by 1`,
    );
    const parts = partsOf(rows);
    return { value: totalOf(parts), parts };
  },
  countsByDay: (scope) => sql`select ${shanghaiDate(sql`c.created_at`)} as day, count(*)::int as n from cases c where ${registered(scope)} group by 1`,
  records: (scope) => sql`select c.id from cases c where ${registered(scope)}`,
};

/** Registered within the range and not returned at 初审: the 收文 that had to be handled. */
const toHandle = (scope: MetricScope) => allOf(registered(scope), sql`c.state <> 'returned'`);

export const incomingClosedRate: MetricDefinition = {
  id: 'incoming.closedRate',
  label: '收文办结率',
  unit: '%',
  description: `统计期内登记且未在初审时退回的收文中，已办结（含已归档）的比例，保留一位小数；以查询时的状态为准。分项：已办结件数、应办件数。${UNIT_RULE}`,
  kinds: ['incoming'],
  labels: { closed: '已办结', total: '应办' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ closed: number; total: number }>(
      db,
      sql`select count(*) filter (where c.state in ('closed', 'archived'))::int as closed, count(*)::int as total
          from cases c where ${toHandle(scope)}`,
    );
    const closed = row?.closed ?? 0;
    const total = row?.total ?? 0;
    return { value: total === 0 ? null : oneDecimal(closed, total, 100), parts: { closed, total } };
  },
  records: (scope) => sql`select c.id from cases c where ${toHandle(scope)}`,
};

/** 收文 whose 拟办 (the `propose` event) falls within the range. A 收文 is proposed once: the state machine has no way back. */
const proposedWithin = ({ range, unitId }: MetricScope) =>
  allOf(ofKind('incoming'), sql`e.case_id = c.id`, sql`e.action = 'propose'`, within(sql`e.at`, range), assignedTo(unitId));

export const incomingDaysToProposal: MetricDefinition = {
  id: 'incoming.daysToProposal',
  label: '收文拟办用时',
  unit: '工作日',
  description:
    `统计期内提出拟办意见的收文，从签收登记到拟办意见提出所用的工作日数（按工作日历，北京时间日期，登记当日不计）：取平均值，保留一位小数；最大值、件数见附加项。${UNIT_RULE}`,
  kinds: ['incoming'],
  labels: { mean: '平均', max: '最长', count: '件数' },
  compute: async ({ db, calendar, ...scope }) => {
    // Set-based: PostgreSQL groups the cases by (registered on, proposed on); only the distinct
    // date pairs come back, and the calendar counts working days once per pair.
    const pairs = await selectRows<{ registered_on: string; proposed_on: string; n: number }>(
      db,
      sql`select ${shanghaiDate(sql`r.at`)} as registered_on, ${shanghaiDate(sql`p.at`)} as proposed_on, count(*)::int as n
          from (select e.case_id, min(e.at) as at from case_events e, cases c where ${proposedWithin(scope)} group by e.case_id) p
          join case_events r on r.case_id = p.case_id and r.action = 'create'
          group by 1, 2`,
    );
    let count = 0;
    let sum = 0;
    let max: number | null = null;
    for (const pair of pairs) {
      const days = calendar.workdaysBetween(pair.registered_on, pair.proposed_on);
      count += pair.n;
      sum += days * pair.n;
      max = max === null ? days : Math.max(max, days);
    }
    const mean = count === 0 ? null : oneDecimal(sum, count);
    return { value: mean, extra: { mean, max, count } };
  },
  records: (scope) => sql`select e.case_id from case_events e, cases c where ${proposedWithin(scope)}`,
};

const requestsFromBelow = (scope: MetricScope) => allOf(registered(scope), sql`c.fields @> '{"isRequestFromBelow": true}'::jsonb`);

export const incomingRequestsFromBelow: MetricDefinition = {
  id: 'incoming.requestsFromBelow',
  label: '基层请示件数',
  unit: '件',
  description: `统计期内登记的基层请示件数（登记时标明“基层请示”的收文，退回件也计入）；分项：已答复、未答复（以查询时为准）。${UNIT_RULE}`,
  kinds: ['incoming'],
  labels: { answered: '已答复', unanswered: '未答复' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ answered: number; total: number }>(
      db,
      sql`select count(*) filter (where jsonb_typeof(c.fields->'requestReply') = 'object')::int as answered, count(*)::int as total
          from cases c where ${requestsFromBelow(scope)}`,
    );
    const answered = row?.answered ?? 0;
    const total = row?.total ?? 0;
    return { value: total, parts: { answered, unanswered: total - answered } };
  },
  records: (scope) => sql`select c.id from cases c where ${requestsFromBelow(scope)}`,
};

const returnedWithin = ({ range, unitId }: MetricScope) =>
  allOf(ofKind('incoming'), sql`e.case_id = c.id`, sql`e.action = 'return'`, within(sql`e.at`, range), assignedTo(unitId));

export const incomingReturnedNonCompliant: MetricDefinition = {
  id: 'incoming.returnedNonCompliant',
  label: '退回不合格公文数',
  unit: '件',
  description:
    '统计期内初审时退回来文单位的收文件数（按退回时间，北京时间；承办单位退回交办不计）。退回件未交办任何单位，按单位统计时恒为 0。',
  kinds: ['incoming'],
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ n: number }>(
      db,
      sql`select count(distinct e.case_id)::int as n from case_events e, cases c where ${returnedWithin(scope)}`,
    );
    return { value: row?.n ?? 0 };
  },
  records: (scope) => sql`select e.case_id from case_events e, cases c where ${returnedWithin(scope)}`,
};

export const incomingMetrics: readonly MetricDefinition[] = [
  incomingReceived,
  incomingClosedRate,
  incomingDaysToProposal,
  incomingRequestsFromBelow,
  incomingReturnedNonCompliant,
];
