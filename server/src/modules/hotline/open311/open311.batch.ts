/**
 * Open311 extension for bursts (requests/batch.json): a system (the province's platform) sends up to
 * OPEN311_BATCH_LIMIT requests in one call, each checked as requests.json checks one. Per-item results, in the
 * order sent: a registered request answers its service_request_id, a refused one its {code: 400, description} —
 * the others are registered all the same, and nothing is dropped without an answer. The registered ones are written
 * in one transaction by the engine's bulk registration (createCases: multi-row inserts), numbered by one
 * reservation of the register (reserveSerials), with one audit row for the call naming every ticket and every refusal; a call refused whole (wrong key 401, not a list, over the limit
 * 400) or failed is audited too.
 */
import { z } from 'zod';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import { reserveSerials } from '../../../engine/cases/cases.repository.js';
import { createCases } from '../../../engine/cases/create-cases.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { validationError } from '../../../platform/errors.js';
import { insertUnnest } from '../../../platform/unnest.js';
import { centerIntakeActor } from '../hotline.intake.js';
import { apiKeyIn, listServices, Open311Request, OPEN311_NOTICE, refusalOf, systemOf, ticketFieldsOf } from './open311.service.js';

export const OPEN311_BATCH_LIMIT = 200;
const ACTION = 'open311.request_batch';

const Batch = z.object({
  api_key: z.string().max(100).optional(),
  requests: z.array(z.unknown()).min(1, 'requests 不能为空').max(OPEN311_BATCH_LIMIT, `每次最多提交 ${OPEN311_BATCH_LIMIT} 条服务请求`),
});

type Checked = { index: number; fields: Record<string, unknown> } | { index: number; refused: string };
export type BatchResult = { service_request_id: string; service_notice: string; account_id: null } | { code: 400; description: string };

export const createRequestBatch = async ({ db, input, ip, now }: { db: Db; input: unknown; ip: string | null; now: Date }): Promise<BatchResult[]> => {
  const key = await systemOf(db, apiKeyIn(input), ip, 'request_batch');
  const who = { actorId: null, actorName: `open311:${key.name}`, ip };
  const parsed = Batch.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? '请求格式不正确';
    await writeAudit(db, who, { action: ACTION, result: 'failure', details: { reason: message } });
    throw validationError(message);
  }
  const services = new Map((await listServices({ db })).map((item) => [item.service_code, item]));
  const checked: Checked[] = parsed.data.requests.map((raw, index) => {
    // An api_key inside an item is the call's, not the item's: ignored.
    const request = Open311Request.safeParse(raw);
    if (!request.success) return { index, refused: request.error.issues[0]?.message ?? '请求格式不正确' };
    const service = services.get(request.data.service_code);
    if (!service) return { index, refused: 'service_code 不存在' };
    const fields = ticketFieldsOf(request.data, service);
    const refused = refusalOf(fields);
    return refused ? { index, refused } : { index, fields };
  });
  const accepted = checked.flatMap((item) => ('fields' in item ? [item] : []));
  const refusals = checked.flatMap((item) => ('refused' in item ? [{ index: item.index, reason: item.refused }] : []));
  const serials = new Map<number, { id: string; serialNo: string }>();
  try {
    const actor = accepted.length > 0 ? await centerIntakeActor(db, { username: 'open311', displayName: `接口：${key.name}`, ip }) : null;
    // One reservation for the call, before its transaction: the register's counter is not held while it writes.
    const first = actor ? await reserveSerials(db, { kind: 'ticket', year: Number(todayInShanghai(now).slice(0, 4)), count: accepted.length }) : 0;
    // The call's own rows in the tickets' transaction (no transaction around it: no savepoint). Last: the audit tail is held from there to COMMIT.
    const record = async (tx: Db, tickets: ReadonlyArray<{ id: string; serialNo: string }>) => {
      for (const [offset, item] of accepted.entries()) serials.set(item.index, tickets[offset]!);
      if (serials.size > 0) await tx.execute(insertUnnest('open311_requests', [['case_id', 'uuid'], ['key_id', 'uuid'], ['created_at', 'timestamptz']], [...serials.values()], (ticket) => [ticket.id, key.id, now]));
      await writeAudit(tx, who, {
        action: ACTION,
        result: serials.size > 0 ? 'success' : 'failure',
        objectLabel: `${serials.size} / ${checked.length}`,
        details: { requests: checked.length, created: [...serials.values()].map((ticket) => ticket.serialNo), ...(refusals.length > 0 ? { refused: refusals } : {}) },
      });
    };
    if (actor) await createCases({ db, actor, kindId: 'ticket', items: accepted.map((item) => item.fields), now, firstSeq: first, alsoInTransaction: record });
    else await record(db, []);
  } catch (error) {
    // Nothing of the call was kept (one transaction): say so in the log, then answer the error.
    await writeAudit(db, who, { action: ACTION, result: 'failure', details: { requests: checked.length, reason: error instanceof Error ? error.message.slice(0, 200) : 'error' } });
    throw error;
  }
  return checked.map((item) => {
    const ticket = serials.get(item.index);
    return ticket ? { service_request_id: ticket.serialNo, service_notice: OPEN311_NOTICE, account_id: null } : { code: 400 as const, description: 'refused' in item ? item.refused : '未登记' };
  });
};
