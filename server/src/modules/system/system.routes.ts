/** GET /api/health: is the process up, can it reach its database, and which office it serves. */
import type { FastifyInstance } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { Health } from '../../../../common/schemas/system.js';
import { units } from '../../db/schema/index.js';
import { appVersion } from '../../platform/config.js';
import { typed } from '../../platform/http.js';
import { calendarWarnings } from '../../engine/calendar/calendar.service.js';

export const healthRoutes = async (app: FastifyInstance) => {
  typed(app).get('/api/health', {
    schema: { tags: ['系统'], summary: '健康检查', security: [], response: { 200: Health, 503: Health } },
    handler: async (_request, reply) => {
      const base = { database: app.ctx.databaseKind, version: appVersion };
      try {
        // The office's own unit names the installation on the login page; it is public, like a letterhead.
        const [office] = await app.ctx.db
          .select({ name: units.name })
          .from(units)
          .where(eq(units.type, 'office'))
          .orderBy(asc(units.createdAt))
          .limit(1);
        const isDemoDataPending = app.ctx.status?.isDemoDataPending ?? false;
        const warnings = await calendarWarnings({ db: app.ctx.db, now: app.ctx.clock() });
        return { ...base, status: 'ok' as const, officeName: office?.name ?? null, warnings, isDemoDataPending };
      } catch {
        return reply.status(503).send({ ...base, status: 'degraded' as const, officeName: null, warnings: ['数据库不可用'], isDemoDataPending: false });
      }
    },
  });
};
