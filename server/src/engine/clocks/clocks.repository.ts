/**
 * Stored clocks (table case_clocks): load a case's clocks, save a computed clock with its inputs
 * under an optimistic version, and load the open clocks a calendar change must re-time. Not yet
 * called by perform-action: the engine wires it in the same transaction as the case's event.
 */
import { and, asc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { caseClocks, caseEvents, type StoredClockInputs } from '../../db/schema/index.js';
import type { TrailRow } from '../cases/trail.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { conflict } from '../../platform/errors.js';
import type { ClockExplanation, ClockResult, ClockSpec } from './clock.types.js';
import type { StoredClock } from './retime.js';

export type CaseClockRow = typeof caseClocks.$inferSelect;

const openStates = ['running', 'paused', 'overdue'] as const;

/** The clocks of a case, its own first, then by assignment, each in declaration order of creation. */
export const loadCaseClocks = async (db: Db, caseId: string): Promise<CaseClockRow[]> =>
  db.select().from(caseClocks).where(eq(caseClocks.caseId, caseId)).orderBy(asc(caseClocks.assignmentId), asc(caseClocks.createdAt), asc(caseClocks.clockId));

/**
 * Inserts or updates one clock. `expectedVersion` (the version read before computing) guards
 * against a concurrent change: a stale one is a conflict (409). Returns the saved row.
 */
export const saveClock = async (
  db: Db,
  {
    caseId,
    assignmentId = null,
    result,
    inputs,
    expectedVersion,
  }: { caseId: string; assignmentId?: string | null; result: ClockResult; inputs: StoredClockInputs; expectedVersion?: number },
): Promise<CaseClockRow> => {
  const values = {
    state: result.state,
    startedAt: result.start,
    dueAt: result.due,
    pausedAt: result.pausedAt,
    stoppedAt: result.stoppedAt,
    inputs,
    explanation: result.explanation as unknown as Record<string, unknown>,
  };
  const identity = and(
    eq(caseClocks.caseId, caseId),
    eq(caseClocks.clockId, result.clockId),
    assignmentId === null ? isNull(caseClocks.assignmentId) : eq(caseClocks.assignmentId, assignmentId),
  );
  if (expectedVersion === undefined) {
    const [inserted] = await db.insert(caseClocks).values({ caseId, assignmentId, clockId: result.clockId, ...values }).returning();
    return inserted!;
  }
  const [updated] = await db
    .update(caseClocks)
    .set({ ...values, version: expectedVersion + 1, updatedAt: new Date() })
    .where(and(identity, eq(caseClocks.version, expectedVersion)))
    .returning();
  if (!updated) throw conflict();
  return updated;
};

/** A case_clocks row as row_to_json gives it. */
type ClockJson = {
  id: string; case_id: string; assignment_id: string | null; clock_id: string; state: CaseClockRow['state'];
  started_at: string | null; due_at: string | null; paused_at: string | null; stopped_at: string | null;
  inputs: StoredClockInputs; explanation: Record<string, unknown>; version: number; created_at: string; updated_at: string;
};

const clockFromJson = (row: ClockJson): CaseClockRow => ({
  id: row.id,
  caseId: row.case_id,
  assignmentId: row.assignment_id,
  clockId: row.clock_id,
  state: row.state,
  startedAt: row.started_at,
  dueAt: row.due_at,
  pausedAt: row.paused_at,
  stoppedAt: row.stopped_at,
  inputs: row.inputs,
  explanation: row.explanation,
  version: row.version,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/**
 * A case's whole trail (oldest first, with each event's seq and hash) and its stored clocks, in one round trip:
 * what an action that moves clocks reads after it claimed the case's version. Text on the wire (ISO instants,
 * JSON) reads the same through both drivers.
 */
export const loadTrailAndClocks = async (db: Db, caseId: string): Promise<{ trail: TrailRow[]; clocks: CaseClockRow[] }> => {
  const rows = rowsOf<{ part: number; seq: number | null; hash: string | null; action: string | null; at: string | null; data: string | null; clock: string | null }>(
    await db.execute(sql`select 0 as part, e.seq, encode(e.hash, 'hex') as hash, e.action, to_json(e.at) #>> '{}' as at, e.data::text as data, null::text as clock
      from ${caseEvents} e where e.case_id = ${caseId}
      union all
      select 1, null, null, null, null, null, row_to_json(c)::text from ${caseClocks} c where c.case_id = ${caseId}
      order by part, seq`),
  );
  const trail: TrailRow[] = [];
  const clocks: CaseClockRow[] = [];
  for (const row of rows) {
    if (Number(row.part) === 0) trail.push({ seq: Number(row.seq), hash: row.hash!, action: row.action!, at: new Date(row.at!), data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown> | null) });
    else clocks.push(clockFromJson(JSON.parse(row.clock!) as ClockJson));
  }
  return { trail, clocks };
};

export type ClockSave = { assignmentId: string | null; result: ClockResult; inputs: StoredClockInputs; expectedVersion?: number };

/**
 * Saves several clocks of a case in at most two statements: the new ones in one insert, the changed ones in
 * one update checked row by row against the version read before computing (any stale one: 409, and the
 * transaction rolls back). Returns the saved rows in the order given.
 */
export const saveClocks = async (db: Db, caseId: string, saves: readonly ClockSave[], { alongside = [] }: { alongside?: readonly SQL[] } = {}): Promise<CaseClockRow[]> => {
  // Other updates of the same transaction (the due columns) run as CTEs of the last save statement: data-modifying
  // CTEs always run to completion, and a round trip is saved.
  const ctes = alongside.map((update, index) => db.$with(`alongside_${index}`, { one: sql<number>`1` }).as(sql`${update} returning 1 as one`));
  const valuesOf = ({ result, inputs }: ClockSave) => ({
    state: result.state,
    startedAt: result.start,
    dueAt: result.due,
    pausedAt: result.pausedAt,
    stoppedAt: result.stoppedAt,
    inputs,
    explanation: result.explanation as unknown as Record<string, unknown>,
  });
  const fresh = saves.filter((save) => save.expectedVersion === undefined);
  const changed = saves.filter((save) => save.expectedVersion !== undefined);
  const inserted = fresh.length
    ? await (changed.length === 0 && ctes.length > 0 ? db.with(...ctes) : db).insert(caseClocks).values(fresh.map((save) => ({ caseId, assignmentId: save.assignmentId, clockId: save.result.clockId, ...valuesOf(save) }))).returning()
    : [];
  let updated: CaseClockRow[] = [];
  if (changed.length) {
    const rows = changed.map((save) => {
      const values = valuesOf(save);
      return sql`(${save.assignmentId}::uuid, ${save.result.clockId}::text, ${save.expectedVersion}::int, ${values.state}::text, ${values.startedAt}::text, ${values.dueAt}::text, ${values.pausedAt}::text, ${values.stoppedAt}::text, ${JSON.stringify(values.inputs)}::jsonb, ${JSON.stringify(values.explanation)}::jsonb)`;
    });
    updated = await (ctes.length > 0 ? db.with(...ctes) : db)
      .update(caseClocks)
      .set({
        state: sql`v.state`,
        startedAt: sql`v.started_at`,
        dueAt: sql`v.due_at`,
        pausedAt: sql`v.paused_at`,
        stoppedAt: sql`v.stopped_at`,
        inputs: sql`v.inputs`,
        explanation: sql`v.explanation`,
        version: sql`v.expected + 1`,
        updatedAt: new Date(),
      })
      .from(sql`(values ${sql.join(rows, sql`, `)}) as v(assignment_id, clock_id, expected, state, started_at, due_at, paused_at, stopped_at, inputs, explanation)`)
      .where(
        sql`${caseClocks.caseId} = ${caseId} and ${caseClocks.clockId} = v.clock_id and ${caseClocks.assignmentId} is not distinct from v.assignment_id and ${caseClocks.version} = v.expected`,
      )
      .returning(getTableColumns(caseClocks));
    if (updated.length !== changed.length) throw conflict();
  }
  const key = (assignmentId: string | null, clockId: string) => `${assignmentId ?? ''}/${clockId}`;
  const byKey = new Map([...inserted, ...updated].map((row) => [key(row.assignmentId, row.clockId), row]));
  return saves.map((save) => byKey.get(key(save.assignmentId, save.result.clockId))!);
};

/** Open clocks (running, paused, overdue), e.g. of the cases a calendar change touches. */
export const loadOpenClocks = async (db: Db, { caseIds }: { caseIds?: readonly string[] } = {}): Promise<CaseClockRow[]> =>
  db
    .select()
    .from(caseClocks)
    .where(and(inArray(caseClocks.state, [...openStates]), caseIds ? inArray(caseClocks.caseId, [...caseIds]) : undefined))
    .orderBy(asc(caseClocks.dueAt), asc(caseClocks.id));

/** A stored row as retimeClocks reads it, with the spec its kind declares now. */
export const toStoredClock = (row: CaseClockRow, spec: ClockSpec): StoredClock => ({
  key: row.id,
  input: {
    spec,
    events: row.inputs.events,
    ...(row.inputs.fields ? { fields: row.inputs.fields } : {}),
    ...(row.inputs.after ? { after: row.inputs.after } : {}),
  },
  state: row.state,
  due: row.dueAt,
  explanation: row.explanation as unknown as ClockExplanation,
});
