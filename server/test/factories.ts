/** Factories: each test makes the units and users it needs, with unique codes and names. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { permissionsOf, scopeOf, type Role } from '../../common/access.js';
import type { Actor } from '../src/platform/actor.js';
import type { UnitType } from '../../common/schemas/org.js';
import { units, userRoles, users } from '../src/db/schema/index.js';
import type { Db } from '../src/platform/db.js';
import { hashPassword } from '../src/platform/password.js';

export const STRONG_PASSWORD = 'Gov#Office2026';
const unique = () => randomBytes(4).toString('hex');

export const buildUnit = async (db: Db, overrides: { name?: string; type?: UnitType; parentId?: string | null } = {}) => {
  const suffix = unique();
  const [row] = await db
    .insert(units)
    .values({
      name: overrides.name ?? `测试单位${suffix}`,
      code: `t-${suffix}`,
      type: overrides.type ?? 'department',
      parentId: overrides.parentId ?? null,
    })
    .returning();
  return row!;
};

let cachedHash: Promise<string> | undefined;

export const buildUser = async (
  db: Db,
  options: { roles?: Role[]; unitId?: string; password?: string; mustChangePassword?: boolean; phone?: string; passwordChangedAt?: Date } = {},
) => {
  const unitId = options.unitId ?? (await buildUnit(db)).id;
  const passwordHash =
    options.password && options.password !== STRONG_PASSWORD
      ? await hashPassword(options.password)
      : await (cachedHash ??= hashPassword(STRONG_PASSWORD));
  const username = `u${unique()}`;
  const [row] = await db
    .insert(users)
    .values({
      username,
      displayName: `测试用户${username.slice(1, 5)}`,
      unitId,
      passwordHash,
      phone: options.phone ?? null,
      mustChangePassword: options.mustChangePassword ?? false,
      passwordChangedAt: options.passwordChangedAt ?? new Date(),
    })
    .returning();
  for (const role of options.roles ?? []) await db.insert(userRoles).values({ userId: row!.id, role });
  return { ...row!, password: options.password ?? STRONG_PASSWORD };
};

/** Signs in through the real route and returns the cookie header to send back. */
export const signIn = async (app: FastifyInstance, username: string, password = STRONG_PASSWORD): Promise<string> => {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'fuban_sid');
  if (!cookie) throw new Error('no session cookie');
  return `fuban_sid=${cookie.value}`;
};

/** A signed-in user with the given roles, ready to make requests. */
export const actingAs = async (app: FastifyInstance, db: Db, roles: Role[], options: { unitId?: string } = {}) =>
  sessionFor(app, await buildUser(db, { roles, ...options }));

/** A fresh session for an existing test user (e.g. after the test clock moved past the idle timeout). */
export const sessionFor = async (app: FastifyInstance, user: Awaited<ReturnType<typeof buildUser>>) => {
  const cookie = await signIn(app, user.username);
  const request = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { user, cookie, request };
};

/** The Actor a use case receives for a test user, for tests that call use cases directly. */
export const actorOf = (user: { id: string; username: string; displayName: string; unitId: string }, roles: Role[]): Actor => ({
  userId: user.id,
  username: user.username,
  displayName: user.displayName,
  unitId: user.unitId,
  roles,
  permissions: new Set(permissionsOf(roles)),
  scope: scopeOf(roles),
  ip: null,
});
