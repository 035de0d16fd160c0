/**
 * The ledger (台账) shared by every kind: filters, sorting and keyset pagination over the
 * cases the user may see. The same query feeds the Excel export.
 */
import { z } from 'zod';
import { and, asc, eq, getTableColumns, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { caseSearchCondition } from '../../platform/search.js';
import { type CasePage, type CaseQuery, type CaseSummary, MAX_LEDGER_OFFSET } from '../../../../common/schemas/cases.js';
import { isoDate } from '../../../../common/schemas/primitives.js';
import { assignments, cases, units } from '../../db/schema/index.js';
import { cachedCount } from '../../platform/count-cache.js';
import type { Actor } from '../../platform/actor.js';
import { type Db, rowsOf } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import type { KindDefinition, LedgerColumn } from '../kinds/kind.types.js';
import { getKind, stateLabel } from '../kinds/registry.js';
import { caseVisibility, identitiesOf, kindsVisibleTo, seenByUnits } from './access.js';
import { caseColumns, orderingOf, scopedArms, scopedIds, scopedPageIds, type OrderColumns } from './ledger-scope.js';
import type { CaseRow } from './cases.repository.js';

// A cursor comes back from the client, so it is input like any other: checked whole before it reaches SQL.
const Cursor = z.strictObject({
  createdAt: z.iso.datetime({ offset: true }).optional(),
  dueDate: isoDate().nullable().optional(),
  id: z.uuid(),
});
type Cursor = z.infer<typeof Cursor>;

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
const decodeCursor = (raw: string): Cursor => {
  const parsed = Cursor.safeParse(parseJson(Buffer.from(raw, 'base64url').toString('utf8')));
  if (!parsed.success) throw validationError('分页参数无效，请从第一页重新查询');
  return parsed.data;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The day after `date` (YYYY-MM-DD), for an inclusive `to` on a timestamp. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);

/** The query's filters on the case row; `byUnit` false when the scan already walks that unit's rows. */
const filters = (query: CaseQuery, byUnit = true): SQL[] => {
  const conditions: SQL[] = [];
  if (query.kind) conditions.push(eq(cases.kind, query.kind));
  if (query.state) conditions.push(eq(cases.state, query.state));
  if (query.isClosed) conditions.push(eq(cases.isClosed, query.isClosed === 'true'));
  if (query.due) conditions.push(and(eq(cases.dueStatus, query.due), eq(cases.isClosed, false))!);
  if (query.from) conditions.push(gte(cases.createdAt, new Date(`${query.from}T00:00:00+08:00`)));
  if (query.to) conditions.push(lt(cases.createdAt, nextDay(query.to)));
  if (query.unit && byUnit) conditions.push(sql`${cases.id} in (${seenByUnits([query.unit])})`);
  if (query.q) conditions.push(caseSearchCondition(query.q));
  return conditions;
};

/** Rows after the cursor, on the scan's own columns (a visibility row's copies keep its index scan bounded). */
const keyset = (query: CaseQuery, cursor: Cursor, { createdAt, dueDate, id }: OrderColumns = caseColumns): SQL => {
  if (query.sort === 'due_asc') {
    // Nulls last: rows with a due date come first in date order, then the rest by id.
    if (cursor.dueDate) {
      return sql`(${dueDate} > ${cursor.dueDate} or (${dueDate} = ${cursor.dueDate} and ${id} > ${cursor.id}) or ${dueDate} is null)`;
    }
    return sql`(${dueDate} is null and ${id} > ${cursor.id})`;
  }
  const at = new Date(cursor.createdAt ?? 0);
  return query.sort === 'created_asc' ? sql`(${createdAt}, ${id}) > (${at}, ${cursor.id}::uuid)` : sql`(${createdAt}, ${id}) < (${at}, ${cursor.id}::uuid)`;
};

/** Counting stops here; above it the planner's estimate stands in (「约」), so a huge ledger never pays for an exact count. */
const EXACT_COUNT_CAP = 10_000;


/**
 * What the actor may see under the query: either scoped arms (a 联络员, or a unit filter: walk the unit's
 * visibility rows, ledger-scope.ts) with the remaining filters, or the visibility condition and all filters.
 */
const whereFor = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: CaseQuery; now: Date }): Promise<LedgerScope> => {
  if (query.kind) getKind(query.kind); // an unknown kind is a clear 404, not an empty page
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const arms = scopedArms(identities, query);
  const key = identities.map((identity) => identity.userId).join(',');
  // A scoped scan's arms read the kind from their own rows; the other filters apply to the case.
  if (arms) return { arms, conditions: filters({ ...query, kind: undefined }, false), key };
  // A reader who sees the queried kind in full sees every row the kind filter keeps: the visibility OR (with its
  // per-row subqueries) would only stop the planner from counting off the kind's index.
  const seesKind = query.kind !== undefined && identities.some((identity) => kindsVisibleTo(identity).includes(query.kind!));
  return { arms, conditions: [...(seesKind ? [] : [caseVisibility(identities)]), ...filters(query)], key };
};

