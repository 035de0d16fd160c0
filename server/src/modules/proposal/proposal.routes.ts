/** Routes: /api/proposals — single entry, the board, the import, the 交办会 and the survey link. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateProposalInput, ProposalItemView, ProposalQuery } from '../../../../common/schemas/proposal.js';
import { requireActor, typed } from '../../platform/http.js';
import { proposalImportRoutes } from './import/proposal-import.routes.js';
import { listProposals, registerProposal } from './proposal.service.js';

export const proposalRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['建议提案'];

  api.get('/api/proposals', {
    schema: { tags, summary: '建议提案一览（按类型、届次、会次、状态、承办单位筛选；逾期在前；联络员只看交本单位的）', querystring: ProposalQuery, response: { 200: z.array(ProposalItemView) } },
    handler: (request) => listProposals({ db, actor: requireActor(request, 'proposal.read'), query: request.query, now: clock() }),
  });
  api.post('/api/proposals', {
    schema: { tags, summary: '登记一件建议或提案（会后收到的；同一届次会次编号不能重复）', body: CreateProposalInput, response: { 201: z.object({ id: z.string(), serialNo: z.string(), version: z.number() }) } },
    handler: async (request, reply) => {
      const created = await registerProposal({ db, actor: requireActor(request, 'proposal.manage'), input: request.body, now: clock() });
      return reply.status(201).send(created);
    },
  });
  await app.register(proposalImportRoutes);
};
