/** Routes: 机关代字 (系统管理员) and the 文号 ledger (秘书科). */
import type { FastifyInstance } from 'fastify';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import {
  CreateIssuerCodeInput,
  DocNumberLedger,
  DocNumberView,
  IssuerCode,
  ReserveDocNumberInput,
  VoidDocNumberInput,
} from '../../../../common/schemas/outgoing.js';
import { issuerCodes } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import { requireActor, typed } from '../../platform/http.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { listDocNumbers, reserveDocNumber, voidDocNumber, type DocNumber } from './doc-numbers.service.js';

const present = (row: DocNumber) => ({
  ...row,
  reservedUntil: row.reservedUntil?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export const outgoingRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['发文'];

  api.get('/api/issuer-codes', {
    schema: { tags, summary: '机关代字', response: { 200: z.array(IssuerCode) } },
    handler: async (request) => {
      requireActor(request, 'case.work');
      return db.select().from(issuerCodes).orderBy(asc(issuerCodes.sortOrder), asc(issuerCodes.code));
    },
  });
  api.post('/api/issuer-codes', {
    schema: { tags, summary: '新增机关代字（系统管理员）', body: CreateIssuerCodeInput, response: { 200: IssuerCode } },
    handler: async (request) => {
      const actor = requireActor(request, 'config.manage');
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(issuerCodes).values(request.body).returning();
        await writeAudit(tx, { actor }, { action: 'config.update', result: 'success', objectType: 'issuer_code', objectId: row!.code, objectLabel: row!.issuerName });
        return row!;
      });
    },
  });

  api.get('/api/doc-numbers', {
    schema: {
      tags,
      summary: '文号登记簿（按代字和年度，含预留和作废）',
      querystring: z.object({ issuer: z.string().min(2).max(12), year: z.coerce.number().int().min(2000).max(2199).optional() }),
      response: { 200: DocNumberLedger },
    },
    handler: async (request) => {
      const now = clock();
      const year = request.query.year ?? Number(todayInShanghai(now).slice(0, 4));
      const ledger = await listDocNumbers({ db, actor: requireActor(request, 'case.work'), issuerCode: request.query.issuer, year, now });
      return { rows: ledger.rows.map(present), gaps: ledger.gaps };
    },
  });
  api.post('/api/doc-numbers/reserve', {
    schema: { tags, summary: '预留文号', body: ReserveDocNumberInput, response: { 200: DocNumberView } },
    handler: async (request) => {
      const now = clock();
      const { issuerCode, year, until, note } = request.body;
      const row = await reserveDocNumber({ db, actor: requireActor(request, 'case.work'), issuerCode, year: year ?? Number(todayInShanghai(now).slice(0, 4)), until: new Date(until), note, now });
      return present(row);
    },
  });
  api.post('/api/doc-numbers/:id/void', {
    schema: { tags, summary: '作废文号（写明理由）', params: z.object({ id: z.string().uuid() }), body: VoidDocNumberInput, response: { 200: DocNumberView } },
    handler: async (request) =>
      present(await voidDocNumber({ db, actor: requireActor(request, 'case.work'), numberId: request.params.id, ...request.body })),
  });
};
