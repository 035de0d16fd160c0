/**
 * The reminder ladder on every open clock: each rung a kind declares (临期, 逾期, escalation) is sent
 * once per clock and due time — the clock_reminders insert is the gate — to the people it names,
 * with a 催办 trail event. Runs inside the sweep's transaction (one process at a time).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
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

export const sendLadderReminders = async (
  tx: Db,
  { now, today, calendar, dueSoonWorkdays }: { now: Date; today: string; calendar: Calendar; dueSoonWorkdays: number },
): Promise<number> => {
  const open = await tx
    .select({
      id: caseClocks.id,
      caseId: caseClocks.caseId,
      assignmentId: caseClocks.assignmentId,
      dueAt: caseClocks.dueAt,
      explanation: caseClocks.explanation,
      kind: cases.kind,
      serialNo: cases.serialNo,
      title: cases.title,
      handlerId: cases.handlerId,
      ownerUnitId: cases.ownerUnitId,
    })
    .from(caseClocks)
    .innerJoin(cases, eq(cases.id, caseClocks.caseId))
    .where(and(inArray(caseClocks.state, ['running', 'overdue']), isNotNull(caseClocks.dueAt), eq(cases.isClosed, false)));
  let sent = 0;
  for (const clock of open) {
    const ladder = getKind(clock.kind).reminderLadder ?? [];
    const due = dueDay(clock.dueAt)!;
    let assignment: { unitId: string; unitName: string; state: string } | undefined;
    if (clock.assignmentId) {
      [assignment] = await tx
        .select({ unitId: assignments.unitId, unitName: units.name, state: assignments.state })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(eq(assignments.id, clock.assignmentId));
      if (!assignment || (assignment.state !== 'pending' && assignment.state !== 'in_progress')) continue;
    }
    const applying = ladder.filter((rung) => rungApplies({ rung, due, today, calendar, dueSoonWorkdays }));
    // 临期 is for a clock not yet late: once a 逾期 rung applies, it is not sent any more.
    const isLate = today > due;
    for (const rung of applying.filter((item) => !(isLate && 'before' in item.when))) {
      const [fresh] = await tx.insert(clockReminders).values({ clockRowId: clock.id, rung: rung.key, dueAt: clock.dueAt!, sentAt: now }).onConflictDoNothing().returning();
      if (!fresh) continue;
      const recipients = new Set<string>();
      const add = (ids: readonly string[]) => ids.forEach((id) => recipients.add(id));
      for (const who of rung.notify as readonly ReminderRecipient[]) {
        if (who === 'handler' && clock.handlerId) recipients.add(clock.handlerId);
        if (who === 'liaisons' && assignment) add(await liaisonsOf(tx, assignment.unitId));
        // A case's own clock waits on its handler, not on a unit.
        if (who === 'liaisons' && !assignment && clock.handlerId) recipients.add(clock.handlerId);
        if (who === 'unitLeader') add(await usersWithRoles(tx, ['leader', 'director'], assignment?.unitId ?? clock.ownerUnitId));
        if (who === 'director') add(await usersWithRoles(tx, ['director']));
      }
      const label = String((clock.explanation as { label?: unknown }).label ?? '办理时限');
      const whose = assignment ? `${assignment.unitName} 的` : '';
      const body = `${whose}「${label}」到期为 ${due}，${isLate ? '已逾期，请尽快办理' : '即将到期，请抓紧办理'}。`;
      const title = `${rung.label}：${clock.serialNo} ${clock.title}`;
      if (recipients.size > 0) {
        await tx.insert(notifications).values([...recipients].map((userId) => ({ userId, type: 'remind' as const, caseId: clock.caseId, assignmentId: clock.assignmentId, title, body, createdAt: now })));
      }
      // Lock the case row: the trail append must not race a user's action on the same case.
      await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, clock.caseId)).for('update');
      await appendEvent(tx, {
        caseId: clock.caseId,
        at: now,
        ...SYSTEM_ACTOR,
        action: 'remind',
        comment: body,
        data: { clockId: clock.id, rule: rung.key, dueDate: due, ...(assignment ? { assignmentId: clock.assignmentId, unitId: assignment.unitId } : {}) },
      });
      sent += 1;
    }
  }
  return sent;
};
