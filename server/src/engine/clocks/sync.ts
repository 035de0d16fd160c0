/**
 * A case's clocks kept with the case: recomputed from its trail in the transaction of every action
 * that can move them (relevance.ts) and of its registration, saved in case_clocks when they changed,
 * and the case's and its assignments' due dates and colours taken from them (the ledgers sort and
 * colour by those columns).
 */
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { assignments, caseClocks, caseEvents, cases, clockReminders, type StoredClockInputs } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { canonicalJson } from '../../platform/seal.js';
import { getSetting, listSettingValues, type SettingKey } from '../../platform/settings.js';
import type { Calendar } from '../calendar/calendar.js';
import { todayInShanghai } from '../calendar/calendar.js';
import type { OfficeHours } from '../calendar/working-hours.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { SIGN_CLOCK_ID, type AssignmentRole, type ClockResult } from './clock.types.js';
import { computeClocks } from './clock-set.js';
import { computeClock } from './compute.js';
import { clockActionLabels } from './explain.js';
import { assignmentClockInputs, assignmentSignSpecOf, assignmentSpecOf, caseClockEvents, caseClockSpecs, caseTrailClockEvents, clockFieldsOf, type TrailEvent } from './kind-clocks.js';
import { loadCaseClocks, saveClocks, type CaseClockRow, type ClockSave } from './clocks.repository.js';
import { dueDay, dueStatus } from './status.js';

const openStates = new Set(['running', 'paused', 'overdue']);

/** The names a kind gives its actions, for the explanations. */
export const actionLabelsOf = (kind: KindDefinition): Record<string, string> => ({
  ...clockActionLabels,
  ...Object.fromEntries(kind.transitions.map((transition) => [transition.action, transition.label])),
});

const keyOf = (assignmentId: string | null, clockId: string) => `${assignmentId ?? ''}/${clockId}`;

type AssignmentRow = typeof assignments.$inferSelect;
/** What the due columns read of the case row. */
type CaseDue = { isClosed: boolean; dueDate: string | null; dueStatus: string };

type SyncInput = {
  tx: Db;
  kind: KindDefinition;
  caseId: string;
  now: Date;
  calendar: Calendar;
  officeHours: OfficeHours;
  /** The case row as the action left it, when the caller has it (saves reading it again). */
  caseRow?: CaseDue & { fields: Record<string, unknown> };
  /** The case's assignments as the action left them, when the caller has them. */
  assignments?: readonly AssignmentRow[];
  /** The settings the caller read in this transaction. */
  settings?: Readonly<Record<SettingKey, number>>;
  /** The case's whole trail in this transaction, the action's own event included, when the caller has it. */
  trail?: readonly TrailEvent[];
  /** The case's stored clocks as read in this transaction, when the caller has them. */
  stored?: readonly CaseClockRow[];
  /** A case being registered: its trail is the one event just written and it has no stored clocks yet. */
  registered?: { event: TrailEvent };
};

/** A computed clock the same as its stored row: saving it again would only bump its version. */
const isUnchanged = (row: CaseClockRow, result: ClockResult, inputs: StoredClockInputs): boolean =>
  row.state === result.state &&
  row.startedAt === result.start &&
  row.dueAt === result.due &&
  row.pausedAt === result.pausedAt &&
  row.stoppedAt === result.stoppedAt &&
  canonicalJson(row.inputs) === canonicalJson(inputs) &&
  canonicalJson(row.explanation) === canonicalJson(result.explanation);

