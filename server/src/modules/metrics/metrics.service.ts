/**
 * Use cases of metrics: the catalogue, one metric for a range and unit with the same range a
 * year earlier (同比), and the records behind the number. Office staff and leaders ask about the
 * whole office or any unit; a 联络员 only about their own unit.
 */
import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import {
  METRIC_RECORDS_LIMIT,
  type DateRange,
  type MetricDefinitionView,
  type MetricQuery,
  type MetricRecords,
  type MetricResult,
} from '../../../../common/schemas/metrics.js';
import { cases, units } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { loadCalendar } from '../../engine/calendar/calendar.service.js';
import { addMonths } from '../../engine/calendar/dates.js';
import { caseVisibility, identitiesOf } from '../../engine/cases/access.js';
import { summarizeCases } from '../../engine/cases/ledger.js';
import type { Actor } from '../../platform/actor.js';
import { type Db, rowsOf } from '../../platform/db.js';
import { notFound, validationError } from '../../platform/errors.js';
import { can, requirePermission } from '../../platform/scope.js';
import type { MetricDefinition, MetricRegister } from './metric.types.js';
import { catalogueEntries } from './metrics.catalogue.js';
import { getMetric, hasMetric, listMetrics } from './metrics.registry.js';
import { instantsOf, oneDecimal } from './metrics.sql.js';

export type ScopeUnit = { id: string; name: string } | null;

const presentDefinition = (metric: MetricDefinition, section: string): MetricDefinitionView => ({
  id: metric.id,
  label: metric.label,
  unit: metric.unit,
  description: metric.description,
  labels: metric.labels ?? {},
  section,
  origin: metric.origin ?? 'computed',
});

const notConnectedDescription = '本项指标所属的业务模块尚未上线，Fuban 中还没有可统计的记录：显示为“未接入”，不显示为 0。';

/**
 * The catalogue of metrics (METRICS.md) in its sections, with the rule of each: counted, entered by the
 * office, or 未接入 — a metric whose module does not exist yet, listed so that it is never shown as 0.
 */
export const listMetricDefinitions = ({ actor }: { actor: Actor }): MetricDefinitionView[] => {
  requirePermission(actor, 'case.work');
  const listed = catalogueEntries().map((entry) =>
    hasMetric(entry.id)
      ? presentDefinition(getMetric(entry.id), entry.section)
      : { ...entry, description: notConnectedDescription, labels: {}, origin: 'notConnected' as const },
  );
  const inCatalogue = new Set(listed.map((definition) => definition.id));
  return [...listed, ...listMetrics().filter((metric) => !inCatalogue.has(metric.id)).map((metric) => presentDefinition(metric, '其他'))];
};

/** A catalogue metric whose module does not exist yet; an id in neither is a 404. */
const notConnectedEntry = (id: string) => {
  const entry = catalogueEntries().find((candidate) => candidate.id === id);
  if (!entry) throw notFound(`指标 ${id} `);
  return entry;
};

/**
 * The dates a query asks for: `to` defaults to today and `from` to 1 January of `to`'s year, so
 * no dates at all is the current year to date (Asia/Shanghai). A period that runs past today is counted to today:
 * nothing is recorded later, and 同比 must compare the same dates last year — this year's summary asked in
 * December against the whole of last year read as a fall that was not one.
 */
export const resolveRange = (query: Pick<MetricQuery, 'from' | 'to'>, today: string): DateRange => {
  const asked = query.to ?? today;
  const from = query.from ?? `${asked.slice(0, 4)}-01-01`;
  if (from > asked) throw validationError('开始日期不能晚于结束日期');
  return { from, to: asked > today && from <= today ? today : asked };
};

/** The same dates one year earlier (同比); 29 February becomes 28 February. */
export const yearEarlier = (range: DateRange): DateRange => ({ from: addMonths(range.from, -12), to: addMonths(range.to, -12) });

/**
 * The unit a question is limited to. Office staff and leaders may name any unit or none; a
 * 联络员 always gets their own unit, and naming another is answered as not found.
 */
export const scopeUnitOf = async ({ db, actor, requested }: { db: Db; actor: Actor; requested: string | undefined }): Promise<ScopeUnit> => {
  if (actor.scope === 'unit' && requested && requested !== actor.unitId) throw notFound('单位');
  const unitId = actor.scope === 'unit' ? actor.unitId : requested;
  if (!unitId) return null;
  const [row] = await db.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.id, unitId));
  if (!row) throw notFound('单位');
  return { id: row.id, name: row.shortName ?? row.name };
};

/**
 * When Fuban first held a record of these kinds: one index look-up per kind (kind, created_at). A caller asking for
 * many periods at once (the dashboard's months, a summary's tokens) passes a memo and asks once per set of kinds.
 */
