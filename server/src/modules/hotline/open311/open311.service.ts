/**
 * Open311 GeoReport v2 for other systems (the province's 12345 platform, a city app): the category tree as
 * services (listServices), a request registered as a 12345 工单 of channel 网上 through the engine's
 * createCase like any ticket (createRequest), and its status read back by the system that sent it
 * (readRequest): open/closed, the unit handling it (agency_responsible), and the answer as status_notes
 * only once the center made it public (公开答复). Fuban's own steps (签收, 退单, 回访) travel as
 * extended_attributes, which the standard leaves open. Every call with a key is audited, a wrong key too
 * (401). Keys are issued by the center (hotline.manage); only their SM3 hash is stored.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, ne } from 'drizzle-orm';
import { TicketType } from '../../../../../common/schemas/hotline.js';
import { assignments, cases, open311Keys, open311Requests, records, units } from '../../../db/schema/index.js';
import { createCase } from '../../../engine/cases/create-case.js';
import { getKind, stateLabel } from '../../../engine/kinds/registry.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { forbidden, notFound, unauthenticated, validationError } from '../../../platform/errors.js';
import { sm3 } from '../../../platform/seal.js';
import { centerIntakeActor } from '../hotline.intake.js';
import { CATEGORY_RECORD } from '../hotline.records.js';
import { z } from 'zod';

const keyHashOf = (apiKey: string) => sm3(`open311-key:${apiKey}`);

const assertCenter = (actor: Actor) => {
  if (!actor.permissions.has('hotline.manage')) throw forbidden('只有12345热线中心可以管理接口密钥', 'hotline.manage');
};

/** A new key for a system; the key itself is returned this once. */
export const issueApiKey = async ({ db, actor, name, now }: { db: Db; actor: Actor; name: string; now: Date }) => {
  assertCenter(actor);
  const apiKey = randomBytes(24).toString('base64url');
  const [row] = await db.transaction(async (tx) => {
    const inserted = await tx.insert(open311Keys).values({ name, keyHash: keyHashOf(apiKey), createdBy: actor.userId, createdAt: now }).returning();
    await writeAudit(tx, { actor }, { action: 'open311.key_issue', result: 'success', objectType: 'open311_key', objectId: inserted[0]!.id, objectLabel: name });
    return inserted;
  });
  return { id: row!.id, name, apiKey, createdAt: now.toISOString() };
};

export const listApiKeys = async ({ db, actor }: { db: Db; actor: Actor }) => {
  assertCenter(actor);
  const rows = await db.select().from(open311Keys).orderBy(desc(open311Keys.createdAt));
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null }));
};

export const revokeApiKey = async ({ db, actor, id, now }: { db: Db; actor: Actor; id: string; now: Date }) => {
  assertCenter(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.update(open311Keys).set({ revokedAt: now }).where(and(eq(open311Keys.id, id), isNull(open311Keys.revokedAt))).returning();
    if (!row) throw notFound('接口密钥');
    await writeAudit(tx, { actor }, { action: 'open311.key_revoke', result: 'success', objectType: 'open311_key', objectId: row.id, objectLabel: row.name });
  });
  return { id };
};

/** The system behind a key; an unknown or revoked key is audited and refused (401). */
const systemOf = async (db: Db, apiKey: string | undefined, ip: string | null, call: string) => {
  const [key] = apiKey ? await db.select().from(open311Keys).where(and(eq(open311Keys.keyHash, keyHashOf(apiKey)), isNull(open311Keys.revokedAt))) : [];
  if (!key) {
    await writeAudit(db, { actorId: null, actorName: 'open311', ip }, { action: `open311.${call}`, result: 'failure', details: { reason: apiKey ? 'unknown key' : 'no key' } });
    throw unauthenticated('api_key 无效或已停用');
  }
  return key;
};

/** The 二级 categories as services; the service_code is the category record's id. */
export const listServices = async ({ db }: { db: Db }) => {
  const rows = await db.select({ id: records.id, fields: records.fields }).from(records).where(and(eq(records.type, CATEGORY_RECORD), eq(records.state, 'active'))).orderBy(asc(records.createdAt));
  const active = rows.map((row) => ({ id: row.id, ...(row.fields as { name: string; parent: string; isActive: boolean; sortOrder: number }) })).filter((item) => item.isActive);
  const tops = new Set(active.filter((item) => !item.parent).map((item) => item.name));
  return active
    .filter((item) => item.parent && tops.has(item.parent))
    .sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.sortOrder - b.sortOrder))
    .map((item) => ({ service_code: item.id, service_name: item.name, description: `${item.parent}/${item.name}`, metadata: false, type: 'realtime' as const, keywords: item.parent, group: item.parent }));
};

const flag = z.preprocess((value) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value), z.boolean());
export const Open311Request = z.object({
  api_key: z.string().max(100).optional(),
  service_code: z.string().uuid('service_code 无效'),
  description: z.string().trim().min(2, '请填写 description').max(4000),
  address_string: z.string().trim().max(200).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  first_name: z.string().trim().max(15).optional(),
  last_name: z.string().trim().max(15).optional(),
  phone: z.string().trim().max(20).optional(),
  email: z.string().trim().max(100).optional(),
  /** Fuban extensions: the 诉求类型 (default 投诉) and whether the requester lets the answer be published. */
  ticket_type: TicketType.optional(),
  may_publish: flag.optional(),
});
export type Open311Request = z.infer<typeof Open311Request>;

