/**
 * Password resets under the two-person rule (docs/SECURITY.md): the 系统管理员 asks and is shown the
 * first half of a temporary password; the 安全管理员 approves and is shown the second half. Only the
 * two halves together, typed by the user, sign in, and the user must then choose a new password.
 */
import { randomInt } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PasswordResetHalf, PasswordResetRequest, RequestPasswordResetInput } from '../../../../common/schemas/org.js';
import { passwordResets, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, invalidState, notFound } from '../../platform/errors.js';
import { checkPasswordPolicy, hashPassword } from '../../platform/password.js';
import { requirePermission } from '../../platform/scope.js';
import { deleteSessionsOfUser } from '../auth/auth.repository.js';
import { getSecurityPolicy } from '../security/security.service.js';
import { whyCannotManageAccount } from './account-rules.js';
import { findUserInScope } from './users.repository.js';

/** A request not approved within this time lapses, and its half is forgotten. */
const PENDING_LIMIT_MS = 72 * 3_600_000;

// No look-alikes (0/O, 1/l/I): the halves are read out and typed by hand.
const classes = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=?@'];

const randomHalf = (length: number): string => {
  const chars = classes.map((set) => set[randomInt(set.length)]!);
  const all = classes.join('');
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
};

/** One half: every class in each half, long enough that both together meet the policy's length. */
const makeHalf = async (db: Db): Promise<string> => {
  const policy = await getSecurityPolicy({ db });
  return randomHalf(Math.max(8, Math.ceil(policy.minLength / 2)));
};

const requester = alias(users, 'requester');

const selectRequests = (db: Db) =>
  db
    .select({
      id: passwordResets.id,
      userId: passwordResets.userId,
      username: users.username,
      displayName: users.displayName,
      reason: passwordResets.reason,
      requestedByName: requester.displayName,
      requestedAt: passwordResets.requestedAt,
      status: passwordResets.status,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .leftJoin(requester, eq(requester.id, passwordResets.requestedBy));

const present = (row: Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number]): PasswordResetRequest => ({
  ...row,
  requestedAt: row.requestedAt.toISOString(),
});

const loadRequest = async (db: Db, id: string): Promise<PasswordResetRequest> => {
  const [row] = await selectRequests(db).where(eq(passwordResets.id, id));
  if (!row) throw notFound('重置申请');
  return present(row);
};

/** 发起重置: records who asks, for whom, when and why; the answer holds the first half only. */
export const requestPasswordReset = async ({
  db, actor, userId, input, now,
}: { db: Db; actor: Actor; userId: string; input: RequestPasswordResetInput; now: Date }): Promise<PasswordResetHalf> => {
  requirePermission(actor, 'user.reset_request');
  const target = await findUserInScope(db, actor, userId);
  if (!target) throw notFound('用户');
  if (target.id === actor.userId) throw forbidden('不能重置自己的密码，请到个人设置修改');
  const problem = whyCannotManageAccount(actor, target);
  if (problem) throw forbidden(problem);
  const half = await makeHalf(db);
  const id = await db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: passwordResets.id })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, userId), eq(passwordResets.status, 'pending')));
    if (pending) throw conflict('该用户已有待批准的重置申请');
    const [row] = await tx
      .insert(passwordResets)
      .values({ userId, via: 'approval', status: 'pending', reason: input.reason, requestedBy: actor.userId, requestedAt: now, requesterHalf: half })
      .returning({ id: passwordResets.id });
    await writeAudit(tx, { actor }, {
      action: 'user.password_reset_request',
      result: 'success',
      objectType: 'user',
      objectId: userId,
      objectLabel: target.username,
      details: { requestId: row!.id, reason: input.reason },
    });
    return row!.id;
  });
  return { request: await loadRequest(db, id), half };
};

export const listPendingResets = async ({ db, actor }: { db: Db; actor: Actor }): Promise<PasswordResetRequest[]> => {
  requirePermission(actor, 'user.reset_approve');
  const rows = await selectRequests(db).where(eq(passwordResets.status, 'pending')).orderBy(desc(passwordResets.requestedAt));
  return rows.map(present);
};

/**
 * 批准: the temporary password (first half + second half) replaces the user's, sessions end, a change is
 * forced; the answer holds the second half only. A request older than 72 hours lapses instead.
 */
export const approvePasswordReset = async ({
  db, actor, requestId, now,
}: { db: Db; actor: Actor; requestId: string; now: Date }): Promise<PasswordResetHalf> => {
  requirePermission(actor, 'user.reset_approve');
  const half = await makeHalf(db);
  const outcome = await db.transaction(async (tx) => {
    const [request] = await tx.select().from(passwordResets).where(eq(passwordResets.id, requestId)).for('update');
    if (!request) throw notFound('重置申请');
    if (request.status !== 'pending' || !request.requesterHalf) throw invalidState('该申请已处理');
    if (request.requestedBy === actor.userId) throw forbidden('不能批准自己发起的申请');
    const [target] = await tx.select({ username: users.username }).from(users).where(eq(users.id, request.userId));
    const audit = { objectType: 'user', objectId: request.userId, objectLabel: target?.username ?? request.userId };
    if (now.getTime() - request.requestedAt.getTime() > PENDING_LIMIT_MS) {
      await tx.update(passwordResets).set({ status: 'expired', requesterHalf: null, decidedAt: now }).where(eq(passwordResets.id, requestId));
      await writeAudit(tx, { actor }, { action: 'user.password_reset_expire', result: 'failure', ...audit, details: { requestId } });
      return 'expired' as const;
    }
    const temporary = `${request.requesterHalf}${half}`;
    const problems = checkPasswordPolicy(temporary, await getSecurityPolicy({ db: tx }), { username: target?.username ?? '' });
    if (problems.length > 0) throw invalidState('生成的临时密码不符合安全策略，请重试');
    const passwordHash = await hashPassword(temporary);
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, mustChangePassword: true, failedLogins: 0, version: sql`${users.version} + 1`, updatedAt: now })
      .where(eq(users.id, request.userId));
    await deleteSessionsOfUser(tx, request.userId);
    await tx
      .update(passwordResets)
      .set({ status: 'approved', requesterHalf: null, decidedBy: actor.userId, decidedAt: now })
      .where(eq(passwordResets.id, requestId));
    await writeAudit(tx, { actor }, { action: 'user.password_reset_approve', result: 'success', ...audit, details: { requestId, requestedBy: request.requestedBy } });
    return 'approved' as const;
  });
  if (outcome === 'expired') throw invalidState('申请已超过 72 小时未批准，已失效，请系统管理员重新发起');
  return { request: await loadRequest(db, requestId), half };
};

export const rejectPasswordReset = async ({
  db, actor, requestId, now,
}: { db: Db; actor: Actor; requestId: string; now: Date }): Promise<PasswordResetRequest> => {
  requirePermission(actor, 'user.reset_approve');
  await db.transaction(async (tx) => {
    const [request] = await tx.select().from(passwordResets).where(eq(passwordResets.id, requestId)).for('update');
    if (!request) throw notFound('重置申请');
    if (request.status !== 'pending') throw invalidState('该申请已处理');
    await tx
      .update(passwordResets)
      .set({ status: 'rejected', requesterHalf: null, decidedBy: actor.userId, decidedAt: now })
      .where(eq(passwordResets.id, requestId));
    await writeAudit(tx, { actor }, {
      action: 'user.password_reset_reject', result: 'success', objectType: 'user', objectId: request.userId, details: { requestId },
    });
  });
  return loadRequest(db, requestId);
};
