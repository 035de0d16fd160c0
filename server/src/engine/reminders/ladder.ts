/**
 * The reminder ladder on every open clock: each rung a kind declares (临期, 逾期, escalation) is sent
 * once per clock and due time — the clock_reminders insert is the gate — to the people it names,
 * with a 催办 trail event. Each clock's rungs go in a short transaction of their own, after the sweep's statuses.
 */
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { assignments, caseClocks, cases, clockReminders, notifications, units, userRoles, users } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import type { Calendar } from '../calendar/calendar.js';
import type { ReminderRecipient, ReminderRung } from '../clocks/clock.types.js';
import { dueDay } from '../clocks/status.js';
import { liaisonsOf } from '../cases/cases.repository.js';
import { appendEvent } from '../cases/trail.js';
import { getKind } from '../kinds/registry.js';

const SYSTEM_ACTOR = { actorId: '00000000-0000-0000-0000-000000000000', actorName: '系统（催办）' };

/** Whether a rung applies today to a clock due on `due` (a date). */
export const rungApplies = ({ rung, due, today, calendar, dueSoonWorkdays }: { rung: ReminderRung; due: string; today: string; calendar: Calendar; dueSoonWorkdays: number }): boolean => {
  if ('before' in rung.when) {
    const within = rung.when.before === 'setting' ? dueSoonWorkdays : rung.when.before;
    return today <= due && calendar.workdaysBetween(today, due) <= within;
  }
  if (today <= due) return false;
  return rung.when.overBy === 0 || calendar.workdaysBetween(due, today) >= rung.when.overBy;
};

const usersWithRoles = async (tx: Db, roles: readonly ('leader' | 'director')[], unitId?: string): Promise<string[]> =>
  (
    await tx
      .selectDistinct({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), inArray(userRoles.role, [...roles])))
      .where(and(eq(users.isActive, true), unitId ? eq(users.unitId, unitId) : undefined))
  ).map((row) => row.id);

type OpenClock = {
  id: string;
  caseId: string;
  assignmentId: string | null;
  dueAt: string;
  explanation: unknown;
  kind: string;
  serialNo: string;
  title: string;
  handlerId: string | null;
  ownerUnitId: string;
  unitId: string | null;
  unitName: string | null;
  sent: string[];
};

/**
 * Sends every rung due today on every open clock, each clock in a short transaction of its own. The clocks are read
 * once, with their assignment and the rungs already sent for their due time, so a minute with nothing new to send
 * writes nothing.
 */
export const sendLadderReminders = async (
  db: Db,
  { now, today, calendar, dueSoonWorkdays }: { now: Date; today: string; calendar: Calendar; dueSoonWorkdays: number },
): Promise<number> => {
  const open: OpenClock[] = await db
    .select({
      id: caseClocks.id,
      caseId: caseClocks.caseId,
      assignmentId: caseClocks.assignmentId,
      dueAt: sql<string>`${caseClocks.dueAt}`,
      explanation: caseClocks.explanation,
      kind: cases.kind,
      serialNo: cases.serialNo,
      title: cases.title,
      handlerId: cases.handlerId,
      ownerUnitId: cases.ownerUnitId,
      unitId: assignments.unitId,
      unitName: units.name,
      sent: sql<string[]>`coalesce((select json_agg(r.rung) from ${clockReminders} r where r.clock_row_id = ${caseClocks.id} and r.due_at = ${caseClocks.dueAt}), '[]'::json)`,
    })
    .from(caseClocks)
    .innerJoin(cases, eq(cases.id, caseClocks.caseId))
    .leftJoin(assignments, eq(assignments.id, caseClocks.assignmentId))
    .leftJoin(units, eq(units.id, assignments.unitId))
    .where(
      and(
        inArray(caseClocks.state, ['running', 'overdue']),
        isNotNull(caseClocks.dueAt),
        eq(cases.isClosed, false),
        // A unit's clock runs while the unit still has the work.
        or(isNull(caseClocks.assignmentId), inArray(assignments.state, ['pending', 'in_progress'])),
      ),
    );
  let sent = 0;
  for (const clock of open) {
    const due = dueDay(clock.dueAt)!;
    // 临期 is for a clock not yet late: once a 逾期 rung applies, it is not sent any more.
    const isLate = today > due;
    const rungs = (getKind(clock.kind).reminderLadder ?? []).filter(
      (rung) => !clock.sent.includes(rung.key) && !(isLate && 'before' in rung.when) && rungApplies({ rung, due, today, calendar, dueSoonWorkdays }),
    );
    if (rungs.length > 0) sent += await db.transaction((tx) => sendRungs(tx, { clock, rungs, due, isLate, now }));
  }
  return sent;
};

