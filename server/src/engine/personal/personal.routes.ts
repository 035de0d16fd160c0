/** Personal data on cases: 显示 one field or one trail event's texts (audited) and finding a person's cases. All need pii.reveal. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PersonSearchInput, PersonSearchResult, RevealedInputs, RevealedValue } from '../../../../common/schemas/personal.js';
import { requireActor, typed } from '../../platform/http.js';
import { revealEventInputs, revealPersonalField, searchPersonCases } from './personal.service.js';

const EventParams = z.object({ id: z.string().uuid('编号格式不正确'), seq: z.coerce.number().int('留痕序号不正确').min(1, '留痕序号不正确').max(2_147_483_647, '留痕序号不正确') });
const RevealParams = z.object({ id: z.string().uuid('编号格式不正确'), field: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}$/, '字段名称不正确') });

export const personalRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['事项'];

  api.post('/api/cases/:id/personal/:field/reveal', {
    config: { access: 'pii.reveal' },
    schema: { tags, summary: '显示个人信息（全文，留审计记录）', params: RevealParams, response: { 200: RevealedValue } },
    handler: (request) => revealPersonalField({ db, actor: requireActor(request), caseId: request.params.id, field: request.params.field, now: clock() }),
  });

  api.post('/api/cases/:id/events/:seq/reveal', {
    config: { access: 'pii.reveal' },
    schema: { tags, summary: '显示留痕中隐去的号码（该步办理意见、理由的全文，留审计记录）', params: EventParams, response: { 200: RevealedInputs } },
    handler: (request) => revealEventInputs({ db, actor: requireActor(request), caseId: request.params.id, seq: request.params.seq, now: clock() }),
  });

  // POST, not GET: the number must not appear in a URL (access logs, browser history).
  api.post('/api/cases/person-search', {
    config: { access: 'pii.reveal' },
    schema: { tags, summary: '按电话或身份证号查找当事人的事项（盲索引，限本人可见范围）', body: PersonSearchInput, response: { 200: PersonSearchResult } },
    handler: (request) => searchPersonCases({ db, actor: requireActor(request), input: request.body, now: clock() }),
  });
};
