/** Use cases of user accounts (系统管理员) and role grants (安全管理员). */
import { and, eq, sql } from 'drizzle-orm';
import { isAdminRole, roles as roleDefinitions, type Role } from '../../../../common/access.js';
import type {
  CreateUserInput,
  SetRolesInput,
  UpdateUserInput,
  User,
  UserPage,
  UserQuery,
} from '../../../../common/schemas/org.js';
import { units, userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { checkPasswordPolicy, hashPassword } from '../../platform/password.js';
import { requirePermission } from '../../platform/scope.js';
import { releaseWorkOnUnitChange } from '../../engine/work/delegations.service.js';
import { deleteSessionsOfUser } from '../auth/auth.repository.js';
import { getSecurityPolicy } from '../security/security.service.js';
import { adminAccountRefusal, whyCannotManageAccount } from './account-rules.js';
import { findUserInScope, presentUser, searchUsers, type UserRow } from './users.repository.js';

/** A manual lock lasts until an administrator unlocks it. */
const MANUAL_LOCK_UNTIL = new Date('9999-12-31T00:00:00Z');

export const listUsers = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: UserQuery; now: Date }): Promise<UserPage> => {
  requirePermission(actor, 'user.read');
  const page = await searchUsers(db, actor, query);
  return { items: page.items.map((row) => presentUser(row, actor, now)), total: page.total };
};

/**
 * One account as the admin list shows it (roles, lock state, last login): the same permission as the list, user.read,
 * except for one's own. With org.read alone any business role read any account in its scope this way, the 三员's too.
 */
export const getUser = async ({ db, actor, userId, now }: { db: Db; actor: Actor; userId: string; now: Date }): Promise<User> => {
  requirePermission(actor, userId === actor.userId ? 'org.read' : 'user.read');
  const row = await findUserInScope(db, actor, userId);
  if (!row) throw notFound('用户');
  return presentUser(row, actor, now);
};

const assertPasswordAcceptable = async (db: Db, password: string, username: string) => {
  const problems = checkPasswordPolicy(password, await getSecurityPolicy({ db }), { username });
  if (problems.length > 0) throw validationError(problems.join('；'), { problems });
};

const assertUnitUsable = async (db: Db, unitId: string) => {
  const [unit] = await db.select({ isActive: units.isActive }).from(units).where(eq(units.id, unitId));
  if (!unit) throw validationError('所属单位不存在');
  if (!unit.isActive) throw validationError('所属单位已停用');
};

export const createUser = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: CreateUserInput; now: Date }): Promise<User> => {
  requirePermission(actor, 'user.manage');
  await assertPasswordAcceptable(db, input.initialPassword, input.username);
  const passwordHash = await hashPassword(input.initialPassword);
  const userId = await db.transaction(async (tx) => {
    await assertUnitUsable(tx, input.unitId);
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (clash) throw conflict(`用户名 ${input.username} 已存在`);
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        title: input.title ?? null,
        unitId: input.unitId,
        phone: input.phone ?? null,
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true, // an initial password is known to the administrator: the owner must replace it
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned no row');
    await writeAudit(tx, { actor }, {
      action: 'user.create',
      result: 'success',
      objectType: 'user',
      objectId: row.id,
      objectLabel: input.username,
      details: { displayName: input.displayName, unitId: input.unitId },
    });
    return row.id;
  });
  return getUserAfterChange(db, actor, userId, now);
};

const getUserAfterChange = async (db: Db, actor: Actor, userId: string, now: Date): Promise<User> => {
  const row = await findUserInScope(db, actor, userId);
  if (!row) throw notFound('用户');
  return presentUser(row, actor, now);
};

/**
 * The shared shape of every account change: load, refuse a stale version, refuse
 * touching another administrator's account, update, audit — in one transaction.
 */
const changeAccount = async ({
  db,
  actor,
  userId,
  version,
  now,
  action,
  apply,
}: {
  db: Db;
  actor: Actor;
  userId: string;
  version: number;
  now: Date;
  action: string;
  apply: (tx: Db, before: UserRow) => Promise<{ set: Partial<typeof users.$inferInsert>; details?: Record<string, unknown>; endSessions?: boolean }>;
}): Promise<User> => {
  await db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, userId);
    if (!before) throw notFound('用户');
    if (before.version !== version) throw conflict();
    const { set, details, endSessions } = await apply(tx, before);
    const [row] = await tx
      .update(users)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(users.id, userId), eq(users.version, version)))
      .returning({ id: users.id });
    if (!row) throw conflict();
    if (endSessions) await deleteSessionsOfUser(tx, userId);
    await writeAudit(tx, { actor }, {
      action,
      result: 'success',
      objectType: 'user',
      objectId: userId,
      objectLabel: before.username,
      ...(details ? { details } : {}),
    });
  });
  return getUserAfterChange(db, actor, userId, now);
};

