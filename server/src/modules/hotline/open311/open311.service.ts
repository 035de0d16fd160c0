/**
 * Open311 GeoReport v2 for other systems (the province's 12345 platform, a city app): the discovery document
 * (readDiscovery), the category tree as services (listServices) and each one's definition (readServiceDefinition),
 * a request registered as a 12345 工单 of channel 网上 through the engine's createCase like any ticket
 * (createRequest); reading requests back is open311.requests.ts. Every call with a key is audited, a wrong key
 * too (401). Keys are issued by the center (hotline.manage); only their SM3 hash is stored.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, max, sql } from 'drizzle-orm';
import { TicketType } from '../../../../../common/schemas/hotline.js';
import { open311Keys, open311Requests, records } from '../../../db/schema/index.js';
import { createCase } from '../../../engine/cases/create-case.js';
import { reserveSerials } from '../../../engine/cases/cases.repository.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import { getKind } from '../../../engine/kinds/registry.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { rowsOf, type Db } from '../../../platform/db.js';
import { conflict, forbidden, notFound, unauthenticated, validationError } from '../../../platform/errors.js';
import { sm3 } from '../../../platform/seal.js';
import { intakeActorOf, intakeStaffJson, type IntakeStaff } from '../hotline.intake.js';
import { CATEGORY_RECORD } from '../hotline.records.js';
import { z } from 'zod';
import { issuesMessage, labelIssues } from '../../../../../common/field-labels.js';

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
    if (!row) {
      // Already revoked (by a concurrent call, or before): the key exists, so the caller lost a race (409), not a 404.
      const [existing] = await tx.select({ id: open311Keys.id }).from(open311Keys).where(eq(open311Keys.id, id));
      throw existing ? conflict('该接口密钥已停用') : notFound('接口密钥');
    }
    await writeAudit(tx, { actor }, { action: 'open311.key_revoke', result: 'success', objectType: 'open311_key', objectId: row.id, objectLabel: row.name });
  });
  return { id };
};

/** An unknown or revoked key (or none): audited, then refused (401). */
const refuseKey = async (db: Db, apiKey: string | undefined, ip: string | null, call: string): Promise<never> => {
  await writeAudit(db, { actorId: null, actorName: 'open311', ip }, { action: `open311.${call}`, result: 'failure', details: { reason: apiKey ? 'unknown key' : 'no key' } });
  throw unauthenticated('api_key 无效或已停用');
};