export type MetricMemo = Map<string, Promise<Date | null | boolean>>;
const firstRecordOf = (db: Db, kinds: readonly string[], memo: MetricMemo | undefined): Promise<Date | null> => {
  if (kinds.length === 0) return Promise.resolve(null);
  const key = [...kinds].sort().join(',');
  const known = memo?.get(key) as Promise<Date | null> | undefined;
  if (known) return known;
  const firsts = sql.join(kinds.map((kind) => sql`(select min(created_at) from cases where kind = ${kind})`), sql`, `);
  const asked = db.execute(sql`select least(${firsts}) as first`).then((result) => {
    const value = rowsOf<{ first: Date | string | null }>(result)[0]?.first ?? null;
    return value === null ? null : new Date(value);
  });
  memo?.set(key, asked);
  return asked;
};

/** Whether Fuban held records of the metric's kinds by the end of a range: otherwise last year's 0 means "no data". */
export const hasDataBy = async (db: Db, metric: MetricDefinition, range: DateRange, memo?: MetricMemo): Promise<boolean> => {
  if (metric.register) {
    // A ranking asks the same register for a hundred units: the answer depends on the range alone.
    const key = `register ${metric.id} ${range.from} ${range.to}`;
    const known = memo?.get(key) as Promise<boolean> | undefined;
    if (known) return known;
    const asked = metric.register.hasDataBy(db, range);
    memo?.set(key, asked);
    return asked;
  }
  const end = new Date(instantsOf(range).end);
  if (metric.kinds) {
    const first = await firstRecordOf(db, metric.kinds, memo);
    return first !== null && first < end;
  }
  const [row] = await db.select({ id: cases.id }).from(cases).where(lt(cases.createdAt, end)).limit(1);
  return row !== undefined;
};

/** value − previous, and that as a percentage of previous; values carry at most one decimal, so tenths are exact integers. */
const changeOf = (value: number | null, previous: number | null): MetricResult['change'] => {
  if (value === null || previous === null) return { absolute: null, percent: null };
  const current = Math.round(value * 10);
  const before = Math.round(previous * 10);
  return { absolute: (current - before) / 10, percent: before === 0 ? null : oneDecimal(current - before, before, 100) };
};

/**
 * `scopeUnit`: the unit already resolved for this actor and query, when many metrics are asked at once.
 * `compareWithLastYear: false` leaves 同比 out (previous unknown, no change) for a caller that reads the value only —
 * a ranking of a hundred units would otherwise count each unit's last year too.
 */
type Question = { db: Db; actor: Actor; id: string; query: MetricQuery; now: Date; memo?: MetricMemo; scopeUnit?: ScopeUnit; compareWithLastYear?: boolean };

const prepare = async ({ db, actor, id, query, now, scopeUnit: known }: Question) => {
  requirePermission(actor, 'case.work');
  const metric = hasMetric(id) ? getMetric(id) : null;
  if (!metric) notConnectedEntry(id);
  const today = todayInShanghai(now);
  const range = resolveRange(query, today);
  // A unit given by the caller is taken as checked only for the office's staff: a 联络员 is held to their own unit here too.
  if (known !== undefined && actor.scope === 'unit' && known?.id !== actor.unitId) throw notFound('单位');
  const scopeUnit = known !== undefined ? known : await scopeUnitOf({ db, actor, requested: query.unit });
  return { metric, range, scopeUnit, today };
};

/** A metric with nothing to count: not connected yet, or its module not in use by the end of the range. No value, never 0. */
const withoutData = (head: Pick<MetricResult, 'id' | 'label' | 'unit' | 'range' | 'scopeUnit' | 'origin'>): MetricResult => ({
  ...head,
  value: null,
  hasData: false,
  parts: {},
  extra: {},
  previous: { range: yearEarlier(head.range), value: null, hasData: false },
  change: { absolute: null, percent: null },
  entry: null,
});

/**
 * One metric for a range and unit, with the same range a year earlier and the change (同比). A metric
 * not yet connected answers with no value and origin notConnected, never with 0.
 */