const assertManageable = (actor: Actor, target: UserRow) => {
  const problem = whyCannotManageAccount(actor, target);
  if (problem) throw forbidden(problem);
};

export const updateUser = async ({ db, actor, userId, input, now }: { db: Db; actor: Actor; userId: string; input: UpdateUserInput; now: Date }) => {
  requirePermission(actor, 'user.manage');
  const { version, ...changes } = input;
  return changeAccount({
    db, actor, userId, version, now, action: 'user.update',
    apply: async (tx, before) => {
      assertManageable(actor, before);
      const isMoving = changes.unitId !== undefined && changes.unitId !== before.unitId;
      if (isMoving) await assertUnitUsable(tx, changes.unitId!);
      const changed = Object.fromEntries(
        Object.entries(changes).filter(([key, value]) => value !== undefined && before[key as keyof UserRow] !== value),
      );
      // Phone numbers are personal information: record that it changed, not the number.
      if ('phone' in changed) changed.phone = '（已修改）';
      // A move to another unit must not carry the old unit's work along (see releaseWorkOnUnitChange).
      const released = isMoving
        ? await releaseWorkOnUnitChange(tx, { actor, person: { id: before.id, displayName: before.displayName, unitId: before.unitId, roles: before.roles }, newUnitId: changes.unitId!, now })
        : undefined;
      return { set: changes, details: { changed, ...(released ? { released } : {}) }, endSessions: changes.isActive === false };
    },
  });
};

export const lockUser = async ({ db, actor, userId, version, now }: { db: Db; actor: Actor; userId: string; version: number; now: Date }) => {
  requirePermission(actor, 'user.manage');
  return changeAccount({
    db, actor, userId, version, now, action: 'user.lock',
    apply: async (_tx, before) => {
      assertManageable(actor, before);
      return { set: { lockedUntil: MANUAL_LOCK_UNTIL }, endSessions: true };
    },
  });
};

export const unlockUser = async ({ db, actor, userId, version, now }: { db: Db; actor: Actor; userId: string; version: number; now: Date }) => {
  requirePermission(actor, 'user.manage');
  return changeAccount({
    db, actor, userId, version, now, action: 'user.unlock',
    apply: async (_tx, before) => {
      assertManageable(actor, before);
      return { set: { lockedUntil: null, failedLogins: 0 } };
    },
  });
};

/** The roles an account may hold together: one administrator role alone, or any business roles. */
export const checkRoleCombination = (roleList: readonly Role[]): string | undefined => {
  const adminHeld = roleList.filter(isAdminRole);
  if (adminHeld.length > 1) {
    return `${adminHeld.map((role) => roleDefinitions[role].label).join('、')}不能由同一账号兼任（三员分立）`;
  }
  if (adminHeld.length === 1 && roleList.length > 1) {
    return `${roleDefinitions[adminHeld[0]!].label}账号不能同时拥有业务角色`;
  }
  return undefined;
};

export const setUserRoles = async ({ db, actor, userId, input, now }: { db: Db; actor: Actor; userId: string; input: SetRolesInput; now: Date }) => {
  requirePermission(actor, 'role.assign');
  if (userId === actor.userId) throw forbidden('不能给自己分配角色');
  const next = [...new Set(input.roles)];
  const problem = checkRoleCombination(next);
  if (problem) throw validationError(problem);
  if (next.some(isAdminRole)) throw forbidden('管理员角色（三员）只能由服务器操作员使用命令行 fuban grant-admin 授予');
  return changeAccount({
    db, actor, userId, version: input.version, now, action: 'user.roles',
    apply: async (tx, before) => {
      if (before.roles.some(isAdminRole)) throw forbidden(adminAccountRefusal);
      await tx.delete(userRoles).where(eq(userRoles.userId, userId));
      if (next.length > 0) {
        await tx.insert(userRoles).values(next.map((role) => ({ userId, role, grantedAt: now, grantedBy: actor.userId })));
      }
      // Role changes take effect at once: the user's sessions read roles on every request.
      return { set: {}, details: { before: before.roles, after: next } };
    },
  });
};

/** Grants for the command line (first administrators): same rules, no version race to lose. */
export const grantRoleDirectly = async (db: Db, userId: string, role: Role, now: Date) => {
  await db.insert(userRoles).values({ userId, role, grantedAt: now }).onConflictDoNothing();
  await db.update(users).set({ version: sql`${users.version} + 1` }).where(eq(users.id, userId));
};
