/**
 * Who can see and act on cases. An actor acts as themself and, under AB角, for anyone who
 * delegated to them for today: each of these is an identity. A case is visible when any
 * identity may see it — office roles by kind, a 联络员 through their unit's assignments —
 * and out of sight is answered as not found, as everywhere in Fuban.
 */
import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { roles as roleDefinitions, scopeOf, type Role, type Scope } from '../../../../common/access.js';
import { assignments, cases, circulations, delegations, userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { listKinds } from '../kinds/registry.js';

export type Identity = {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: readonly Role[];
  scope: Scope;
  /** True for the actor themself; false for someone they stand in for. */
  isSelf: boolean;
};

const selfIdentity = (actor: Actor): Identity => ({
  userId: actor.userId,
  username: actor.username,
  displayName: actor.displayName,
  unitId: actor.unitId,
  roles: actor.roles,
  scope: actor.scope,
  isSelf: true,
});

/** The actor and everyone who delegated to them for `today` (YYYY-MM-DD, Asia/Shanghai). */
export const identitiesOf = async ({ db, actor, today }: { db: Db; actor: Actor; today: string }): Promise<Identity[]> => {
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitId: users.unitId })
    .from(delegations)
    .innerJoin(users, eq(users.id, delegations.fromUserId))
    .where(
      and(
        eq(delegations.toUserId, actor.userId),
        eq(delegations.isRevoked, false),
        lte(delegations.startDate, today),
        gte(delegations.endDate, today),
        eq(users.isActive, true),
      ),
    );
  if (rows.length === 0) return [selfIdentity(actor)];
  const grants = await db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(inArray(userRoles.userId, rows.map((row) => row.id)));
  const delegators = rows.map((row): Identity => {
    const roleList = grants.filter((grant) => grant.userId === row.id).map((grant) => grant.role as Role);
    return { userId: row.id, username: row.username, displayName: row.displayName, unitId: row.unitId, roles: roleList, scope: scopeOf(roleList), isSelf: false };
  });
  return [selfIdentity(actor), ...delegators];
};

/** Kinds an identity sees in full, by its roles. */
export const kindsVisibleTo = (identity: Identity): string[] =>
  identity.scope === 'all'
    ? listKinds()
        .filter((kind) => kind.roles.view.some((role) => identity.roles.includes(role)))
        .map((kind) => kind.id)
    : [];

/** The WHERE condition for the cases any of the identities may see. */
export const caseVisibility = (identities: readonly Identity[]): SQL => {
  const conditions: SQL[] = [];
  const kindIds = [...new Set(identities.flatMap(kindsVisibleTo))];
  if (kindIds.length > 0) conditions.push(inArray(cases.kind, kindIds));
  const unitIds = [...new Set(identities.filter((identity) => identity.roles.includes('liaison')).map((identity) => identity.unitId))];
  if (unitIds.length > 0) {
    conditions.push(
      sql`exists (select 1 from ${assignments} where ${assignments.caseId} = ${cases.id}
        and ${inArray(assignments.unitId, unitIds)} and ${assignments.state} <> 'withdrawn')`,
    );
  }
  // People on the case itself (its handler) and those it was circulated to (传阅) see it even without a viewing role.
  const userIds = identities.map((identity) => identity.userId);
  conditions.push(inArray(cases.handlerId, userIds));
  const circulatedTo = unitIds.length
    ? sql`(${inArray(circulations.recipientUserId, userIds)} or ${inArray(circulations.recipientUnitId, unitIds)})`
    : inArray(circulations.recipientUserId, userIds);
  conditions.push(sql`exists (select 1 from ${circulations} where ${circulations.caseId} = ${cases.id} and ${circulatedTo})`);
  return or(...conditions) ?? sql`false`;
};

/** True when an identity sees the case only through its unit's assignment (not the whole case). */
export const seesAsUnit = (identities: readonly Identity[], kindId: string): boolean =>
  !identities.some((identity) => kindsVisibleTo(identity).includes(kindId));

export const roleLabel = (role: Role): string => roleDefinitions[role].label;
