/**
 * Paths anyone may call without signing in live under /api/public/ (the deputy's 征询意见表 link; later the
 * 市长信箱). Each client address may call them at most `perMinute` times a minute (@fastify/rate-limit, in
 * memory per server process): a link's token is 32 random bytes, so guessing is hopeless anyway, but a
 * flood should cost the office nothing. Over the limit: 429 with a Chinese message, and nothing is done.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export const PUBLIC_PREFIX = '/api/public/';

export const registerPublicRateLimit = async (app: FastifyInstance, { perMinute }: { perMinute: number }): Promise<void> => {
  // Added before the plugin's own onRoute hook, so the plugin finds the limit on each public route.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(PUBLIC_PREFIX)) route.config = { ...(route.config ?? {}), rateLimit: { max: perMinute, timeWindow: 60_000 } };
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // Thrown into the one error handler (platform/errors.ts), which answers 429 in Chinese.
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`rate limit: ${context.max} a minute`), { statusCode: 429 }),
  });
};
