/** Routes: /api/hotline/rates — the 三率 board with 环比 and 同比, and the tickets behind any of its figures. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { RateDrillQuery, RateDrillView, RatesQuery, RatesView } from '../../../../common/schemas/hotline-rates.js';
import { requireActor, typed } from '../../platform/http.js';
import { drillRate, readRatesBoard } from './hotline.rates.service.js';

export const ratesRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['12345热线'];

  api.get('/api/hotline/rates', {
    config: { access: 'hotline.read' },
    schema: {
      tags,
      summary: '三率（响应率、解决率、满意率）和按时办结率：按承办单位或街乡的月度排名、红榜和全市合计，各率附上月（环比）和上年同月（同比）',
      querystring: RatesQuery,
      response: { 200: RatesView },
    },
    handler: (request) => readRatesBoard({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });
  api.get('/api/hotline/rates/tickets', {
    config: { access: 'hotline.read' },
    schema: {
      tags,
      summary: '三率明细：某单位、街乡或全市某月某率的分子、分母或未达标工单（分页，附未达标原因；联络员只能查本单位）',
      querystring: RateDrillQuery,
      response: { 200: RateDrillView },
    },
    handler: (request) => drillRate({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });
};
