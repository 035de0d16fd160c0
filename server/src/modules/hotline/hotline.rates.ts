/**
 * The 三率 (Beijing's 接诉即办: 响应率, 解决率, 满意率) and the 按时办结率, per unit or per 街乡, over a date
 * range (a month for the ranking), each read from what the engine already keeps — no copy to go stale:
 * - 响应率: the unit's 签收 clocks started in the range (one per 派单): answered (签收, or a 退单 —
 *   both are a response) by their due time, of those answered or already past due;
 * - 按时办结率: the unit's handling clocks stopped by its answer in the range, in time, of those plus
 *   the ones open and past due (a unit that never answers is not left out);
 * - 满意率 / 解决率: the 回访 events in the range about the unit's answer: 满意 + 基本满意 (已解决) of the
 *   callers reached (未联系上 counted in neither).
 * Four grouped statements in all, whatever the number of units; indexed by migration 0026.
 */
import { sql, type SQL } from 'drizzle-orm';
import { RED_LINE_PERCENT, type Rate, type UnitRates } from '../../../../common/schemas/hotline.js';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { addDays } from '../../engine/calendar/dates.js';
import { instantsOf } from '../metrics/metrics.sql.js';

export type RateGroup = 'unit' | 'area' | 'all';

/** The counts each rate is made of, for one group key. */
export type RateFacts = {
  key: string;
  dispatched: number;
  returned: number;
  respondedInTime: number;
  responseDue: number;
  closedInTime: number;
  closeDue: number;
  reached: number;
  satisfied: number;
  resolved: number;
};

const emptyFacts = (key: string): RateFacts => ({ key, dispatched: 0, returned: 0, respondedInTime: 0, responseDue: 0, closedInTime: 0, closeDue: 0, reached: 0, satisfied: 0, resolved: 0 });

/** The group key of a row: the assignment's unit, the ticket's 街乡, or one key for everything. */
const keyOf = (group: RateGroup, unitColumn: SQL): SQL =>
  group === 'unit' ? sql`${unitColumn}::text` : group === 'area' ? sql`coalesce(c.fields->>'area', '未填写')` : sql`'all'`;

const onlyUnit = (unitId: string | undefined, unitColumn: SQL): SQL => (unitId ? sql`and ${unitColumn} = ${unitId}::uuid` : sql``);

