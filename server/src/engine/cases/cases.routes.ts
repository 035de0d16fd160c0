/** The ledger API shared by every kind. These routes are a contract: other systems call them. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ActionEnvelope, AssignmentDuePreview, AssignmentDueQuery, CaseDetail, CasePage, CaseQuery, CirculateInput, CreateCaseInput, KindView, ReadInput } from '../../../../common/schemas/cases.js';
import { circulateCase, markCirculationRead } from '../circulation/circulation.service.js';
import { notifyCaseSaved, requireActor, typed } from '../../platform/http.js';
import { kindsVisibleTo } from './access.js';
import { previewAssignmentDue } from './assignment-due.js';
import { getCaseDetail } from './case-detail.js';
import { createCase } from './create-case.js';
import { exportFileName, exportLedger } from './ledger-export.js';
import { listCases } from './ledger.js';
import { linkCases } from './links.js';
import { performAction } from './perform-action.js';
import { getKind, listKinds } from '../kinds/registry.js';
import { describeKindActions } from '../inputs/form.js';
import { KindActionView } from '../../../../common/schemas/action-form.js';

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });
const ActionParams = IdParams.extend({ action: z.string().regex(/^[a-z_]{2,40}$/, '操作名称不正确') });

export const caseRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['事项'];

  api.get('/api/kinds', {
    config: { access: 'case.work' },
    schema: { tags, summary: '事项类型', response: { 200: z.array(KindView) } },
    handler: async (request) => {
      const actor = requireActor(request);
      const self = { ...actor, isSelf: true };
      const visible = kindsVisibleTo(self);
      return listKinds().map((kind) => ({
        id: kind.id,
        label: kind.label,
        states: Object.entries(kind.states).map(([id, label]) => ({ id, label })),
        canCreate: kind.roles.create.some((role) => actor.roles.includes(role)),
        canView: visible.includes(kind.id) || actor.roles.includes('liaison'),
        metrics: [...kind.metrics],
        deadlineBasis: kind.assignmentClock?.defaults.lead?.basis ?? null,
      }));
    },
  });

  api.get('/api/kinds/:kind/actions', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '事项类型的操作及其输入（表单控件与 JSON Schema）',
      params: z.object({ kind: z.string().regex(/^[a-z_]{2,40}$/, '事项类型不正确') }),
      response: { 200: z.array(KindActionView) },
    },
    handler: async (request) => {
      return describeKindActions(getKind(request.params.kind));
    },
  });

  api.get('/api/cases', {
    config: { access: 'case.work' },
    schema: { tags, summary: '台账查询（按权限范围）', querystring: CaseQuery, response: { 200: CasePage } },
    handler: (request) => listCases({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });

  api.get('/api/cases/export.xlsx', {
    config: { access: 'case.work' },
    schema: { tags, summary: '台账导出 Excel（同一筛选条件）', querystring: CaseQuery },
    handler: async (request, reply) => {
      const now = clock();
      const buffer = await exportLedger({ db, actor: requireActor(request), query: request.query, now });
      // RFC 5987: the Chinese name in filename*, an ASCII fallback in filename for old clients.
      const name = encodeURIComponent(exportFileName({ query: request.query, now }));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${request.query.kind ?? 'cases'}-register.xlsx"; filename*=UTF-8''${name}`)
        .send(buffer);
    },
  });

  api.get('/api/cases/:id', {
    config: { access: 'case.work' },
    schema: { tags, summary: '事项详情（字段、交办、留痕、可执行的操作）', params: IdParams, response: { 200: CaseDetail } },
    handler: (request) => getCaseDetail({ db, actor: requireActor(request), caseId: request.params.id, now: clock() }),
  });

  api.get('/api/cases/:id/assignment-due', {
    config: { access: 'case.work' },
    schema: { tags, summary: '交办时限预览（按当前日历和事项类型的默认时限）', params: IdParams, querystring: AssignmentDueQuery, response: { 200: AssignmentDuePreview } },
    handler: (request) =>
      previewAssignmentDue({ db, actor: requireActor(request), caseId: request.params.id, role: request.query.role, days: request.query.days, now: clock() }),
  });

  api.post('/api/cases', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '登记事项',
      body: CreateCaseInput,
      response: { 200: z.object({ id: z.string(), serialNo: z.string(), version: z.number().int(), warnings: z.array(z.string()) }) },
    },
    handler: async (request) => {
      const created = await createCase({ db, actor: requireActor(request), kindId: request.body.kind, fields: request.body.fields, now: clock() });
      notifyCaseSaved(app.ctx, created.id);
      return created;
    },
  });

  api.post('/api/cases/:id/links', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '关联事项（派生自、子事项、相关）',
      params: IdParams,
      body: z.object({ toCaseId: z.string().uuid(), type: z.enum(['derived_from', 'child_of', 'related']) }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await linkCases({ db, actor: requireActor(request), caseId: request.params.id, ...request.body, now: clock() });
      return reply.status(204).send(null);
    },
  });

  api.post('/api/cases/:id/circulations', {
    config: { access: 'case.work' },
    schema: { tags, summary: '传阅（写明目的）', params: IdParams, body: CirculateInput, response: { 200: z.object({ circulated: z.number().int() }) } },
    handler: (request) => circulateCase({ db, actor: requireActor(request), caseId: request.params.id, input: request.body, now: clock() }),
  });
  api.post('/api/cases/:id/circulations/:circulationId/read', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '阅知（可附意见）',
      params: IdParams.extend({ circulationId: z.string().uuid() }),
      body: ReadInput,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await markCirculationRead({
        db,
        actor: requireActor(request),
        caseId: request.params.id,
        circulationId: request.params.circulationId,
        comment: request.body.comment,
        now: clock(),
      });
      return reply.status(204).send(null);
    },
  });

  api.post('/api/cases/:id/actions/:action', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '执行操作（须带 version；版本过期返回 409）',
      params: ActionParams,
      body: ActionEnvelope,
      response: { 200: z.object({ caseId: z.string(), version: z.number().int(), state: z.string() }) },
    },
    handler: async (request) => {
      const result = await performAction({ db, actor: requireActor(request), caseId: request.params.id, action: request.params.action, input: request.body, now: clock() });
      notifyCaseSaved(app.ctx, result.caseId); // after the commit: the listeners' work never holds the action's transaction
      return result;
    },
  });
};
