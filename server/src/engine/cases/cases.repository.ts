/** Queries of the case engine, named for what they do. */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { assignments, cases, caseSerials, units, userRoles, users, workItems } from '../../db/schema/index.js';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../../platform/db.js';
import type { AssignmentView, CaseView, KindDefinition, WaitingOn } from '../kinds/kind.types.js';
import { searchVectorOf } from '../../platform/search.js';
import { caseVisibility, type Identity } from './access.js';

export type CaseRow = typeof cases.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;

/** The next serial number of a kind in a year: gap-free, because it rolls back with its transaction. */
/** The next number in a register: per kind, series ('' is the office's own, else the receiving unit's id) and year. */
export const allocateSerial = async (tx: Db, kind: string, year: number, series = ''): Promise<number> => {
  const [row] = await tx
    .insert(caseSerials)
    .values({ kind, series, year, lastSeq: 1 })
    .onConflictDoUpdate({ target: [caseSerials.kind, caseSerials.series, caseSerials.year], set: { lastSeq: sql`${caseSerials.lastSeq} + 1` } })
    .returning({ lastSeq: caseSerials.lastSeq });
  return row!.lastSeq;
};

/**
 * Reserves `count` numbers of the office's register of a kind and year in a transaction of its own, before the
 * registrations that use them (Open311 intake: a province's platform pushing bursts). allocateSerial holds the
 * register's counter row until its registration commits, so concurrent registrations queue on it; this holds it
 * for one statement. The numbers stay unique (the same counter); the price, chosen for 12345 tickets pushed by
 * other systems only, is a gap when a registration fails after its number was reserved — everything that can
 * refuse it (key, fields, service) is checked before. Committed without waiting for the disk: the registration
 * that uses a number commits after, and its commit flushes the log up to and past this one, so a number in a
 * committed case is never given again after a crash. Returns the first number.
 */
export const reserveSerials = async (db: Db, { kind, year, count }: { kind: string; year: number; count: number }): Promise<number> => {
  // Inside another transaction this would hold the counter to that one's end and make its commit lazy.
  if ('rollback' in db) throw new Error('reserveSerials runs in a transaction of its own');
  // One statement, its own transaction (no BEGIN, SET, COMMIT round trips): set_config(…, true) turns synchronous_commit
  // off for that transaction only — PostgreSQL reads it at the commit that ends the statement, then resets it.
  const [row] = rowsOf<{ last_seq: number }>(
    await db.execute(sql`insert into ${caseSerials} (kind, series, year, last_seq)
      select ${kind}, '', ${year}::int, ${count}::int from (select set_config('synchronous_commit', 'off', true)) as lazy_commit
      on conflict (kind, series, year) do update set last_seq = ${caseSerials}.last_seq + ${count}::int
      returning last_seq`),
  );
  return Number(row!.last_seq) - count + 1;
};

/** The name a unit's register is printed under: its 简称, or its name. */
export const unitShortName = async (db: Db, unitId: string): Promise<string> => {
  const [row] = await db.select({ name: units.name, shortName: units.shortName }).from(units).where(eq(units.id, unitId));
  return row?.shortName || row?.name || '';
};

export const findVisibleCase = async (db: Db, identities: readonly Identity[], caseId: string): Promise<CaseRow | undefined> => {
  const [row] = await db.select().from(cases).where(and(eq(cases.id, caseId), caseVisibility(identities)));
  return row;
};

/**
 * A visible case with its assignments (in assignment order), in one round trip: the case's columns repeat on
 * each assignment's row, which costs less than a second query for the few assignments a case has.
 */
export const findVisibleCaseWithAssignments = async (db: Db, identities: readonly Identity[], caseId: string): Promise<{ row: CaseRow; assignments: AssignmentRow[] } | undefined> => {
  const rows = await db
    .select({ row: cases, assignment: assignments })
    .from(cases)
    .leftJoin(assignments, eq(assignments.caseId, cases.id))
    .where(and(eq(cases.id, caseId), caseVisibility(identities)))
    .orderBy(asc(assignments.assignedAt), asc(assignments.id));
  if (rows.length === 0) return undefined;
  return { row: rows[0]!.row, assignments: rows.flatMap((item) => (item.assignment ? [item.assignment] : [])) };
};

export const findAssignments = (db: Db, caseId: string): Promise<AssignmentRow[]> =>
  db.select().from(assignments).where(eq(assignments.caseId, caseId)).orderBy(asc(assignments.assignedAt), asc(assignments.id));

export const toCaseView = (row: CaseRow): CaseView => ({
  id: row.id,
  kind: row.kind,
  serialNo: row.serialNo,
  title: row.title,
  state: row.state,
  fields: row.fields,
  ownerUnitId: row.ownerUnitId,
  handlerId: row.handlerId,
  createdBy: row.createdBy,
  version: row.version,
});

