/**
 * The 三率 (Beijing's 接诉即办: 响应率, 解决率, 满意率) and the 按时办结率, per unit or per 街乡, over a date
 * range (a month for the board), each read from what the engine already keeps — no copy to go stale:
 * - 响应率: the unit's 签收 clocks started in the range (one per 派单): answered (签收, or a 退单 —
 *   both are a response) by their due time, of those answered or already past due;
 * - 按时办结率: the unit's handling clocks stopped by its answer in the range, in time, of those plus
 *   the ones open and past due (a unit that never answers is not left out);
 * - 满意率 / 解决率: the 回访 events in the range about the unit's answer: 满意 + 基本满意 (已解决) of the
 *   callers reached (未联系上 counted in neither).
 *
 * One definition per rate: each rate names a row source (签收 clocks, handling clocks, 回访 events) and
 * two of its flag columns, its denominator and its numerator. The tickets behind any figure
 * (hotline.rates.drill.ts) select the live rows with those flags; the counts (readRateFacts, three grouped
 * statements whatever the number of units) read the same flags from per-day facts the triggers of migration
 * 0033 keep (hotline.rates.facts.ts) — or, with `live`, count the rows themselves, which the tests hold equal.
 * Flags are never null (coalesce), and each numerator is its denominator `and` more, so 未达标 (the
 * denominator and not the numerator) is exactly the difference. Indexes: migrations 0026 and 0030.
 */
import { sql, type SQL } from 'drizzle-orm';
import { RED_LINE_PERCENT, type Rate, type RateId } from '../../../../common/schemas/hotline-rates.js';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { addDays } from '../../engine/calendar/dates.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { instantsOf } from '../metrics/metrics.sql.js';
import { factCounts, factsDimension } from './hotline.rates.facts.js';

export type RateGroup = 'unit' | 'area' | 'all';

/** What a source is asked for: a range, and a unit (the assignment's, or the one a 回访 was about) or a 街乡. */
export type SourceScope = { range: DateRange; unitId?: string | undefined; area?: string | undefined; now: Date };

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

type FactName = Exclude<keyof RateFacts, 'key'>;

/**
 * A set of rows, each one thing a rate counts, with the same columns whatever the source: row_id (the
 * clock or event), case_id, serial_no, title, unit_key (the unit's id as text), area_key (the 街乡, or
 * 未填写), at (what puts it in the range), due, stopped_at, clock_state, outcome (the action that stopped
 * the clock, or the 回访 result), resolved — and the source's flag columns, named in `flags`.
 */
export type RateSource = { id: 'signs' | 'closes' | 'visits'; rows: (scope: SourceScope) => SQL; flags: Readonly<Record<string, FactName>> };

const AREA_KEY = sql`coalesce(c.fields->>'area', '未填写')`;
const STOP_ACTION = sql`k.explanation->'stop'->>'action'`;
const IS_IN_TIME = sql`coalesce((k.explanation->'stop'->>'isInTime')::boolean, false)`;

const clockColumns = (at: SQL) => sql`k.id::text as row_id, k.case_id, c.serial_no, c.title, a.unit_id::text as unit_key, ${AREA_KEY} as area_key,
  ${at} as at, k.due_at as due, k.stopped_at, k.state as clock_state, ${STOP_ACTION} as outcome, null::text as resolved`;

/** Clock instants are text ('2026-03-06' or '2026-03-06T16:00:00+08:00', Shanghai dates first): a range on the text keeps the indexes usable. */
const textWithin = (column: SQL, range: DateRange): SQL => sql`${column} >= ${range.from} and ${column} < ${addDays(range.to, 1)}`;

const clocksOf = (clockId: string, { unitId, area }: SourceScope): SQL => sql`from case_clocks k join assignments a on a.id = k.assignment_id join cases c on c.id = k.case_id
  where k.clock_id = ${clockId} and k.assignment_id is not null and c.kind = 'ticket'
    ${unitId ? sql`and a.unit_id = ${unitId}::uuid` : sql``} ${area ? sql`and ${AREA_KEY} = ${area}` : sql``}`;

