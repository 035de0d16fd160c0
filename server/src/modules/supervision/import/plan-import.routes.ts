/** Importing a 分工方案 in two steps: preview (mapping, year, every bad row, what is already in), then import. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor, typed } from '../../../platform/http.js';
import { validationError } from '../../../platform/errors.js';
import { PlanImportMapping, PlanImportPreview, PlanImportResult } from '../../../../../common/schemas/plan-import.js';
import { firstMessage, parseMapping, readUploadParts } from '../../../platform/registers/upload.js';
import { importPlan, previewPlanImport } from './plan-import.service.js';

const uploadDescription =
  'multipart/form-data：file = 分工方案 .xlsx（不超过 10 MB）；mapping = 可选 JSON，字段 → 表头序号（从 0 起，null 表示不导入该项）；year = 可选，方案年度（不填则从标题读取，标题无年份则为今年）';

const PlanYear = z.coerce.number({ message: '方案年度应为四位年份' }).int('方案年度应为四位年份').min(2000, '方案年度应在 2000 至 2100 年之间').max(2100, '方案年度应在 2000 至 2100 年之间');

const readUpload = async (request: FastifyRequest) => {
  const { values, ...parts } = await readUploadParts(request);
  let year: number | undefined;
  if (values.year !== undefined && values.year !== '') {
    const parsed = PlanYear.safeParse(values.year);
    if (!parsed.success) throw validationError(firstMessage(parsed.error));
    year = parsed.data;
  }
  return { ...parts, mapping: parseMapping(parts.mapping, PlanImportMapping), year };
};

export const planImportRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['督查督办'];

  api.post('/api/supervision/import/preview', {
    config: { access: 'case.work' },
    schema: { tags, summary: '导入分工方案：预览（识别表头和年度、逐行校验单位与完成时限、查重，不写入）', description: uploadDescription, consumes: ['multipart/form-data'], response: { 200: PlanImportPreview } },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return previewPlanImport({ db, actor, content: upload.content, mapping: upload.mapping, year: upload.year, now: clock() });
    },
  });

  api.post('/api/supervision/import', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '导入分工方案：每行措施立项为督办事项并交办（一个事务；mode=all 时有任何无效行则全部不导入并返回 400）',
      description: `${uploadDescription}；mode = all（默认）或 valid-only`,
      consumes: ['multipart/form-data'],
      response: { 200: PlanImportResult },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return importPlan({ db, actor, ...upload, now: clock() });
    },
  });
};
