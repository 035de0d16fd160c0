/** CLI commands for administrators: the first accounts, and rescue for locked-out administrators. */
import { and, eq, sql } from 'drizzle-orm';
import { isAdminRole, type Role, roles } from '../../../common/access.js';
import { RoleSchema } from '../../../common/schemas/access.js';
import { passwordResets, units, userRoles, users } from '../db/schema/index.js';
import { cliActor } from '../platform/actor.js';
import { writeAudit } from '../platform/audit.js';
import type { Db } from '../platform/db.js';
import { checkPasswordPolicy, hashPassword } from '../platform/password.js';
import { deleteSessionsOfUser } from '../modules/auth/auth.repository.js';
import { getSecurityPolicy } from '../modules/security/security.service.js';

export class CliError extends Error {}

const assertPassword = async (db: Db, password: string, username: string) => {
  const problems = checkPasswordPolicy(password, await getSecurityPolicy({ db }), { username });
  if (problems.length > 0) throw new CliError(`密码不符合安全策略：${problems.join('；')}`);
};

/** The unit an administrator belongs to: the named one, the first root, or a new root for an empty database. */
const resolveUnit = async (db: Db, unitCode: string | undefined, orgName: string): Promise<string> => {
  if (unitCode) {
    const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, unitCode));
    if (!unit) throw new CliError(`单位代码 ${unitCode} 不存在`);
    return unit.id;
  }
  const [root] = await db.select({ id: units.id }).from(units).where(sql`${units.parentId} is null`).limit(1);
  if (root) return root.id;
  const [created] = await db
    .insert(units)
    .values({ code: 'office', name: orgName, type: 'office' })
    .returning({ id: units.id });
  return created!.id;
};

export const initAdmin = async ({
  db,
  username,
  displayName,
  role,
  unitCode,
  orgName,
  password,
}: {
  db: Db;
  username: string;
  displayName: string;
  role: Role;
  unitCode?: string | undefined;
  orgName: string;
  password: string;
}): Promise<void> => {
  if (!['sysadmin', 'secadmin', 'auditor'].includes(role)) throw new CliError('init-admin 只能创建系统管理员、安全管理员或审计管理员');
  if (!/^[a-z][a-z0-9_.-]{2,31}$/.test(username)) throw new CliError('用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母开头');
  await assertPassword(db, password, username);
  const passwordHash = await hashPassword(password);
  const now = new Date();
  await db.transaction(async (tx) => {
    const [holder] = await tx
      .select({ username: users.username })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, role), eq(users.isActive, true)));
    if (holder) throw new CliError(`已有${roles[role].label}账号 ${holder.username}；其他账号请在系统中创建`);
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (clash) throw new CliError(`用户名 ${username} 已存在`);
    const unitId = await resolveUnit(tx, unitCode, orgName);
    const [row] = await tx
      .insert(users)
      .values({ username, displayName, title: roles[role].label, unitId, passwordHash, passwordChangedAt: now })
      .returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: row!.id, role, grantedAt: now });
    await writeAudit(tx, { actor: cliActor() }, {
      action: 'admin.init',
      result: 'success',
      objectType: 'user',
      objectId: row!.id,
      objectLabel: username,
      details: { role },
    });
  });
};

/** Sets a new password (to be changed at next sign-in) and clears any lock. */
export const resetPasswordFromCli = async ({ db, username, password }: { db: Db; username: string; password: string }) => {
  await assertPassword(db, password, username);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: new Date(),
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.username, username))
      .returning({ id: users.id });
    if (!row) throw new CliError(`用户 ${username} 不存在`);
    await deleteSessionsOfUser(tx, row.id);
    // Break-glass path: recorded like an approved reset, so that the user is told at sign-in.
    const now = new Date();
    await tx.insert(passwordResets).values({ userId: row.id, via: 'cli', status: 'approved', requestedAt: now, decidedAt: now, reason: '服务器操作员命令行重置' });
    await writeAudit(tx, { actor: cliActor() }, {
      action: 'user.password_reset',
      result: 'success',
      objectType: 'user',
      objectId: row.id,
      objectLabel: username,
    });
  });
};

const findUser = async (db: Db, username: string) => {
  const [user] = await db.select({ id: users.id, isActive: users.isActive }).from(users).where(eq(users.username, username));
  if (!user) throw new CliError(`用户 ${username} 不存在`);
  const held = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id))).map((row) => row.role as Role);
  return { ...user, roles: held };
};

/** Grants one of the 三员 roles to an existing account without any other role: only here, never over HTTP. */
export const grantAdmin = async ({ db, username, role }: { db: Db; username: string; role: Role }) => {
  if (!isAdminRole(role)) throw new CliError('grant-admin 只能授予系统管理员、安全管理员或审计管理员角色');
  await db.transaction(async (tx) => {
    const user = await findUser(tx, username);
    if (!user.isActive) throw new CliError(`用户 ${username} 已停用`);
    if (user.roles.length > 0) throw new CliError(`用户 ${username} 已有角色（${user.roles.join('、')}）；三员账号不能兼任其他角色，请先撤销`);
    await tx.insert(userRoles).values({ userId: user.id, role, grantedAt: new Date() });
    await tx.update(users).set({ version: sql`${users.version} + 1` }).where(eq(users.id, user.id));
    await deleteSessionsOfUser(tx, user.id);
    await writeAudit(tx, { actor: cliActor() }, { action: 'admin.grant', result: 'success', objectType: 'user', objectId: user.id, objectLabel: username, details: { role } });
  });
};

/** Takes the 三员 role from an account (it then becomes an ordinary account the 系统管理员 may disable). */
export const revokeAdmin = async ({ db, username }: { db: Db; username: string }) => {
  await db.transaction(async (tx) => {
    const user = await findUser(tx, username);
    const held = user.roles.filter(isAdminRole);
    if (held.length === 0) throw new CliError(`用户 ${username} 没有管理员角色`);
    await tx.delete(userRoles).where(and(eq(userRoles.userId, user.id), sql`${userRoles.role} in ('sysadmin', 'secadmin', 'auditor')`));
    await tx.update(users).set({ version: sql`${users.version} + 1` }).where(eq(users.id, user.id));
    await deleteSessionsOfUser(tx, user.id);
    await writeAudit(tx, { actor: cliActor() }, { action: 'admin.revoke', result: 'success', objectType: 'user', objectId: user.id, objectLabel: username, details: { roles: held } });
  });
};

export const parseRole = (raw: string | undefined): Role => {
  const parsed = RoleSchema.safeParse(raw ?? 'sysadmin');
  if (!parsed.success) throw new CliError(`未知角色 ${raw}`);
  return parsed.data;
};