export const createRequest = async ({ db, input, ip, now }: { db: Db; input: unknown; ip: string | null; now: Date }) => {
  const parsed = Open311Request.safeParse(input);
  const key = await systemOf(db, typeof (input as { api_key?: unknown })?.api_key === 'string' ? (input as { api_key: string }).api_key : undefined, ip, 'request_create');
  if (!parsed.success) throw validationError(parsed.error.issues[0]?.message ?? '请求格式不正确');
  const request = parsed.data;
  const service = (await listServices({ db })).find((item) => item.service_code === request.service_code);
  if (!service) throw validationError('service_code 不存在');
  const actor = await centerIntakeActor(db, { username: 'open311', displayName: `接口：${key.name}`, ip });
  const name = `${request.last_name ?? ''}${request.first_name ?? ''}`.trim() || '匿名';
  const address = request.address_string ?? (request.lat !== undefined && request.long !== undefined ? `${request.lat},${request.long}` : undefined);
  const created = await db.transaction(async (tx) => {
    const ticket = await createCase({
      db: tx,
      actor,
      kindId: 'ticket',
      fields: {
        channel: '网上',
        ticketType: request.ticket_type ?? '投诉',
        category: service.description,
        callerName: name,
        ...(request.phone ? { callerPhone: request.phone } : {}),
        ...(address ? { address } : {}),
        content: request.description,
        ...(request.may_publish !== undefined ? { mayPublish: request.may_publish } : {}),
        urgency: '一般',
      },
      now,
    });
    await tx.insert(open311Requests).values({ caseId: ticket.id, keyId: key.id, createdAt: now });
    await writeAudit(tx, { actorId: null, actorName: `open311:${key.name}`, ip }, { action: 'open311.request_create', result: 'success', objectType: 'case', objectId: ticket.id, objectLabel: ticket.serialNo });
    return ticket;
  });
  return [{ service_request_id: created.serialNo, service_notice: '已受理，12345热线将按规定时限办理', account_id: null }];
};

/** A request's status, for the system that sent it only (another key, or an unknown id: 404). */
export const readRequest = async ({ db, apiKey, id, ip }: { db: Db; apiKey: string | undefined; id: string; ip: string | null }) => {
  const key = await systemOf(db, apiKey, ip, 'request_read');
  const [row] = await db
    .select({ id: cases.id, serialNo: cases.serialNo, state: cases.state, isClosed: cases.isClosed, fields: cases.fields, createdAt: cases.createdAt, updatedAt: cases.updatedAt, dueDate: cases.dueDate })
    .from(open311Requests)
    .innerJoin(cases, eq(cases.id, open311Requests.caseId))
    .where(and(eq(cases.serialNo, id), eq(open311Requests.keyId, key.id)));
  if (!row) throw notFound('服务请求');
  const leads = await db
    .select({ name: units.name, shortName: units.shortName, reply: assignments.reply, signedAt: assignments.signedAt })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.caseId, row.id), eq(assignments.role, 'lead'), ne(assignments.state, 'withdrawn')))
    .orderBy(desc(assignments.assignedAt));
  const lead = leads[0];
  const published = Boolean(row.fields.replyPublic);
  const notes = published ? (typeof row.fields.directAnswer === 'string' ? row.fields.directAnswer : (leads.find((item) => item.reply)?.reply ?? null)) : null;
  await writeAudit(db, { actorId: null, actorName: `open311:${key.name}`, ip }, { action: 'open311.request_read', result: 'success', objectType: 'case', objectId: row.id, objectLabel: row.serialNo });
  const [category, service] = String(row.fields.category ?? '').split('/');
  const code = (await listServices({ db })).find((item) => item.description === row.fields.category)?.service_code ?? null;
  const lastVisit = row.fields.lastVisit as { result?: string } | undefined;
  return [
    {
      service_request_id: row.serialNo,
      status: row.isClosed ? ('closed' as const) : ('open' as const),
      status_notes: notes,
      service_name: service ?? null,
      service_code: code,
      description: String(row.fields.content ?? ''),
      agency_responsible: lead ? (lead.shortName ?? lead.name) : '12345热线中心',
      service_notice: null,
      requested_datetime: row.createdAt.toISOString(),
      updated_datetime: row.updatedAt.toISOString(),
      expected_datetime: row.dueDate,
      address: typeof row.fields.address === 'string' ? row.fields.address : null,
      extended_attributes: {
        fuban_state: stateLabel(getKind('ticket'), row.state),
        fuban_category: category ?? null,
        fuban_signed: Boolean(lead?.signedAt),
        fuban_returns: Number(row.fields.returnCount ?? 0),
        fuban_visit: lastVisit?.result ?? null,
      },
    },
  ];
};
