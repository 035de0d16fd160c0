/**
 * HTTP glue shared by every module: the app context, the session hook that puts
 * the actor on the request, and the guard each route declares.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../../common/access.js';
import type { CurrentUser } from '../../../common/schemas/auth.js';
import type { Actor } from './actor.js';
import type { Config } from './config.js';
import type { Db } from './db.js';
import { AppError, forbidden, unauthenticated } from './errors.js';

export const SESSION_COOKIE = 'fuban_sid';

/** What every route handler may use. `clock` is injectable so that timeouts can be tested. */
export type AppContext = {
  db: Db;
  databaseKind: 'pglite' | 'postgres';
  clock: () => Date;
  config: Config;
  /** Background work the health endpoint reports (demo data being made on a first start). */
  status?: { isDemoDataPending: boolean };
};

/** The signed-in user of a request, as resolved from the session cookie. */
export type Session = { actor: Actor; tokenHash: string; user: CurrentUser };

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    session: Session | null;
    /** Why a cookie sent with the request no longer signs anyone in (idle, expired, disabled). */
    sessionEndedReason: string | null;
  }
  interface FastifyContextConfig {
    /** Routes that stay open while the user must first change the password. */
    allowDuringPasswordChange?: boolean;
  }
}

/** A module's routes: registered with the zod type provider. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/**
 * The guard of a route: signed in, past any forced password change, and holding the
 * permission when one is named. Returns the actor so handlers need no non-null checks.
 */
export const requireActor = (request: FastifyRequest, permission?: Permission): Actor =>
  requireSession(request, permission).actor;

/** The same guard, returning the whole session (for routes about the session itself). */
export const requireSession = (request: FastifyRequest, permission?: Permission): Session => {
  const session = request.session;
  if (!session) throw unauthenticated(request.sessionEndedReason ?? undefined);
  if (session.user.mustChangePassword && !request.routeOptions.config.allowDuringPasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', '密码已过期或为初始密码，请先修改密码');
  }
  if (permission && !session.actor.permissions.has(permission)) throw forbidden();
  return session;
};

/** The client address as the server sees it (behind a proxy only when FUBAN_TRUST_PROXY is set). */
export const clientIp = (request: FastifyRequest): string | null => request.ip || null;

export const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string, config: Config) => {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure,
  });
};

export const clearSessionCookie = (reply: FastifyReply) => {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
};
