/**
 * A case's clocks kept with the case: recomputed from its trail in the transaction of every action
 * and of its registration, saved in case_clocks, and the case's and its assignments' due dates and
 * colours taken from them (the ledgers sort and colour by those columns).
 */
import { and, asc, eq } from 'drizzle-orm';
import { assignments, caseEvents, cases, type StoredClockInputs } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { listSettingValues } from '../../platform/settings.js';
import type { Calendar } from '../calendar/calendar.js';
import { todayInShanghai } from '../calendar/calendar.js';
import type { OfficeHours } from '../calendar/working-hours.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import type { AssignmentRole, ClockResult } from './clock.types.js';
import { computeClocks } from './clock-set.js';
import { computeClock } from './compute.js';
import { clockActionLabels } from './explain.js';
import { assignmentClockInputs, assignmentSpecOf, caseClockEvents, caseClockSpecs, clockFieldsOf, toClockEvent, type TrailEvent } from './kind-clocks.js';
import { loadCaseClocks, saveClock, type CaseClockRow } from './clocks.repository.js';
import { dueDay, statusFor } from './status.js';

const openStates = new Set(['running', 'paused', 'overdue']);

/** The names a kind gives its actions, for the explanations. */
export const actionLabelsOf = (kind: KindDefinition): Record<string, string> => ({
  ...clockActionLabels,
  ...Object.fromEntries(kind.transitions.map((transition) => [transition.action, transition.label])),
});

const keyOf = (assignmentId: string | null, clockId: string) => `${assignmentId ?? ''}/${clockId}`;

type SyncInput = { tx: Db; kind: KindDefinition; caseId: string; now: Date; calendar: Calendar; officeHours: OfficeHours };

/** Recomputes and saves every clock of the case, then its due dates. Returns the saved rows. */
export const syncCaseClocks = async ({ tx, kind, caseId, now, calendar, officeHours }: SyncInput): Promise<CaseClockRow[]> => {
  const [caseRow] = await tx.select({ fields: cases.fields }).from(cases).where(eq(cases.id, caseId));
  if (!caseRow) throw new Error(`syncCaseClocks: case ${caseId} not found`);
  const trail: TrailEvent[] = await tx
    .select({ action: caseEvents.action, at: caseEvents.at, data: caseEvents.data })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.seq));
  const rows = await tx.select().from(assignments).where(eq(assignments.caseId, caseId)).orderBy(asc(assignments.assignedAt), asc(assignments.id));
  const stored = new Map((await loadCaseClocks(tx, caseId)).map((row) => [keyOf(row.assignmentId, row.clockId), row]));
  const common = { calendar, officeHours, now: now.toISOString(), actionLabels: actionLabelsOf(kind) };
  const saved: CaseClockRow[] = [];
  const save = async (assignmentId: string | null, result: ClockResult, inputs: StoredClockInputs) => {
    const existing = stored.get(keyOf(assignmentId, result.clockId));
    saved.push(await saveClock(tx, { caseId, assignmentId, result, inputs, ...(existing ? { expectedVersion: existing.version } : {}) }));
  };

  const specs = caseClockSpecs(kind, caseRow.fields, await listSettingValues(tx));
  const fields = clockFieldsOf(specs, caseRow.fields);
  // A clock reads only its own actions, so the whole trail gives each the same result as its own
  // events; each stores only those, with the clock it follows as it stopped.
  const results = computeClocks({ specs, events: trail.map(toClockEvent), fields, ...common });
  for (const [index, spec] of specs.entries()) {
    const previous = 'after' in spec.start ? results[specs.findIndex((other) => other.id === (spec.start as { after: string }).after)] : undefined;
    const after = previous ? { clockId: previous.clockId, stoppedAt: previous.stoppedAt, explanation: { label: previous.explanation.label } } : undefined;
    await save(null, results[index]!, { events: caseClockEvents(spec, trail), fields, ...(after ? { after } : {}) });
  }
  for (const row of rows) {
    const { events, period } = assignmentClockInputs(kind, trail, row);
    const spec = assignmentSpecOf(kind, row.role as AssignmentRole, period, caseRow.fields);
    if (!spec || events.length === 0) continue;
    await save(row.id, computeClock({ spec, events, ...common }), { events, ...(period ? { period } : {}) });
  }
  await refreshDueColumns({ tx, caseId, clocks: saved, today: todayInShanghai(now), calendar });
  return saved;
};

/**
 * The due columns the ledgers read: each assignment's from its clock (no colour once answered,
 * returned or ended); the case's from its earliest open clock or open 主办 assignment; none once closed.
 */
export const refreshDueColumns = async ({
  tx,
  caseId,
  clocks,
  today,
  calendar,
}: {
  tx: Db;
  caseId: string;
  clocks: readonly CaseClockRow[];
  today: string;
  calendar: Calendar;
}): Promise<void> => {
  const rows = await tx.select().from(assignments).where(eq(assignments.caseId, caseId));
  const [caseRow] = await tx.select({ isClosed: cases.isClosed, dueDate: cases.dueDate, dueStatus: cases.dueStatus }).from(cases).where(eq(cases.id, caseId));
  if (!caseRow) return;
  const candidates: string[] = [];
  for (const row of rows) {
    const clock = clocks.find((item) => item.assignmentId === row.id);
    if (!clock) continue;
    const isOpen = (row.state === 'pending' || row.state === 'in_progress') && openStates.has(clock.state);
    const dueDate = dueDay(clock.dueAt);
    const status = isOpen ? await statusFor({ db: tx, due: dueDate, today, calendar }) : 'none';
    if (isOpen && row.role === 'lead' && dueDate) candidates.push(dueDate);
    if (dueDate === row.dueDate && status === row.dueStatus) continue;
    await tx.update(assignments).set({ dueDate, dueStatus: status }).where(and(eq(assignments.id, row.id)));
  }
  for (const clock of clocks) if (clock.assignmentId === null && openStates.has(clock.state) && clock.dueAt) candidates.push(dueDay(clock.dueAt)!);
  const dueDate = caseRow.isClosed ? null : (candidates.sort()[0] ?? null);
  const status = await statusFor({ db: tx, due: dueDate, today, calendar });
  if (dueDate === caseRow.dueDate && status === caseRow.dueStatus) return;
  await tx.update(cases).set({ dueDate, dueStatus: status }).where(eq(cases.id, caseId));
};
