/** Importing a session's 建议/提案 list in two steps: preview (mapping, every bad row, what is in already), then import. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor, typed } from '../../../platform/http.js';
import { validationError } from '../../../platform/errors.js';
import { ProposalImportMapping, ProposalImportPreview, ProposalImportResult, ProposalImportSession } from '../../../../../common/schemas/proposal.js';
import { firstMessage, parseMapping, readUploadParts } from '../../../platform/registers/upload.js';
import { importProposals, previewProposalImport } from './proposal-import.service.js';

const uploadDescription =
  'multipart/form-data：file = 建议/提案名单 .xlsx（不超过 10 MB）；body = npc（人大建议）或 cppcc（政协提案）；term = 届次（如 十五届）；session = 第几次会议；receivedOn = 收到日期 YYYY-MM-DD；mapping = 可选 JSON，字段 → 表头序号';

const readUpload = async (request: FastifyRequest) => {
  const { values, ...parts } = await readUploadParts(request);
  const session = ProposalImportSession.safeParse({ body: values.body, term: values.term, session: values.session, receivedOn: values.receivedOn });
  if (!session.success) throw validationError(firstMessage(session.error));
  return { ...parts, mapping: parseMapping(parts.mapping, ProposalImportMapping), session: session.data };
};

export const proposalImportRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['建议提案'];

  api.post('/api/proposals/import/preview', {
    config: { access: 'proposal.manage' },
    schema: { tags, summary: '导入建议/提案名单：预览（识别表头、逐行校验、查重，不写入）', description: uploadDescription, consumes: ['multipart/form-data'], response: { 200: ProposalImportPreview } },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return previewProposalImport({ db, actor, content: upload.content, mapping: upload.mapping, session: upload.session, now: clock() });
    },
  });

  api.post('/api/proposals/import', {
    config: { access: 'proposal.manage' },
    schema: {
      tags,
      summary: '导入建议/提案名单：逐行登记（一个事务；mode=all 时有任何无效行则全部不导入并返回 400；已导入的编号跳过）',
      description: `${uploadDescription}；mode = all（默认）或 valid-only`,
      consumes: ['multipart/form-data'],
      response: { 200: ProposalImportResult },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return importProposals({ db, actor, ...upload, now: clock() });
    },
  });
};
