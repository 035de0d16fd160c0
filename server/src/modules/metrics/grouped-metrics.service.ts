/**
 * One metric over many periods or many units in a statement (the 领导驾驶舱): the months of a year against the same
 * dates a year earlier, and a figure for each unit. Each answer is getMetricResult's for that month or unit — the
 * same value, the same 同比 and the same "no data" — read from a metric's grouped declaration (countsByDay,
 * valuesByUnit) when it has one, and asked period by period or unit by unit when it has none.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { loadCalendar } from '../../engine/calendar/calendar.service.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import type { MetricDefinition } from './metric.types.js';
import { getMetric } from './metrics.registry.js';
import { getMetricResult, hasDataBy, resolveRange, scopeUnitOf, yearEarlier, type MetricMemo, type ScopeUnit } from './metrics.service.js';
import { selectRows } from './metrics.sql.js';

/** A month of the series: its dates (the last month ends with the range), this year's figure and last year's, null without data. */
export type MonthPoint = { month: number; from: string; to: string; value: number | null; previous: number | null };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

/** The months of a range within one year, from January: each whole, the last one cut at the range's end. */
const monthsOf = (range: DateRange): Array<{ month: number; from: string; to: string }> => {
  const year = Number(range.from.slice(0, 4));
  const lastMonth = Number(range.to.slice(5, 7));
  return Array.from({ length: lastMonth }, (_, index) => {
    const month = index + 1;
    const whole = lastDayOf(year, month);
    return { month, from: `${year}-${pad(month)}-01`, to: range.to < whole ? range.to : whole };
  });
};

/**
 * "Had Fuban records of the metric by the end of each range" for ranges ending later and later. The answer only ever
 * turns from no to yes as the end moves on (records are held *by* a date), so the last range is asked first — no
 * there is no everywhere —, then the first — yes there is yes everywhere —, and only a series that turns in between
 * is asked range by range: one or two questions rather than twelve.
 */
const hasDataByEach = async ({ db, metric, ranges, memo }: { db: Db; metric: MetricDefinition; ranges: DateRange[]; memo: MetricMemo }): Promise<boolean[]> => {
  const ask = (range: DateRange) => hasDataBy(db, metric, range, memo);
  if (ranges.length === 0 || !(await ask(ranges.at(-1)!))) return ranges.map(() => false);
  if (await ask(ranges[0]!)) return ranges.map(() => true);
  const answers: boolean[] = [];
  for (const range of ranges) answers.push(answers.at(-1) === true || (await ask(range)));
  return answers;
};

/** Two statements' rows as one (both with the same columns). */
const sqlUnion = (first: SQL, second: SQL): SQL => sql`select * from (${first}) as first_part union all select * from (${second}) as second_part`;

const sumWithin = (byDay: ReadonlyMap<string, number>, range: DateRange): number => {
  let sum = 0;
  for (const [day, n] of byDay) if (day >= range.from && day <= range.to) sum += n;
  return sum;
};

/**
 * A count metric month by month over a range of one year (from 1 January), each month against the same dates a year
 * earlier (同比; previous is null where Fuban held no records of the metric by then): with countsByDay, both years'
 * days in one statement; otherwise a getMetricResult per month.
 */
export const getMonthlySeries = async ({ db, actor, id, range, now, memo = new Map() }: {
  db: Db;
  actor: Actor;
  id: string;
  range: DateRange;
  now: Date;
  memo?: MetricMemo;
}): Promise<MonthPoint[]> => {
  const metric = getMetric(id);
  const months = monthsOf(range);
  if (!metric.countsByDay) {
    const points: MonthPoint[] = [];
    for (const { month, from, to } of months) {
      const result = await getMetricResult({ db, actor, id, query: { from, to }, now, memo });
      points.push({ month, from, to, value: result.value, previous: result.previous.hasData ? result.previous.value : null });
    }
    return points;
  }
  // As getMetricResult asks each month: the permission, the actor's unit, each month's dates as resolved (to today at most).
  requirePermission(actor, 'case.work');
  const scopeUnit = await scopeUnitOf({ db, actor, requested: undefined });
  const today = todayInShanghai(now);
  const asked = months.map((month) => resolveRange(month, today));
  const earlier = asked.map(yearEarlier);
  const thisYear = { from: asked[0]!.from, to: asked.at(-1)!.to };
  const lastYear = yearEarlier(thisYear);
  const unitId = scopeUnit?.id;
  // The two years never share a day (the range is within one year), so one map of days holds both.
  const rows = await selectRows<{ day: string; n: number }>(
    db,
    sqlUnion(metric.countsByDay({ range: thisYear, unitId }), metric.countsByDay({ range: lastYear, unitId })),
  );
  const byDay = new Map(rows.map((row) => [row.day, row.n]));
  // A month before the metric's first record has no value (the module was not in use), as getMetricResult answers it.
  const hasData = await hasDataByEach({ db, metric, ranges: asked, memo });
  const hadData = await hasDataByEach({ db, metric, ranges: earlier, memo });
  return months.map(({ month, from, to }, index) => ({
    month,
    from,
    to,
    value: hasData[index] ? sumWithin(byDay, asked[index]!) : null,
    previous: hasData[index] && hadData[index] ? sumWithin(byDay, earlier[index]!) : null,
  }));
};

/** A unit's figure in a ranking: the metric's value for it (null: nothing to count) and its extra total, if the metric gives one. */
export type UnitValue = { value: number | null; total: number | null };

/**
 * One metric for each of these units over a range, this year only (a ranking shows no 同比), as getMetricResult answers
 * it with the unit as scope: with valuesByUnit, every unit in one statement; otherwise a getMetricResult per unit.
 */
export const getUnitValues = async ({ db, actor, id, range, units, now }: {
  db: Db;
  actor: Actor;
  id: string;
  range: DateRange;
  units: ReadonlyArray<NonNullable<ScopeUnit>>;
  now: Date;
}): Promise<Map<string, UnitValue>> => {
  const metric = getMetric(id);
  const values = new Map<string, UnitValue>();
  if (!metric.valuesByUnit) {
    // When the metric's records begin is the same for every unit: asked once, not once per unit (a county has a hundred).
    const memo: MetricMemo = new Map();
    for (const unit of units) {
      const result = await getMetricResult({ db, actor, id, query: range, now, memo, scopeUnit: unit, compareWithLastYear: false });
      values.set(unit.id, { value: result.value, total: result.extra.total ?? null });
    }
    return values;
  }
  // As getMetricResult asks each unit: the permission, a 联络员 held to their own unit, the dates resolved.
  requirePermission(actor, 'case.work');
  if (actor.scope === 'unit' && units.some((unit) => unit.id !== actor.unitId)) throw notFound('单位');
  const byUnit = await metric.valuesByUnit({ db, calendar: await loadCalendar({ db }), range: resolveRange(range, todayInShanghai(now)), now });
  for (const unit of units) {
    const result = byUnit.get(unit.id);
    values.set(unit.id, { value: result?.value ?? null, total: result?.extra?.total ?? null });
  }
  return values;
};
