/**
 * AB角: a user lets a colleague act for them over a date range (holidays, trips), and
 * 批量移交: the system administrator moves all open work of one user to another.
 * Both are recorded: delegations in the audit log, each moved case in its trail.
 */
import { and, asc, eq, gte, inArray, ne, or } from 'drizzle-orm';
import { isAdminRole, type Role } from '../../../../common/access.js';
import type { CreateDelegationInput, Delegation, TransferWorkInput } from '../../../../common/schemas/cases.js';
import { cases, delegations, userRoles, users, workItems } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { canHoldWorkOf, whyCannotHoldWorkOf } from '../cases/access.js';
import { appendEvent } from '../cases/trail.js';
import { userNames } from '../cases/cases.repository.js';

const loadPerson = async (db: Db, userId: string, { evenInactive = false } = {}) => {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row || (!row.isActive && !evenInactive)) return undefined;
  const grants = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return { ...row, roles: grants.map((grant) => grant.role as Role) };
};

const present = (row: typeof delegations.$inferSelect, names: Map<string, string>): Delegation => ({
  id: row.id,
  fromUserId: row.fromUserId,
  fromUserName: names.get(row.fromUserId) ?? '',
  toUserId: row.toUserId,
  toUserName: names.get(row.toUserId) ?? '',
  startDate: row.startDate,
  endDate: row.endDate,
  note: row.note,
  isRevoked: row.isRevoked,
  version: row.version,
});

/** Delegations the user gave or received. */
export const listDelegations = async ({ db, actor }: { db: Db; actor: Actor }): Promise<Delegation[]> => {
  const rows = await db
    .select()
    .from(delegations)
    .where(or(eq(delegations.fromUserId, actor.userId), eq(delegations.toUserId, actor.userId)));
  const names = await userNames(db, [...new Set(rows.flatMap((row) => [row.fromUserId, row.toUserId]))]);
  return rows.map((row) => present(row, names)).sort((a, b) => b.startDate.localeCompare(a.startDate));
};

export const createDelegation = async ({ db, actor, input }: { db: Db; actor: Actor; input: CreateDelegationInput }): Promise<Delegation> => {
  if (actor.roles.some(isAdminRole)) throw forbidden('管理员账号不能设置 AB角');
  if (input.toUserId === actor.userId) throw validationError('不能委托给自己');
  const delegate = await loadPerson(db, input.toUserId);
  if (!delegate) throw validationError('被委托人不存在或已停用');
  const problem = whyCannotHoldWorkOf(actor, delegate);
  if (problem) throw validationError(`不能委托给${delegate.displayName}：${problem}`);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(delegations)
      .values({ fromUserId: actor.userId, toUserId: input.toUserId, startDate: input.startDate, endDate: input.endDate, note: input.note ?? null })
      .returning();
    await writeAudit(tx, { actor }, {
      action: 'delegation.create',
      result: 'success',
      objectType: 'delegation',
      objectId: row!.id,
      objectLabel: `${actor.displayName} → ${delegate.displayName}`,
      details: { startDate: input.startDate, endDate: input.endDate },
    });
    return present(row!, new Map([[actor.userId, actor.displayName], [delegate.id, delegate.displayName]]));
  });
};

export const revokeDelegation = async ({ db, actor, delegationId, version }: { db: Db; actor: Actor; delegationId: string; version: number }) => {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(delegations).where(and(eq(delegations.id, delegationId), eq(delegations.fromUserId, actor.userId)));
    if (!row) throw notFound('委托');
    const updated = await tx
      .update(delegations)
      .set({ isRevoked: true, version: version + 1 })
      .where(and(eq(delegations.id, delegationId), eq(delegations.version, version)))
      .returning({ id: delegations.id });
    if (updated.length === 0) throw conflict();
    await writeAudit(tx, { actor }, { action: 'delegation.revoke', result: 'success', objectType: 'delegation', objectId: delegationId });
  });
};

/**
 * Hands open cases from one person to another inside the caller's transaction: the handler and the
 * person's 待办 on those cases move, and each case's trail records the 移交. Shared by 批量移交 and by
 * a 联络员 leaving their unit; the caller has checked the receiver with whyCannotHoldWorkOf.
 */
export const handOverCases = async (
  tx: Db,
  { actor, from, to, caseIds, reason, now }: { actor: Actor; from: { id: string; displayName: string }; to: { id: string; displayName: string }; caseIds?: readonly string[]; reason: string; now: Date },
): Promise<string[]> => {
  const open = await tx
    .select({ id: cases.id, version: cases.version })
    .from(cases)
    .where(and(eq(cases.handlerId, from.id), eq(cases.isClosed, false), caseIds ? inArray(cases.id, [...caseIds]) : undefined))
    .for('update');
  for (const row of open) {
    await tx.update(cases).set({ handlerId: to.id, version: row.version + 1, updatedAt: now }).where(eq(cases.id, row.id));
    await appendEvent(tx, {
      caseId: row.id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'transfer',
      comment: reason,
      data: { fromUserId: from.id, fromUserName: from.displayName, toUserId: to.id, toUserName: to.displayName },
    });
  }
  if (open.length > 0) {
    await tx
      .update(workItems)
      .set({ userId: to.id })
      .where(and(eq(workItems.userId, from.id), inArray(workItems.caseId, open.map((row) => row.id))));
  }
  return open.map((row) => row.id);
};

