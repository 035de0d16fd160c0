/** Routes of what the 督查室 sends and records: 督办通知, 督查通报, 实地督查 (督查建议 go through /api/records). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isoDate, safeLine, safeText, versionNumber } from '../../../../../common/schemas/primitives.js';
import { RecordDetailView } from '../../../../../common/schemas/records.js';
import { requireActor, typed } from '../../../platform/http.js';
import { BodyBlock, FieldCheckFields, noticeTypes } from './office.records.js';
import { compileSupervisionBulletin, issueSupervisionBulletin, renderSupervisionBulletin, updateSupervisionBulletin } from './bulletins.service.js';
import { recordFieldCheck } from './field-checks.service.js';
import { renderSupervisionNotice, sendSupervisionNotice } from './notices.service.js';

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });
const NoticeInput = z.object({
  noticeType: z.enum(noticeTypes, '请选择督办通知或督办函').default('督办通知'),
  replyBy: isoDate('报送期限应为实际存在的日期'),
  /** The text as the 督查室 rewrote it; none: worded from the item's state. */
  text: safeText().trim().max(4000).optional(),
});
const BulletinPeriod = z.object({ from: isoDate('开始日期应为实际存在的日期'), to: isoDate('结束日期应为实际存在的日期') });
const BulletinEdit = z.object({ version: versionNumber(), title: safeLine().trim().min(2, '请填写标题').max(100), body: z.array(BodyBlock).min(1, '请填写正文').max(400) });
const VersionInput = z.object({ version: versionNumber() });

const sendDocx = (reply: FastifyReply, { file, name }: { file: Buffer; name: string }) =>
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('content-disposition', `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(file);

export const supervisionOfficeRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['督查督办'];

  api.post('/api/supervision/items/:id/notices', {
    config: { access: 'supervision.manage' },
    schema: { tags, summary: '发督办通知或督办函（按年编号，主送牵头单位和责任单位，与事项关联）', params: IdParams, body: NoticeInput, response: { 201: RecordDetailView } },
    handler: async (request, reply) =>
      reply.status(201).send(await sendSupervisionNotice({ db, actor: requireActor(request), caseId: request.params.id, ...request.body, now: clock() })),
  });
  api.get('/api/supervision/notices/:id/document.docx', {
    config: { access: 'supervision.read' },
    schema: { tags, summary: '督办通知（信函格式 Word）', params: IdParams },
    handler: async (request, reply) => sendDocx(reply, await renderSupervisionNotice({ db, actor: requireActor(request), id: request.params.id })),
  });

  api.post('/api/supervision/bulletins', {
    config: { access: 'supervision.manage' },
    schema: { tags, summary: '编制督查通报：按统计期内事项的状态生成草稿（第 N 期）', body: BulletinPeriod, response: { 201: RecordDetailView } },
    handler: async (request, reply) => reply.status(201).send(await compileSupervisionBulletin({ db, actor: requireActor(request), ...request.body, now: clock() })),
  });
  api.patch('/api/supervision/bulletins/:id', {
    config: { access: 'supervision.manage' },
    schema: { tags, summary: '修改督查通报草稿（标题、正文；版本不符 409）', params: IdParams, body: BulletinEdit, response: { 200: RecordDetailView } },
    handler: (request) => updateSupervisionBulletin({ db, actor: requireActor(request), id: request.params.id, ...request.body, now: clock() }),
  });
  api.post('/api/supervision/bulletins/:id/issue', {
    config: { access: 'supervision.manage' },
    schema: { tags, summary: '印发督查通报', params: IdParams, body: VersionInput, response: { 200: RecordDetailView } },
    handler: (request) => issueSupervisionBulletin({ db, actor: requireActor(request), id: request.params.id, version: request.body.version, now: clock() }),
  });
  api.get('/api/supervision/bulletins/:id/document.docx', {
    config: { access: 'supervision.manage' },
    schema: { tags, summary: '督查通报（Word）', params: IdParams },
    handler: async (request, reply) => sendDocx(reply, await renderSupervisionBulletin({ db, actor: requireActor(request), id: request.params.id, now: clock() })),
  });

  api.post('/api/supervision/field-checks', {
    config: { access: 'supervision.manage' },
    schema: { tags, summary: '登记实地督查（或电话督查、暗访），与所督查的事项关联', body: FieldCheckFields, response: { 201: RecordDetailView } },
    handler: async (request, reply) => reply.status(201).send(await recordFieldCheck({ db, actor: requireActor(request), input: request.body, now: clock() })),
  });
};