const byAssignedAt = (a: AssignmentRow, b: AssignmentRow) => a.assignedAt.getTime() - b.assignedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Recomputes every clock of the case, saves those that changed, then its due dates. Returns the clocks as stored. */
export const syncCaseClocks = async ({ tx, kind, caseId, now, calendar, officeHours, ...known }: SyncInput): Promise<CaseClockRow[]> => {
  const [caseRow] = known.caseRow
    ? [known.caseRow]
    : await tx.select({ fields: cases.fields, isClosed: cases.isClosed, dueDate: cases.dueDate, dueStatus: cases.dueStatus }).from(cases).where(eq(cases.id, caseId));
  if (!caseRow) throw new Error(`syncCaseClocks: case ${caseId} not found`);
  const trail: readonly TrailEvent[] = known.registered
    ? [known.registered.event]
    : known.trail
      ? known.trail
      : await tx
        .select({ action: caseEvents.action, at: caseEvents.at, data: caseEvents.data })
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(asc(caseEvents.seq));
  const rows = known.assignments
    ? [...known.assignments].sort(byAssignedAt)
    : await tx.select().from(assignments).where(eq(assignments.caseId, caseId)).orderBy(asc(assignments.assignedAt), asc(assignments.id));
  const stored = new Map((known.registered ? [] : (known.stored ?? (await loadCaseClocks(tx, caseId)))).map((row) => [keyOf(row.assignmentId, row.clockId), row]));
  const settings = known.settings ?? (await listSettingValues(tx));
  const common = { calendar, officeHours, now: now.toISOString(), actionLabels: actionLabelsOf(kind) };
  // What each clock is now: its stored row when unchanged, else a save (all saves written together below).
  const planned: Array<CaseClockRow | ClockSave> = [];
  const save = (assignmentId: string | null, result: ClockResult, inputs: StoredClockInputs) => {
    const existing = stored.get(keyOf(assignmentId, result.clockId));
    if (existing && isUnchanged(existing, result, inputs)) return void planned.push(existing);
    planned.push({ assignmentId, result, inputs, ...(existing ? { expectedVersion: existing.version } : {}) });
  };

  const specs = caseClockSpecs(kind, caseRow.fields, settings);
  const fields = clockFieldsOf(specs, caseRow.fields);
  // A clock reads only its own actions, so the whole trail gives each the same result as its own
  // events; each stores only those, with the clock it follows as it stopped.
  const results = computeClocks({ specs, events: caseTrailClockEvents(trail), fields, ...common });
  for (const [index, spec] of specs.entries()) {
    const previous = 'after' in spec.start ? results[specs.findIndex((other) => other.id === (spec.start as { after: string }).after)] : undefined;
    const after = previous ? { clockId: previous.clockId, stoppedAt: previous.stoppedAt, explanation: { label: previous.explanation.label } } : undefined;
    save(null, results[index]!, { events: caseClockEvents(spec, [...trail]), fields, ...(after ? { after } : {}) });
  }
  for (const row of rows) {
    const { events, period } = assignmentClockInputs(kind, [...trail], row);
    if (events.length === 0) continue;
    // The unit's handling clock, and its 签收 clock where the kind declares one.
    for (const spec of [assignmentSpecOf(kind, row.role as AssignmentRole, period, caseRow.fields), assignmentSignSpecOf(kind, settings)]) {
      if (spec) save(row.id, computeClock({ spec, events, ...common }), { events, ...(period ? { period } : {}) });
    }
  }
  const isSave = (item: CaseClockRow | ClockSave): item is ClockSave => 'result' in item;
  // The due columns follow the clocks as they are about to be saved, so their updates ride in the clocks' own
  // statement (one round trip for both); with nothing to save they run alone.
  const dueClocks: DueClock[] = planned.map((item) => (isSave(item) ? { assignmentId: item.assignmentId, clockId: item.result.clockId, state: item.result.state, dueAt: item.result.due } : item));
  const dueUpdates = await dueColumnUpdates({ tx, caseId, clocks: dueClocks, today: todayInShanghai(now), calendar, caseRow, assignments: rows, dueSoonWorkdays: settings['reminder.dueSoonWorkdays'] });
  const saves = planned.filter(isSave);
  const written = await saveClocks(tx, caseId, saves, { alongside: dueUpdates });
  if (saves.length === 0) await runTogether(tx, dueUpdates);
  const saved = planned.map((item) => (isSave(item) ? written.shift()! : item));
  await dropReplacedClocks(tx, [...stored.values()], saved);
  return saved;
};

/**
 * A unit given the item again in another role (交办 again, 改派 to it) has the new role's clock; the old
 * role's, stopped when it returned the item, would show beside it. It goes, with its sent-reminder marks.
 */
const dropReplacedClocks = async (tx: Db, stored: readonly CaseClockRow[], saved: readonly CaseClockRow[]) => {
  const current = new Set(saved.map((row) => keyOf(row.assignmentId, row.clockId)));
  const timed = new Set(saved.map((row) => row.assignmentId));
  const replaced = stored.filter((row) => row.assignmentId !== null && timed.has(row.assignmentId) && !current.has(keyOf(row.assignmentId, row.clockId)));
  if (replaced.length === 0) return;
  const ids = replaced.map((row) => row.id);
  await tx.delete(clockReminders).where(inArray(clockReminders.clockRowId, ids));
  await tx.delete(caseClocks).where(inArray(caseClocks.id, ids));
};

/** What the due columns read of a clock: its row as stored, or as it is about to be saved. */
type DueClock = Pick<CaseClockRow, 'assignmentId' | 'clockId' | 'state' | 'dueAt'>;

