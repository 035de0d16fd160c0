/**
 * Use cases of the 三率 board: the month per unit or 街乡 and for the whole city, ranked, with the month
 * before (环比) and the same month a year earlier (同比) beside each rate (readRatesBoard); and the tickets
 * behind any figure, paged, with why each misses (drillRate). The ranking is what the center publishes, so
 * anyone who may read the hotline sees it; the tickets are unit-scoped: a 联络员 drills only into their
 * own unit (anything else is not found), the center and the leaders into all.
 */
import { sql } from 'drizzle-orm';
import {
  RED_LINE_PERCENT,
  rateIds,
  type ComparedRate,
  type Rate,
  type RateDrillQuery,
  type RateDrillView,
  type RatesQuery,
  type RatesView,
  type UnitRates,
} from '../../../../common/schemas/hotline-rates.js';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { addMonths, daysInMonth } from '../../engine/calendar/dates.js';
import type { Actor } from '../../platform/actor.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { listRateRows } from './hotline.rates.drill.js';
import { rankRates, ratesOf, readRateFacts, scoreRates, sumFacts, type RankedRates, type RateFacts } from './hotline.rates.js';

/** The dates of a month 'YYYY-MM', both inclusive. */
export const monthRange = (month: string): DateRange => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(year, number)).padStart(2, '0')}` };
};

/** The month `months` away from 'YYYY-MM'. */
export const shiftMonth = (month: string, months: number): string => addMonths(`${month}-01`, months).slice(0, 7);

/** Percentage points from the compared rate to this one; null when either is missing. Rates carry one decimal: tenths are exact. */
const changeOf = (rate: number | null, compared: number | null): number | null =>
  rate === null || compared === null ? null : (Math.round(rate * 10) - Math.round(compared * 10)) / 10;

const compare = (rate: Rate, monthAgo: Rate, yearAgo: Rate): ComparedRate => ({
  ...rate,
  monthAgo,
  yearAgo,
  monthChange: changeOf(rate.rate, monthAgo.rate),
  yearChange: changeOf(rate.rate, yearAgo.rate),
});

const NO_FACTS = (key: string): RateFacts => sumFacts(key, []);

/** A ranked row with its compared months: a group absent then has nothing to divide by (rate null), never 0 %. */
const withComparisons = (row: RankedRates, monthAgo: RateFacts | undefined, yearAgo: RateFacts | undefined): UnitRates => {
  const before = ratesOf(monthAgo ?? NO_FACTS(row.key));
  const lastYear = ratesOf(yearAgo ?? NO_FACTS(row.key));
  const compared = Object.fromEntries(rateIds.map((id) => [id, compare(row[id], before[id], lastYear[id])])) as Record<(typeof rateIds)[number], ComparedRate>;
  return { ...row, ...compared };
};

const unitNames = async (db: Db, keys: readonly string[]): Promise<Map<string, string>> => {
  if (keys.length === 0) return new Map();
  const found = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`select id::text as id, coalesce(short_name, name) as name from units where id in (${sql.join(keys.map((key) => sql`${key}::uuid`), sql`, `)})`),
  );
  return new Map(found.map((unit) => [unit.id, unit.name]));
};

/** The 三率 of a month per unit (or per 街乡), ranked, with the red list, the city's total, and 环比 and 同比 beside each rate. */
export const readRatesBoard = async ({ db, query, now }: { db: Db; actor: Actor; query: RatesQuery; now: Date }): Promise<RatesView> => {
  const months = { month: query.month, monthAgo: shiftMonth(query.month, -1), yearAgo: shiftMonth(query.month, -12) };
  const [current, monthAgo, yearAgo] = await Promise.all(
    [months.month, months.monthAgo, months.yearAgo].map((month) => readRateFacts({ db, range: monthRange(month), group: query.by, now })),
  );
  const names = query.by === 'unit' ? await unitNames(db, current!.map((item) => item.key)) : new Map<string, string>();
  const byKey = (facts: readonly RateFacts[]) => new Map(facts.map((item) => [item.key, item]));
  const before = byKey(monthAgo!);
  const lastYear = byKey(yearAgo!);
  const city = scoreRates(sumFacts('all', current!), '全市');
  return {
    ...months,
    by: query.by,
    redLine: RED_LINE_PERCENT,
    city: withComparisons(city, sumFacts('all', monthAgo!), sumFacts('all', yearAgo!)),
    rows: rankRates(current!, names).map((row) => withComparisons(row, before.get(row.key), lastYear.get(row.key))),
  };
};

/** The name of what a drill asks about; a unit that does not exist is not found. */
const nameOf = async (db: Db, query: RateDrillQuery): Promise<string> => {
  if (query.by === 'all') return '全市';
  if (query.by === 'area') return query.key!;
  const name = (await unitNames(db, [query.key!])).get(query.key!);
  if (name === undefined) throw notFound('单位');
  return name;
};

/** The tickets behind one figure of the board: the same rows and conditions the figure counts, newest first, one page. */
export const drillRate = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: RateDrillQuery; now: Date }): Promise<RateDrillView> => {
  // A 联络员's own unit only: another unit, a 街乡 (other units' tickets) or the city is outside their sight.
  if (actor.scope === 'unit' && !(query.by === 'unit' && query.key === actor.unitId)) throw notFound('单位');
  const name = await nameOf(db, query);
  const scope = {
    range: monthRange(query.month),
    now,
    ...(query.by === 'unit' ? { unitId: query.key } : {}),
    ...(query.by === 'area' ? { area: query.key } : {}),
  };
  const { total, rows } = await listRateRows({ db, rate: query.rate, part: query.part, scope, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { month: query.month, by: query.by, key: query.key ?? 'all', name, rate: query.rate, part: query.part, total, rows };
};
