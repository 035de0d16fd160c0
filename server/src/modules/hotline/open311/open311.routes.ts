/**
 * Routes: Open311 GeoReport v2 under /api/public/open311/v2 (reachable without a session; the api_key the
 * center issues identifies the system; rate-limited per address like every public path), and the center's
 * key management under /api/hotline/open311-keys (hotline.manage). Thin: schema → use case.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor, typed } from '../../../platform/http.js';
import { createRequestBatch, OPEN311_BATCH_LIMIT } from './open311.batch.js';
import { listRequests, readRequest } from './open311.requests.js';
import { createRequest, issueApiKey, listApiKeys, listServices, readDiscovery, readServiceDefinition, revokeApiKey } from './open311.service.js';

const OPEN311_PREFIX = '/api/public/open311/';
const Rows = z.array(z.record(z.string(), z.unknown()));
const Key = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });

export const open311Routes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['Open311'];
  // GeoReport v2 clients post forms (application/x-www-form-urlencoded); this plugin's routes only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  // GeoReport v2 errors are a list of {code, description}: the one error handler's body, reshaped on the way out.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || !request.url.startsWith(OPEN311_PREFIX) || typeof payload !== 'string') return payload;
    try {
      const body = JSON.parse(payload) as { message?: unknown };
      return JSON.stringify([{ code: reply.statusCode, description: typeof body.message === 'string' ? body.message : '请求失败' }]);
    } catch {
      return payload;
    }
  });

  // A system that pushes tickets (the province's platform) sends bursts from one address: its calls count
  // against their own, larger allowance (FUBAN_OPEN311_RATE, 300 a minute unless set), not the citizens'
  // (platform/public-routes.ts). Every call needs a key.
  const systemRate = { max: app.ctx.config.open311RequestsPerMinute, timeWindow: 60_000, groupId: 'open311' };

  // Service discovery sits above the versioned endpoint (its url ends in /discovery) and names it with an absolute url.
  api.get('/api/public/open311/discovery.json', {
    config: { access: 'public' },
    schema: { tags, summary: 'Open311：服务发现文档（GeoReport v2 接口地址、格式、联系方式、密钥申请）', response: { 200: z.record(z.string(), z.unknown()) }, security: [] },
    handler: (request) => readDiscovery({ db, endpointUrl: `${request.protocol}://${request.host}/api/public/open311/v2` }),
  });
  api.get('/api/public/open311/v2/services.json', {
    config: { access: 'public' },
    schema: { tags, summary: 'Open311：服务列表（诉求分类的二级分类）', response: { 200: Rows }, security: [] },
    handler: () => listServices({ db }),
  });
  api.get('/api/public/open311/v2/services/:code', {
    config: { access: 'public' },
    schema: { tags, summary: 'Open311：服务定义（路径为 services/{service_code}.json；本中心无附加属性）', params: z.object({ code: z.string().regex(/^[0-9a-fA-F-]{36}\.json$/, 'service_code 格式不正确') }), response: { 200: z.record(z.string(), z.unknown()) }, security: [] },
    handler: (request) => readServiceDefinition({ db, code: request.params.code.replace(/\.json$/, '') }),
  });
  api.get('/api/public/open311/v2/requests.json', {
    config: { access: 'public', rateLimit: systemRate },
    schema: { tags, summary: 'Open311：本系统提交的服务请求列表（需 api_key；service_request_id、service_code、start_date、end_date、status；默认近 90 天，最多 1000 条）', querystring: z.record(z.string(), z.unknown()), response: { 200: Rows }, security: [] },
    handler: (request) => listRequests({ db, input: request.query, ip: request.ip, now: clock() }),
  });
  api.post('/api/public/open311/v2/requests.json', {
    config: { access: 'public', rateLimit: systemRate },
    schema: { tags, summary: 'Open311：提交服务请求（需 api_key；登记为渠道“网上”的12345工单）', body: z.record(z.string(), z.unknown()), response: { 200: Rows }, security: [] },
    handler: (request) => createRequest({ db, input: request.body, ip: request.ip, now: clock() }),
  });
  // Fuban's extension for bursts: many requests in one call (open311.batch.ts). Registered before requests/:id.
  api.post('/api/public/open311/v2/requests/batch.json', {
    config: { access: 'public', rateLimit: systemRate },
    schema: { tags, summary: `Open311 扩展：批量提交服务请求（需 api_key；requests 为服务请求列表，每次最多 ${OPEN311_BATCH_LIMIT} 条，逐条校验；按提交顺序逐条返回 service_request_id 或错误）`, body: z.record(z.string(), z.unknown()), response: { 200: Rows }, security: [] },
    handler: (request) => createRequestBatch({ db, input: request.body, ip: request.ip, now: clock() }),
  });
  api.get('/api/public/open311/v2/requests/:id', {
    config: { access: 'public', rateLimit: systemRate },
    schema: { tags, summary: 'Open311：查询服务请求状态（需 api_key；只能查本系统提交的；路径为 requests/{id}.json）', params: z.object({ id: z.string().regex(/^[0-9A-Za-z]{1,40}\.json$/, '请求编号格式不正确') }), querystring: z.object({ api_key: z.string().max(100).optional() }), response: { 200: Rows }, security: [] },
    handler: (request) => readRequest({ db, apiKey: request.query.api_key, id: request.params.id.replace(/\.json$/, ''), ip: request.ip }),
  });

  api.get('/api/hotline/open311-keys', {
    config: { access: 'hotline.manage' },
    schema: { tags, summary: 'Open311 接口密钥列表', response: { 200: z.array(Key) } },
    handler: (request) => listApiKeys({ db, actor: requireActor(request) }),
  });
  api.post('/api/hotline/open311-keys', {
    config: { access: 'hotline.manage' },
    schema: { tags, summary: '为对接系统签发 Open311 接口密钥（密钥只返回这一次）', body: z.object({ name: z.string().trim().min(2, '请填写对接系统名称').max(60) }), response: { 200: z.object({ id: z.string(), name: z.string(), apiKey: z.string(), createdAt: z.string() }) } },
    handler: (request) => issueApiKey({ db, actor: requireActor(request), name: request.body.name, now: clock() }),
  });
  api.post('/api/hotline/open311-keys/:id/revoke', {
    config: { access: 'hotline.manage' },
    schema: { tags, summary: '停用 Open311 接口密钥', params: z.object({ id: z.string().uuid('编号格式不正确') }), response: { 200: z.object({ id: z.string() }) } },
    handler: (request) => revokeApiKey({ db, actor: requireActor(request), id: request.params.id, now: clock() }),
  });
};
