/** 收文 routes beyond the shared ledger: importing a historical 收文登记簿 in two steps (preview, then import). */
import type { FastifyInstance } from 'fastify';
import { requireActor, typed } from '../../platform/http.js';
import { ImportPreview, ImportResult } from '../../../../common/schemas/incoming-import.js';
import { importIncomingRegister, previewIncomingImport } from './import/import.service.js';
import { readRegisterUpload } from './import/register-upload.js';

const uploadDescription =
  'multipart/form-data：file = 收文登记簿 .xlsx（不超过 10 MB）；mapping = 可选 JSON，字段 → 表头序号（从 0 起，null 表示不导入该项，未给出的字段按识别结果）；defaultDocType = 可选，登记簿无文种列且标题看不出文种时所用的文种';

export const incomingRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['收文'];

  api.post('/api/incoming/import/preview', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '导入历史收文：预览（识别表头、逐行校验、查重，不写入）',
      description: uploadDescription,
      consumes: ['multipart/form-data'],
      response: { 200: ImportPreview },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readRegisterUpload(request);
      return previewIncomingImport({ db, actor, content: upload.content, mapping: upload.mapping, defaultDocType: upload.defaultDocType, now: clock() });
    },
  });

  api.post('/api/incoming/import', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '导入历史收文（一个事务；mode=all 时有任何无效行则全部不导入并返回 400）',
      description: `${uploadDescription}；mode = all（默认）或 valid-only`,
      consumes: ['multipart/form-data'],
      response: { 200: ImportResult },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readRegisterUpload(request);
      return importIncomingRegister({ db, actor, ...upload, now: clock() });
    },
  });
};