/** What a page and its count share, worked out once per request; `key` names who is asking, for the count cache. */
type LedgerScope = { arms: ReturnType<typeof scopedArms>; conditions: SQL[]; key: string };

/**
 * The names of a case's 主办 units, read with the page (one correlated lookup per row of the page, on the
 * assignments' case index), so that a page is one statement rather than three.
 */
const leadUnitsColumn = sql<string[]>`coalesce((select array_agg(coalesce(u.short_name, u.name) order by a.assigned_at, a.id)
  from ${assignments} a join ${units} u on u.id = a.unit_id
  where a.case_id = "cases"."id" and a.role = 'lead' and a.state <> 'withdrawn'), '{}')`;
export type LedgerRow = CaseRow & { leadUnits: string[] };

/** One page of the case rows the actor may see under the query, and the cursor of the next page. */
export const queryCasePage = async ({ db, actor, query, now, scope }: { db: Db; actor: Actor; query: CaseQuery; now: Date; scope?: LedgerScope }): Promise<{ rows: LedgerRow[]; nextCursor: string | null }> => {
  const { arms, conditions } = scope ?? (await whereFor({ db, actor, query, now }));
  const columns = { ...getTableColumns(cases), leadUnits: leadUnitsColumn };
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const offset = !query.cursor && query.page ? (query.page - 1) * query.limit : 0;
  if (offset > MAX_LEDGER_OFFSET) throw validationError(`只能翻到前 ${MAX_LEDGER_OFFSET} 条，请缩小筛选范围或导出 Excel`);
  const take = query.limit + 1;
  const rows = arms
    ? await db
        .select(columns)
        .from(cases)
        .where(sql`${cases.id} in (${scopedPageIds(db, arms, query, (columns) => [...conditions, ...(cursor ? [keyset(query, cursor, columns)] : [])], take, offset)})`)
        .orderBy(...orderingOf(query, caseColumns))
    : await db
        .select(columns)
        .from(cases)
        .where(and(...conditions, ...(cursor ? [keyset(query, cursor)] : [])))
        .orderBy(...orderingOf(query, caseColumns))
        .limit(take)
        .offset(offset);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(query.sort === 'due_asc' ? { dueDate: last.dueDate, id: last.id } : { createdAt: last.createdAt.toISOString(), id: last.id })
      : null;
  return { rows: page, nextCursor };
};

/** How many rows match: exact up to the cap (one bounded count), else the planner's estimate. */
export const countCases = async ({ db, actor, query, now, exactUpTo = EXACT_COUNT_CAP, scope }: { db: Db; actor: Actor; query: CaseQuery; now: Date; exactUpTo?: number; scope?: LedgerScope }) => {
  const { arms, conditions, key } = scope ?? (await whereFor({ db, actor, query, now }));
  const { cursor: _cursor, page: _page, limit: _limit, sort: _sort, ...filtersOnly } = query;
  return cachedCount(`ledger\n${key}\n${JSON.stringify(filtersOnly)}\n${exactUpTo}`, () => countScope({ db, arms, conditions, query, exactUpTo }));
};

