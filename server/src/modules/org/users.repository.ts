/** Reading user accounts with their unit and roles, and presenting them. */
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../../common/access.js';
import type { User, UserQuery } from '../../../../common/schemas/org.js';
import { units, userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { can, unitScope } from '../../platform/scope.js';
import { allowedAccountActions } from './account-rules.js';

export type UserRow = typeof users.$inferSelect & { unitName: string; roles: Role[] };

/** `13812345678` → `138****5678`: citizens' and staff phone numbers are masked for readers without need. */
export const maskPhone = (phone: string | null): string | null =>
  phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null;

export const presentUser = (row: UserRow, reader: Actor, now: Date): User => {
  const isLocked = row.lockedUntil !== null && row.lockedUntil > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    title: row.title,
    unitId: row.unitId,
    unitName: row.unitName,
    phone: can(reader, 'user.manage') || reader.userId === row.id ? row.phone : maskPhone(row.phone),
    roles: row.roles,
    isActive: row.isActive,
    isLocked,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    version: row.version,
    allowedActions: allowedAccountActions(reader, { id: row.id, roles: row.roles, isActive: row.isActive, isLocked }),
  };
};

const attachRoles = async (db: Db, rows: Array<typeof users.$inferSelect & { unitName: string }>) => {
  if (rows.length === 0) return [];
  const grants = await db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(inArray(userRoles.userId, rows.map((row) => row.id)));
  return rows.map((row) => ({
    ...row,
    roles: grants.filter((grant) => grant.userId === row.id).map((grant) => grant.role as Role),
  }));
};

const selectUsers = (db: Db) =>
  db
    .select({ user: users, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId));

/** One user, if the reader's scope covers their unit. */
export const findUserInScope = async (db: Db, reader: Actor, userId: string): Promise<UserRow | undefined> => {
  const [row] = await selectUsers(db).where(and(eq(users.id, userId), unitScope(reader, users.unitId)));
  if (!row) return undefined;
  const [withRoles] = await attachRoles(db, [{ ...row.user, unitName: row.unitName }]);
  return withRoles;
};

export const searchUsers = async (db: Db, reader: Actor, query: UserQuery) => {
  const conditions: SQL[] = [unitScope(reader, users.unitId)];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)) as SQL);
  }
  if (query.unitId) conditions.push(eq(users.unitId, query.unitId));
  if (query.role) {
    conditions.push(
      sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${query.role})`,
    );
  }
  const where = and(...conditions);
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .where(where);
  const rows = await selectUsers(db)
    .where(where)
    .orderBy(asc(units.sortOrder), asc(users.username))
    .limit(query.limit)
    .offset(query.offset);
  const items = await attachRoles(db, rows.map((row) => ({ ...row.user, unitName: row.unitName })));
  return { items, total: Number(counted?.total ?? 0) };
};