/**
 * One clock's rungs, in one transaction. The case row is locked first, as a user's action claims it first and then
 * writes its assignments and clocks: taken in the same order, the two can never deadlock. A case someone is acting on
 * right now is skipped (SKIP LOCKED), not waited for: the next minute's sweep sees what that action left.
 */
const sendRungs = async (
  tx: Db,
  { clock, rungs, due, isLate, now }: { clock: OpenClock; rungs: readonly ReminderRung[]; due: string; isLate: boolean; now: Date },
): Promise<number> => {
  const [current] = await tx
    .select({ isClosed: cases.isClosed, clockState: caseClocks.state, dueAt: caseClocks.dueAt, assignmentState: assignments.state })
    .from(cases)
    .innerJoin(caseClocks, eq(caseClocks.id, clock.id))
    .leftJoin(assignments, eq(assignments.id, caseClocks.assignmentId))
    .where(eq(cases.id, clock.caseId))
    .for('update', { of: cases, skipLocked: true });
  // Read again under the lock: an action committed since the clocks were read may have closed the case, ended the
  // unit's work or moved the due time.
  if (!current || current.isClosed || current.dueAt !== clock.dueAt || (current.clockState !== 'running' && current.clockState !== 'overdue')) return 0;
  if (clock.assignmentId && current.assignmentState !== 'pending' && current.assignmentState !== 'in_progress') return 0;
  let sent = 0;
  for (const rung of rungs) {
    // The clock_reminders key is the gate: with two processes sweeping, one rung is sent once.
    const [fresh] = await tx.insert(clockReminders).values({ clockRowId: clock.id, rung: rung.key, dueAt: clock.dueAt, sentAt: now }).onConflictDoNothing().returning();
    if (!fresh) continue;
    const recipients = new Set<string>();
    const add = (ids: readonly string[]) => ids.forEach((id) => recipients.add(id));
    for (const who of rung.notify as readonly ReminderRecipient[]) {
      if (who === 'handler' && clock.handlerId) recipients.add(clock.handlerId);
      if (who === 'liaisons' && clock.unitId) add(await liaisonsOf(tx, clock.unitId));
      // A case's own clock waits on its handler, not on a unit.
      if (who === 'liaisons' && !clock.unitId && clock.handlerId) recipients.add(clock.handlerId);
      if (who === 'unitLeader') add(await usersWithRoles(tx, ['leader', 'director'], clock.unitId ?? clock.ownerUnitId));
      if (who === 'director') add(await usersWithRoles(tx, ['director']));
    }
    const label = String((clock.explanation as { label?: unknown }).label ?? '办理时限');
    // No space before 的: Chinese runs on (「某某局的「主办办理期限」…」, not 「某某局 的」).
    const whose = clock.unitName ? `${clock.unitName}的` : '';
    // A rung that goes up (to the director, a unit's leader) asks them to chase the work, not to do it.
    const chases = rung.notify.every((who) => who === 'director' || who === 'unitLeader');
    const body = `${whose}「${label}」到期为 ${due}，${isLate ? (chases ? '已逾期，请督促尽快办理' : '已逾期，请尽快办理') : chases ? '即将到期，请督促按时办理' : '即将到期，请抓紧办理'}。`;
    const title = `${rung.label}：${clock.serialNo} ${clock.title}`;
    if (recipients.size > 0) {
      await tx.insert(notifications).values([...recipients].map((userId) => ({ userId, type: 'remind' as const, caseId: clock.caseId, assignmentId: clock.assignmentId, title, body, createdAt: now })));
    }
    await appendEvent(tx, {
      caseId: clock.caseId,
      at: now,
      ...SYSTEM_ACTOR,
      action: 'remind',
      comment: body,
      data: { clockId: clock.id, rule: rung.key, dueDate: due, ...(clock.unitId ? { assignmentId: clock.assignmentId, unitId: clock.unitId } : {}) },
    });
    sent += 1;
  }
  return sent;
};
