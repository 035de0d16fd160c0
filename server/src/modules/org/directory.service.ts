/** Pickers: the leaders a 批示 can come from, who may sign a 发文, and the colleagues a user may name as their B角. */
import { and, asc, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { adminRoles } from '../../../../common/access.js';
import { units, userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { requirePermission } from '../../platform/scope.js';

export type PersonOption = { id: string; displayName: string; title: string | null; unitName: string };

const people = (db: Db) =>
  db
    .select({ id: users.id, displayName: users.displayName, title: users.title, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId));

const holding = (db: Db, roleList: readonly string[]) =>
  db.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, [...roleList]));

export const listLeaders = async ({ db, actor }: { db: Db; actor: Actor }): Promise<PersonOption[]> => {
  requirePermission(actor, 'org.read');
  const rows = await people(db)
    .where(and(inArray(users.id, holding(db, ['leader'])), eq(users.isActive, true)))
    .orderBy(asc(users.username));
  return rows;
};

/** Who may sign (签发) under a chain whose 签发 step takes these roles: active holders of any of them. */
export const listSigners = async ({ db, actor, roles }: { db: Db; actor: Actor; roles: readonly string[] }): Promise<PersonOption[]> => {
  requirePermission(actor, 'org.read');
  const signing = roles.filter((role) => !adminRoles.includes(role as (typeof adminRoles)[number]) && role !== 'liaison');
  if (signing.length === 0) return [];
  return people(db)
    .where(and(inArray(users.id, holding(db, signing)), eq(users.isActive, true)))
    .orderBy(asc(units.sortOrder), asc(users.username));
};

/** A 联络员's colleagues in their unit; for office staff, everyone else with a business role. */
export const listColleagues = async ({ db, actor }: { db: Db; actor: Actor }): Promise<PersonOption[]> => {
  requirePermission(actor, 'case.work');
  const rows = await people(db)
    .where(
      and(
        eq(users.isActive, true),
        ne(users.id, actor.userId),
        notInArray(users.id, holding(db, adminRoles)),
        actor.scope === 'unit' ? eq(users.unitId, actor.unitId) : undefined,
      ),
    )
    .orderBy(asc(units.sortOrder), asc(users.username))
    .limit(1000);
  return rows;
};
