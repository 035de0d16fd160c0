/**
 * Unit scope, written once: every read of unit-scoped data passes the actor
 * through here. An actor whose scope is 'unit' (a 联络员) sees only rows of
 * their own unit; anything else is answered as not found, never as forbidden,
 * so that another unit's record ids reveal nothing.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Permission } from '../../../common/access.js';
import type { Actor } from './actor.js';
import { forbidden, notFound } from './errors.js';

/** A WHERE condition limiting `unitColumn` to what the actor may see. */
export const unitScope = (actor: Actor, unitColumn: PgColumn): SQL =>
  actor.scope === 'all' ? sql`true` : eq(unitColumn, actor.unitId);

/** For a row already loaded: throws not-found when it lies outside the actor's scope. */
export const assertInScope = (actor: Actor, unitId: string | null | undefined, what?: string): void => {
  if (actor.scope === 'all') return;
  if (unitId !== actor.unitId) throw notFound(what);
};

export const can = (actor: Actor, permission: Permission): boolean => actor.permissions.has(permission);

export const requirePermission = (actor: Actor, permission: Permission): void => {
  if (!can(actor, permission)) throw forbidden(undefined, permission);
};
