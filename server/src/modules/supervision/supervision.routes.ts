/** Routes: /api/supervision — 立项, the 督查室's list with lights, and the 分工方案 import. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateSupervisionInput, SupervisionItemView, SupervisionQuery } from '../../../../common/schemas/supervision.js';
import { requireActor, typed } from '../../platform/http.js';
import { planImportRoutes } from './import/plan-import.routes.js';
import { supervisionOfficeRoutes } from './office/office.routes.js';
import { createSupervisionItem, listSupervisionItems } from './supervision.service.js';

export const supervisionRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['督查督办'];

  api.get('/api/supervision/items', {
    config: { access: 'supervision.read' },
    schema: { tags, summary: '督办事项及亮灯（按立项日期、亮灯、来源筛选；联络员只看本单位）', querystring: SupervisionQuery, response: { 200: z.array(SupervisionItemView) } },
    handler: (request) => listSupervisionItems({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });
  api.post('/api/supervision/items', {
    config: { access: 'case.work' },
    schema: { tags, summary: '立项：登记督办事项并交牵头单位、责任单位', body: CreateSupervisionInput, response: { 201: z.object({ id: z.string(), serialNo: z.string(), version: z.number() }) } },
    handler: async (request, reply) => {
      const created = await createSupervisionItem({ db, actor: requireActor(request), input: request.body, now: clock() });
      return reply.status(201).send(created);
    },
  });
  await app.register(planImportRoutes);
  await app.register(supervisionOfficeRoutes);
};
