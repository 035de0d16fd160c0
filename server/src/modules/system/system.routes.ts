/** GET /api/health: is the process up, can it reach its database, and which office it serves. */
import type { FastifyInstance } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { Health } from '../../../../common/schemas/system.js';
import { units } from '../../db/schema/index.js';
import { appVersion } from '../../platform/config.js';
import { typed } from '../../platform/http.js';
import { calendarWarnings } from '../../engine/calendar/calendar.service.js';

/** How long health waits for the database before answering from its last look (PGlite runs one transaction at a time). */
const DATABASE_WAIT_MS = 300;
/** A last look older than this is no evidence that the database still answers. */
const STALE_AFTER_MS = 120_000;

type DatabaseLook = { officeName: string | null; warnings: string[] };

export const healthRoutes = async (app: FastifyInstance) => {
  let last: (DatabaseLook & { at: number }) | undefined;
  let pending: Promise<DatabaseLook> | undefined;
  // One look at a time: while a long write (a 5,000-row import) holds the embedded database, polls share the waiting look.
  const lookAtDatabase = (): Promise<DatabaseLook> => {
    pending ??= (async () => {
      try {
        // The office's own unit names the installation on the login page; it is public, like a letterhead.
        const [office] = await app.ctx.db.select({ name: units.name }).from(units).where(eq(units.type, 'office')).orderBy(asc(units.createdAt)).limit(1);
        const look = { officeName: office?.name ?? null, warnings: await calendarWarnings({ db: app.ctx.db, now: app.ctx.clock() }) };
        last = { ...look, at: Date.now() };
        return look;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  typed(app).get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['系统'], summary: '健康检查', security: [], response: { 200: Health, 503: Health } },
    handler: async (_request, reply) => {
      const base = { database: app.ctx.databaseKind, version: appVersion };
      const isDemoDataPending = app.ctx.status?.isDemoDataPending ?? false;
      try {
        const look = lookAtDatabase();
        const busy = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), DATABASE_WAIT_MS).unref());
        const answer = await Promise.race([look, busy]);
        // The database is busy, not gone: a recent look answers, and the pending one refreshes it when the write commits.
        const known = answer ?? (last && Date.now() - last.at < STALE_AFTER_MS ? last : undefined);
        if (!answer) look.catch(() => undefined);
        if (!known) return await look.then((fresh) => ({ ...base, status: 'ok' as const, ...fresh, isDemoDataPending }));
        return { ...base, status: 'ok' as const, officeName: known.officeName, warnings: known.warnings, isDemoDataPending };
      } catch {
        return reply.status(503).send({ ...base, status: 'degraded' as const, officeName: null, warnings: ['数据库不可用'], isDemoDataPending: false });
      }
    },
  });
};
