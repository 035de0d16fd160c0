/**
 * HTTP glue shared by every module: the app context, the session on the request, and the route guard
 * that checks each route's declared access (config.access) before its input is read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../../common/access.js';
import type { CurrentUser } from '../../../common/schemas/auth.js';
import type { Actor } from './actor.js';
import type { Config } from './config.js';
import type { Db } from './db.js';
import { hasForbiddenControl, PROTOTYPE_KEYS } from '../../../common/schemas/primitives.js';
import { writeAudit } from './audit.js';
import { AppError, forbidden, unauthenticated, validationError } from './errors.js';
import { forgetCachedCounts } from './count-cache.js';

export const SESSION_COOKIE = 'fuban_sid';

/** What every route handler may use. `clock` is injectable so that timeouts can be tested. */
export type AppContext = {
  db: Db;
  databaseKind: 'pglite' | 'postgres';
  clock: () => Date;
  config: Config;
  /** Background work the health endpoint reports (demo data being made on a first start). */
  status?: { isDemoDataPending: boolean };
  /**
   * Called after a case's change has committed (created or acted on through the API), for work that
   * must not hold the transaction, such as rendering a preview of the new version. Listeners never throw.
   */
  caseSavedListeners?: Array<(caseId: string) => void>;
};

/** Tells the listeners that a case's change has committed. */
export const notifyCaseSaved = (ctx: AppContext, caseId: string): void => {
  for (const listener of ctx.caseSavedListeners ?? []) listener(caseId);
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
    /** Who may call the route: checked by the route guard before the body is read or validated (registerRouteGuard). */
    access?: RouteAccess;
    /** Routes that stay open while the user must first change the password. */
    allowDuringPasswordChange?: boolean;
  }
}

/**
 * Who may call a route, declared once in its `config.access`: anyone (`public`: 登录, the health check, /api/public/*),
 * any signed-in user (`signed-in`: the use case decides, e.g. by unit scope), the holder of one permission, of any one
 * of several, or of the one its path names (`byParams`: a record type's read or write permission; undefined for a path
 * naming nothing known, left to the route's 404). What the use case checks beyond that (unit scope, the case's step) stays there.
 */
export type RouteAccess =
  | 'public'
  | 'signed-in'
  | Permission
  | { readonly anyOf: readonly [Permission, ...Permission[]] }
  | { readonly byParams: (params: Readonly<Record<string, string | undefined>>) => Permission | undefined };

/** The permissions of which a caller must hold one (null: none needed) — `params` as sent, not yet validated. */
export const permissionsWanted = (access: RouteAccess, params: unknown): readonly Permission[] | null => {
  if (access === 'public' || access === 'signed-in') return null;
  if (typeof access === 'string') return [access];
  if ('anyOf' in access) return access.anyOf;
  const permission = access.byParams((params ?? {}) as Record<string, string | undefined>);
  return permission ? [permission] : null;
};

/** A route as declared: method, path and who may call it (for the security review's tests). */
export type DeclaredRoute = { method: string; url: string; access: RouteAccess };

/** The OpenAPI document and its pages (@fastify/swagger-ui): public, as they were before any route declared its access. */
const DOCS_PREFIX = '/api/docs';
const declaredRoutes = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every /api/ route of the app with its declared access, in the order they were registered (HEAD included). */
export const routesOf = (app: FastifyInstance): readonly DeclaredRoute[] => declaredRoutes.get(app) ?? [];

/**
 * Makes every /api/ route declare its access: a route without `config.access` stops the app from starting, so
 * none is open by omission. Called before any route (and before the OpenAPI plugin) is registered.
 */
export const requireRouteAccess = (app: FastifyInstance): void => {
  const routes: DeclaredRoute[] = [];
  declaredRoutes.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return; // the web app's files (production)
    let access = route.config?.access;
    if (access === undefined && (route.url === DOCS_PREFIX || route.url.startsWith(`${DOCS_PREFIX}/`))) {
      access = 'public';
      route.config = { ...route.config, access };
    }
    if (access === undefined) throw new Error(`${String(route.method)} ${route.url}: the route declares no config.access`);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });
};

/**
 * The route guard, on every request before its body is parsed or validated: a route that is not public needs a
 * session (401), past any forced password change, holding the declared permission (403, audited as every 403 is).
 * So a request that may not call the route is refused as such whatever its body, and its handler never runs.
 * Registered after the session hook (onRequest hooks run in order).
 */
export const registerRouteGuard = (app: FastifyInstance): void => {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return; // undeclared: not an /api/ route (requireRouteAccess)
    const { actor } = requireSession(request);
    const wanted = permissionsWanted(access, request.params);
    if (wanted && !wanted.some((permission) => actor.permissions.has(permission))) throw forbidden(undefined, wanted[0]);
  });
};

