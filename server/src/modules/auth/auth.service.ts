/** Use cases of signing in and out, sessions, and changing one's own password. */
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { permissionsOf, scopeOf } from '../../../../common/access.js';
import type { ChangePasswordInput, CurrentUser, LoginInput } from '../../../../common/schemas/auth.js';
import type { SecurityPolicy } from '../../../../common/schemas/security.js';
import { users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, unauthenticated, validationError } from '../../platform/errors.js';
import { checkPasswordPolicy, decoyPasswordHash, hashPassword, verifyPassword } from '../../platform/password.js';
import { getSecurityPolicy } from '../security/security.service.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import * as repo from './auth.repository.js';

/** How many of an account's own last passwords a change may not reuse (等保: password history). */
export const PASSWORD_HISTORY_SIZE = 5;

/** The current password and the last ones chosen, compared with scrypt (the hashes are salted, so one by one). */
const isRecentPassword = async (db: Db, userId: string, currentHash: string, candidate: string): Promise<boolean> => {
  const hashes = [currentHash, ...(await repo.recentPasswordHashes(db, userId, PASSWORD_HISTORY_SIZE))];
  for (const hash of new Set(hashes)) if (await verifyPassword(candidate, hash)) return true;
  return false;
};

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

type RequestInfo = { ip: string | null; userAgent: string | null };

const passwordExpiresAt = (account: { passwordChangedAt: Date }, policy: SecurityPolicy): Date | null =>
  policy.maxAgeDays > 0 ? new Date(account.passwordChangedAt.getTime() + policy.maxAgeDays * 86_400_000) : null;

const mustChange = (account: repo.AccountRow, policy: SecurityPolicy, now: Date): boolean => {
  const expiresAt = passwordExpiresAt(account, policy);
  return account.mustChangePassword || (expiresAt !== null && expiresAt <= now);
};

const toCurrentUser = async (db: Db, account: repo.AccountRow, policy: SecurityPolicy, now: Date): Promise<CurrentUser> => ({
  id: account.id,
  username: account.username,
  displayName: account.displayName,
  unitId: account.unitId,
  unitName: account.unitName,
  roles: account.roles,
  permissions: permissionsOf(account.roles),
  scope: scopeOf(account.roles),
  mustChangePassword: mustChange(account, policy, now),
  passwordExpiresAt: passwordExpiresAt(account, policy)?.toISOString() ?? null,
  // Only a reset account must change its password, so only then is the notice looked up.
  passwordReset: account.mustChangePassword ? await repo.passwordResetNotice(db, account.id) : null,
});

const loginFailed = () => new AppError('LOGIN_FAILED', '用户名或密码错误');
const accountLocked = (until: Date, now: Date) =>
  new AppError(
    'ACCOUNT_LOCKED',
    `登录失败次数过多，账号已锁定，请 ${Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))} 分钟后再试或联系系统管理员解锁`,
  );

/**
 * Signs in: checks the lock before the password (a locked account is refused even with
 * the right password), counts failures in the database so the lock holds across
 * processes, and opens a new session with a fresh id.
 */
export const login = async ({
  db,
  input,
  now,
  request,
  previousToken,
}: {
  db: Db;
  input: LoginInput;
  now: Date;
  request: RequestInfo;
  previousToken?: string | undefined;
}): Promise<{ token: string; user: CurrentUser }> => {
  const policy = await getSecurityPolicy({ db });
  const account = await repo.findAccountByUsername(db, input.username);
  const anonymous = { actorId: account?.id ?? null, actorName: input.username.slice(0, 64), ip: request.ip };
  const fail = async (reason: string, error: AppError) => {
    await writeAudit(db, anonymous, { action: 'auth.login', result: 'failure', details: { reason } });
    throw error;
  };

  if (!account) {
    await verifyPassword(input.password, await decoyPasswordHash());
    return fail('unknown_user', loginFailed());
  }
  if (!account.isActive) return fail('disabled', loginFailed());
  if (account.lockedUntil && account.lockedUntil > now) return fail('locked', accountLocked(account.lockedUntil, now));

  if (!(await verifyPassword(input.password, account.passwordHash))) {
    const counted = await db.transaction(async (tx) => {
      const result = await repo.recordFailedLogin(tx, {
        userId: account.id,
        now,
        threshold: policy.lockoutThreshold,
        lockMinutes: policy.lockoutMinutes,
      });
      await writeAudit(tx, anonymous, {
        action: 'auth.login',
        result: 'failure',
        details: { reason: 'bad_password', failedLogins: result.failedLogins },
      });
      const isNowLocked = result.lockedUntil !== null && result.lockedUntil > now && result.failedLogins === policy.lockoutThreshold;
      if (isNowLocked) {
        await writeAudit(tx, anonymous, {
          action: 'auth.lockout',
          result: 'success',
          objectType: 'user',
          objectId: account.id,
          objectLabel: account.username,
          details: { until: result.lockedUntil?.toISOString(), failedLogins: result.failedLogins },
        });
      }
      return result;
    });
    if (counted.lockedUntil && counted.lockedUntil > now) throw accountLocked(counted.lockedUntil, now);
    throw loginFailed();
  }

  const token = randomBytes(32).toString('base64url');
  const isOpened = await db.transaction(async (tx) => {
    if (!(await repo.recordSuccessfulLogin(tx, { userId: account.id, now }))) return false;
    if (previousToken) await repo.deleteSession(tx, hashToken(previousToken));
    await repo.deleteExpiredSessions(tx, {
      now,
      idleCutoff: new Date(now.getTime() - policy.idleTimeoutMinutes * 60_000),
    });
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: account.id,
      now,
      expiresAt: new Date(now.getTime() + policy.absoluteTimeoutHours * 3_600_000),
      ip: request.ip,
      userAgent: request.userAgent?.slice(0, 300) ?? null,
    });
    await writeAudit(tx, { actorId: account.id, actorName: account.username, ip: request.ip }, {
      action: 'auth.login',
      result: 'success',
    });
    return true;
  });
  // Another process locked the account between our check and our write.
  if (!isOpened) return fail('locked', accountLocked(new Date(now.getTime() + 60_000), now));
  return { token, user: await toCurrentUser(db, account, policy, now) };
};

