/**
 * 12345 use cases beside the engine's generic ones (登记 and every step go through /api/cases): the agents'
 * ledger with its filters (listTickets), the category tree for the intake form (listCategoryTree), the
 * 街乡 (listAreas) and a unit's 职责清单
 * for its 退单 (listDutyItems).
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { CategoryNode, TicketPage, TicketQuery } from '../../../../common/schemas/hotline.js';
import { records, units } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { addDays } from '../../engine/calendar/dates.js';
import { caseVisibility, identitiesOf } from '../../engine/cases/access.js';
import { getKind, stateLabel } from '../../engine/kinds/registry.js';
import type { Actor } from '../../platform/actor.js';
import { cachedCount } from '../../platform/count-cache.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { caseSearchCondition } from '../../platform/search.js';
import { CATEGORY_RECORD, DUTY_RECORD } from './hotline.records.js';

// The ledger's select names the table `cases` (no alias): the engine's visibility and search conditions name it so.
const field = (name: string): SQL => sql`cases.fields->>${name}`;
const shanghaiStart = (date: string): string => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The filters as conditions on cases; each one is a column an index of migration 0026 leads with. */
const conditionsOf = (query: TicketQuery, visibility: SQL): SQL[] => [
  sql`cases.kind = 'ticket'`,
  visibility,
  ...(query.channel ? [sql`${field('channel')} = ${query.channel}`] : []),
  ...(query.type ? [sql`${field('ticketType')} = ${query.type}`] : []),
  ...(query.area ? [sql`${field('area')} = ${query.area}`] : []),
  ...(query.category ? [query.category.includes('/') ? sql`${field('category')} = ${query.category}` : sql`${field('category')} like ${`${query.category}/%`}`] : []),
  ...(query.state ? [sql`cases.state = ${query.state}`] : []),
  ...(query.unitId ? [sql`exists (select 1 from assignments a where a.case_id = cases.id and a.unit_id = ${query.unitId}::uuid and a.state <> 'withdrawn')`] : []),
  ...(query.from ? [sql`cases.created_at >= ${shanghaiStart(query.from)}::timestamptz`] : []),
  ...(query.to ? [sql`cases.created_at < ${shanghaiStart(addDays(query.to, 1))}::timestamptz`] : []),
  ...(query.q ? [caseSearchCondition(query.q)] : []),
];

/**
 * Counting stops here; above it the planner's estimate stands in (「约」). A city's years are millions of tickets
 * and an agent's filter (a 街乡 and a type) tens of thousands: counting them on each poll costs more than the page
 * (bench:hotline), and past a thousand a page-by-page reader is told nothing different by the exact figure.
 */
const EXACT_COUNT_CAP = 1_000;

/** How many tickets match: exact up to the cap (one bounded count), else the planner's estimate (as the case ledger counts, with its own cap). */
const countTickets = async (db: Db, where: SQL): Promise<{ count: number; isEstimate: boolean }> => {
  const [counted] = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from (select 1 from cases where ${where} limit ${EXACT_COUNT_CAP + 1}) as capped`));
  const count = Number(counted?.n ?? 0);
  if (count <= EXACT_COUNT_CAP) return { count, isEstimate: false };
  const [plan] = rowsOf<{ 'QUERY PLAN': unknown }>(await db.execute(sql`explain (format json) select cases.id from cases where ${where}`));
  const raw = plan?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan?: { 'Plan Rows'?: number } }>;
  return { count: Math.max(Math.round(parsed[0]?.Plan?.['Plan Rows'] ?? 0), count), isEstimate: true };
};

/** 工单台账: one page newest first, with the unit holding each ticket (its latest 主办) read in the same select. */
export const listTickets = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: TicketQuery; now: Date }): Promise<TicketPage> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const where = sql.join(conditionsOf(query, caseVisibility(identities)), sql` and `);
  const offset = (query.page - 1) * query.pageSize;
  const { page: _page, pageSize: _size, ...filters } = query;
  // The page and its total at once (two pooled connections): the total is the slower of the two on a large filter.
  const [found, total] = await Promise.all([
    db.execute(sql`
      select cases.id, cases.serial_no, cases.title, cases.state, cases.fields, cases.due_date, cases.due_status, cases.created_at,
        (select coalesce(u.short_name, u.name) from assignments a join units u on u.id = a.unit_id
          where a.case_id = cases.id and a.role = 'lead' and a.state <> 'withdrawn' order by a.assigned_at desc limit 1) as unit_name
      from cases where ${where}
      order by cases.created_at desc, cases.id desc limit ${query.pageSize} offset ${offset}`),
    cachedCount(`hotline\n${identities.map((identity) => identity.userId).join(',')}\n${JSON.stringify(filters)}`, () => countTickets(db, where)),
  ]);
  const rows = rowsOf<{ id: string; serial_no: string; title: string; state: string; fields: Record<string, unknown>; due_date: string | null; due_status: string; created_at: Date | string; unit_name: string | null }>(found);
  const kind = getKind('ticket');
  return {
    total: total.count,
    isEstimate: total.isEstimate,
    rows: rows.map((row) => ({
      id: row.id,
      serialNo: row.serial_no,
      title: row.title,
      channel: String(row.fields.channel ?? ''),
      type: String(row.fields.ticketType ?? ''),
      category: String(row.fields.category ?? ''),
      area: typeof row.fields.area === 'string' ? row.fields.area : null,
      urgency: String(row.fields.urgency ?? '一般'),
      state: row.state,
      stateLabel: stateLabel(kind, row.state),
      unitName: row.unit_name,
      dueDate: row.due_date,
      dueStatus: row.due_status,
      returnCount: Number(row.fields.returnCount ?? 0),
      createdAt: new Date(row.created_at).toISOString(),
    })),
  };
};

/** The active categories as a two-level tree, in the center's order. */
export const listCategoryTree = async ({ db }: { db: Db }): Promise<CategoryNode[]> => {
  const rows = await db
    .select({ fields: records.fields })
    .from(records)
    .where(and(eq(records.type, CATEGORY_RECORD), eq(records.state, 'active')))
    .orderBy(asc(records.createdAt));
  const active = rows.map((row) => row.fields as { name: string; parent: string; isActive: boolean; sortOrder: number }).filter((item) => item.isActive);
  const bySort = (a: { sortOrder: number; name: string }, b: { sortOrder: number; name: string }) => a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : 1);
  return active
    .filter((item) => !item.parent)
    .sort(bySort)
    .map((top) => ({ name: top.name, children: active.filter((item) => item.parent === top.name).sort(bySort).map((item) => item.name) }));
};

/** The 街乡 a ticket may name: the office's township units. */
export const listAreas = async ({ db }: { db: Db }): Promise<Array<{ id: string; name: string }>> =>
  (await db.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(and(eq(units.type, 'township'), eq(units.isActive, true))).orderBy(asc(units.name))).map(
    (unit) => ({ id: unit.id, name: unit.shortName ?? unit.name }),
  );

/** A unit's 职责清单, as its 退单 offers it; a 联络员 reads only their own unit's. */
export const listDutyItems = async ({ db, actor, unitId }: { db: Db; actor: Actor; unitId: string }): Promise<string[]> => {
  if (actor.scope === 'unit' && unitId !== actor.unitId) throw notFound('单位');
  const rows = await db
    .select({ fields: records.fields })
    .from(records)
    .where(and(eq(records.type, DUTY_RECORD), eq(records.unitId, unitId), eq(records.state, 'active')))
    .orderBy(asc(records.createdAt));
  return rows.map((row) => String(row.fields.item));
};
