/**
 * The 征询意见表 link: the office sends it (signed in, proposal.manage); the deputy reads and answers it with no
 * account under /api/public/proposal-survey/:token only — nothing else is reachable without a session.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SurveyAnswer, surveyAnswerLabels, SurveyView } from '../../../../common/schemas/proposal.js';
import { requireActor, typed } from '../../platform/http.js';
import { issueSurveyLink, readSurvey, submitSurvey } from './survey.service.js';

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });
const TokenParams = z.object({ token: z.string().min(1).max(100) });

export const surveyRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['建议提案'];

  api.post('/api/proposals/:id/survey-link', {
    config: { access: 'proposal.manage' },
    schema: { tags, summary: '生成征询意见表链接（一次性，30 天内有效；新链接使旧链接失效；令牌只返回这一次）', params: IdParams, response: { 200: z.object({ token: z.string(), path: z.string(), expiresAt: z.string(), round: z.number().int() }) } },
    handler: (request) => issueSurveyLink({ db, actor: requireActor(request), caseId: request.params.id, now: clock() }),
  });
  api.get('/api/public/proposal-survey/:token', {
    config: { access: 'public' },
    schema: { tags, summary: '代表（委员）打开征询意见表（无需登录；链接无效、已用或过期均为 404）', params: TokenParams, response: { 200: SurveyView }, security: [] },
    handler: (request) => readSurvey({ db, token: request.params.token, now: clock() }),
  });
  api.post('/api/public/proposal-survey/:token', {
    schema: { tags, summary: '代表（委员）提交征询意见表（一次性）', params: TokenParams, body: SurveyAnswer, response: { 200: z.object({ overall: z.string() }) }, security: [] },
    config: { access: 'public', fieldLabels: surveyAnswerLabels },
    handler: (request) => submitSurvey({ db, token: request.params.token, input: request.body, ip: request.ip, now: clock() }),
  });
};
