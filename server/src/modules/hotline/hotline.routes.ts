/** Routes: /api/hotline — the ticket ledger, the 三率 board (hotline.rates.routes.ts), and what the intake and 退单 forms offer. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CategoryNode, KnowledgeAnswer, KnowledgeQuery, TicketPage, TicketQuery } from '../../../../common/schemas/hotline.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { searchAnswers } from './hotline.knowledge.js';
import { requireActor, typed } from '../../platform/http.js';
import { HotspotsQuery, HotspotsView } from '../../../../common/schemas/hotline-hotspots.js';
import { readHotspots } from './hotline.hotspots.js';
import { mailboxRoutes } from './mailbox/mailbox.routes.js';
import { open311Routes } from './open311/open311.routes.js';
import { ratesRoutes } from './hotline.rates.routes.js';
import { listAreas, listCategoryTree, listDutyItems, listTickets } from './hotline.service.js';

export const hotlineRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['12345热线'];

  api.get('/api/hotline/tickets', {
    config: { access: 'hotline.read' },
    schema: { tags, summary: '工单台账（按渠道、类型、分类、街乡、状态、承办单位、日期筛选；联络员只看本单位）', querystring: TicketQuery, response: { 200: TicketPage } },
    handler: (request) => listTickets({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });
  api.get('/api/hotline/categories', {
    config: { access: 'hotline.read' },
    schema: { tags, summary: '诉求分类目录（二级，启用的）', response: { 200: z.array(CategoryNode) } },
    handler: () => listCategoryTree({ db }),
  });
  api.get('/api/hotline/areas', {
    config: { access: 'hotline.read' },
    schema: { tags, summary: '街乡（乡镇、街道单位）', response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) } },
    handler: () => listAreas({ db }),
  });
  api.get('/api/hotline/answers', {
    config: { access: 'hotline.read' },
    schema: { tags, summary: '知识库：按所输诉求内容和分类查找现行有效的答复口径', querystring: KnowledgeQuery, response: { 200: z.array(KnowledgeAnswer) } },
    handler: (request) => {
      return searchAnswers({ db, q: request.query.q, category: request.query.category, today: todayInShanghai(clock()) });
    },
  });
  api.get('/api/hotline/hotspots', {
    config: { access: 'hotline.read' },
    schema: { tags, summary: '热点：一周（周一至周日）工单最多的分类、街乡和词语，与上周比较；某分类在某街乡的突增（联络员只看本单位）', querystring: HotspotsQuery, response: { 200: HotspotsView } },
    handler: (request) => readHotspots({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });
  api.get('/api/hotline/duties/:unitId', {
    config: { access: 'hotline.read' },
    schema: { tags, summary: '单位的职责清单（退单依据）', params: z.object({ unitId: z.string().uuid('单位编号格式不正确') }), response: { 200: z.array(z.string()) } },
    handler: (request) => listDutyItems({ db, actor: requireActor(request), unitId: request.params.unitId }),
  });
  await app.register(ratesRoutes);
  await app.register(mailboxRoutes);
  await app.register(open311Routes);
};
