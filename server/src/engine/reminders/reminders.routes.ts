/** Routes: manual 催办 and its count. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UrgeInput, UrgeResult, UrgeCount, UrgeCountQuery } from '../../../../common/schemas/cases.js';
import { requireActor, typed } from '../../platform/http.js';
import { countUrgesInScope, urgeCase } from './urge.js';

export const reminderRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['催办'];

  api.post('/api/cases/:id/urge', {
    config: { access: 'case.work' },
    schema: { tags, summary: '催办（附催办内容）', params: z.object({ id: z.string().uuid('编号格式不正确') }), body: UrgeInput, response: { 200: UrgeResult } },
    handler: (request) => urgeCase({ db, actor: requireActor(request), caseId: request.params.id, input: request.body, now: clock() }),
  });

  api.get('/api/urges/count', {
    config: { access: 'case.work' },
    schema: { tags, summary: '催办次数（按权限范围）', querystring: UrgeCountQuery, response: { 200: UrgeCount } },
    handler: (request) => countUrgesInScope({ db, actor: requireActor(request), from: request.query.from, to: request.query.to, now: clock() }),
  });
};
