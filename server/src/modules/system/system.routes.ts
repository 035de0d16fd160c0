/** GET /api/health: is the process up and can it reach its database. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appVersion } from '../../platform/config.js';
import { ping } from '../../platform/db.js';
import { typed } from '../../platform/http.js';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  warnings: z.array(z.string()),
});

export const healthRoutes = async (app: FastifyInstance) => {
  typed(app).get('/api/health', {
    schema: { tags: ['系统'], summary: '健康检查', security: [], response: { 200: Health, 503: Health } },
    handler: async (_request, reply) => {
      const base = { database: app.ctx.databaseKind, version: appVersion };
      try {
        await ping(app.ctx.db);
        return { ...base, status: 'ok' as const, warnings: [] };
      } catch {
        return reply.status(503).send({ ...base, status: 'degraded' as const, warnings: ['数据库不可用'] });
      }
    },
  });
};