export const getMetricResult = async (question: Question): Promise<MetricResult> => {
  const { db, id, now, memo } = question;
  const { metric, range, scopeUnit } = await prepare(question);
  const previousRange = yearEarlier(range);
  if (!metric) {
    const entry = notConnectedEntry(id);
    return withoutData({ id, label: entry.label, unit: entry.unit, range, scopeUnit, origin: 'notConnected' });
  }
  const calendar = await loadCalendar({ db });
  const unitId = scopeUnit?.id;
  const isEntered = metric.origin === 'entered';
  // Nothing of its kinds by the end of the range: the module was not in use, and a count of 0 would read as "none".
  if (!isEntered && !(await hasDataBy(db, metric, range, memo))) {
    return withoutData({ id: metric.id, label: metric.label, unit: metric.unit, range, scopeUnit, origin: 'computed' });
  }
  const current = await metric.compute({ db, calendar, range, unitId, now });
  const hasData = question.compareWithLastYear === false ? false : await hasDataBy(db, metric, previousRange, memo);
  const previous = hasData ? (await metric.compute({ db, calendar, range: previousRange, unitId, now })).value : null;
  return {
    id: metric.id,
    label: metric.label,
    unit: metric.unit,
    range,
    scopeUnit,
    value: current.value,
    hasData: isEntered ? current.entry !== undefined && current.entry !== null : true,
    parts: current.parts ?? {},
    extra: current.extra ?? {},
    previous: { range: previousRange, value: previous, hasData },
    change: changeOf(current.value, previous),
    origin: metric.origin ?? 'computed',
    entry: current.entry ?? null,
  };
};

/**
 * Many metrics for one period and unit (数据统计 asks a section at a time): each as getMetricResult answers it, in the
 * order asked. The unit is resolved once and one memo serves them all ("had Fuban records of these kinds by then" is
 * asked once per set of kinds); on the embedded database's one connection a page's sixty requests were sixty sessions
 * checked and sixty units looked up. An id that is no metric refuses the whole batch, as it would alone.
 */
export const getMetricResults = async ({ db, actor, ids, query, now }: { db: Db; actor: Actor; ids: readonly string[]; query: MetricQuery; now: Date }): Promise<MetricResult[]> => {
  requirePermission(actor, 'case.work');
  for (const id of ids) if (!hasMetric(id)) notConnectedEntry(id);
  const scopeUnit = await scopeUnitOf({ db, actor, requested: query.unit });
  const memo: MetricMemo = new Map();
  const results: MetricResult[] = [];
  // One after another, as the dashboard asks: PGlite has one connection, and on PostgreSQL the page's sections come
  // as separate requests that run side by side.
  for (const id of ids) results.push(await getMetricResult({ db, actor, id, query, now, memo, scopeUnit }));
  return results;
};

/**
 * The records behind a metric (the drill-down): how many there are, and those the user may open,
 * newest first, at most METRIC_RECORDS_LIMIT. Records outside the user's sight are counted, never listed.
 */
export const listMetricRecords = async (question: Question): Promise<MetricRecords> => {
  const { db, actor, now } = question;
  const { metric, range, scopeUnit, today } = await prepare(question);
  if (!metric) {
    return { id: question.id, range, scopeUnit, total: 0, hiddenCount: 0, items: [], entries: [], registerPath: null, limit: METRIC_RECORDS_LIMIT, isTruncated: false };
  }
  if (metric.register) return listRegisterRecords({ actor, db, register: metric.register, id: metric.id, range, scopeUnit, now });
  const behind = sql`${cases.id} in (${metric.records({ range, unitId: scopeUnit?.id })})`;
  const visible = and(behind, caseVisibility(await identitiesOf({ db, actor, today })));
  const [all] = await db.select({ n: count() }).from(cases).where(behind);
  const [seen] = await db.select({ n: count() }).from(cases).where(visible);
  const rows = await db.select().from(cases).where(visible).orderBy(desc(cases.createdAt), desc(cases.id)).limit(METRIC_RECORDS_LIMIT);
  const total = all?.n ?? 0;
  const visibleCount = seen?.n ?? 0;
  return {
    id: metric.id,
    range,
    scopeUnit,
    total,
    hiddenCount: total - visibleCount,
    items: await summarizeCases(db, rows),
    entries: [],
    registerPath: null,
    limit: METRIC_RECORDS_LIMIT,
    isTruncated: visibleCount > rows.length,
  };
};

/** The drill-down of a metric over a register: its entries, or only their count for someone who may not read it. */
const listRegisterRecords = async (options: {
  db: Db;
  actor: Actor;
  register: MetricRegister;
  id: string;
  range: DateRange;
  scopeUnit: ScopeUnit;
  now: Date;
}): Promise<MetricRecords> => {
  const { db, actor, register, id, range, scopeUnit, now } = options;
  const mayRead = can(actor, register.permission);
  const { total, entries } = await register.list({ db, range, unitId: scopeUnit?.id, now, limit: mayRead ? METRIC_RECORDS_LIMIT : 0 });
  return {
    id,
    range,
    scopeUnit,
    total,
    hiddenCount: mayRead ? 0 : total,
    items: [],
    entries,
    registerPath: mayRead ? register.path : null,
    limit: METRIC_RECORDS_LIMIT,
    isTruncated: mayRead && total > entries.length,
  };
};
