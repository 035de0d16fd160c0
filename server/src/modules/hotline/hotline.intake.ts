/**
 * Who registers a ticket that comes from outside with no account (a 市长信箱 letter, an Open311 request):
 * the 12345 center, with the rights of its staff, the ticket placed with its first active 话务员 (whose
 * 待办 it becomes: 派单), and the trail naming where it came from. It is still registered through the
 * engine's createCase like any ticket typed in by an agent.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { unavailable } from '../../platform/errors.js';

/** The center's intake staff: its first active 话务员. */
export type IntakeStaff = { id: string; unitId: string };

/**
 * The center's first active 话务员 as one JSON value ({id, unitId}, or null when there is none): a scalar subquery,
 * so that an intake can read it in the same round trip as what else it needs (Open311: its key and service).
 */
export const intakeStaffJson = sql`(select json_build_object('id', u.id, 'unitId', u.unit_id) from users u
  join user_roles r on r.user_id = u.id where r.role = 'hotline_staff' and u.is_active order by u.created_at, u.id limit 1)`;

type Acting = { username: string; displayName: string; ip: string | null };

/** The actor registering for the center, from its intake staff read with intakeStaffJson; none configured: 503. */
export const intakeActorOf = (staff: IntakeStaff | null | undefined, { username, displayName, ip }: Acting): Actor => {
  if (!staff) throw unavailable('12345热线中心尚未配置工作人员，暂不能受理');
  return { userId: staff.id, username, displayName, unitId: staff.unitId, roles: ['hotline_staff'], permissions: new Set(), scope: 'all', ip };
};

export const centerIntakeActor = async (db: Db, acting: Acting): Promise<Actor> => {
  const [row] = rowsOf<{ staff: IntakeStaff | null }>(await db.execute(sql`select ${intakeStaffJson} as staff`));
  return intakeActorOf(row?.staff, acting);
};
