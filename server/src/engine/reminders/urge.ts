/**
 * Manual 催办: the office sends a message to the units (or the handler) a case waits on. Each is
 * kept (case_urges) and counted — it is the 督办通知 of later modules — with its trail event and audit row.
 */
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { assignments, caseUrges, cases, notifications } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { forbidden, invalidState, notFound, validationError } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { caseVisibility, identitiesOf, seesAsUnit } from '../cases/access.js';
import { findVisibleCase, liaisonsOf } from '../cases/cases.repository.js';
import { appendEvent } from '../cases/trail.js';
import { getKind } from '../kinds/registry.js';

const openStates = ['pending', 'in_progress'] as const;

/** The office of a kind: whoever registers its cases, and the office director. */
export const canUrge = (actor: Actor, kindId: string): boolean => actor.roles.some((role) => role === 'director' || getKind(kindId).roles.create.includes(role));

export const urgeCase = async ({
  db,
  actor,
  caseId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  caseId: string;
  input: { message: string; assignmentId?: string | undefined };
  now: Date;
}): Promise<{ id: string; urgeCount: number; notified: number }> => {
  const message = input.message.trim();
  if (!message) throw validationError('请填写催办内容');
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const row = await findVisibleCase(db, identities, caseId);
  if (!row) throw notFound('事项');
  if (seesAsUnit(identities, row.kind) || !canUrge(actor, row.kind)) throw forbidden('只有办公室可以催办');
  if (row.isClosed) throw invalidState('事项已办结，无需催办');
  const open = await db
    .select({ id: assignments.id, unitId: assignments.unitId })
    .from(assignments)
    .where(and(eq(assignments.caseId, caseId), inArray(assignments.state, [...openStates])));
  const targets = input.assignmentId ? open.filter((item) => item.id === input.assignmentId) : open;
  if (input.assignmentId && targets.length === 0) throw invalidState('该交办单位已答复或不在办理中，无需催办');
  return db.transaction(async (tx) => {
    // Lock the case row: the trail append must not race an action on the same case.
    await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
    const [urge] = await tx
      .insert(caseUrges)
      .values({ caseId, assignmentId: input.assignmentId ?? null, message, urgedBy: actor.userId, urgedAt: now })
      .returning({ id: caseUrges.id });
    const recipients = new Set<string>();
    for (const target of targets) for (const userId of await liaisonsOf(tx, target.unitId)) recipients.add(userId);
    // Nothing assigned: the case waits on its handler.
    if (targets.length === 0 && row.handlerId && row.handlerId !== actor.userId) recipients.add(row.handlerId);
    const title = `催办：${row.serialNo} ${row.title}`;
    if (recipients.size > 0) {
      await tx.insert(notifications).values(
        [...recipients].map((userId) => ({ userId, type: 'remind' as const, caseId, assignmentId: input.assignmentId ?? null, title, body: message, createdAt: now })),
      );
    }
    await appendEvent(tx, {
      caseId,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'urge',
      comment: message,
      data: { urgeId: urge!.id, ...(targets.length === 1 ? { assignmentId: targets[0]!.id, unitId: targets[0]!.unitId } : {}), units: targets.map((item) => item.unitId) },
    });
    await writeAudit(tx, { actor }, { action: 'case.urge', result: 'success', objectType: 'case', objectId: caseId, objectLabel: row.serialNo, details: { assignmentId: input.assignmentId ?? null, recipients: recipients.size } });
    const [total] = await tx.select({ n: count() }).from(caseUrges).where(eq(caseUrges.caseId, caseId));
    return { id: urge!.id, urgeCount: Number(total?.n ?? 0), notified: recipients.size };
  });
};

/** 催办 sent on the cases the actor sees, in a span of days (Shanghai dates, `to` exclusive). */
export const countUrgesInScope = async ({ db, actor, from, to, now }: { db: Db; actor: Actor; from?: string | undefined; to?: string | undefined; now: Date }) => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const [total] = await db
    .select({ n: count(), cases: sql<number>`count(distinct ${caseUrges.caseId})::int` })
    .from(caseUrges)
    .innerJoin(cases, eq(cases.id, caseUrges.caseId))
    .where(
      and(
        caseVisibility(identities),
        from ? gte(caseUrges.urgedAt, new Date(`${from}T00:00:00+08:00`)) : undefined,
        to ? lt(caseUrges.urgedAt, new Date(`${to}T00:00:00+08:00`)) : undefined,
      ),
    );
  return { total: Number(total?.n ?? 0), cases: Number(total?.cases ?? 0) };
};
