/**
 * People a case names for a role — the leader who wrote a 批示, the leaders asked to 批办 — checked in
 * one place: each must be an active account holding one of the roles, and their name is the account's,
 * never a typed one. A field naming someone else would hand them the role's actions on the case.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { roles as roleDefinitions, type Role } from '../../../../common/access.js';
import { userRoles, users } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';
import type { KindDefinition } from '../kinds/kind.types.js';

/** The named people (id → display name), or a validation error saying what `what` must be. */
export const requirePeopleWithRole = async ({
  db,
  userIds,
  roles,
  what,
}: {
  db: Db;
  userIds: readonly string[];
  roles: readonly Role[];
  what: string;
}): Promise<Map<string, string>> => {
  const ids = [...new Set(userIds)];
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectDistinct({ id: users.id, name: users.displayName })
          .from(users)
          .innerJoin(userRoles, and(eq(userRoles.userId, users.id), inArray(userRoles.role, [...roles])))
          .where(and(inArray(users.id, ids), eq(users.isActive, true)));
  if (rows.length !== ids.length) throw validationError(`${what}须是在职的${roles.map((role) => roleDefinitions[role].label).join('或')}`);
  return new Map(rows.map((row) => [row.id, row.name]));
};

/**
 * The kind's person fields (KindDefinition.people) checked, with each name field set from the account.
 * `before` skips fields an action left unchanged, so a case keeps working if a leader later retires.
 */
export const resolvePeopleFields = async ({
  db,
  kind,
  fields,
  before,
}: {
  db: Db;
  kind: KindDefinition;
  fields: Record<string, unknown>;
  before?: Record<string, unknown>;
}): Promise<Record<string, unknown>> => {
  if (!kind.people) return fields;
  const resolved = { ...fields };
  for (const [field, rule] of Object.entries(kind.people)) {
    const userId = fields[field];
    if (typeof userId !== 'string' || (before && before[field] === userId)) continue;
    const names = await requirePeopleWithRole({ db, userIds: [userId], roles: rule.roles, what: rule.label });
    if (rule.nameField) resolved[rule.nameField] = names.get(userId);
  }
  return resolved;
};
