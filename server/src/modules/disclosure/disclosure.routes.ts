/** Routes: /api/disclosure — the 主动公开 register and the 政府信息公开工作年度报告. Thin: schema → guard → one use case. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  AnnualReportQuery,
  CreatePublishedInput,
  PublishedItemView,
  PublishedQuery,
  RepealPublishedInput,
  UpdatePublishedInput,
} from '../../../../common/schemas/disclosure.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { requireActor, typed } from '../../platform/http.js';
import { annualReportDocx, annualReportXlsx, reportTitle } from './annual-report.export.js';
import { getAnnualReport } from './annual-report.service.js';
import { createPublished, listPublished, repealPublished, updatePublished } from './published.service.js';

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });

const fileTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** RFC 5987: the Chinese name in filename*, an ASCII fallback for old clients. */
const sendFile = (reply: FastifyReply, file: Buffer, name: string, format: keyof typeof fileTypes) =>
  reply
    .header('content-type', fileTypes[format])
    .header('content-disposition', `attachment; filename="annual-report.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`)
    .header('cache-control', 'private, no-store')
    .send(file);

export const disclosureRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['政务公开'];

  api.get('/api/disclosure/published', {
    config: { access: 'disclosure.read' },
    schema: { tags, summary: '主动公开登记（按年度、类别、单位筛选；联络员只看本单位）', querystring: PublishedQuery, response: { 200: z.array(PublishedItemView) } },
    handler: (request) => listPublished({ db, actor: requireActor(request), query: request.query }),
  });
  api.post('/api/disclosure/published', {
    config: { access: 'disclosure.publish' },
    schema: { tags, summary: '登记主动公开事项', body: CreatePublishedInput, response: { 201: PublishedItemView } },
    handler: async (request, reply) => {
      const item = await createPublished({ db, actor: requireActor(request), input: request.body, now: clock() });
      return reply.status(201).send(item);
    },
  });
  api.patch('/api/disclosure/published/:id', {
    config: { access: 'disclosure.publish' },
    schema: { tags, summary: '修改主动公开事项（带读取时的版本号）', params: IdParams, body: UpdatePublishedInput, response: { 200: PublishedItemView } },
    handler: (request) => updatePublished({ db, actor: requireActor(request), id: request.params.id, input: request.body, now: clock() }),
  });
  api.post('/api/disclosure/published/:id/repeal', {
    config: { access: 'disclosure.publish' },
    schema: { tags, summary: '废止主动公开事项（此后不再计入现行有效）', params: IdParams, body: RepealPublishedInput, response: { 200: PublishedItemView } },
    handler: (request) => repealPublished({ db, actor: requireActor(request), id: request.params.id, input: request.body, now: clock() }),
  });
  api.get('/api/disclosure/annual-report', {
    config: { access: 'disclosure.read' },
    schema: { tags, summary: '政府信息公开工作年度报告（JSON；format=xlsx 表格；format=docx 公文格式 Word）', querystring: AnnualReportQuery },
    handler: async (request, reply) => {
      const { year, unit, format } = request.query;
      const report = await getAnnualReport({ db, actor: requireActor(request), year, unit });
      if (format === 'xlsx') return sendFile(reply, await annualReportXlsx(report), reportTitle(report), 'xlsx');
      if (format === 'docx') return sendFile(reply, await annualReportDocx(report, todayInShanghai(clock())), reportTitle(report), 'docx');
      return report;
    },
  });
};
