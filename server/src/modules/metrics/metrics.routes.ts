/** Metrics API: the catalogue, one metric (or a page's section of them) with 同比, and the records behind it (drill-down). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MetricBatchQuery, MetricDefinitionView, MetricEntryInput, MetricId, MetricQuery, MetricRecords, MetricResult } from '../../../../common/schemas/metrics.js';
import { RecordView } from '../../../../common/schemas/records.js';
import { requireActor, typed } from '../../platform/http.js';
import { enterMetricValue, listMetricEntries } from './metric-entries.service.js';
import { getMetricResult, getMetricResults, listMetricDefinitions, listMetricRecords } from './metrics.service.js';

const IdParams = z.object({ id: MetricId });

export const metricsRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['指标'];

  api.get('/api/metrics', {
    config: { access: 'case.work' },
    schema: { tags, summary: '指标目录（名称、单位、统计口径）', response: { 200: z.array(MetricDefinitionView) } },
    handler: (request) => listMetricDefinitions({ actor: requireActor(request) }),
  });

  api.get('/api/metrics/values', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '多项指标值（同一期间与单位，按所列顺序；数据统计页按栏目一次取回）',
      querystring: MetricBatchQuery,
      response: { 200: z.array(MetricResult) },
    },
    handler: (request) => {
      const { ids, ...query } = request.query;
      return getMetricResults({ db, actor: requireActor(request), ids: ids.split(','), query, now: clock() });
    },
  });

  api.get('/api/metrics/:id', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '指标值（默认本年至今；含上年同期及同比变化；联络员只能查本单位）',
      params: IdParams,
      querystring: MetricQuery,
      response: { 200: MetricResult },
    },
    handler: (request) =>
      getMetricResult({ db, actor: requireActor(request), id: request.params.id, query: request.query, now: clock() }),
  });

  api.get('/api/metrics/:id/records', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '指标明细：计入该数字的事项（最多 500 条，按登记时间倒序；无权查看的只计数）',
      params: IdParams,
      querystring: MetricQuery,
      response: { 200: MetricRecords },
    },
    handler: (request) =>
      listMetricRecords({ db, actor: requireActor(request), id: request.params.id, query: request.query, now: clock() }),
  });

  api.get('/api/metrics/:id/entries', {
    config: { access: 'case.work' },
    schema: { tags, summary: '录入类指标的历次录入（含已被更正的）', params: IdParams, response: { 200: z.array(RecordView) } },
    handler: (request) => listMetricEntries({ db, actor: requireActor(request), id: request.params.id }),
  });

  api.post('/api/metrics/:id/entries', {
    config: { access: 'metric.enter' },
    schema: { tags, summary: '录入指标数值（注明期间和来源；同一期间再次录入即更正，原值留痕）', params: IdParams, body: MetricEntryInput, response: { 201: RecordView } },
    handler: async (request, reply) => {
      const entry = await enterMetricValue({ db, actor: requireActor(request), id: request.params.id, input: request.body, now: clock() });
      return reply.code(201).send(entry);
    },
  });
};