/** The system behind a key; an unknown or revoked key is audited and refused (401). */
export const systemOf = async (db: Db, apiKey: string | undefined, ip: string | null, call: string) => {
  const [key] = apiKey ? await db.select().from(open311Keys).where(and(eq(open311Keys.keyHash, keyHashOf(apiKey)), isNull(open311Keys.revokedAt))) : [];
  return key ?? refuseKey(db, apiKey, ip, call);
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

/**
 * GET services/{service_code}.json: the service definition. Fuban asks nothing beyond the standard request
 * fields (metadata: false), so its attributes are empty; an unknown code is a 404.
 */
export const readServiceDefinition = async ({ db, code }: { db: Db; code: string }) => {
  const service = (await listServices({ db })).find((item) => item.service_code === code);
  if (!service) throw notFound('服务（service_code）');
  return { service_code: service.service_code, attributes: [] as never[] };
};

export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/**
 * The service discovery document (wiki.open311.org/Service_Discovery): where the GeoReport v2 endpoint is and in
 * which formats, whom to ask and how to get a key. Its changeset moves when the services do (the category tree's
 * latest change), which tells clients to refresh what they cached.
 */
export const readDiscovery = async ({ db, endpointUrl }: { db: Db; endpointUrl: string }) => {
  const [latest] = await db.select({ at: max(records.updatedAt) }).from(records).where(eq(records.type, CATEGORY_RECORD));
  const changeset = (latest?.at ? new Date(latest.at) : new Date(0)).toISOString();
  return {
    changeset,
    contact: '12345政务服务便民热线中心（对接问题请联系热线中心系统对接岗）',
    key_service: 'api_key 由12345热线中心签发：对接系统向热线中心提出申请，密钥只交付一次，停用后即失效。',
    endpoints: [{ specification: OPEN311_SPECIFICATION, url: endpointUrl, changeset, type: 'production', formats: ['application/json'] }],
  };
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

/** The 12345 工单 fields an Open311 request registers: channel 网上, the service's category, 一般 urgency. */
export const ticketFieldsOf = (request: Open311Request, service: { description: string }): Record<string, unknown> => {
  const name = `${request.last_name ?? ''}${request.first_name ?? ''}`.trim() || '匿名';
  const address = request.address_string ?? (request.lat !== undefined && request.long !== undefined ? `${request.lat},${request.long}` : undefined);
  return {
    channel: '网上',
    ticketType: request.ticket_type ?? '投诉',
    category: service.description,
    callerName: name,
    ...(request.phone ? { callerPhone: request.phone } : {}),
    ...(address ? { address } : {}),
    content: request.description,
    ...(request.may_publish !== undefined ? { mayPublish: request.may_publish } : {}),
    urgency: '一般',
  };
};

/**
 * What the ticket kind would refuse in these fields (createCase's own check), asked before a number is reserved:
 * a refused registration must not leave a gap in the register. Null when they pass.
 */
export const refusalOf = (fields: Record<string, unknown>): string | null => {
  const kind = getKind('ticket');
  const parsed = kind.fields.safeParse(fields);
  return parsed.success ? null : issuesMessage(labelIssues(parsed.error.issues, kind.fieldLabels));
};

export const apiKeyIn = (input: unknown): string | undefined =>
  typeof (input as { api_key?: unknown })?.api_key === 'string' ? (input as { api_key: string }).api_key : undefined;

export const OPEN311_NOTICE = '已受理，12345热线将按规定时限办理';

/**
 * What one request needs read, in one round trip: the system behind the key (or null), the service asked for as
 * listServices would list it (an active 二级 category under an active 一级; or null), and the center's intake staff.
 */
const intakeOf = async (db: Db, apiKey: string | undefined, serviceCode: string | undefined) => {
  const key = apiKey ? sql`(select json_build_object('id', k.id, 'name', k.name) from open311_keys k where k.key_hash = ${keyHashOf(apiKey)} and k.revoked_at is null)` : sql`null::json`;
  const isActive = (alias: string) => sql.raw(`${alias}.type = '${CATEGORY_RECORD}' and ${alias}.state = 'active' and (${alias}.fields->>'isActive')::boolean`);
  const service = serviceCode
    ? sql`(select json_build_object('description', (r.fields->>'parent') || '/' || (r.fields->>'name')) from records r
        where r.id = ${serviceCode}::uuid and ${isActive('r')} and coalesce(r.fields->>'parent', '') <> ''
          and exists (select 1 from records p where ${isActive('p')} and coalesce(p.fields->>'parent', '') = '' and p.fields->>'name' = r.fields->>'parent'))`
    : sql`null::json`;
  const [row] = rowsOf<{ key: { id: string; name: string } | null; service: { description: string } | null; staff: IntakeStaff | null }>(
    await db.execute(sql`select ${key} as key, ${service} as service, ${intakeStaffJson} as staff`),
  );
  return row!;
};

export const createRequest = async ({ db, input, ip, now }: { db: Db; input: unknown; ip: string | null; now: Date }) => {
  const parsed = Open311Request.safeParse(input);
  const apiKey = apiKeyIn(input);
  const read = await intakeOf(db, apiKey, parsed.success ? parsed.data.service_code : undefined);
  const key = read.key ?? (await refuseKey(db, apiKey, ip, 'request_create'));
  if (!parsed.success) throw validationError(parsed.error.issues[0]?.message ?? '请求格式不正确');
  const request = parsed.data;
  if (!read.service) throw validationError('service_code 不存在');
  const fields = ticketFieldsOf(request, read.service);
  const refused = refusalOf(fields);
  if (refused) throw validationError(refused);
  const actor = intakeActorOf(read.staff, { username: 'open311', displayName: `接口：${key.name}`, ip });
  // Numbered before the transaction (reserveSerials): the register's counter is not held while the ticket is written.
  const reservedSeq = await reserveSerials(db, { kind: 'ticket', year: Number(todayInShanghai(now).slice(0, 4)), count: 1 });
  // In the ticket's own transaction (no savepoint around it): the request row, then the audit row.
  const created = await createCase({
    db,
    actor,
    kindId: 'ticket',
    fields,
    now,
    reservedSeq,
    alsoInTransaction: async (tx, ticket) => {
      await tx.insert(open311Requests).values({ caseId: ticket.id, keyId: key.id, createdAt: now });
      // An audit lane's tail is held from here to COMMIT: last, so it is held briefly (other intakes take other lanes).
      await writeAudit(tx, { actorId: null, actorName: `open311:${key.name}`, ip }, { action: 'open311.request_create', result: 'success', objectType: 'case', objectId: ticket.id, objectLabel: ticket.serialNo });
    },
  });
  return [{ service_request_id: created.serialNo, service_notice: OPEN311_NOTICE, account_id: null }];
};
