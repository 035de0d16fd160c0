/**
 * SQL fragments the metric declarations share, so that every metric reads a date range, a unit
 * and the trail the same way. Fragments name `cases` as `c`, `case_events` as `e` and
 * `assignments` as `a`; all of it is PostgreSQL 15 and runs unchanged on PGlite.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { addDays } from '../../engine/calendar/dates.js';
import { rowsOf, type Db } from '../../platform/db.js';

/**
 * The instants a range of Shanghai dates covers: [start of `from`, start of the day after `to`).
 * A fixed +08:00 is exact: China has kept no daylight saving time since 1991.
 */
export const instantsOf = (range: DateRange): { start: string; end: string } => ({
  start: new Date(`${range.from}T00:00:00+08:00`).toISOString(),
  end: new Date(`${addDays(range.to, 1)}T00:00:00+08:00`).toISOString(),
});

/** A timestamptz expression falls within the range. */
export const within = (column: SQL, range: DateRange): SQL => {
  const { start, end } = instantsOf(range);
  return sql`${column} >= ${start}::timestamptz and ${column} < ${end}::timestamptz`;
};

/** The case (c) was registered within the range: its created_at, the instant of its `create` event. */
export const registeredWithin = (range: DateRange): SQL => within(sql`c.created_at`, range);

/** The case (c) is of this kind. */
export const ofKind = (kind: string): SQL => sql`c.kind = ${kind}`;

/**
 * An assignment (a) that counts its unit for its case, as case_unit_visibility counts a unit: not withdrawn, and (a kind
 * with returnedSight 'endsOnRedispatch') not returned and since given to another unit — "不含被改派走的".
 */
const countsForItsUnit = sql`a.state <> 'withdrawn' and a.sight_ended_at is null`;

/**
 * The case (c) was given to the unit (交办) in any role — 主办, 协办 or 会办 — and the assignment
 * was not withdrawn; a unit that signed for it and sent it back still counts, as in the ledger's
 * unit filter. No unit: no condition.
 *
 * Read from case_unit_visibility, the (unit, case) pairs the assignments' trigger keeps in the action's transaction by
 * exactly countsForItsUnit: its (unit_id, case_id) key is an index-only scan of the unit's cases, where the same test on
 * assignments read every one of the unit's assignment rows from the heap (a 联络员's 批示件 count at 50,000 cases on
 * PGlite: 60 ms → 23 ms). metrics.test's unit figures hold the two to the same answer.
 */
export const assignedTo = (unitId: string | undefined): SQL | undefined =>
  unitId ? sql`exists (select 1 from case_unit_visibility v where v.case_id = c.id and v.unit_id = ${unitId}::uuid)` : undefined;

/**
 * The units assignedTo counts the case (c) for, as a join giving `a.unit_id`: a figure for every unit at once groups by
 * it (the dashboard's ranking). A case meets each unit once here: assignments are unique by (case, unit).
 */
export const joinAssignedUnits: SQL = sql`join assignments a on a.case_id = c.id and ${countsForItsUnit}`;

/** The ids of cases with one of these trail actions within the range (a one-column subquery). */
export const casesWithEventWithin = (actions: readonly string[], range: DateRange): SQL =>
  sql`select e.case_id from case_events e where e.action in (${sql.join(
    actions.map((action) => sql`${action}`),
    sql`, `,
  )}) and ${within(sql`e.at`, range)}`;

/** A YYYY-MM-DD date in Asia/Shanghai of a timestamptz expression. */
export const shanghaiDate = (column: SQL): SQL => sql`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** Conditions joined with `and`; absent ones are left out. */
export const allOf = (...conditions: ReadonlyArray<SQL | undefined>): SQL =>
  sql.join(
    conditions.filter((condition): condition is SQL => condition !== undefined),
    sql` and `,
  );

/** Rows of a raw statement, the same shape on both drivers. */
export const selectRows = async <T>(db: Db, statement: SQL): Promise<T[]> => rowsOf<T>(await db.execute(statement));

/**
 * numerator × scale ÷ denominator to one decimal, halves away from zero. With integer inputs the
 * one division is exact at the halves, so 45 500 字 is 4.6 万字 and 1 of 16 is 6.3 %.
 */
export const oneDecimal = (numerator: number, denominator: number, scale = 1): number => {
  const tenths = Math.round((Math.abs(numerator) * scale * 10) / denominator);
  return tenths === 0 ? 0 : (Math.sign(numerator) * tenths) / 10;
};

/** Counts by a free label (文种, 文稿类型 …), largest first; a missing label is 未填写. */
export const partsOf = (rows: ReadonlyArray<{ part: string | null; n: number }>): Record<string, number> =>
  Object.fromEntries(
    rows
      .map((row) => [row.part ?? '未填写', row.n] as const)
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)),
  );

/** The sum of a part map's counts. */
export const totalOf = (parts: Record<string, number>): number => Object.values(parts).reduce((sum, n) => sum + n, 0);
