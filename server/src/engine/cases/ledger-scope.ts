/**
 * Unit-scoped ledger scans. A 联络员's ledger and the ledger's unit filter read case_unit_visibility, led by
 * the unit and in ledger order, instead of testing every case for an assignment: the page walks the unit's
 * own rows (an index scan, one primary-key probe per row) and costs the same for a small unit as for the office.
 *
 * A scan is the union of arms, each an ordered, limited index scan over one way of seeing a case; the page is
 * the first rows of their union. The arms together are exactly caseVisibility (access.ts) for actors who see
 * no kind in full: their units' assignments, their own cases as handler, and 传阅 to them or their units.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, SelectedFields } from 'drizzle-orm/pg-core';
import type { CaseQuery } from '../../../../common/schemas/cases.js';
import { cases, caseUnitVisibility, circulations } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { caseVisibility, kindsVisibleTo, liaisonUnitsOf, type Identity } from './access.js';

/** The columns a scan orders and pages by: the case's own, or the copies on its visibility row. */
export type OrderColumns = { createdAt: AnyPgColumn; dueDate: AnyPgColumn; id: AnyPgColumn };
export const caseColumns: OrderColumns = { createdAt: cases.createdAt, dueDate: cases.dueDate, id: cases.id };
const visibilityColumns: OrderColumns = { createdAt: caseUnitVisibility.createdAt, dueDate: caseUnitVisibility.dueDate, id: caseUnitVisibility.caseId };

/** One way of seeing cases: where its rows come from, what it requires, and the columns it is ordered by. */
type Arm = { unit?: string; where: SQL[]; columns: OrderColumns };

/**
 * The arms to scan instead of filtering every case, or undefined when the ordinary scan is the right one
 * (an office role sees the kind in full, and no unit filter narrows it).
 */
export const scopedArms = (identities: readonly Identity[], query: CaseQuery): Arm[] | undefined => {
  if (query.unit) {
    // Any reader filtering by a unit: that unit's rows, each still checked against what the reader may see
    // (nothing to check when the reader sees the queried kind in full).
    const seesKind = query.kind !== undefined && identities.some((identity) => kindsVisibleTo(identity).includes(query.kind!));
    return [{ unit: query.unit, where: seesKind ? [] : [caseVisibility(identities)], columns: visibilityColumns }];
  }
  if (identities.some((identity) => kindsVisibleTo(identity).length > 0)) return undefined;
  const unitIds = liaisonUnitsOf(identities);
  const userIds = identities.map((identity) => identity.userId);
  const circulatedTo = unitIds.length
    ? sql`(${inArray(circulations.recipientUserId, userIds)} or ${inArray(circulations.recipientUnitId, unitIds)})`
    : inArray(circulations.recipientUserId, userIds);
  return [
    ...unitIds.map((unit): Arm => ({ unit, where: [], columns: visibilityColumns })),
    { where: [inArray(cases.handlerId, userIds)], columns: caseColumns },
    { where: [sql`${cases.id} in (select ${circulations.caseId} from ${circulations} where ${circulatedTo})`], columns: caseColumns },
  ];
};

export const orderingOf = (query: CaseQuery, columns: OrderColumns): SQL[] =>
  query.sort === 'due_asc'
    ? [sql`${columns.dueDate} asc nulls last`, asc(columns.id)]
    : query.sort === 'created_asc'
      ? [asc(columns.createdAt), asc(columns.id)]
      : [desc(columns.createdAt), desc(columns.id)];

/** The rows an arm stands for, as a condition on the case (for leaving them out of the arms after it). */
const armMatch = (arm: Arm, query: CaseQuery): SQL =>
  arm.unit
    ? sql`${cases.id} in (select ${caseUnitVisibility.caseId} from ${caseUnitVisibility} where ${and(...unitRows(arm.unit, query))})`
    : and(...arm.where)!;

const unitRows = (unit: string, query: CaseQuery): SQL[] => [eq(caseUnitVisibility.unitId, unit), ...(query.kind ? [eq(caseUnitVisibility.kind, query.kind)] : [])];

/**
 * One arm's rows under the query's filters (`conditions`: all but the kind, which each arm reads from its own
 * rows) and the page's keyset: their ids and sort keys. A unit's arm with nothing to check on the case is
 * counted from its visibility rows alone (an index-only scan).
 */
const armSelect = (db: Db, arm: Arm, query: CaseQuery, conditions: readonly SQL[], forCount = false) => {
  const key: SelectedFields = forCount ? { id: cases.id } : { id: cases.id, createdAt: cases.createdAt, dueDate: cases.dueDate };
  if (!arm.unit) return db.select(key).from(cases).where(and(...arm.where, ...(query.kind ? [eq(cases.kind, query.kind)] : []), ...conditions));
  if (forCount && arm.where.length === 0 && conditions.length === 0) {
    return db.select({ id: caseUnitVisibility.caseId }).from(caseUnitVisibility).where(and(...unitRows(arm.unit, query)));
  }
  return db
    .select(key)
    .from(caseUnitVisibility)
    .innerJoin(cases, eq(cases.id, caseUnitVisibility.caseId))
    .where(and(...unitRows(arm.unit, query), ...arm.where, ...conditions));
};

/**
 * The ids of one page of a scoped scan, in ledger order: each arm ordered and limited to the rows the page
 * could need, then the first of their union. `conditionsOf` gives an arm's filters and keyset on its columns.
 */
export const scopedPageIds = (db: Db, arms: readonly Arm[], query: CaseQuery, conditionsOf: (columns: OrderColumns) => SQL[], take: number, offset: number): SQL => {
  const parts = arms.map((arm) => sql`(${armSelect(db, arm, query, conditionsOf(arm.columns)).orderBy(...orderingOf(query, arm.columns)).limit(take + offset)})`);
  const order =
    query.sort === 'due_asc' ? sql`k.due_date asc nulls last, k.id asc` : query.sort === 'created_asc' ? sql`k.created_at asc, k.id asc` : sql`k.created_at desc, k.id desc`;
  return sql`select k.id from (${sql.join(parts, sql` union `)}) as k order by ${order} limit ${take} offset ${offset}`;
};

/**
 * The ids a scoped scan matches (no order, no keyset), each once, for counting: the arms are disjoint (each
 * leaves out the rows of those before it), so they are appended, not de-duplicated, and a capped count stops early.
 */
export const scopedIds = (db: Db, arms: readonly Arm[], query: CaseQuery, conditions: readonly SQL[]): SQL =>
  sql.join(
    arms.map((arm, index) => {
      const earlier = arms.slice(0, index).map((before) => sql`not coalesce(${armMatch(before, query)}, false)`);
      return sql`(${armSelect(db, arm, query, [...conditions, ...earlier], true)})`;
    }),
    sql` union all `,
  );
