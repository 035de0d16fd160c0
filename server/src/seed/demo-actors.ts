/** Actors for demo data: the demo users acting through the same use cases a person would call. */
import { eq } from 'drizzle-orm';
import { permissionsOf, scopeOf, type Role } from '../../../common/access.js';
import { userRoles, users } from '../db/schema/index.js';
import type { Actor } from '../platform/actor.js';
import type { Db } from '../platform/db.js';

export const actorFor = async (db: Db, username: string): Promise<Actor> => {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`demo user ${username} missing`);
  const roles = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id))).map((row) => row.role as Role);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    roles,
    permissions: new Set(permissionsOf(roles)),
    scope: scopeOf(roles),
    ip: null,
  };
};
