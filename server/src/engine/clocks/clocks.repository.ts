/**
 * Stored clocks (table case_clocks): load a case's clocks, save a computed clock with its inputs
 * under an optimistic version, and load the open clocks a calendar change must re-time. Not yet
 * called by perform-action: the engine wires it in the same transaction as the case's event.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { caseClocks, type StoredClockInputs } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
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
