/**
 * The 三率's counts read from the per-day facts (migration 0033: hotline_sign_facts, hotline_close_facts,
 * hotline_revisit_facts), kept by triggers in the transaction of every change: a month of every unit is a few
 * thousand rows, not every clock and 回访 of the month. Each statement returns, per group key, the very flag
 * columns of its live source (hotline.rates.ts signSource, closeSource, visitSource) — the figures are the
 * live ones (hotline.rates.facts.test.ts drives tickets and compares). What depends on the moment asked stays
 * here: an open 签收 clock is kept with its due instant and counts once that is before `now`; an open
 * handling clock is kept by its due day and counts once that day is before today in Shanghai (the app's clock).
 * Only keys with a row the live source would return are returned (a count moved away leaves zero rows behind).
 * Everything is counted under its unit and, again, under its 街乡 (dim 'unit' / 'area'), not per unit × 街乡: a
 * question about both at once (a unit's rows by 街乡, a 街乡's by unit, a unit within a 街乡) has no facts
 * (factsDimension null) and is counted over the live rows — no caller asks it today.
 */
import { sql, type SQL } from 'drizzle-orm';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import type { RateGroup, RateSource, SourceScope } from './hotline.rates.js';

/** Which counts answer a question: the units' (the city is their sum) or the 街乡's; null when it needs both. */
export const factsDimension = ({ unitId, area }: Pick<SourceScope, 'unitId' | 'area'>, group: RateGroup): 'unit' | 'area' | null => {
  if (unitId && area) return null;
  if (group === 'unit') return area ? null : 'unit';
  if (group === 'area') return unitId ? null : 'area';
  return area ? 'area' : 'unit';
};

const keyOf = (group: RateGroup): SQL => (group === 'all' ? sql`'all'` : sql`f.key`);

const scoped = (scope: SourceScope, group: RateGroup): SQL => {
  const { range, unitId, area } = scope;
  const key = unitId ?? area;
  return sql`f.dim = ${factsDimension(scope, group)} and f.day >= ${range.from}::date and f.day <= ${range.to}::date ${key ? sql`and f.key = ${key}` : sql``}`;
};

const total = (where: SQL): SQL => sql`coalesce(sum(f.n) filter (where ${where}), 0)::int`;

/** Per source, the statement of its flag counts by group key. */
export const factCounts: Readonly<Record<RateSource['id'], (scope: SourceScope, group: RateGroup) => SQL>> = {
  // Every 签收 clock is a 派单; answered ones are due, open ones once their due instant has passed.
  signs: (scope, group) => {
    const pastDue = sql`f.status = 'open' and case when f.due <> '' then f.due::timestamptz < ${scope.now.toISOString()}::timestamptz end`;
    return sql`select ${keyOf(group)} as key, sum(f.n)::int as is_dispatched, ${total(sql`f.is_returned`)} as is_returned,
        ${total(sql`f.status in ('in_time', 'late') or (${pastDue})`)} as response_d, ${total(sql`f.status = 'in_time'`)} as response_n
      from hotline_sign_facts f where ${scoped(scope, group)} group by 1 having sum(f.n) <> 0`;
  },
  // Answered clocks by their answer day; open ones by their due day, counted (late) once it is before today.
  closes: (scope, group) => {
    const counted = sql`f.status <> 'open' or f.day < ${todayInShanghai(scope.now)}::date`;
    return sql`select ${keyOf(group)} as key, ${total(counted)} as on_time_d, ${total(sql`f.status = 'in_time'`)} as on_time_n
      from hotline_close_facts f where ${scoped(scope, group)} group by 1 having ${total(counted)} <> 0`;
  },
  visits: (scope, group) =>
    sql`select ${keyOf(group)} as key, ${total(sql`f.reached`)} as reached, ${total(sql`f.satisfied`)} as satisfied, ${total(sql`f.resolved`)} as is_resolved
      from hotline_revisit_facts f where ${scoped(scope, group)} group by 1 having sum(f.n) <> 0`,
};