/** Moves every open case handled by one user to another, each with a trail event, in one transaction. */
export const transferOpenWork = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: TransferWorkInput; now: Date }) => {
  requirePermission(actor, 'work.transfer');
  if (input.fromUserId === input.toUserId) throw validationError('移交双方不能是同一人');
  const from = await loadPerson(db, input.fromUserId, { evenInactive: true });
  const to = await loadPerson(db, input.toUserId);
  if (!from) throw notFound('移交人');
  if (!to) throw validationError('接收人不存在或已停用');
  // The receiver must be someone who could hold this work themself: never an administrator, never
  // a 联络员 for office work, never another unit's 联络员 for a unit's work.
  const problem = whyCannotHoldWorkOf(from, to);
  if (problem) throw validationError(`不能移交给${to.displayName}：${problem}`);
  return db.transaction(async (tx) => {
    const moved = await handOverCases(tx, { actor, from, to, reason: input.reason, now });
    await writeAudit(tx, { actor }, {
      action: 'work.transfer',
      result: 'success',
      objectType: 'user',
      objectId: from.id,
      objectLabel: `${from.displayName} → ${to.displayName}`,
      details: { cases: moved.length, reason: input.reason },
    });
    return { moved: moved.length };
  });
};

/**
 * A person moved to another unit (系统管理员 edits the account) keeps only the work they could still hold
 * there. A 联络员 acts for their unit, so what they hold for the old unit stays with the old unit: as in a
 * real office's 交接, their open cases go to the unit's other 联络员 (recorded in each trail), and AB角
 * delegations that the move makes impossible are revoked (audited). With no other 联络员 to hand to, the
 * move is refused: the documents must not be left with nobody, so a successor is appointed first (or the
 * work is moved by 批量移交). Office staff moving between sections keep their work: it is the office's.
 */
export const releaseWorkOnUnitChange = async (
  tx: Db,
  { actor, person, newUnitId, now }: { actor: Actor; person: { id: string; displayName: string; unitId: string; roles: readonly Role[] }; newUnitId: string; now: Date },
): Promise<{ handedOverTo?: string; cases: number; revokedDelegations: number }> => {
  const moved = { unitId: newUnitId, roles: person.roles };
  let handedOverTo: string | undefined;
  let caseCount = 0;
  if (!canHoldWorkOf(person, moved)) {
    const open = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.handlerId, person.id), eq(cases.isClosed, false)));
    if (open.length > 0) {
      const colleagues = await tx
        .select({ id: users.id, displayName: users.displayName, unitId: users.unitId })
        .from(users)
        .where(and(eq(users.unitId, person.unitId), eq(users.isActive, true), ne(users.id, person.id)))
        .orderBy(asc(users.username));
      const grants = await rolesOf(tx, colleagues.map((colleague) => colleague.id));
      const successor = colleagues.find((colleague) => canHoldWorkOf(person, { unitId: colleague.unitId, roles: grants.get(colleague.id) ?? [] }));
      if (!successor) {
        throw validationError(`${person.displayName}在原单位还有 ${open.length} 件在办事项，原单位没有其他在职联络员可以接收；请先为原单位设置联络员，或先批量移交这些工作，再调整所属单位`);
      }
      await handOverCases(tx, { actor, from: person, to: successor, reason: '联络员调离原单位，在办事项交回原单位', now });
      handedOverTo = successor.displayName;
      caseCount = open.length;
    }
  }
  const today = todayInShanghai(now);
  const active = await tx
    .select()
    .from(delegations)
    .where(and(or(eq(delegations.fromUserId, person.id), eq(delegations.toUserId, person.id)), eq(delegations.isRevoked, false), gte(delegations.endDate, today)));
  const otherIds = [...new Set(active.flatMap((row) => [row.fromUserId, row.toUserId]))].filter((id) => id !== person.id);
  const others = otherIds.length > 0 ? await tx.select({ id: users.id, unitId: users.unitId }).from(users).where(inArray(users.id, otherIds)) : [];
  const otherRoles = await rolesOf(tx, others.map((other) => other.id));
  const profileOf = (userId: string) =>
    userId === person.id ? moved : { unitId: others.find((other) => other.id === userId)?.unitId ?? '', roles: otherRoles.get(userId) ?? [] };
  let revoked = 0;
  for (const row of active) {
    if (canHoldWorkOf(profileOf(row.fromUserId), profileOf(row.toUserId))) continue;
    await tx.update(delegations).set({ isRevoked: true, version: row.version + 1 }).where(eq(delegations.id, row.id));
    await writeAudit(tx, { actor }, {
      action: 'delegation.revoke',
      result: 'success',
      objectType: 'delegation',
      objectId: row.id,
      details: { reason: '调整所属单位后不再符合 AB角 条件', userId: person.id },
    });
    revoked += 1;
  }
  return { ...(handedOverTo ? { handedOverTo } : {}), cases: caseCount, revokedDelegations: revoked };
};

const rolesOf = async (db: Db, userIds: readonly string[]): Promise<Map<string, Role[]>> => {
  const result = new Map<string, Role[]>();
  if (userIds.length === 0) return result;
  const grants = await db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(inArray(userRoles.userId, [...userIds]));
  for (const grant of grants) result.set(grant.userId, [...(result.get(grant.userId) ?? []), grant.role as Role]);
  return result;
};
