/**
 * Open311 GeoReport v2: service requests read back by the system that sent them, and by no other — one
 * (requests/{id}.json: readRequest) or a list (requests.json: listRequests, filtered by service_request_id,
 * service_code, start_date, end_date and status; 90 days unless dates are given, at most 1,000, newest first).
 * A request's view: open/closed, the unit handling it (agency_responsible), the answer as status_notes only once
 * the center made it public (公开答复) — for one merged into another ticket (归并), that ticket's answer carried to
 * it — and Fuban's own steps (签收, 退单, 回访, 归并) as extended_attributes, which the standard leaves open.
 * Every call is audited: a wrong key (401) and a refused query (400) too.
 */
import { and, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isRealDate } from '../../../../../common/schemas/primitives.js';
import { assignments, cases, open311Requests, units } from '../../../db/schema/index.js';
import { getKind, stateLabel } from '../../../engine/kinds/registry.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { notFound, validationError } from '../../../platform/errors.js';
import { listServices, systemOf } from './open311.service.js';

/** The spec's default window and cap: "a span of 90 days or first 1000 requests returned, whichever is smallest". */
export const REQUESTS_DEFAULT_DAYS = 90;
export const REQUESTS_LIMIT = 1000;

const requestColumns = {
  id: cases.id,
  serialNo: cases.serialNo,
  state: cases.state,
  isClosed: cases.isClosed,
  fields: cases.fields,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  dueDate: cases.dueDate,
};
type RequestRow = { id: string; serialNo: string; state: string; isClosed: boolean; fields: Record<string, unknown>; createdAt: Date; updatedAt: Date; dueDate: string | null };

/** Closed for the requester; a merged request (归并) only once its main ticket's answer came to it. */
const closedForRequester = sql`(case when ${cases.state} = 'merged' then ${cases.fields} ? 'mergedAnswer' else ${cases.isClosed} end)`;
const isClosedForRequester = (row: RequestRow) => (row.state === 'merged' ? row.fields.mergedAnswer !== undefined : row.isClosed);

/** The views of some requests: their units and the services read once for all of them. */
const viewsOf = async (db: Db, rows: readonly RequestRow[]) => {
  if (rows.length === 0) return [];
  const leads = await db
    .select({ caseId: assignments.caseId, name: units.name, shortName: units.shortName, reply: assignments.reply, signedAt: assignments.signedAt })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(inArray(assignments.caseId, rows.map((row) => row.id)), eq(assignments.role, 'lead'), ne(assignments.state, 'withdrawn')))
    .orderBy(desc(assignments.assignedAt));
  const codes = new Map((await listServices({ db })).map((item) => [item.description, item.service_code]));
  const kind = getKind('ticket');
  return rows.map((row) => {
    const own = leads.filter((item) => item.caseId === row.id);
    const lead = own[0];
    const merged = row.fields.mergedAnswer as { text: string; unitName: string | null } | undefined;
    const answer = merged?.text ?? (typeof row.fields.directAnswer === 'string' ? row.fields.directAnswer : (own.find((item) => item.reply)?.reply ?? null));
    const [category, service] = String(row.fields.category ?? '').split('/');
    const lastVisit = row.fields.lastVisit as { result?: string } | undefined;
    const mergedInto = row.fields.mergedInto as { serialNo?: string } | undefined;
    return {
      service_request_id: row.serialNo,
      status: isClosedForRequester(row) ? ('closed' as const) : ('open' as const),
      status_notes: row.fields.replyPublic ? answer : null,
      service_name: service ?? null,
      service_code: codes.get(String(row.fields.category ?? '')) ?? null,
      description: String(row.fields.content ?? ''),
      agency_responsible: lead ? (lead.shortName ?? lead.name) : (merged?.unitName ?? '12345热线中心'),
      service_notice: null,
      requested_datetime: row.createdAt.toISOString(),
      updated_datetime: row.updatedAt.toISOString(),
      expected_datetime: row.dueDate,
      address: typeof row.fields.address === 'string' ? row.fields.address : null,
      extended_attributes: {
        fuban_state: stateLabel(kind, row.state),
        fuban_category: category ?? null,
        fuban_signed: Boolean(lead?.signedAt),
        fuban_returns: Number(row.fields.returnCount ?? 0),
        fuban_visit: lastVisit?.result ?? null,
        fuban_merged_into: mergedInto?.serialNo ?? null,
      },
    };
  });
};

/** A request's status, for the system that sent it only (another key, or an unknown id: 404). */
export const readRequest = async ({ db, apiKey, id, ip }: { db: Db; apiKey: string | undefined; id: string; ip: string | null }) => {
  const key = await systemOf(db, apiKey, ip, 'request_read');
  const [row] = await db
    .select(requestColumns)
    .from(open311Requests)
    .innerJoin(cases, eq(cases.id, open311Requests.caseId))
    .where(and(eq(cases.serialNo, id), eq(open311Requests.keyId, key.id)));
  if (!row) throw notFound('服务请求');
  await writeAudit(db, { actorId: null, actorName: `open311:${key.name}`, ip }, { action: 'open311.request_read', result: 'success', objectType: 'case', objectId: row.id, objectLabel: row.serialNo });
  return viewsOf(db, [row]);
};

const W3C_DATE = /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d))?$/;