/** A module's routes: registered with the zod type provider. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/**
 * The actor of a request, for handlers: the route guard has already checked the session and the route's
 * declared permission, so this repeats no permission; it returns the actor so handlers need no non-null checks.
 */
export const requireActor = (request: FastifyRequest): Actor => requireSession(request).actor;

/** The same, returning the whole session (for routes about the session itself). Signed in, past any forced password change. */
export const requireSession = (request: FastifyRequest): Session => {
  const session = request.session;
  if (!session) throw unauthenticated(request.sessionEndedReason ?? undefined);
  if (session.user.mustChangePassword && !request.routeOptions.config.allowDuringPasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', '密码已过期或为初始密码，请先修改密码');
  }
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

/**
 * Audits a refusal (403): who, which route, which permission, from where. The request's own
 * transaction has already rolled back, so the row is written in a transaction of its own; a failure
 * to write it is logged and does not change the answer.
 */
export const auditRefusal =
  (db: Db) =>
  async (request: FastifyRequest, error: AppError): Promise<void> => {
    const actor = request.session?.actor;
    const params = request.params as Record<string, unknown> | undefined;
    // The guard refuses before params are validated: an id the database would refuse (a NUL) is left out, not the row.
    const objectId = typeof params?.id === 'string' && !hasForbiddenControl(params.id) ? params.id.slice(0, 64) : undefined;
    try {
      await db.transaction((tx) =>
        writeAudit(tx, actor ? { actor } : { actorName: null, ip: clientIp(request) }, {
          action: 'access.denied',
          result: 'failure',
          ...(objectId ? { objectId } : {}),
          details: {
            method: request.method,
            route: request.routeOptions.url ?? request.url.split('?')[0],
            permission: error.permission ?? null,
            code: error.code,
            message: error.message,
          },
        }),
      );
    } catch (auditError) {
      request.log.error({ err: auditError }, 'could not audit a refusal');
    }
  };
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a state-changing request may come from where it says it comes from (CSRF). Browsers send
 * Sec-Fetch-Site on every request and Origin on every cross-origin POST, so a browser request from
 * another origin always names itself: same-origin (and `none`, typed or bookmarked by the user) pass,
 * same-site and cross-site are refused, whatever the content type — a multipart form needs no preflight.
 * Without Sec-Fetch-Site, an Origin must name this server: its own Host, or FUBAN_PUBLIC_ORIGIN behind
 * a proxy that rewrites Host. A request with neither header did not come from a browser page (the CLI,
 * curl, server-to-server, tests): it passes, as no other site can make a browser send it that way.
 */
export const isSameOriginRequest = (request: FastifyRequest, publicOrigin: string | undefined): boolean => {
  if (!STATE_CHANGING.has(request.method)) return true;
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== '') return fetchSite === 'same-origin' || fetchSite === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (publicOrigin !== undefined && origin === publicOrigin) return true;
  try {
    // Through URL both sides, so that a default port written out (localhost:80) still matches.
    return new URL(origin).origin === new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return false; // "null" (sandboxed frames, file://) and anything unparsable
  }
};

/** Whether a value from params, query or body holds what no input may (checked before any schema). */
const findForbiddenInput = (value: unknown, depth = 0): string | undefined => {
  if (typeof value === 'string') return hasForbiddenControl(value) ? '不能包含控制字符' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > 32) return '数据嵌套层次过深';
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findForbiddenInput(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (PROTOTYPE_KEYS.has(key) || hasForbiddenControl(key)) return `不允许的字段名：${JSON.stringify(key).slice(0, 40)}`;
    const problem = findForbiddenInput(item, depth + 1);
    if (problem) return problem;
  }
  return undefined;
};

/**
 * The edge every request passes before its route: state-changing requests from another origin are
 * refused (403) before the session is read, and params, query and body carrying control characters
 * (NUL and the like) or prototype keys (`__proto__`, `constructor`) are refused (400) before any schema
 * or use case sees them — including the free-form parts (a kind's `fields`) no route schema spells out.
 */
export const registerEdgeGuards = (app: FastifyInstance, options: { publicOrigin?: string }): void => {
  app.addHook('onRequest', async (request) => {
    if (!isSameOriginRequest(request, options.publicOrigin)) throw forbidden('请求来源不被允许（跨站请求）');
  });
  // A write may change any ledger's total: the cached ones go once it is answered (committed or not).
  app.addHook('onResponse', async (request) => {
    if (STATE_CHANGING.has(request.method)) forgetCachedCounts();
  });
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const problem = findForbiddenInput(part);
      if (problem) throw validationError(`输入有误：${problem}`);
    }
  });
};