/**
 * The clock an assignment's due columns follow: its handling clock once started; before that (a unit
 * whose time runs from its 签收), its 签收 clock.
 */
const assignmentDueClock = (clocks: readonly DueClock[], assignmentId: string): DueClock | undefined => {
  const own = clocks.filter((item) => item.assignmentId === assignmentId);
  const handling = own.find((item) => item.clockId !== SIGN_CLOCK_ID);
  const signing = own.find((item) => item.clockId === SIGN_CLOCK_ID);
  return handling && (handling.state !== 'pending' || !signing) ? handling : (signing ?? handling);
};

type DueColumnsInput = {
  tx: Db;
  caseId: string;
  clocks: readonly DueClock[];
  today: string;
  calendar: Calendar;
  /** The case row and its assignments as they stand in this transaction, when the caller has them. */
  caseRow?: CaseDue;
  assignments?: readonly AssignmentRow[];
  dueSoonWorkdays?: number;
};

/**
 * The due columns the ledgers read: each assignment's from its clock (no colour once answered,
 * returned or ended); the case's from its earliest open clock or open 主办 assignment; none once closed.
 * Returns the updates of the rows whose date or colour changed (none, one or two statements), for the
 * caller to run on their own or inside its clocks' save (saveClocks' `alongside`).
 */
const dueColumnUpdates = async ({ tx, caseId, clocks, today, calendar, ...known }: DueColumnsInput): Promise<SQL[]> => {
  const rows = known.assignments ?? (await tx.select().from(assignments).where(eq(assignments.caseId, caseId)));
  const [caseRow] = known.caseRow
    ? [known.caseRow]
    : await tx.select({ isClosed: cases.isClosed, dueDate: cases.dueDate, dueStatus: cases.dueStatus }).from(cases).where(eq(cases.id, caseId));
  if (!caseRow) return [];
  // One read of the setting for every colour below (not one per assignment).
  const yellowWithinWorkdays = known.dueSoonWorkdays ?? (await getSetting(tx, 'reminder.dueSoonWorkdays'));
  const statusOf = (due: string | null) => dueStatus({ due, today, calendar, yellowWithinWorkdays });
  const candidates: string[] = [];
  const moved: Array<{ id: string; dueDate: string | null; status: string }> = [];
  for (const row of rows) {
    const clock = assignmentDueClock(clocks, row.id);
    if (!clock) continue;
    const isOpen = (row.state === 'pending' || row.state === 'in_progress') && openStates.has(clock.state);
    const dueDate = dueDay(clock.dueAt);
    const status = isOpen ? statusOf(dueDate) : 'none';
    if (isOpen && row.role === 'lead' && dueDate) candidates.push(dueDate);
    if (dueDate === row.dueDate && status === row.dueStatus) continue;
    moved.push({ id: row.id, dueDate, status });
  }
  for (const clock of clocks) if (clock.assignmentId === null && openStates.has(clock.state) && clock.dueAt) candidates.push(dueDay(clock.dueAt)!);
  const dueDate = caseRow.isClosed ? null : (candidates.sort()[0] ?? null);
  const status = statusOf(dueDate);
  const updates: SQL[] = [];
  if (moved.length > 0) {
    updates.push(sql`update ${assignments} set due_date = v.due_date, due_status = v.due_status
        from (values ${sql.join(moved.map((item) => sql`(${item.id}::uuid, ${item.dueDate}::text, ${item.status}::text)`), sql`, `)}) as v(id, due_date, due_status)
        where ${assignments}.id = v.id`);
  }
  if (dueDate !== caseRow.dueDate || status !== caseRow.dueStatus) updates.push(sql`update ${cases} set due_date = ${dueDate}, due_status = ${status} where id = ${caseId}`);
  return updates;
};

/** Runs data-modifying statements as one: the first ones as CTEs of the last. */
const runTogether = async (tx: Db, updates: readonly SQL[]) => {
  if (updates.length === 0) return;
  const [last, ...before] = [...updates].reverse();
  const ctes = before.reverse().map((update, index) => sql`${sql.raw(`due_${index}`)} as (${update} returning 1)`);
  await tx.execute(ctes.length > 0 ? sql`with ${sql.join(ctes, sql`, `)} ${last}` : last!);
};

/** Writes the due columns from the clocks as stored (a calendar change re-times cases with it). */
export const refreshDueColumns = async (input: DueColumnsInput): Promise<void> => runTogether(input.tx, await dueColumnUpdates(input));