export type SessionContext = { actor: Actor; user: CurrentUser; tokenHash: string };

/** Resolves a cookie token to its actor, ending the session when it is idle too long or too old. */
export const authenticateSession = async ({
  db,
  token,
  now,
  ip,
}: {
  db: Db;
  token: string;
  now: Date;
  ip: string | null;
}): Promise<SessionContext> => {
  const tokenHash = hashToken(token);
  const found = await repo.findSessionWithAccount(db, tokenHash, todayInShanghai(now));
  if (!found) throw unauthenticated('登录已失效，请重新登录');
  const { session, account, hasDelegations } = found;
  const policy = await getSecurityPolicy({ db });
  const idleLimit = session.lastSeenAt.getTime() + policy.idleTimeoutMinutes * 60_000;
  const absoluteLimit = Math.min(
    session.expiresAt.getTime(),
    session.createdAt.getTime() + policy.absoluteTimeoutHours * 3_600_000,
  );
  if (now.getTime() >= idleLimit || now.getTime() >= absoluteLimit) {
    await repo.deleteSession(db, tokenHash);
    throw unauthenticated(now.getTime() >= absoluteLimit ? '登录时间已满，请重新登录' : '长时间未操作，请重新登录');
  }
  if (!account.isActive) {
    await repo.deleteSession(db, tokenHash);
    throw unauthenticated('账号已停用，请联系系统管理员');
  }
  // Writing last-seen on every request would double the writes; a minute of slack is harmless against a 30-minute limit.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, tokenHash, now);
  const user = await toCurrentUser(db, account, policy, now);
  const actor: Actor = {
    userId: account.id,
    username: account.username,
    displayName: account.displayName,
    unitId: account.unitId,
    roles: account.roles,
    permissions: new Set(user.permissions),
    scope: user.scope,
    ip,
    hasDelegations,
  };
  return { actor, user, tokenHash };
};

export const logout = async ({ db, session }: { db: Db; session: SessionContext }): Promise<void> => {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, session.tokenHash);
    await writeAudit(tx, { actor: session.actor }, { action: 'auth.logout', result: 'success' });
  });
};

export const changeOwnPassword = async ({
  db,
  session,
  input,
  now,
}: {
  db: Db;
  session: SessionContext;
  input: ChangePasswordInput;
  now: Date;
}): Promise<void> => {
  const { actor } = session;
  const account = await repo.findAccountById(db, actor.userId);
  if (!account) throw unauthenticated();
  if (!(await verifyPassword(input.currentPassword, account.passwordHash))) {
    await writeAudit(db, { actor }, { action: 'auth.password_change', result: 'failure', details: { reason: 'bad_current' } });
    throw validationError('原密码不正确');
  }
  const policy = await getSecurityPolicy({ db });
  const problems = checkPasswordPolicy(input.newPassword, policy, { username: account.username });
  if (input.newPassword === input.currentPassword) problems.push('新密码不能与原密码相同');
  else if (await isRecentPassword(db, actor.userId, account.passwordHash, input.newPassword)) {
    problems.push(`新密码不能与最近 ${PASSWORD_HISTORY_SIZE} 次使用过的密码相同`);
  }
  if (problems.length > 0) throw validationError(problems.join('；'), { problems });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, mustChangePassword: false, version: sql`${users.version} + 1`, updatedAt: now })
      .where(eq(users.id, actor.userId));
    await repo.rememberPassword(tx, { userId: actor.userId, passwordHash, now, keep: PASSWORD_HISTORY_SIZE });
    await repo.completePasswordResets(tx, actor.userId, now);
    await repo.deleteSessionsOfUser(tx, actor.userId, session.tokenHash);
    await writeAudit(tx, { actor }, { action: 'auth.password_change', result: 'success', objectType: 'user', objectId: actor.userId, objectLabel: actor.username });
  });
};
