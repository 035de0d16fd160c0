/** Routes: 待办/待阅/催办, AB角 delegations, and 批量移交. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { safeText } from '../../../../common/schemas/primitives.js';
import {
  CreateDelegationInput,
  Delegation,
  InboxCounts,
  InboxItem,
  NotificationView,
  TransferWorkInput,
  WorkPerson,
} from '../../../../common/schemas/cases.js';
import { VersionInput } from '../../../../common/schemas/org.js';
import { requireActor, typed } from '../../platform/http.js';
import { createDelegation, listDelegations, revokeDelegation, transferOpenWork } from './delegations.service.js';
import { inboxCounts, listInbox, listNotifications, markAllNotificationsRead, markNotificationRead } from './inbox.service.js';
import { listDelegationCandidates, listWorkHolders, listWorkReceivers } from './work-people.service.js';
import { addPhrase, listPhrases, removePhrase } from './phrases.service.js';

/** A page of 待办: at most 500 at a time (the whole inbox when not asked). */
const InboxPage = z.object({
  limit: z.coerce.number().int('每页条数须为整数').min(1, '每页条数至少为 1').max(500, '每页条数至多为 500').optional(),
  offset: z.coerce.number().int('起始位置须为整数').min(0, '起始位置不能为负').max(100_000, '起始位置过大').optional(),
});

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });

export const workRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['待办'];

  api.get('/api/inbox', {
    config: { access: 'case.work' },
    schema: { tags, summary: '待办（本人、本单位、AB角代办）', querystring: InboxPage, response: { 200: z.array(InboxItem) } },
    handler: (request) => listInbox({ db, actor: requireActor(request), now: clock(), ...request.query }),
  });
  api.get('/api/inbox/counts', {
    config: { access: 'case.work' },
    schema: { tags, summary: '待办、待阅、催办数量', response: { 200: InboxCounts } },
    handler: (request) => inboxCounts({ db, actor: requireActor(request), now: clock() }),
  });
  api.get('/api/notifications', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '通知（待阅、催办）',
      querystring: z.object({ type: z.enum(['toread', 'remind']).optional() }),
      response: { 200: z.array(NotificationView) },
    },
    handler: (request) => listNotifications({ db, actor: requireActor(request), type: request.query.type }),
  });
  api.post('/api/notifications/read-all', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '全部标为已读（本人的待阅或催办通知）',
      querystring: z.object({ type: z.enum(['toread', 'remind']).optional() }),
      response: { 200: z.object({ marked: z.number().int() }) },
    },
    handler: (request) => markAllNotificationsRead({ db, actor: requireActor(request), type: request.query.type, now: clock() }),
  });
  api.post('/api/notifications/:id/read', {
    config: { access: 'case.work' },
    schema: { tags, summary: '标记已读', params: IdParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await markNotificationRead({ db, actor: requireActor(request), notificationId: request.params.id, now: clock() });
      return reply.status(204).send(null);
    },
  });

  api.get('/api/delegations', {
    config: { access: 'case.work' },
    schema: { tags, summary: '我的 AB角 委托', response: { 200: z.array(Delegation) } },
    handler: (request) => listDelegations({ db, actor: requireActor(request) }),
  });
  api.get('/api/delegations/candidates', {
    config: { access: 'case.work' },
    schema: { tags, summary: '可设为 AB角 的同事（能接手我的工作的人）', response: { 200: z.array(WorkPerson) } },
    handler: (request) => listDelegationCandidates({ db, actor: requireActor(request) }),
  });
  api.post('/api/delegations', {
    config: { access: 'case.work' },
    schema: { tags, summary: '设置 AB角（委托他人代办）', body: CreateDelegationInput, response: { 200: Delegation } },
    handler: (request) => createDelegation({ db, actor: requireActor(request), input: request.body }),
  });
  api.post('/api/delegations/:id/revoke', {
    config: { access: 'case.work' },
    schema: { tags, summary: '撤销委托', params: IdParams, body: VersionInput, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await revokeDelegation({ db, actor: requireActor(request), delegationId: request.params.id, version: request.body.version });
      return reply.status(204).send(null);
    },
  });

  const Phrase = z.object({ id: z.string(), text: z.string() });
  api.get('/api/phrases', {
    config: { access: 'case.work' },
    schema: { tags, summary: '我的常用意见', response: { 200: z.array(Phrase) } },
    handler: (request) => listPhrases({ db, actor: requireActor(request) }),
  });
  api.post('/api/phrases', {
    config: { access: 'case.work' },
    schema: { tags, summary: '添加常用意见', body: z.object({ text: safeText().trim().min(1, '请输入意见').max(200) }), response: { 200: Phrase } },
    handler: (request) => addPhrase({ db, actor: requireActor(request), text: request.body.text }),
  });
  api.delete('/api/phrases/:id', {
    config: { access: 'case.work' },
    schema: { tags, summary: '删除常用意见', params: IdParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await removePhrase({ db, actor: requireActor(request), phraseId: request.params.id });
      return reply.status(204).send(null);
    },
  });

  api.get('/api/work/holders', {
    config: { access: 'work.transfer' },
    schema: { tags, summary: '有在办工作、可以移交的人（系统管理员）', response: { 200: z.array(WorkPerson) } },
    handler: (request) => listWorkHolders({ db, actor: requireActor(request) }),
  });
  api.get('/api/work/receivers', {
    config: { access: 'work.transfer' },
    schema: {
      tags,
      summary: '可以接收某人工作的人（系统管理员）',
      querystring: z.object({ fromUserId: z.string().uuid('编号格式不正确') }),
      response: { 200: z.array(WorkPerson) },
    },
    handler: (request) => listWorkReceivers({ db, actor: requireActor(request), fromUserId: request.query.fromUserId }),
  });
  api.post('/api/work/transfer', {
    config: { access: 'work.transfer' },
    schema: { tags, summary: '批量移交在办工作（系统管理员）', body: TransferWorkInput, response: { 200: z.object({ moved: z.number().int() }) } },
    handler: (request) => transferOpenWork({ db, actor: requireActor(request), input: request.body, now: clock() }),
  });
};