/**
 * A W3C date-time with its time zone (2026-05-04T09:00:00+08:00, …Z) as an instant; a date alone is that day in
 * Beijing time (its start, or for an end date its end). Anything else is refused, naming the parameter.
 */
const instantOf = (value: string, name: string, end: boolean): Date => {
  const match = W3C_DATE.exec(value.trim());
  if (!match || !isRealDate(match[1]!)) throw validationError(`${name} 格式不正确：应为 W3C 日期时间（如 2026-05-04T09:00:00+08:00）或日期（2026-05-04）`);
  if (match[2] !== undefined) return new Date(value.trim());
  const start = new Date(`${match[1]}T00:00:00+08:00`);
  return end ? new Date(start.getTime() + 86_400_000 - 1) : start;
};

const listOf = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
const param = (name: string, max: number) => z.string({ error: `${name} 只能给一次，多个值用逗号分隔` }).max(max, `${name} 过长`).optional();

export const RequestsQuery = z.object({
  api_key: z.string().max(100).optional(),
  jurisdiction_id: param('jurisdiction_id', 100),
  service_request_id: param('service_request_id', 40_000),
  service_code: param('service_code', 8_000),
  start_date: param('start_date', 40),
  end_date: param('end_date', 40),
  status: param('status', 20),
});

/** The filters as the query gives them, checked: a 400 names what is wrong, and nothing is read. */
const filtersOf = (input: unknown, now: Date) => {
  const parsed = RequestsQuery.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues[0]?.message ?? '查询参数不正确');
  const query = parsed.data;
  const ids = listOf(query.service_request_id);
  if (ids.length > REQUESTS_LIMIT) throw validationError(`service_request_id 一次最多 ${REQUESTS_LIMIT} 个`);
  if (ids.some((id) => !/^[0-9A-Za-z]{1,40}$/.test(id))) throw validationError('service_request_id 格式不正确');
  const codes = listOf(query.service_code);
  if (codes.some((code) => !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(code))) throw validationError('service_code 格式不正确');
  const statuses = listOf(query.status);
  if (statuses.some((status) => status !== 'open' && status !== 'closed')) throw validationError('status 只能是 open 或 closed');
  let from = query.start_date !== undefined ? instantOf(query.start_date, 'start_date', false) : undefined;
  let to = query.end_date !== undefined ? instantOf(query.end_date, 'end_date', true) : undefined;
  if (from && to && from > to) throw validationError('start_date 不能晚于 end_date');
  // Without dates, the 90 days up to now; with one, the 90 days from it or up to it.
  const span = REQUESTS_DEFAULT_DAYS * 86_400_000;
  if (!from && !to) [from, to] = [new Date(now.getTime() - span), now];
  else if (!from) from = new Date(to!.getTime() - span);
  else if (!to) to = new Date(from.getTime() + span);
  return { ids, codes, statuses: new Set(statuses), from: from!, to: to! };
};

/**
 * GET requests.json: the requests this key created, newest first, at most 1,000. service_request_id (comma list)
 * overrides every other filter, as the spec says; otherwise service_code (comma list), start_date and end_date (on
 * requested_datetime) and status (open, closed, or both).
 */
export const listRequests = async ({ db, input, ip, now }: { db: Db; input: unknown; ip: string | null; now: Date }) => {
  const apiKey = typeof (input as { api_key?: unknown })?.api_key === 'string' ? (input as { api_key: string }).api_key : undefined;
  const key = await systemOf(db, apiKey, ip, 'request_list');
  const who = { actorId: null, actorName: `open311:${key.name}`, ip };
  let filters: ReturnType<typeof filtersOf>;
  try {
    filters = filtersOf(input, now);
  } catch (error) {
    await writeAudit(db, who, { action: 'open311.request_list', result: 'failure', details: { reason: error instanceof Error ? error.message : 'bad query' } });
    throw error;
  }
  const conditions = [eq(open311Requests.keyId, key.id)];
  if (filters.ids.length > 0) conditions.push(inArray(cases.serialNo, filters.ids));
  else {
    conditions.push(gte(open311Requests.createdAt, filters.from), lte(open311Requests.createdAt, filters.to));
    if (filters.codes.length > 0) {
      const services = (await listServices({ db })).filter((item) => filters.codes.includes(item.service_code));
      // Codes the center does not have match nothing (the spec's filter), rather than being refused.
      conditions.push(services.length > 0 ? inArray(sql`${cases.fields}->>'category'`, services.map((item) => item.description)) : sql`false`);
    }
    if (filters.statuses.size === 1) conditions.push(filters.statuses.has('closed') ? closedForRequester : sql`not ${closedForRequester}`);
  }
  const rows = await db
    .select(requestColumns)
    .from(open311Requests)
    .innerJoin(cases, eq(cases.id, open311Requests.caseId))
    .where(and(...conditions))
    .orderBy(desc(open311Requests.createdAt), desc(open311Requests.caseId))
    .limit(REQUESTS_LIMIT);
  await writeAudit(db, who, {
    action: 'open311.request_list',
    result: 'success',
    details: {
      count: rows.length,
      ...(filters.ids.length > 0 ? { ids: filters.ids.length } : { from: filters.from.toISOString(), to: filters.to.toISOString(), codes: filters.codes.length, status: [...filters.statuses] }),
    },
  });
  return viewsOf(db, rows);
};
