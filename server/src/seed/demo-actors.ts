/** Actors for demo data: the demo users acting through the same use cases a person would call. */
import { eq } from 'drizzle-orm';
import { permissionsOf, scopeOf, type Role } from '../../../common/access.js';
import { assignments, cases, userRoles, users } from '../db/schema/index.js';
import type { Actor } from '../platform/actor.js';
import type { Db } from '../platform/db.js';
import { performAction } from '../engine/cases/perform-action.js';

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

/** The demo users by username (the unit 联络员 as `liaison:<unit code>`), each looked up once. */
export type Cast = { get: (who: string) => Promise<Actor>; byId: (userId: string) => Promise<Actor> };

export const makeCast = (db: Db): Cast => {
  const known = new Map<string, Promise<Actor>>();
  const get = (who: string) => {
    const username = who.startsWith('liaison:') ? (who === 'liaison:fgw' ? 'liaison' : `liaison.${who.slice(8)}`) : who;
    if (!known.has(username)) known.set(username, actorFor(db, username));
    return known.get(username)!;
  };
  const byId = async (userId: string) => {
    const [user] = await db.select({ username: users.username }).from(users).where(eq(users.id, userId));
    if (!user) throw new Error(`demo user ${userId} missing`);
    return get(user.username);
  };
  return { get, byId };
};

/** Assignment-targeted office actions pick the assignment the way a clerk would: the one awaiting that step. */
const targetStates: Record<string, readonly string[]> = { accept_reply: ['replied'], reject_reply: ['replied'], extend: ['pending', 'in_progress'], grant_extension: ['in_progress'] };

/**
 * Takes an action as a demo user at a given moment, through the same use case the web calls,
 * with the case's current version (and the assignment, for actions aimed at one).
 */
export const actAs = async ({
  db,
  actor,
  caseId,
  action,
  input = {},
  at,
}: {
  db: Db;
  actor: Actor;
  caseId: string;
  action: string;
  input?: Record<string, unknown>;
  at: Date;
}): Promise<void> => {
  const [row] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  const states = targetStates[action];
  const target = states
    ? (await db.select({ id: assignments.id, state: assignments.state, acceptedAt: assignments.acceptedAt }).from(assignments).where(eq(assignments.caseId, caseId))).find(
        (a) => states.includes(a.state) && a.acceptedAt === null,
      )
    : undefined;
  await performAction({ db, actor, caseId, action, input: { version: row!.version, ...(target ? { assignmentId: target.id } : {}), ...input }, now: at });
};
