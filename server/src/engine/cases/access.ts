/**
 * Who can see and act on cases. An actor acts as themself and, under AB角, for anyone who
 * delegated to them for today: each of these is an identity. A case is visible when any
 * identity may see it — office roles by kind, a 联络员 through their unit's assignments —
 * and out of sight is answered as not found, as everywhere in Fuban.
 */
import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { isAdminRole, roles as roleDefinitions, scopeOf, type Role, type Scope } from '../../../../common/access.js';
import { cases, caseUnitVisibility, circulations, delegations, userRoles, users } from '../../db/schema/index.js';
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

/** What the holding rule needs to know of a person: their unit and roles. */
export type WorkHolder = { unitId: string; roles: readonly Role[] };

const holdsBusinessRole = (person: WorkHolder) => person.roles.some((role) => roleDefinitions[role].permissions.includes('case.work'));

/**
 * Why `candidate` could not hold the work of `holder` — stand in for them (AB角) or receive their open
 * work (批量移交, a 联络员 leaving their unit) — or undefined when they could. The one rule, asked by
 * delegations, transfers and the visibility computation alike, so that standing in for someone never
 * shows more than the candidate could be given themself: the 三员 never hold business work; office
 * work (an office role, scope 'all') goes only to office staff; a 联络员's work is their unit's, so it
 * goes only to a 联络员 of that same unit.
 */
export const whyCannotHoldWorkOf = (holder: WorkHolder, candidate: WorkHolder): string | undefined => {
  if (candidate.roles.some(isAdminRole)) return '管理员账号（系统管理员、安全管理员、审计管理员）不办理业务，不能接手他人的工作';
  if (holder.roles.some(isAdminRole)) return '管理员账号不办理业务，没有可委托或移交的工作';
  if (!holdsBusinessRole(candidate)) return '对方没有业务角色，不能接手工作';
  if (!holdsBusinessRole(holder)) return '原办理人已没有业务角色，无法确定其工作可由谁接手，请安全管理员先恢复其角色';
  if (scopeOf(holder.roles) === 'all') {
    return scopeOf(candidate.roles) === 'all' ? undefined : '府办的工作只能交给府办工作人员，不能交给承办单位联络员';
  }
  if (!candidate.roles.includes('liaison') || candidate.unitId !== holder.unitId) return '联络员的工作只能交给本单位的联络员';
  return undefined;
};

/** True when `candidate` could hold the work of `holder` themself (see whyCannotHoldWorkOf). */
export const canHoldWorkOf = (holder: WorkHolder, candidate: WorkHolder): boolean => whyCannotHoldWorkOf(holder, candidate) === undefined;

/**
 * The actor and everyone who delegated to them for `today` (YYYY-MM-DD, Asia/Shanghai) whose work the
 * actor could hold: a delegation row that breaks the rule (made before it existed, written around the
 * use case, or outdated by a move to another unit) grants nothing.
 */
export const identitiesOf = async ({ db, actor, today }: { db: Db; actor: Actor; today: string }): Promise<Identity[]> => {
  if (actor.hasDelegations === false) return [selfIdentity(actor)];
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
  const delegators = rows
    .map((row): Identity => {
      const roleList = grants.filter((grant) => grant.userId === row.id).map((grant) => grant.role as Role);
      return { userId: row.id, username: row.username, displayName: row.displayName, unitId: row.unitId, roles: roleList, scope: scopeOf(roleList), isSelf: false };
    })
    .filter((delegator) => canHoldWorkOf(delegator, actor));
  return [selfIdentity(actor), ...delegators];
};

/** Kinds an identity sees in full, by its roles. */
export const kindsVisibleTo = (identity: Identity): string[] =>
  identity.scope === 'all'
    ? listKinds()
        .filter((kind) => kind.roles.view.some((role) => identity.roles.includes(role)))
        .map((kind) => kind.id)
    : [];

/**
 * The ids of the cases these units see through a live assignment (any state but withdrawn — a unit that
 * returned its 交办 still sees the case): case_unit_visibility, which the assignments trigger keeps.
 */
export const seenByUnits = (unitIds: readonly string[]): SQL =>
  sql`select ${caseUnitVisibility.caseId} from ${caseUnitVisibility} where ${inArray(caseUnitVisibility.unitId, [...unitIds])}`;

/** The units whose 联络员 are among the identities: they see their units' cases. */
export const liaisonUnitsOf = (identities: readonly Identity[]): string[] => [
  ...new Set(identities.filter((identity) => identity.roles.includes('liaison')).map((identity) => identity.unitId)),
];

/** The WHERE condition for the cases any of the identities may see. */
export const caseVisibility = (identities: readonly Identity[]): SQL => {
  const conditions: SQL[] = [];
  const kindIds = [...new Set(identities.flatMap(kindsVisibleTo))];
  if (kindIds.length > 0) conditions.push(inArray(cases.kind, kindIds));
  const unitIds = liaisonUnitsOf(identities);
  if (unitIds.length > 0) {
    conditions.push(sql`${cases.id} in (${seenByUnits(unitIds)})`);
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
