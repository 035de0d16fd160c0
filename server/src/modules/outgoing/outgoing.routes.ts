/** Routes: 机关代字 (系统管理员) and the 文号 ledger (秘书科). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { notFound } from '../../platform/errors.js';
import { z } from 'zod';
import { safeLine } from '../../../../common/schemas/primitives.js';
import {
  CreateIssuerCodeInput,
  DocNumberLedger,
  FormatCheckView,
  DocNumberView,
  IssuerCode,
  OrganMatchView,
  ReserveDocNumberInput,
  VoidDocNumberInput,
} from '../../../../common/schemas/outgoing.js';
import { issuerCodes } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import { requireActor, typed } from '../../platform/http.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { listDocNumbers, reserveDocNumber, voidDocNumber, type DocNumber } from './doc-numbers.service.js';
import path from 'node:path';
import { createPreviewStore } from '../../platform/documents/preview-cache.js';
import { findActiveUnitNames } from './format-context.repository.js';
import { matchOrgan } from './organ-match.js';
import { checkCaseFormat, prerenderCasePreview, renderCaseDocx, renderCasePreview } from './outgoing-document.service.js';

const IdParams = z.object({ id: z.string().uuid() });

const sendFile = (reply: FastifyReply, { file, name, type, inline }: { file: Buffer; name: string; type: string; inline?: boolean }) =>
  reply
    .header('content-type', type)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="document"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'private, no-store')
    .send(file);

const present = (row: DocNumber) => ({
  ...row,
  reservedUntil: row.reservedUntil?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export const outgoingRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock, config } = app.ctx;
  const tags = ['发文'];
  // Previews are kept per version under the data directory; a saved 发文 version is rendered in the background.
  const previews = createPreviewStore({ directory: path.join(config.dataDir, 'previews'), log: app.log });
  app.addHook('onClose', previews.close);
  if (config.isPreviewPrerendered) {
    app.ctx.caseSavedListeners?.push((caseId) => {
      prerenderCasePreview({ db, caseId, now: clock(), previews }).catch((error: unknown) => app.log.error({ err: error, caseId }, '公文版式预览后台生成失败'));
    });
  }

  api.get('/api/issuer-codes', {
    // Read by whoever drafts (case.work) and by the 系统管理员 who configures them (config.manage).
    config: { access: { anyOf: ['case.work', 'config.manage'] } },
    schema: { tags, summary: '机关代字', response: { 200: z.array(IssuerCode) } },
    handler: () => db.select().from(issuerCodes).orderBy(asc(issuerCodes.sortOrder), asc(issuerCodes.code)),
  });
  api.post('/api/issuer-codes', {
    config: { access: 'config.manage' },
    schema: { tags, summary: '新增机关代字（系统管理员）', body: CreateIssuerCodeInput, response: { 200: IssuerCode } },
    handler: async (request) => {
      const actor = requireActor(request);
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(issuerCodes).values(request.body).returning();
        await writeAudit(tx, { actor }, { action: 'config.update', result: 'success', objectType: 'issuer_code', objectId: row!.code, objectLabel: row!.issuerName });
        return row!;
      });
    },
  });

  api.put('/api/issuer-codes/:code', {
    config: { access: 'config.manage' },
    schema: { tags, summary: '修改机关代字（系统管理员）', params: z.object({ code: safeLine().min(2).max(12) }), body: CreateIssuerCodeInput.omit({ code: true }).extend({ isActive: z.boolean() }), response: { 200: IssuerCode } },
    handler: async (request) => {
      const actor = requireActor(request);
      return db.transaction(async (tx) => {
        const [row] = await tx.update(issuerCodes).set(request.body).where(eq(issuerCodes.code, request.params.code)).returning();
        if (!row) throw notFound('机关代字');
        await writeAudit(tx, { actor }, { action: 'config.update', result: 'success', objectType: 'issuer_code', objectId: row.code, objectLabel: row.issuerName, details: request.body });
        return row;
      });
    },
  });

  api.get('/api/doc-numbers', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '文号登记簿（按代字和年度，含预留和作废）',
      querystring: z.object({ issuer: safeLine().min(2).max(12), year: z.coerce.number().int().min(2000).max(2199).optional() }),
      response: { 200: DocNumberLedger },
    },
    handler: async (request) => {
      const now = clock();
      const year = request.query.year ?? Number(todayInShanghai(now).slice(0, 4));
      const ledger = await listDocNumbers({ db, actor: requireActor(request), issuerCode: request.query.issuer, year, now });
      return { rows: ledger.rows.map(present), gaps: ledger.gaps };
    },
  });
  api.post('/api/doc-numbers/reserve', {
    config: { access: 'case.work' },
    schema: { tags, summary: '预留文号', body: ReserveDocNumberInput, response: { 200: DocNumberView } },
    handler: async (request) => {
      const now = clock();
      const { issuerCode, year, until, note, requestKey } = request.body;
      const row = await reserveDocNumber({ db, actor: requireActor(request), issuerCode, year: year ?? Number(todayInShanghai(now).slice(0, 4)), until: new Date(until), note, now, requestKey });
      return present(row);
    },
  });
  api.post('/api/doc-numbers/:id/void', {
    config: { access: 'case.work' },
    schema: { tags, summary: '作废文号（写明理由）', params: z.object({ id: z.string().uuid() }), body: VoidDocNumberInput, response: { 200: DocNumberView } },
    handler: async (request) =>
      present(await voidDocNumber({ db, actor: requireActor(request), numberId: request.params.id, ...request.body })),
  });

  api.get('/api/organ-match', {
    config: { access: 'case.work' },
    schema: { tags, summary: '按名称匹配系统内单位（主送、抄送填写时的建议）', querystring: z.object({ name: z.string().trim().min(1).max(100) }), response: { 200: OrganMatchView } },
    handler: async (request) => {
      return matchOrgan(request.query.name, await findActiveUnitNames(db));
    },
  });
  api.get('/api/cases/:id/format-check', {
    config: { access: 'case.work' },
    schema: { tags, summary: '签发前格式检查（错误阻止签发，提示不阻止）', params: IdParams, response: { 200: FormatCheckView } },
    handler: (request) => checkCaseFormat({ db, actor: requireActor(request), caseId: request.params.id, now: clock() }),
  });
  api.get('/api/cases/:id/document.docx', {
    config: { access: 'case.work' },
    schema: { tags, summary: '公文 Word 文件（GB/T 9704-2012 版式）', params: IdParams },
    handler: async (request, reply) => {
      const { file, name } = await renderCaseDocx({ db, actor: requireActor(request), caseId: request.params.id, now: clock() });
      return sendFile(reply, { file, name, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    },
  });
  api.get('/api/cases/:id/document.pdf', {
    config: { access: 'case.work' },
    schema: { tags, summary: '公文 PDF 预览（需本机安装 LibreOffice）', params: IdParams },
    handler: async (request, reply) => {
      const { file, name } = await renderCasePreview({ db, actor: requireActor(request), caseId: request.params.id, now: clock(), previews, format: 'pdf' });
      return sendFile(reply, { file, name, type: 'application/pdf', inline: true });
    },
  });
  api.get('/api/cases/:id/document.png', {
    config: { access: 'case.work' },
    schema: { tags, summary: '公文首页预览图', params: IdParams },
    handler: async (request, reply) => {
      const { file, name } = await renderCasePreview({ db, actor: requireActor(request), caseId: request.params.id, now: clock(), previews, format: 'png' });
      return sendFile(reply, { file, name, type: 'image/png', inline: true });
    },
  });
};
