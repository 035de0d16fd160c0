/**
 * Paths anyone may call without signing in live under /api/public/ (the deputy's 征询意见表 link, the 市长信箱,
 * Open311). Each client address may call them at most `perMinute` times a minute, all of them together
 * (@fastify/rate-limit, one in-memory counter per server process): a link's token is 32 random bytes, so
 * guessing is hopeless anyway, but a flood should cost the office nothing. A route that declares its own
 * limit keeps it (Open311: systems that hold a key). Over the limit: 429 in Chinese, and nothing is done.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';

export const PUBLIC_PREFIX = '/api/public/';

export const registerPublicRateLimit = async (app: FastifyInstance, { perMinute }: { perMinute: number }): Promise<void> => {
  await app.register(fastifyRateLimit, {
    global: false,
    // Thrown into the one error handler (platform/errors.ts), which answers 429 in Chinese.
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`rate limit: ${context.max} a minute`), { statusCode: 429 }),
  });
  // One limiter, so one counter per address across every public path (a route's own config would get a counter of its own).
  const citizens = app.rateLimit({ max: perMinute, timeWindow: 60_000 }) as onRequestHookHandler;
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { rateLimit?: unknown };
    if (!route.url.startsWith(PUBLIC_PREFIX) || config.rateLimit !== undefined) return;
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [citizens, ...existing];
  });
};
