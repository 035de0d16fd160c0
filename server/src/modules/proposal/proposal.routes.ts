/** Routes: /api/proposals — single entry, the board, the import, the 交办会 and the survey link. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { batchAssignLabels, BatchAssignInput, BatchAssignResult, CreateProposalInput, ProposalItemView, ProposalQuery } from '../../../../common/schemas/proposal.js';
import { isoDate } from '../../../../common/schemas/primitives.js';
import { assignmentSheet, holdAssignmentMeeting } from './proposal-meeting.service.js';
import { renderAnswerLetter } from './answer-letter.js';
import { requireActor, typed } from '../../platform/http.js';
import { proposalImportRoutes } from './import/proposal-import.routes.js';
import { surveyRoutes } from './survey.routes.js';
import { listProposals, registerProposal } from './proposal.service.js';

const SheetQuery = z.object({ meetingOn: isoDate('交办会日期格式应为 YYYY-MM-DD'), unitId: z.string().uuid('单位编号格式不正确') });

const LetterQuery = z.object({ round: z.coerce.number().int().min(1).max(2).default(1), unitId: z.string().uuid('单位编号格式不正确') });

export const proposalRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['建议提案'];

  api.get('/api/proposals', {
    config: { access: 'proposal.read' },
    schema: { tags, summary: '建议提案一览（按类型、届次、会次、状态、承办单位筛选；逾期在前；联络员只看交本单位的）', querystring: ProposalQuery, response: { 200: z.array(ProposalItemView) } },
    handler: (request) => listProposals({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });
  api.post('/api/proposals', {
    config: { access: 'proposal.manage' },
    schema: { tags, summary: '登记一件建议或提案（会后收到的；同一届次会次编号不能重复）', body: CreateProposalInput, response: { 201: z.object({ id: z.string(), serialNo: z.string(), version: z.number() }) } },
    handler: async (request, reply) => {
      const created = await registerProposal({ db, actor: requireActor(request), input: request.body, now: clock() });
      return reply.status(201).send(created);
    },
  });
  api.post('/api/proposals/assignment-meeting', {
    schema: { tags, summary: '交办会：一次交办多件（每件的主办或分办单位、会办单位；一个事务，任何一件失败则全部不交办）', body: BatchAssignInput, response: { 200: BatchAssignResult } },
    config: { access: 'proposal.manage', fieldLabels: batchAssignLabels },
    handler: (request) => holdAssignmentMeeting({ db, actor: requireActor(request), input: request.body, now: clock() }),
  });
  api.get('/api/proposals/assignment-sheet.xlsx', {
    config: { access: 'proposal.read' },
    schema: { tags, summary: '交办单（某单位在某次交办会上交办的建议提案，Excel；联络员只能下载本单位的）', querystring: SheetQuery },
    handler: async (request, reply) => {
      const { buffer, fileName } = await assignmentSheet({ db, actor: requireActor(request), meetingOn: request.query.meetingOn, unitId: request.query.unitId, now: clock() });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="assignment-sheet.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });
  api.get('/api/proposals/:id/answer-letter.docx', {
    config: { access: 'case.work' },
    schema: { tags, summary: '答复函（信函格式 Word，按某轮某单位的答复生成；能查看个人信息的读者看到代表全名，留审计记录）', params: z.object({ id: z.string().uuid('编号格式不正确') }), querystring: LetterQuery },
    handler: async (request, reply) => {
      const { file, name } = await renderAnswerLetter({ db, actor: requireActor(request), caseId: request.params.id, round: request.query.round, unitId: request.query.unitId, now: clock() });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="answer-letter.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(file);
    },
  });
  await app.register(proposalImportRoutes);
  await app.register(surveyRoutes);
};
