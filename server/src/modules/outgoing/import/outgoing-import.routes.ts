/** Importing a historical 发文登记簿 in two steps: preview (mapping, every bad row, what is already in), then import. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor, typed } from '../../../platform/http.js';
import { OutgoingImportMapping, OutgoingImportPreview, OutgoingImportResult } from '../../../../../common/schemas/outgoing-import.js';
import { parseMapping, readUploadParts } from '../../../platform/registers/upload.js';
import { importOutgoingRegister, previewOutgoingImport } from './import.service.js';

const uploadDescription =
  'multipart/form-data：file = 发文登记簿 .xlsx（不超过 10 MB）；mapping = 可选 JSON，字段 → 表头序号（从 0 起，null 表示不导入该项，未给出的字段按识别结果）';

const readUpload = async (request: FastifyRequest) => {
  const { values: _values, ...parts } = await readUploadParts(request);
  return { ...parts, mapping: parseMapping(parts.mapping, OutgoingImportMapping) };
};

export const outgoingImportRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['发文'];

  api.post('/api/outgoing/import/preview', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '导入历史发文：预览（识别表头、逐行校验文号与代字、查重，不写入）',
      description: uploadDescription,
      consumes: ['multipart/form-data'],
      response: { 200: OutgoingImportPreview },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return previewOutgoingImport({ db, actor, content: upload.content, mapping: upload.mapping, now: clock() });
    },
  });

  api.post('/api/outgoing/import', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '导入历史发文（一个事务：建档、留痕、文号入台账并顺延编号；mode=all 时有任何无效行则全部不导入并返回 400）',
      description: `${uploadDescription}；mode = all（默认）或 valid-only`,
      consumes: ['multipart/form-data'],
      response: { 200: OutgoingImportResult },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return importOutgoingRegister({ db, actor, ...upload, now: clock() });
    },
  });
};