const countScope = async ({ db, arms, conditions, query, exactUpTo }: { db: Db; arms: LedgerScope['arms']; conditions: SQL[]; query: CaseQuery; exactUpTo: number }) => {
  const where = arms ? sql`${cases.id} in (${scopedIds(db, arms, query, conditions)})` : and(...conditions);
  const capped = arms
    ? sql`select 1 from (${scopedIds(db, arms, query, conditions)}) as k limit ${exactUpTo + 1}`
    : db.select({ one: sql`1` }).from(cases).where(where).limit(exactUpTo + 1);
  const [counted] = rowsOf<{ count: number | string }>(await db.execute(sql`select count(*) as count from (${capped}) as capped`));
  const count = Number(counted?.count ?? 0);
  if (count <= exactUpTo) return { count, isEstimate: false };
  const plan = rowsOf<{ 'QUERY PLAN': unknown }>(await db.execute(sql`explain (format json) ${db.select({ id: cases.id }).from(cases).where(where)}`));
  const raw = plan[0]?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan?: { 'Plan Rows'?: number } }>;
  const estimate = Math.round(parsed[0]?.Plan?.['Plan Rows'] ?? 0);
  return { count: Math.max(estimate, count), isEstimate: true };
};

/** Case rows as the ledger lists them, with their 主办 units (one query for the page, not one per row). */
export const summarizeCases = async (db: Db, rows: readonly CaseRow[]): Promise<CaseSummary[]> => {
  const leads = rows.length
    ? await db
        .select({ caseId: assignments.caseId, name: sql<string>`coalesce(${units.shortName}, ${units.name})` })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(and(inArray(assignments.caseId, rows.map((row) => row.id)), eq(assignments.role, 'lead'), sql`${assignments.state} <> 'withdrawn'`))
        .orderBy(asc(assignments.assignedAt), asc(assignments.id))
    : [];
  return rows.map((row) => caseSummaryOf(row, leads.filter((lead) => lead.caseId === row.id).map((lead) => lead.name)));
};

/** One case as a ledger row; the detail view extends the same shape. */
export const caseSummaryOf = (row: CaseRow, leadUnits: string[]): CaseSummary => {
  const kind = getKind(row.kind);
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: kind.label,
    serialNo: row.serialNo,
    title: row.title,
    state: row.state,
    stateLabel: stateLabel(kind, row.state),
    dueDate: row.dueDate,
    dueStatus: row.dueStatus,
    isClosed: row.isClosed,
    leadUnits,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
};

/** The page's view of a kind's register columns (the Excel-only ones left out). */
const pageColumns = (kind: KindDefinition | undefined): LedgerColumn[] | undefined => kind?.ledgerColumns?.filter((column) => !column.excelOnly);

/** The value of each declared column for one row, keyed by the column's key. */
export const ledgerCells = (columns: readonly LedgerColumn[], row: CaseRow, leadUnits: readonly string[]): Record<string, string | number> => {
  const kind = getKind(row.kind);
  const context = { fields: row.fields, title: row.title, stateLabel: stateLabel(kind, row.state), createdAt: row.createdAt, dueDate: row.dueDate, leadUnits };
  return Object.fromEntries(columns.map((column) => [column.key, column.value(context)]));
};

export const listCases = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: CaseQuery; now: Date }): Promise<CasePage> => {
  const scope = await whereFor({ db, actor, query, now });
  const { rows, nextCursor } = await queryCasePage({ db, actor, query, now, scope });
  const total = await countCases({ db, actor, query, now, scope });
  const columns = pageColumns(query.kind ? getKind(query.kind) : undefined);
  const summaries = rows.map((row) => caseSummaryOf(row, row.leadUnits));
  return {
    items: columns ? summaries.map((item, index) => ({ ...item, cells: ledgerCells(columns, rows[index]!, item.leadUnits) })) : summaries,
    nextCursor,
    columns: columns ? columns.map((column) => ({ key: column.key, title: column.header, show: column.show ?? 'text' })) : null,
    total,
  };
};