/** 签收 clocks: one per 派单, started (the 派单) in the range; a 签收 or a 退单 in time is a response. */
export const signSource: RateSource = {
  id: 'signs',
  flags: { is_dispatched: 'dispatched', is_returned: 'returned', response_d: 'responseDue', response_n: 'respondedInTime' },
  rows: (scope) => {
    const answered = sql`(k.state = 'stopped' and ${STOP_ACTION} in ('sign', 'unit_return'))`;
    const responseDue = sql`coalesce(${answered} or (k.state <> 'stopped' and k.due_at::timestamptz < ${scope.now.toISOString()}::timestamptz), false)`;
    return sql`select ${clockColumns(sql`k.started_at`)}, true as is_dispatched, coalesce(${STOP_ACTION} = 'unit_return', false) as is_returned,
        ${responseDue} as response_d, ${responseDue} and coalesce(${answered}, false) and ${IS_IN_TIME} as response_n
      ${clocksOf('assignment.sign', scope)} and ${textWithin(sql`k.started_at`, scope.range)}`;
  },
};

/**
 * Handling clocks: those stopped by the unit's answer in the range (by their answer day), and those still
 * open whose due day fell in the range and has passed (by their due day) — late whatever comes next.
 */
export const closeSource: RateSource = {
  id: 'closes',
  flags: { on_time_d: 'closeDue', on_time_n: 'closedInTime' },
  rows: (scope) => sql`select ${clockColumns(sql`k.stopped_at`)}, true as on_time_d, ${IS_IN_TIME} as on_time_n
      ${clocksOf('assignment.lead', scope)} and k.state = 'stopped' and ${STOP_ACTION} = 'reply' and ${textWithin(sql`k.stopped_at`, scope.range)}
    union all
    select ${clockColumns(sql`k.due_at`)}, true as on_time_d, false as on_time_n
      ${clocksOf('assignment.lead', scope)} and k.state in ('running', 'overdue') and a.state in ('pending', 'in_progress')
        and ${textWithin(sql`k.due_at`, scope.range)} and left(k.due_at, 10) < ${todayInShanghai(scope.now)}`,
};

const VISIT = (name: string) => sql`e.data->'visit'->>${name}`;

/** 回访 events (回访, and 不满意 at 重办) in the range about a unit's answer; 未联系上 reaches nobody. */
export const visitSource: RateSource = {
  id: 'visits',
  flags: { reached: 'reached', satisfied: 'satisfied', is_resolved: 'resolved' },
  rows: ({ range, unitId, area }) => {
    const { start, end } = instantsOf(range);
    const reached = sql`coalesce(${VISIT('result')} <> '未联系上', false)`;
    return sql`select e.id::text as row_id, e.case_id, c.serial_no, c.title, ${VISIT('unitId')} as unit_key, ${AREA_KEY} as area_key,
        to_char(e.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as at, null::text as due, null::text as stopped_at, null::text as clock_state,
        ${VISIT('result')} as outcome, ${VISIT('resolved')} as resolved,
        ${reached} as reached, ${reached} and coalesce(${VISIT('result')} in ('满意', '基本满意'), false) as satisfied,
        ${reached} and coalesce(${VISIT('resolved')} = '已解决', false) as is_resolved
      from case_events e join cases c on c.id = e.case_id
      where e.action in ('revisit', 'redo') and e.at >= ${start}::timestamptz and e.at < ${end}::timestamptz and c.kind = 'ticket'
        and ${VISIT('unitId')} is not null ${unitId ? sql`and ${VISIT('unitId')} = ${unitId}` : sql``} ${area ? sql`and ${AREA_KEY} = ${area}` : sql``}`;
  },
};

/** Each rate: its source, and which of the source's flags are its denominator and its numerator. */
export const rateDefinitions: Readonly<Record<RateId, { source: RateSource; denominator: string; numerator: string }>> = {
  response: { source: signSource, denominator: 'response_d', numerator: 'response_n' },
  resolution: { source: visitSource, denominator: 'reached', numerator: 'is_resolved' },
  satisfaction: { source: visitSource, denominator: 'reached', numerator: 'satisfied' },
  onTime: { source: closeSource, denominator: 'on_time_d', numerator: 'on_time_n' },
};

const emptyFacts = (key: string): RateFacts => ({ key, dispatched: 0, returned: 0, respondedInTime: 0, responseDue: 0, closedInTime: 0, closeDue: 0, reached: 0, satisfied: 0, resolved: 0 });

/** The group key of a source row (`s`): its unit, its 街乡, or one key for everything. */
export const groupKeyOf = (group: RateGroup): SQL => (group === 'unit' ? sql`s.unit_key` : group === 'area' ? sql`s.area_key` : sql`'all'`);

