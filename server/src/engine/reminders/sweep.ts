/**
 * 催办 sweep, every minute: marks open cases and assignments 临期 (yellow) and 逾期 (red),
 * and sends each reminder once per rule, target and due date. With several server
 * processes on one PostgreSQL, a transaction-level advisory lock lets exactly one run it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { assignments, cases, notifications, remindersSent, units } from '../../db/schema/index.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { getSetting } from '../../platform/settings.js';
import type { Calendar } from '../calendar/calendar.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { dueStatus } from '../deadlines/deadlines.js';
import { liaisonsOf } from '../cases/cases.repository.js';
import { appendEvent } from '../cases/trail.js';

const SWEEP_LOCK_KEY = 7_262_027;
const SYSTEM_ACTOR = { actorId: '00000000-0000-0000-0000-000000000000', actorName: '系统（催办）' };

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
  const boundary = yellowBoundary(today, calendar, await getSetting(db, 'reminder.dueSoonWorkdays'));
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) as ok`));
    if (!lock?.ok) return { ran: false, statusChanges: 0, reminders: 0 };

    const assignmentStatus = statusSql(assignments.dueDate, today, boundary);
    const changedAssignments = await tx
      .update(assignments)
      .set({ dueStatus: sql`${assignmentStatus}` })
      .where(
        and(
          inArray(assignments.state, ['pending', 'in_progress']),
          sql`${assignments.dueDate} is not null`,
          sql`${assignments.dueStatus} <> ${assignmentStatus}`,
          sql`not exists (select 1 from ${cases} where ${cases.id} = ${assignments.caseId} and ${cases.isClosed})`,
        ),
      )
      .returning({ id: assignments.id });
    const caseStatus = statusSql(cases.dueDate, today, boundary);
    const changedCases = await tx
      .update(cases)
      .set({ dueStatus: sql`${caseStatus}` })
      .where(and(eq(cases.isClosed, false), sql`${cases.dueDate} is not null`, sql`${cases.dueStatus} <> ${caseStatus}`))
      .returning({ id: cases.id });

    let reminders = 0;
    for (const [rule, status] of [['due_soon', 'yellow'], ['overdue', 'red']] as const) {
      // The insert is the once-only gate: a target already reminded under this rule and due date inserts nothing.
      const fresh = rowsOf<{ target_id: string }>(
        await tx.execute(sql`
          insert into ${remindersSent} (rule, target_type, target_id, due_date, sent_at)
          select ${rule}, 'assignment', ${assignments.id}, ${assignments.dueDate}, ${now}
          from ${assignments}
          where ${assignments.state} in ('pending', 'in_progress') and ${assignments.dueStatus} = ${status} and ${assignments.dueDate} is not null
            and not exists (select 1 from ${cases} where ${cases.id} = ${assignments.caseId} and ${cases.isClosed})
          on conflict do nothing
          returning target_id`),
      );
      for (const { target_id: assignmentId } of fresh) {
        await remindAssignment(tx, { assignmentId, rule, now });
        reminders += 1;
      }
    }
    return { ran: true, statusChanges: changedAssignments.length + changedCases.length, reminders };
  });
};

const remindAssignment = async (tx: Db, { assignmentId, rule, now }: { assignmentId: string; rule: 'due_soon' | 'overdue'; now: Date }) => {
  const [row] = await tx
    .select({ caseId: assignments.caseId, unitId: assignments.unitId, dueDate: assignments.dueDate, unitName: units.name })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(eq(assignments.id, assignmentId));
  if (!row) return;
  // Lock the case row: the trail append below must not race a user's action on the same case.
  const [caseRow] = await tx.select({ id: cases.id, serialNo: cases.serialNo, title: cases.title, handlerId: cases.handlerId }).from(cases).where(eq(cases.id, row.caseId)).for('update');
  if (!caseRow) return;
  const isOverdue = rule === 'overdue';
  const title = `${isOverdue ? '逾期催办' : '临期提醒'}：${caseRow.serialNo} ${caseRow.title}`;
  const body = `${row.unitName} 的办理时限为 ${row.dueDate}，${isOverdue ? '已逾期，请尽快办理答复' : '即将到期，请抓紧办理'}。`;
  const recipients = await liaisonsOf(tx, row.unitId);
  if (isOverdue && caseRow.handlerId) recipients.push(caseRow.handlerId);
  if (recipients.length > 0) {
    await tx.insert(notifications).values(recipients.map((userId) => ({ userId, type: 'remind' as const, caseId: row.caseId, assignmentId, title, body, createdAt: now })));
  }
  await appendEvent(tx, { caseId: row.caseId, at: now, ...SYSTEM_ACTOR, action: 'remind', comment: body, data: { assignmentId, unitId: row.unitId, rule, dueDate: row.dueDate } });
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
