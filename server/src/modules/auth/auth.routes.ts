/** Routes: /api/auth/* — sign in, sign out, who am I, change my password. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChangePasswordInput, CurrentUser, LoginInput, PasswordRules } from '../../../../common/schemas/auth.js';
import { AppError } from '../../platform/errors.js';
import {
  clearSessionCookie,
  clientIp,
  requireSession,
  SESSION_COOKIE,
  setSessionCookie,
  typed,
} from '../../platform/http.js';
import { authenticateSession, changeOwnPassword, login, logout } from './auth.service.js';
import { getSecurityPolicy } from '../security/security.service.js';

/** Puts the session's actor on every request that carries a valid cookie. */
export const registerSessionHook = (app: FastifyInstance): void => {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionEndedReason', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    try {
      const context = await authenticateSession({ db: app.ctx.db, token, now: app.ctx.clock(), ip: clientIp(request) });
      request.session = context;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      request.sessionEndedReason = error.message;
      clearSessionCookie(reply);
    }
  });
};

export const authRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const tags = ['认证'];

  api.post('/api/auth/login', {
    schema: { tags, summary: '登录', body: LoginInput, response: { 200: CurrentUser } },
    config: { access: 'public', allowDuringPasswordChange: true },
    handler: async (request, reply) => {
      const { token, user } = await login({
        db: app.ctx.db,
        input: request.body,
        now: app.ctx.clock(),
        request: { ip: clientIp(request), userAgent: request.headers['user-agent'] ?? null },
        previousToken: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(request, reply, token, app.ctx.config);
      return user;
    },
  });

  api.post('/api/auth/logout', {
    schema: { tags, summary: '退出登录', response: { 204: z.null() } },
    config: { access: 'public', allowDuringPasswordChange: true },
    handler: async (request, reply) => {
      if (request.session) await logout({ db: app.ctx.db, session: request.session });
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  });

  api.get('/api/auth/me', {
    schema: { tags, summary: '当前用户', response: { 200: CurrentUser } },
    config: { access: 'signed-in', allowDuringPasswordChange: true },
    handler: async (request) => {
      return requireSession(request).user;
    },
  });

  api.get('/api/auth/password-rules', {
    schema: { tags, summary: '新密码须满足的要求（安全策略）', response: { 200: PasswordRules } },
    config: { access: 'signed-in', allowDuringPasswordChange: true },
    handler: async () => {
      const { minLength, requireCharClasses, rejectCommonPasswords } = await getSecurityPolicy({ db: app.ctx.db });
      return { minLength, requireCharClasses, rejectCommonPasswords };
    },
  });

  api.post('/api/auth/password', {
    schema: { tags, summary: '修改本人密码', body: ChangePasswordInput, response: { 204: z.null() } },
    config: { access: 'signed-in', allowDuringPasswordChange: true },
    handler: async (request, reply) => {
      const session = requireSession(request);
      await changeOwnPassword({ db: app.ctx.db, session, input: request.body, now: app.ctx.clock() });
      return reply.status(204).send(null);
    },
  });
};