const allSources: readonly RateSource[] = [signSource, closeSource, visitSource];

/** A source's flag counts by group key, counted over its live rows (the facts' reference). */
const liveCounts = (source: RateSource, scope: SourceScope, group: RateGroup): SQL => {
  const counts = Object.keys(source.flags).map((flag) => sql`count(*) filter (where s.${sql.identifier(flag)})::int as ${sql.identifier(flag)}`);
  return sql`select ${groupKeyOf(group)} as key, ${sql.join(counts, sql`, `)} from (${source.rows(scope)}) s group by 1`;
};

/**
 * The counts of every rate for a range, grouped: one statement per source (only those asked for: the others'
 * counts stay 0), over the facts — or over the live rows with `live` (tests, EXPLAIN), or when the facts cannot
 * answer (a unit and a 街乡 at once: factsDimension).
 */
export const readRateFacts = async ({
  db,
  range,
  group,
  unitId,
  area,
  now,
  sources = allSources,
  live = false,
}: SourceScope & { db: Db; group: RateGroup; sources?: readonly RateSource[]; live?: boolean }): Promise<RateFacts[]> => {
  const byKey = new Map<string, RateFacts>();
  const facts = (key: string) => byKey.get(key) ?? (byKey.set(key, emptyFacts(key)), byKey.get(key)!);
  const scope: SourceScope = { range, unitId, area, now };
  const fromRows = live || factsDimension(scope, group) === null;
  const results = await Promise.all(sources.map((source) => db.execute(fromRows ? liveCounts(source, scope, group) : factCounts[source.id](scope, group))));
  sources.forEach((source, index) => {
    for (const row of rowsOf<Record<string, number> & { key: string }>(results[index]!)) {
      const target = facts(row.key);
      for (const [flag, name] of Object.entries(source.flags)) target[name] += Number(row[flag] ?? 0);
    }
  });
  return [...byKey.values()];
};

/** The facts of several groups added up: the whole city is every unit's rows (each row has one unit and one 街乡). */
export const sumFacts = (key: string, all: readonly RateFacts[]): RateFacts => {
  const total = emptyFacts(key);
  for (const item of all) for (const name of Object.keys(total) as Array<keyof RateFacts>) if (name !== 'key') total[name] += item[name];
  return total;
};

/** A rate in percent to one decimal, or null with nothing to divide by. */
export const rateOf = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10,
});

/** The four rates of a group's facts. */
export const ratesOf = (item: RateFacts): Record<RateId, Rate> => ({
  response: rateOf(item.respondedInTime, item.responseDue),
  resolution: rateOf(item.resolved, item.reached),
  satisfaction: rateOf(item.satisfied, item.reached),
  onTime: rateOf(item.closedInTime, item.closeDue),
});

export type RankedRates = Record<RateId, Rate> & {
  key: string;
  name: string;
  dispatched: number;
  returned: number;
  score: number | null;
  rank: number | null;
  isRed: boolean;
};

/** A group's four rates, its score (their mean, over the rates it has) and whether one is under the line; not ranked. */
export const scoreRates = (item: RateFacts, name: string, redLine = RED_LINE_PERCENT): RankedRates => {
  const rates = ratesOf(item);
  const present = Object.values(rates)
    .map((rate) => rate.rate)
    .filter((rate): rate is number => rate !== null);
  const score = present.length === 0 ? null : Math.round((present.reduce((sum, rate) => sum + rate, 0) / present.length) * 10) / 10;
  return { key: item.key, name, dispatched: item.dispatched, returned: item.returned, ...rates, score, rank: null, isRed: present.some((rate) => rate < redLine) };
};

/**
 * The monthly ranking: each group's four rates and score, ranked best first (ties share a rank), and the
 * red list — any rate under the line. Pure.
 */
export const rankRates = (facts: readonly RateFacts[], names: ReadonlyMap<string, string>, redLine = RED_LINE_PERCENT): RankedRates[] => {
  const rows = facts.map((item) => scoreRates(item, names.get(item.key) ?? item.key, redLine));
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.dispatched - a.dispatched || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let previous: { score: number | null; rank: number } | undefined;
  rows.forEach((row, index) => {
    if (row.score === null) return;
    row.rank = previous && previous.score === row.score ? previous.rank : index + 1;
    previous = { score: row.score, rank: row.rank };
  });
  return rows;
};
