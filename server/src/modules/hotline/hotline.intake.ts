/**
 * Who registers a ticket that comes from outside with no account (a 市长信箱 letter, an Open311 request):
 * the 12345 center, with the rights of its staff, the ticket placed with its first active 话务员 (whose
 * 待办 it becomes: 派单), and the trail naming where it came from. It is still registered through the
 * engine's createCase like any ticket typed in by an agent.
 */
import { and, asc, eq } from 'drizzle-orm';
import { userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { unavailable } from '../../platform/errors.js';

export const centerIntakeActor = async (db: Db, { username, displayName, ip }: { username: string; displayName: string; ip: string | null }): Promise<Actor> => {
  const [staff] = await db
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'hotline_staff'), eq(users.isActive, true)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  if (!staff) throw unavailable('12345热线中心尚未配置工作人员，暂不能受理');
  return { userId: staff.id, username, displayName, unitId: staff.unitId, roles: ['hotline_staff'], permissions: new Set(), scope: 'all', ip };
};
