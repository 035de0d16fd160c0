/**
 * Paths anyone may call without signing in live under /api/public/ (the deputy's 征询意见表 link, the 市长信箱,
 * Open311). Each client address may call them at most `perMinute` times a minute, all together (@fastify/rate-limit, in
 * memory per server process): a link's token is 32 random bytes, so guessing is hopeless anyway, but a
 * flood should cost the office nothing. Over the limit: 429 with a Chinese message, and nothing is done.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export const PUBLIC_PREFIX = '/api/public/';

export const registerPublicRateLimit = async (app: FastifyInstance, { perMinute }: { perMinute: number }): Promise<void> => {
  // Added before the plugin's own onRoute hook, so the plugin finds the limit on each public route. One
  // counter for all of them (groupId): a letter, its challenge and a survey answer draw on the same
  // allowance. A route that declares its own limit keeps it (Open311: systems that hold a key).
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { rateLimit?: unknown };
    if (route.url.startsWith(PUBLIC_PREFIX) && config.rateLimit === undefined) {
      route.config = { ...config, rateLimit: { max: perMinute, timeWindow: 60_000, groupId: 'public' } } as typeof route.config;
    }
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // Thrown into the one error handler (platform/errors.ts), which answers 429 in Chinese.
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`rate limit: ${context.max} a minute`), { statusCode: 429 }),
  });
};
