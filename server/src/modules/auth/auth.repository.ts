/** Queries behind sign-in and sessions. */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Role } from '../../../../common/access.js';
import { alias } from 'drizzle-orm/pg-core';
import type { CurrentUser } from '../../../../common/schemas/auth.js';
import { delegations, passwordHistory, passwordResets, sessions, units, userRoles, users } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';

export type AccountRow = {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  passwordHash: string;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  isActive: boolean;
  roles: Role[];
};

const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  unitName: units.name,
  passwordHash: users.passwordHash,
  passwordChangedAt: users.passwordChangedAt,
  mustChangePassword: users.mustChangePassword,
  lockedUntil: users.lockedUntil,
  isActive: users.isActive,
};

const rolesOf = async (db: Db, userId: string): Promise<Role[]> =>
  (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map(
    (row) => row.role as Role,
  );

const findAccount = async (db: Db, where: ReturnType<typeof eq>): Promise<AccountRow | undefined> => {
  const [row] = await db.select(accountColumns).from(users).innerJoin(units, eq(units.id, users.unitId)).where(where);
  return row ? { ...row, roles: await rolesOf(db, row.id) } : undefined;
};

export const findAccountByUsername = (db: Db, username: string) => findAccount(db, eq(users.username, username));
export const findAccountById = (db: Db, userId: string) => findAccount(db, eq(users.id, userId));

/**
 * Counts a failed password, atomically: the row lock makes concurrent failures
 * from several server processes each count once. A lock that has run out starts a new count.
 */
export const recordFailedLogin = async (
  db: Db,
  { userId, now, threshold, lockMinutes }: { userId: string; now: Date; threshold: number; lockMinutes: number },
): Promise<{ failedLogins: number; lockedUntil: Date | null }> => {
  const lockExpired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now})`;
  const nextCount = sql`case when ${lockExpired} then 1 else ${users.failedLogins} + 1 end`;
  const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
  const [row] = await db
    .update(users)
    .set({
      failedLogins: nextCount,
      lockedUntil: sql`case when ${nextCount} >= ${threshold} then ${lockUntil}::timestamptz
        when ${lockExpired} then null else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
  return row ?? { failedLogins: 0, lockedUntil: null };
};

/** Clears the failure count, unless another process locked the account in the meantime (then: false). */
export const recordSuccessfulLogin = async (db: Db, { userId, now }: { userId: string; now: Date }) => {
  const rows = await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
    .where(and(eq(users.id, userId), or(sql`${users.lockedUntil} is null`, lt(users.lockedUntil, now))))
    .returning({ id: users.id });
  return rows.length === 1;
};

export const insertSession = (
  db: Db,
  values: { tokenHash: string; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
) =>
  db.insert(sessions).values({
    tokenHash: values.tokenHash,
    userId: values.userId,
    createdAt: values.now,
    lastSeenAt: values.now,
    expiresAt: values.expiresAt,
    ip: values.ip,
    userAgent: values.userAgent,
  });

/**
 * The session and its account with unit and roles, in one round trip: every signed-in request
 * starts here, so it is one query rather than three.
 */
export const findSessionWithAccount = async (db: Db, tokenHash: string, today: string) => {
  const [row] = await db
    .select({
      session: sessions,
      ...accountColumns,
      roles: sql<Role[]>`coalesce(array_agg(${userRoles.role}) filter (where ${userRoles.role} is not null), '{}')`,
      // Whether anyone delegated to this user for today or later (AB角): when not, the request's queries skip delegations.
      hasDelegations: sql<boolean>`exists (select 1 from ${delegations} where ${delegations.toUserId} = ${users.id} and not ${delegations.isRevoked} and ${delegations.endDate} >= ${today})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(sessions.tokenHash, tokenHash))
    .groupBy(sessions.tokenHash, users.id, units.id);
  if (!row) return undefined;
  const { session, roles, hasDelegations, ...account } = row;
  return { session, hasDelegations, account: { ...account, roles: [...roles] } as AccountRow };
};

export const deleteSession = (db: Db, tokenHash: string) => db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));

export const touchSession = (db: Db, tokenHash: string, now: Date) =>
  db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));

/** Ends every session of a user but one (after a password change) or all of them (account disabled or reset). */
export const deleteSessionsOfUser = (db: Db, userId: string, keepTokenHash?: string) =>
  db
    .delete(sessions)
    .where(
      keepTokenHash
        ? and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keepTokenHash}`)
        : eq(sessions.userId, userId),
    );

export const deleteExpiredSessions = (db: Db, { now, idleCutoff }: { now: Date; idleCutoff: Date }) =>
  db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));

export const recentPasswordHashes = async (db: Db, userId: string, limit: number): Promise<string[]> =>
  (
    await db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, userId))
      .orderBy(desc(passwordHistory.id))
      .limit(limit)
  ).map((row) => row.hash);

/** Records a password the account chose and forgets all but the last `keep`: no more old hashes are kept than needed. */
export const rememberPassword = async (
  db: Db,
  { userId, passwordHash, now, keep }: { userId: string; passwordHash: string; now: Date; keep: number },
) => {
  await db.insert(passwordHistory).values({ userId, passwordHash, createdAt: now });
  const kept = db
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.id))
    .limit(keep);
  await db
    .delete(passwordHistory)
    .where(and(eq(passwordHistory.userId, userId), sql`${passwordHistory.id} not in (${kept})`));
};

const requester = alias(users, 'requester');
const approver = alias(users, 'approver');

/** The notice for a user still on a reset password: when, via which path, and who asked and approved. */
export const passwordResetNotice = async (db: Db, userId: string): Promise<CurrentUser['passwordReset']> => {
  const [row] = await db
    .select({ at: passwordResets.decidedAt, via: passwordResets.via, requestedByName: requester.displayName, approvedByName: approver.displayName })
    .from(passwordResets)
    .leftJoin(requester, eq(requester.id, passwordResets.requestedBy))
    .leftJoin(approver, eq(approver.id, passwordResets.decidedBy))
    .where(and(eq(passwordResets.userId, userId), eq(passwordResets.status, 'approved')))
    .orderBy(desc(passwordResets.decidedAt))
    .limit(1);
  if (!row?.at) return null;
  return { at: row.at.toISOString(), via: row.via, requestedByName: row.requestedByName, approvedByName: row.approvedByName };
};

/** The user chose a new password: the reset is done, and its notice no longer shows. */
export const completePasswordResets = (db: Db, userId: string, now: Date) =>
  db
    .update(passwordResets)
    .set({ status: 'completed', completedAt: now })
    .where(and(eq(passwordResets.userId, userId), eq(passwordResets.status, 'approved')));
