/** Routes: /api/records/:type (list, create, read, update with version → 409) and GET /api/cases/:id/records. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateRecordInput, RecordDetailView, RecordIdParams, RecordListQuery, RecordListView, RecordTypeParams, RecordView, UpdateRecordInput } from '../../../../common/schemas/records.js';
import { requireActor, typed } from '../../platform/http.js';
import { findRecordType } from './record-type.js';
import { createRecord, getRecord, listRecords, recordsOfCase, updateRecord } from './records.service.js';

export const recordRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['记录'];

  // The type's own read or write permission, checked by the route guard before the input is read (and again by the
  // use case); a type not registered passes to the use case's 404.
  const typeRead = { byParams: ({ type }: Readonly<Record<string, string | undefined>>) => findRecordType(type ?? '')?.read };
  const typeWrite = { byParams: ({ type }: Readonly<Record<string, string | undefined>>) => findRecordType(type ?? '')?.write };
  api.get('/api/records/:type', {
    config: { access: typeRead },
    schema: { tags, summary: '某类记录的列表', params: RecordTypeParams, querystring: RecordListQuery, response: { 200: RecordListView } },
    handler: (request) => listRecords({ db, actor: requireActor(request), type: request.params.type, unit: request.query.unit, limit: request.query.limit }),
  });
  api.post('/api/records/:type', {
    config: { access: typeWrite },
    schema: { tags, summary: '登记一条记录', params: RecordTypeParams, body: CreateRecordInput, response: { 201: RecordDetailView } },
    handler: async (request, reply) => {
      const detail = await createRecord({ db, actor: requireActor(request), type: request.params.type, fields: request.body.fields, unitId: request.body.unitId, now: clock() });
      return reply.status(201).send(detail);
    },
  });
  api.get('/api/records/:type/:id', {
    config: { access: typeRead },
    schema: { tags, summary: '一条记录：字段、留痕、关联', params: RecordIdParams, response: { 200: RecordDetailView } },
    handler: (request) => getRecord({ db, actor: requireActor(request), type: request.params.type, id: request.params.id, now: clock() }),
  });
  api.patch('/api/records/:type/:id', {
    config: { access: typeWrite },
    schema: { tags, summary: '修改记录（带读取时的版本号）', params: RecordIdParams, body: UpdateRecordInput, response: { 200: RecordDetailView } },
    handler: (request) =>
      updateRecord({ db, actor: requireActor(request), type: request.params.type, id: request.params.id, fields: request.body.fields, version: request.body.version, now: clock() }),
  });
  api.get('/api/cases/:id/records', {
    config: { access: 'case.work' },
    schema: { tags, summary: '与事项关联的记录（会议、议题等）', params: z.object({ id: z.string().uuid('编号格式不正确') }), response: { 200: z.array(RecordView.extend({ relation: z.string() })) } },
    handler: (request) => recordsOfCase({ db, actor: requireActor(request), caseId: request.params.id, now: clock() }),
  });
};
