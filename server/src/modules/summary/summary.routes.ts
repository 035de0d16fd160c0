/** Routes of the 年度工作总结 and the other periodic reports: templates, drafts, versions, .docx. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CreateSummaryInput,
  RetireTemplateInput,
  SaveSummaryInput,
  SetDefaultTemplateInput,
  SummaryListItem,
  SummaryTemplateInput,
  SummaryVersion,
  SummaryView,
  TemplatePreview,
  TemplatePreviewInput,
  TemplateVersion,
  TemplateView,
  TokenValues,
  TokenValuesInput,
} from '../../../../common/schemas/summary.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { requireActor, typed } from '../../platform/http.js';
import { summaryDocx } from './summary.export.js';
import { createSummaryDraft, getSummary, listSummaries, listSummaryVersions, saveSummary } from './summary.service.js';
import { previewSummaryTemplate, readTokenValues } from './summary-preview.service.js';
import { listSummaryTemplates, listSummaryTemplateVersions, retireSummaryTemplate, saveSummaryTemplate, setDefaultSummaryTemplate } from './summary-templates.service.js';

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });

export const summaryRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['工作总结'];

  api.get('/api/summaries/templates', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '总结模板（内置的市、县、区、开发区年度模板，半年、月度模板，及本办自定义模板）', response: { 200: z.array(TemplateView) } },
    handler: (request) => listSummaryTemplates({ db, actor: requireActor(request) }),
  });
  api.post('/api/summaries/templates', {
    config: { access: 'summary.template' },
    schema: { tags, summary: '新建本办模板（通常复制内置模板后修改）', body: SummaryTemplateInput, response: { 201: TemplateView } },
    handler: async (request, reply) => {
      const { version: _version, ...fields } = request.body;
      return reply.status(201).send(await saveSummaryTemplate({ db, actor: requireActor(request), fields, now: clock() }));
    },
  });
  api.put('/api/summaries/templates/:id', {
    config: { access: 'summary.template' },
    schema: { tags, summary: '修改本办模板（按读取时的版本，他人先改则 409）', params: IdParams, body: SummaryTemplateInput, response: { 200: TemplateView } },
    handler: (request) => {
      const { version, ...fields } = request.body;
      return saveSummaryTemplate({ db, actor: requireActor(request), id: request.params.id, version: version ?? -1, fields, now: clock() });
    },
  });

  api.get('/api/summaries/templates/:id/versions', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '本办模板的历史版本（每次保存的全文，新的在前）', params: IdParams, response: { 200: z.array(TemplateVersion) } },
    handler: (request) => listSummaryTemplateVersions({ db, actor: requireActor(request), id: request.params.id }),
  });
  api.post('/api/summaries/templates/:id/retire', {
    config: { access: 'summary.template' },
    schema: { tags, summary: '停用本办模板（按读取时的版本；已生成的草稿不受影响）', params: IdParams, body: RetireTemplateInput, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await retireSummaryTemplate({ db, actor: requireActor(request), id: request.params.id, version: request.body.version, now: clock() });
      return reply.status(204).send(null);
    },
  });
  api.put('/api/summaries/template-defaults', {
    config: { access: 'summary.template' },
    schema: { tags, summary: '设定本办默认使用的年度、半年或月度模板', body: SetDefaultTemplateInput, response: { 200: z.array(TemplateView) } },
    handler: (request) => setDefaultSummaryTemplate({ db, actor: requireActor(request), ...request.body, now: clock() }),
  });
  api.post('/api/summaries/template-preview', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '模板预览：按所选期间填入机关、年度，并按当前记录计算数字（不保存）', body: TemplatePreviewInput, response: { 200: TemplatePreview } },
    handler: (request) => {
      const { title, sections, level, periodKind, from, to, unitId } = request.body;
      return previewSummaryTemplate({ db, actor: requireActor(request), content: { title, sections }, level, periodKind, period: { from, to, unitId }, now: clock() });
    },
  });
  api.post('/api/summaries/token-values', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '数字标记在某期间的取值（编辑器中新插入的数字）', body: TokenValuesInput, response: { 200: TokenValues } },
    handler: (request) => {
      const { tokens, from, to, unitId } = request.body;
      return readTokenValues({ db, actor: requireActor(request), tokens, period: { from, to, unitId }, now: clock() });
    },
  });

  api.get('/api/summaries', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '工作总结草稿列表', response: { 200: z.array(SummaryListItem) } },
    handler: (request) => listSummaries({ db, actor: requireActor(request), now: clock() }),
  });
  api.post('/api/summaries', {
    config: { access: 'summary.write' },
    schema: { tags, summary: '按模板为一个期间（及单位）生成总结草稿：数字均来自指标，无数据处留【待补充】', body: CreateSummaryInput, response: { 201: SummaryView } },
    handler: async (request, reply) => reply.status(201).send(await createSummaryDraft({ db, actor: requireActor(request), ...request.body, now: clock() })),
  });
  api.get('/api/summaries/:id', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '总结草稿：每个数字按当前记录计算，并可打开其明细', params: IdParams, response: { 200: SummaryView } },
    handler: (request) => getSummary({ db, actor: requireActor(request), id: request.params.id, now: clock() }),
  });
  api.put('/api/summaries/:id', {
    config: { access: 'summary.write' },
    schema: { tags, summary: '保存修改（文字自由修改，数字保持与指标的关联；他人先保存则 409）', params: IdParams, body: SaveSummaryInput, response: { 200: SummaryView } },
    handler: (request) => {
      const { version, ...content } = request.body;
      return saveSummary({ db, actor: requireActor(request), id: request.params.id, version, content, now: clock() });
    },
  });
  api.get('/api/summaries/:id/versions', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '历史版本（每次保存的全文）', params: IdParams, response: { 200: z.array(SummaryVersion) } },
    handler: (request) => listSummaryVersions({ db, actor: requireActor(request), id: request.params.id }),
  });
  api.get('/api/summaries/:id/document.docx', {
    config: { access: 'summary.read' },
    schema: { tags, summary: '导出 Word（GB/T 9704 版式）', params: IdParams },
    handler: async (request, reply) => {
      const now = clock();
      const summary = await getSummary({ db, actor: requireActor(request), id: request.params.id, now });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="summary.docx"; filename*=UTF-8''${encodeURIComponent(`${summary.title}.docx`)}`)
        .send(await summaryDocx(summary, todayInShanghai(now)));
    },
  });
};
