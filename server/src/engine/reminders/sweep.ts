/**
 * 催办 sweep, every minute: marks open cases and assignments 临期 (yellow) and 逾期 (red),
 * and sends each rung of every open clock's reminder ladder once per clock and due time (ladder.ts). With several server
 * processes on one PostgreSQL, a transaction-level advisory lock lets one at a time set the statuses; the ladder's
 * once-only gate is its clock_reminders key.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { assignments, cases } from '../../db/schema/index.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { getSetting } from '../../platform/settings.js';
import type { Calendar } from '../calendar/calendar.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { dueStatus } from '../clocks/status.js';
import { sendLadderReminders } from './ladder.js';

const SWEEP_LOCK_KEY = 7_262_027;

/** The last due date that is still yellow today: statuses are monotonic in the due date, so one boundary says it all. */
export const yellowBoundary = (today: string, calendar: Calendar, yellowWithinWorkdays: number): string | null => {
  let boundary: string | null = null;
  for (let offset = 0; offset <= 90; offset += 1) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const status = dueStatus({ due: date, today, calendar, yellowWithinWorkdays });
    if (status === 'green') break;
    if (status === 'yellow') boundary = date;
  }
  return boundary;
};

const statusSql = (column: unknown, today: string, boundary: string | null) =>
  boundary
    ? sql`case when ${column} < ${today} then 'red' when ${column} <= ${boundary} then 'yellow' else 'green' end`
    : sql`case when ${column} < ${today} then 'red' else 'green' end`;

export type SweepResult = { ran: boolean; statusChanges: number; reminders: number };

export const runReminderSweep = async ({ db, now }: { db: Db; now: Date }): Promise<SweepResult> => {
  const today = todayInShanghai(now);
  const calendar = await loadCalendar({ db });
  const dueSoonWorkdays = await getSetting(db, 'reminder.dueSoonWorkdays');
  const boundary = yellowBoundary(today, calendar, dueSoonWorkdays);
  // The statuses first, in a transaction of their own that never waits on a user's action (SKIP LOCKED: a case or
  // assignment being acted on now gets its status from that action, or from the next minute's sweep). Holding rows
  // of many cases across the whole sweep while an action holds one of them and wants another's row is how a sweep
  // and an action deadlock.
  const statusChanges = await db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) as ok`));
    if (!lock?.ok) return undefined;
    const assignmentStatus = statusSql(assignments.dueDate, today, boundary);
    const stale = tx
      .select({ id: assignments.id })
      .from(assignments)
      .where(
        and(
          inArray(assignments.state, ['pending', 'in_progress']),
          sql`${assignments.dueDate} is not null`,
          sql`${assignments.dueStatus} <> ${assignmentStatus}`,
          sql`not exists (select 1 from ${cases} where ${cases.id} = ${assignments.caseId} and ${cases.isClosed})`,
        ),
      )
      .for('update', { skipLocked: true });
    const changedAssignments = await tx.update(assignments).set({ dueStatus: sql`${assignmentStatus}` }).where(inArray(assignments.id, stale)).returning({ id: assignments.id });
    const caseStatus = statusSql(cases.dueDate, today, boundary);
    const staleCases = tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.isClosed, false), sql`${cases.dueDate} is not null`, sql`${cases.dueStatus} <> ${caseStatus}`))
      .for('update', { skipLocked: true });
    const changedCases = await tx.update(cases).set({ dueStatus: sql`${caseStatus}` }).where(inArray(cases.id, staleCases)).returning({ id: cases.id });
    return changedAssignments.length + changedCases.length;
  });
  if (statusChanges === undefined) return { ran: false, statusChanges: 0, reminders: 0 };
  // Then the ladder, one clock at a time (ladder.ts): the clock_reminders key keeps it once-only even when another
  // process's sweep starts meanwhile.
  const reminders = await sendLadderReminders(db, { now, today, calendar, dueSoonWorkdays });
  return { ran: true, statusChanges, reminders };
};

/** Runs the sweep every minute in this process; returns a stop function for shutdown. */
export const startReminderScheduler = ({ db, clock, onError }: { db: Db; clock: () => Date; onError: (error: unknown) => void }) => {
  let isRunning = false;
  const tick = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      await runReminderSweep({ db, now: clock() });
    } catch (error) {
      onError(error);
    } finally {
      isRunning = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), 60_000);
  timer.unref();
  return () => clearInterval(timer);
};