export const toAssignmentView = (row: AssignmentRow): AssignmentView => ({
  id: row.id,
  unitId: row.unitId,
  role: row.role,
  state: row.state,
  dueDate: row.dueDate,
  reply: row.reply,
  replyAccepted: row.acceptedAt !== null,
  extensionRequest: row.extensionRequest ? { amount: row.extensionRequest.amount, reason: row.extensionRequest.reason } : null,
});

/** Bumps the version only if it is still the one the client saw: the loser of a race updates nothing. */
export const claimCaseVersion = async (
  tx: Db,
  { caseId, version, set }: { caseId: string; version: number; set: PgUpdateSetSource<typeof cases> },
): Promise<CaseRow | undefined> => {
  const [row] = await tx
    .update(cases)
    .set({ ...set, version: version + 1 })
    .where(and(eq(cases.id, caseId), eq(cases.version, version)))
    .returning();
  return row;
};

/** Writes fields changed inside an action's transaction, with the title and search columns that follow from them. */
export const rewriteFields = async (tx: Db, { kind, caseRow, fields }: { kind: KindDefinition; caseRow: CaseRow; fields: Record<string, unknown> }): Promise<CaseRow> => {
  const [row] = await tx
    .update(cases)
    .set({ fields, title: kind.titleOf(fields), ...searchColumnsOf(kind, caseRow.serialNo, fields) })
    .where(eq(cases.id, caseRow.id))
    .returning();
  return row!;
};

/**
 * Makes the case's 待办 what it waits on now, by difference in one statement: the items no longer waited on go,
 * the new ones come, and those that stay are left alone (so they keep the time they started waiting).
 */
export const replaceWorkItems = async (tx: Db, caseId: string, waiting: WaitingOn, since: Date): Promise<void> => {
  await tx.execute(sql`with ${workItemChanges(caseId, waiting, since)} select 1`);
};

/**
 * The two CTEs (`work_items_gone`, `work_items_added`) that make the case's 待办 what it waits on now, for a
 * statement of its own or to ride on the action's trail insert.
 */
export const workItemChanges = (caseId: string, waiting: WaitingOn, since: Date): SQL => {
  const wanted = waiting.length
    ? sql`(values ${sql.join(
        waiting.map((item) =>
          'userId' in item
            ? sql`(${item.userId}::uuid, null::uuid, null::uuid, ${item.label}::text)`
            : sql`(null::uuid, ${item.unitId}::uuid, ${item.assignmentId}::uuid, ${item.label}::text)`,
        ),
        sql`, `,
      )}) as x(user_id, unit_id, assignment_id, label)`
    : sql`(select null::uuid, null::uuid, null::uuid, null::text where false) as x(user_id, unit_id, assignment_id, label)`;
  const same = (w: string) =>
    sql.raw(`x.user_id is not distinct from ${w}.user_id and x.unit_id is not distinct from ${w}.unit_id and x.assignment_id is not distinct from ${w}.assignment_id and x.label = ${w}.label`);
  return sql`work_items_gone as (
      delete from ${workItems} w where w.case_id = ${caseId} and not exists (select 1 from ${wanted} where ${same('w')})
    ), work_items_added as (
      insert into ${workItems} (case_id, user_id, unit_id, assignment_id, label, since)
      select ${caseId}::uuid, x.user_id, x.unit_id, x.assignment_id, x.label, ${since.toISOString()}::timestamptz from ${wanted}
      where not exists (select 1 from ${workItems} w where w.case_id = ${caseId} and ${same('w')})
    )`;
};

export const unitNames = async (db: Db, unitIds: readonly string[]): Promise<Map<string, string>> => {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(inArray(units.id, [...unitIds]));
  return new Map(rows.map((row) => [row.id, row.shortName ?? row.name]));
};

export const userNames = async (db: Db, userIds: readonly string[]): Promise<Map<string, string>> => {
  if (userIds.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...userIds]));
  return new Map(rows.map((row) => [row.id, row.name]));
};

/** The 联络员 of a unit: the people a reminder to the unit reaches. */
export const liaisonsOf = async (db: Db, unitId: string): Promise<string[]> =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'liaison')))
      .where(and(eq(users.unitId, unitId), eq(users.isActive, true)))
  ).map((row) => row.id);

/** The searchable columns of a case: its number, title and the kind's own text, as words and as a string. */
export const searchColumnsOf = (kind: KindDefinition, serialNo: string, fields: Record<string, unknown>) => {
  const text = caseSearchText(kind, serialNo, fields);
  return { searchText: text, searchVector: searchVectorOf(text) };
};

/** The search text alone (its words go to to_tsvector in a bulk insert: createCases). */
export const caseSearchText = (kind: KindDefinition, serialNo: string, fields: Record<string, unknown>): string => `${serialNo} ${kind.titleOf(fields)} ${kind.searchTextOf(fields)}`;