export const readRateFacts = async ({ db, range, group, unitId, now }: { db: Db; range: DateRange; group: RateGroup; unitId?: string | undefined; now: Date }): Promise<RateFacts[]> => {
  const { start, end } = instantsOf(range);
  const nowIso = now.toISOString();
  // Clock instants are text ('2026-03-06' or '2026-03-06T16:00:00+08:00', Shanghai dates first): a range on
  // the text itself keeps the (clock_id, started_at) and (clock_id, stopped_at) indexes usable.
  const dayAfter = addDays(range.to, 1);
  const clocks = (clockId: string, dateColumn: SQL) => sql`
    from case_clocks k join assignments a on a.id = k.assignment_id join cases c on c.id = k.case_id
    where c.kind = 'ticket' and k.clock_id = ${clockId} and ${dateColumn} >= ${range.from} and ${dateColumn} < ${dayAfter} ${onlyUnit(unitId, sql`a.unit_id`)}`;
  const isInTime = sql`(k.explanation->'stop'->>'isInTime')::boolean`;
  const [signs, closes, overdue, visits] = await Promise.all([
    db.execute(sql`select ${keyOf(group, sql`a.unit_id`)} as key, count(*)::int as dispatched,
        count(*) filter (where k.explanation->'stop'->>'action' = 'unit_return')::int as returned,
        count(*) filter (where k.state = 'stopped' and ${isInTime} and k.explanation->'stop'->>'action' in ('sign', 'unit_return'))::int as responded_in_time,
        count(*) filter (where (k.state = 'stopped' and k.explanation->'stop'->>'action' in ('sign', 'unit_return')) or (k.state <> 'stopped' and k.due_at::timestamptz < ${nowIso}::timestamptz))::int as response_due
      ${clocks('assignment.sign', sql`k.started_at`)} group by 1`),
    db.execute(sql`select ${keyOf(group, sql`a.unit_id`)} as key, count(*)::int as close_due, count(*) filter (where ${isInTime})::int as closed_in_time
      ${clocks('assignment.lead', sql`k.stopped_at`)} and k.state = 'stopped' and k.explanation->'stop'->>'action' = 'reply' group by 1`),
    // Open and past due within the range: late whatever comes next.
    db.execute(sql`select ${keyOf(group, sql`a.unit_id`)} as key, count(*)::int as n
      ${clocks('assignment.lead', sql`k.due_at`)} and k.state in ('running', 'overdue') and a.state in ('pending', 'in_progress')
        and left(k.due_at, 10) < ${nowIso.slice(0, 10)} group by 1`),
    db.execute(sql`select ${keyOf(group, sql`(e.data->'visit'->>'unitId')::uuid`)} as key,
        count(*) filter (where e.data->'visit'->>'result' <> '未联系上')::int as reached,
        count(*) filter (where e.data->'visit'->>'result' in ('满意', '基本满意'))::int as satisfied,
        count(*) filter (where e.data->'visit'->>'resolved' = '已解决' and e.data->'visit'->>'result' <> '未联系上')::int as resolved
      from case_events e join cases c on c.id = e.case_id
      where c.kind = 'ticket' and e.action in ('revisit', 'redo') and e.at >= ${start}::timestamptz and e.at < ${end}::timestamptz
        and e.data->'visit'->>'unitId' is not null ${onlyUnit(unitId, sql`(e.data->'visit'->>'unitId')::uuid`)}
      group by 1`),
  ]);
  const byKey = new Map<string, RateFacts>();
  const facts = (key: string) => byKey.get(key) ?? (byKey.set(key, emptyFacts(key)), byKey.get(key)!);
  for (const row of rowsOf<{ key: string; dispatched: number; returned: number; responded_in_time: number; response_due: number }>(signs)) {
    Object.assign(facts(row.key), { dispatched: row.dispatched, returned: row.returned, respondedInTime: row.responded_in_time, responseDue: row.response_due });
  }
  for (const row of rowsOf<{ key: string; close_due: number; closed_in_time: number }>(closes)) Object.assign(facts(row.key), { closeDue: row.close_due, closedInTime: row.closed_in_time });
  for (const row of rowsOf<{ key: string; n: number }>(overdue)) facts(row.key).closeDue += row.n;
  for (const row of rowsOf<{ key: string; reached: number; satisfied: number; resolved: number }>(visits)) Object.assign(facts(row.key), { reached: row.reached, satisfied: row.satisfied, resolved: row.resolved });
  return [...byKey.values()];
};

/** A rate in percent to one decimal, or null with nothing to divide by. */
export const rateOf = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10,
});

/**
 * The monthly ranking: each group's four rates, a score (their mean, over the rates it has), ranked
 * best first (ties share a rank), and the red list — any rate under the line. Pure.
 */
export const rankRates = (facts: readonly RateFacts[], names: ReadonlyMap<string, string>, redLine = RED_LINE_PERCENT): UnitRates[] => {
  const rows = facts.map((item) => {
    const response = rateOf(item.respondedInTime, item.responseDue);
    const resolution = rateOf(item.resolved, item.reached);
    const satisfaction = rateOf(item.satisfied, item.reached);
    const onTime = rateOf(item.closedInTime, item.closeDue);
    const present = [response, resolution, satisfaction, onTime].map((rate) => rate.rate).filter((rate): rate is number => rate !== null);
    const score = present.length === 0 ? null : Math.round((present.reduce((sum, rate) => sum + rate, 0) / present.length) * 10) / 10;
    return {
      key: item.key,
      name: names.get(item.key) ?? item.key,
      dispatched: item.dispatched,
      returned: item.returned,
      response,
      resolution,
      satisfaction,
      onTime,
      score,
      rank: null as number | null,
      isRed: present.some((rate) => rate < redLine),
    };
  });
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.dispatched - a.dispatched || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let previous: { score: number | null; rank: number } | undefined;
  rows.forEach((row, index) => {
    if (row.score === null) return;
    row.rank = previous && previous.score === row.score ? previous.rank : index + 1;
    previous = { score: row.score, rank: row.rank };
  });
  return rows;
};
