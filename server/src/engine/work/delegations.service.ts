/**
 * AB角: a user lets a colleague act for them over a date range (holidays, trips), and
 * 批量移交: the system administrator moves all open work of one user to another.
 * Both are recorded: delegations in the audit log, each moved case in its trail.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import { isAdminRole, type Role } from '../../../../common/access.js';
import type { CreateDelegationInput, Delegation, TransferWorkInput } from '../../../../common/schemas/cases.js';
import { cases, delegations, userRoles, users, workItems } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { appendEvent } from '../cases/trail.js';
import { userNames } from '../cases/cases.repository.js';

const loadPerson = async (db: Db, userId: string) => {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row || !row.isActive) return undefined;
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
  if (delegate.roles.some(isAdminRole)) throw validationError('不能委托给管理员账号');
  // A 联络员 acts for their unit only: their B角 must be in the same unit.
  if (actor.scope === 'unit' && delegate.unitId !== actor.unitId) throw validationError('联络员只能委托本单位的同事');
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

/** Moves every open case handled by one user to another, each with a trail event, in one transaction. */
export const transferOpenWork = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: TransferWorkInput; now: Date }) => {
  requirePermission(actor, 'work.transfer');
  if (input.fromUserId === input.toUserId) throw validationError('移交双方不能是同一人');
  const from = await db.select().from(users).where(eq(users.id, input.fromUserId)).then((rows) => rows[0]);
  const to = await loadPerson(db, input.toUserId);
  if (!from) throw notFound('移交人');
  if (!to) throw validationError('接收人不存在或已停用');
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ id: cases.id, version: cases.version })
      .from(cases)
      .where(and(eq(cases.handlerId, input.fromUserId), eq(cases.isClosed, false)))
      .for('update');
    for (const row of open) {
      await tx.update(cases).set({ handlerId: input.toUserId, version: row.version + 1, updatedAt: now }).where(eq(cases.id, row.id));
      await appendEvent(tx, {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorName: actor.displayName,
        action: 'transfer',
        comment: input.reason,
        data: { fromUserId: from.id, fromUserName: from.displayName, toUserId: to.id, toUserName: to.displayName },
      });
    }
    if (open.length > 0) {
      await tx
        .update(workItems)
        .set({ userId: input.toUserId })
        .where(and(eq(workItems.userId, input.fromUserId), inArray(workItems.caseId, open.map((row) => row.id))));
    }
    await writeAudit(tx, { actor }, {
      action: 'work.transfer',
      result: 'success',
      objectType: 'user',
      objectId: from.id,
      objectLabel: `${from.displayName} → ${to.displayName}`,
      details: { cases: open.length, reason: input.reason },
    });
    return { moved: open.length };
  });
};
