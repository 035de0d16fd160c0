/** Routes of the 领导驾驶舱. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DashboardQuery, DashboardView, RankingQuery, RankingRow } from '../../../../common/schemas/dashboard.js';
import { requireActor, typed } from '../../platform/http.js';
import { getDashboard, rankUnits } from './dashboard.service.js';

export const dashboardRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['领导驾驶舱'];
  api.get('/api/dashboard', {
    config: { access: 'dashboard.read' },
    schema: { tags, summary: '领导驾驶舱：各模块主要数字、逐月同比、今日红灯事项', querystring: DashboardQuery, response: { 200: DashboardView } },
    handler: (request) => getDashboard({ db, actor: requireActor(request), year: request.query.year, now: clock() }),
  });
  api.get('/api/dashboard/ranking', {
    config: { access: 'dashboard.read' },
    schema: { tags, summary: '按时办结率等指标的单位排名（无可统计事项的单位不列出）', querystring: RankingQuery, response: { 200: z.array(RankingRow) } },
    handler: (request) => rankUnits({ db, actor: requireActor(request), metric: request.query.metric, year: request.query.year, now: clock() }),
  });
};
