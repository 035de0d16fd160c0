/**
 * Routes: /api/public/mailbox — the 市长信箱 for citizens with no account (the only hotline paths reachable
 * without signing in; each address is rate-limited by platform/public-routes.ts). Thin: schema → use case.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CategoryNode } from '../../../../../common/schemas/hotline.js';
import { MailboxChallenge, MailboxLetter, mailboxLetterLabels, MailboxQuery, MailboxReceipt, MailboxStatus } from '../../../../../common/schemas/mailbox.js';
import { typed } from '../../../platform/http.js';
import { listCategoryTree } from '../hotline.service.js';
import { issueMailboxChallenge, readLetter, writeLetter } from './mailbox.service.js';

export const mailboxRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['市长信箱'];

  api.get('/api/public/mailbox/challenge', {
    config: { access: 'public' },
    schema: { tags, summary: '取安全验证（工作量证明）题目：浏览器计算后随来信提交，10 分钟内有效，只能用一次', response: { 200: MailboxChallenge }, security: [] },
    handler: () => issueMailboxChallenge({ now: clock() }),
  });
  api.get('/api/public/mailbox/categories', {
    config: { access: 'public' },
    schema: { tags, summary: '来信可选的诉求分类（二级）', response: { 200: z.array(CategoryNode) }, security: [] },
    handler: () => listCategoryTree({ db }),
  });
  api.post('/api/public/mailbox/letters', {
    schema: { tags, summary: '写信（无需登录）：成为渠道为市长信箱的12345工单；查询码只返回这一次', body: MailboxLetter, response: { 200: MailboxReceipt }, security: [] },
    config: { access: 'public', fieldLabels: mailboxLetterLabels },
    handler: (request) => writeLetter({ db, input: request.body, ip: request.ip, now: clock() }),
  });
  api.post('/api/public/mailbox/query', {
    config: { access: 'public' },
    schema: { tags, summary: '凭查询码查看办理进度（答复公开后可见答复；查询码无效为 404）', body: MailboxQuery, response: { 200: MailboxStatus }, security: [] },
    handler: (request) => readLetter({ db, code: request.body.code }),
  });
};
