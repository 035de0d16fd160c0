/**
 * Whom a page may offer: the people an actor may delegate to (AB角), whose work can be moved (批量移交)
 * and who may receive it. Each list is the holding rule (whyCannotHoldWorkOf) applied ahead of time, so
 * a form offers only choices the use case will accept.
 */
import { asc, count, eq, inArray } from 'drizzle-orm';
import { isAdminRole, type Role } from '../../../../common/access.js';
import type { WorkPerson } from '../../../../common/schemas/cases.js';
import { cases, units, userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { canHoldWorkOf, type WorkHolder } from '../cases/access.js';

type Person = WorkHolder & Omit<WorkPerson, 'openCases'>;

/** Everyone (active only unless asked), with unit name and roles. */
const loadPeople = async (db: Db, { activeOnly }: { activeOnly: boolean }): Promise<Person[]> => {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, title: users.title, unitId: users.unitId, unitName: units.name, isActive: users.isActive })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(activeOnly ? eq(users.isActive, true) : undefined)
    .orderBy(asc(units.sortOrder), asc(users.username));
  const grants = rows.length > 0 ? await db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(inArray(userRoles.userId, rows.map((row) => row.id))) : [];
  const rolesOf = new Map<string, Role[]>();
  for (const grant of grants) rolesOf.set(grant.userId, [...(rolesOf.get(grant.userId) ?? []), grant.role as Role]);
  return rows.map((row) => ({ ...row, roles: rolesOf.get(row.id) ?? [] }));
};

const openCaseCounts = async (db: Db): Promise<Map<string, number>> => {
  const rows = await db
    .select({ handlerId: cases.handlerId, n: count() })
    .from(cases)
    .where(eq(cases.isClosed, false))
    .groupBy(cases.handlerId);
  return new Map(rows.filter((row) => row.handlerId !== null).map((row) => [row.handlerId!, Number(row.n)]));
};

const present = ({ id, displayName, title, unitName, isActive }: Person, openCases: number): WorkPerson => ({ id, displayName, title, unitName, isActive, openCases });

/** Active colleagues the actor may name as AB角: those who could hold the actor's work themselves. */
export const listDelegationCandidates = async ({ db, actor }: { db: Db; actor: Actor }): Promise<WorkPerson[]> => {
  if (actor.roles.some(isAdminRole)) throw forbidden('管理员账号不能设置 AB角');
  const people = await loadPeople(db, { activeOnly: true });
  return people.filter((person) => person.id !== actor.userId && canHoldWorkOf(actor, person)).map((person) => present(person, 0));
};

/** People with open cases that someone else could receive (also those who left: their work must move). */
export const listWorkHolders = async ({ db, actor }: { db: Db; actor: Actor }): Promise<WorkPerson[]> => {
  requirePermission(actor, 'work.transfer');
  const [people, counts] = await Promise.all([loadPeople(db, { activeOnly: false }), openCaseCounts(db)]);
  const active = people.filter((person) => person.isActive);
  return people
    .filter((person) => (counts.get(person.id) ?? 0) > 0)
    .filter((person) => active.some((other) => other.id !== person.id && canHoldWorkOf(person, other)))
    .map((person) => present(person, counts.get(person.id) ?? 0));
};

/** Active people who could receive the open work of `fromUserId` under the holding rule. */
export const listWorkReceivers = async ({ db, actor, fromUserId }: { db: Db; actor: Actor; fromUserId: string }): Promise<WorkPerson[]> => {
  requirePermission(actor, 'work.transfer');
  const [people, counts] = await Promise.all([loadPeople(db, { activeOnly: false }), openCaseCounts(db)]);
  const from = people.find((person) => person.id === fromUserId);
  if (!from) throw notFound('移交人');
  return people
    .filter((person) => person.isActive && person.id !== from.id && canHoldWorkOf(from, person))
    .map((person) => present(person, counts.get(person.id) ?? 0));
};
