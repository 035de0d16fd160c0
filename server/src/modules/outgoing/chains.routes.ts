/** Routes: 发文 approval chains (系统管理员 edits; everyone who works on cases may read them). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApprovalChainView, SaveChainInput, type ChainStep } from '../../../../common/schemas/outgoing.js';
import { requireActor, typed } from '../../platform/http.js';
import { listChains, retireChain, saveChain, type ChainRow } from './chains.service.js';

const present = ({ chain, createdByName }: { chain: ChainRow; createdByName: string }) => ({
  ...chain,
  steps: chain.steps as ChainStep[],
  createdAt: chain.createdAt.toISOString(),
  createdByName,
});

export const chainRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['发文'];
  const KeyParams = z.object({ key: z.string().uuid() });

  api.get('/api/approval-chains', {
    config: { access: { anyOf: ['config.manage', 'case.work'] } },
    schema: { tags, summary: '发文审批流程（history=true 含历史版本）', querystring: z.object({ history: z.enum(['true', 'false']).optional() }), response: { 200: z.array(ApprovalChainView) } },
    handler: async (request) => (await listChains({ db, includeHistory: request.query.history === 'true' })).map(present),
  });
  api.post('/api/approval-chains', {
    config: { access: 'config.manage' },
    schema: { tags, summary: '新增审批流程（系统管理员）', body: SaveChainInput, response: { 200: ApprovalChainView } },
    handler: async (request) => {
      const actor = requireActor(request);
      return present({ chain: await saveChain({ db, actor, input: request.body, now: clock() }), createdByName: actor.displayName });
    },
  });
  api.put('/api/approval-chains/:key', {
    config: { access: 'config.manage' },
    schema: { tags, summary: '修改审批流程：保存为新版本，在办文件仍按原版本流转', params: KeyParams, body: SaveChainInput, response: { 200: ApprovalChainView } },
    handler: async (request) => {
      const actor = requireActor(request);
      return present({ chain: await saveChain({ db, actor, chainKey: request.params.key, input: request.body, now: clock() }), createdByName: actor.displayName });
    },
  });
  api.delete('/api/approval-chains/:key', {
    config: { access: 'config.manage' },
    schema: { tags, summary: '停用审批流程', params: KeyParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await retireChain({ db, actor: requireActor(request), chainKey: request.params.key });
      return reply.code(204).send(null);
    },
  });
};
