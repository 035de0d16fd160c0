/**
 * 领导驾驶舱: one screen for leaders and the director — each module's headline figures for the year, this
 * year against last by month, units ranked by an on-time rate, and the cases that are red today. Every
 * figure is a metric (or the ledger's 逾期 filter), so each opens the records behind it.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { DashboardView, RankingRow } from '../../../../common/schemas/dashboard.js';
import { cases, units } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { caseVisibility, identitiesOf } from '../../engine/cases/access.js';
import { summarizeCases } from '../../engine/cases/ledger.js';
import { listKinds } from '../../engine/kinds/registry.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { catalogueEntries } from '../metrics/metrics.catalogue.js';
import { getMetric, hasMetric } from '../metrics/metrics.registry.js';
import { getMonthlySeries, getUnitValues } from '../metrics/grouped-metrics.service.js';
import { getMetricResult, type MetricMemo } from '../metrics/metrics.service.js';

/** The headline figure of each module, in catalogue order; a metric not connected yet is left out. */
const headlineIds = [
  'incoming.received', 'outgoing.issued', 'meetings.held', 'minutes.issued', 'supervision.opened', 'supervision.onTimeRate', 'instructions.tracked',
  'proposals.replyRate', 'hotline.tickets', 'hotline.satisfactionRate', 'petitions.visits', 'disclosure.requests', 'disclosure.published',
];
const monthlyIds = ['incoming.received', 'outgoing.issued', 'meetings.held'];
/** On-time rates a unit can be ranked by (the unit filter of each names the unit answerable). */
const rankingIds = ['supervision.onTimeRate', 'petitions.onTimeRate', 'hotline.onTimeRate', 'disclosure.onTimeRate', 'proposals.replyRate'];
const RED_LIMIT = 20;

const yearOf = (year: number | undefined, today: string): number => {
  const current = Number(today.slice(0, 4));
  const chosen = year ?? current;
  if (chosen > current) throw validationError('不能查看将来的年份');
  return chosen;
};

export const getDashboard = async ({ db, actor, year: asked, now }: { db: Db; actor: Actor; year?: number | undefined; now: Date }): Promise<DashboardView> => {
  requirePermission(actor, 'dashboard.read');
  const today = todayInShanghai(now);
  const year = yearOf(asked, today);
  const range = { from: `${year}-01-01`, to: year === Number(today.slice(0, 4)) ? today : `${year}-12-31` };
  const sections = new Map(catalogueEntries().map((entry) => [entry.id, entry.section]));
  // One memo for the call: the months ask "had Fuban records by then" of the same kinds dozens of times.
  const memo: MetricMemo = new Map();
  const ask = (id: string, from: string, to: string) => getMetricResult({ db, actor, id, query: { from, to }, now, memo });

  const headline: DashboardView['headline'] = [];
  for (const id of headlineIds.filter(hasMetric)) headline.push({ section: sections.get(id) ?? '其他', result: await ask(id, range.from, range.to) });

  const monthly: DashboardView['monthly'] = [];
  for (const id of monthlyIds.filter(hasMetric)) {
    const metric = getMetric(id);
    const months = await getMonthlySeries({ db, actor, id, range, now, memo });
    monthly.push({ metricId: id, label: metric.label, unit: metric.unit, hasPrevious: months.some((point) => point.previous !== null), months });
  }

  const visible = and(eq(cases.isClosed, false), eq(cases.dueStatus, 'red'), caseVisibility(await identitiesOf({ db, actor, today })));
  const byKindRows = await db.select({ kind: cases.kind, n: count() }).from(cases).where(visible).groupBy(cases.kind);
  const labels = new Map(listKinds().map((kind) => [kind.id, kind.label]));
  const redRows = await db.select().from(cases).where(visible).orderBy(asc(cases.dueDate), asc(cases.id)).limit(RED_LIMIT);
  const byKind = byKindRows.map((row) => ({ kind: row.kind, label: labels.get(row.kind) ?? row.kind, count: row.n })).sort((a, b) => b.count - a.count);

  return {
    year,
    range,
    headline,
    monthly,
    red: { total: byKind.reduce((sum, row) => sum + row.count, 0), byKind, items: await summarizeCases(db, redRows) },
    rankingMetrics: rankingIds.filter(hasMetric).map((id) => ({ id, label: getMetric(id).label })),
  };
};

/**
 * Units ranked by an on-time rate for the year, best first: each unit's own figure under the metric's
 * unit rule; units with nothing to count are left out rather than shown as 0.
 */
export const rankUnits = async ({ db, actor, metric, year: asked, now }: { db: Db; actor: Actor; metric: string; year?: number | undefined; now: Date }): Promise<RankingRow[]> => {
  requirePermission(actor, 'dashboard.read');
  if (!rankingIds.includes(metric) || !hasMetric(metric)) throw validationError('该指标不能用于单位排名');
  const today = todayInShanghai(now);
  const year = yearOf(asked, today);
  const range = { from: `${year}-01-01`, to: year === Number(today.slice(0, 4)) ? today : `${year}-12-31` };
  const candidates = await db
    .select({ id: units.id, name: sql<string>`coalesce(${units.shortName}, ${units.name})` })
    .from(units)
    .where(and(eq(units.isActive, true), inArray(units.type, ['department', 'district', 'township'])))
    .orderBy(asc(units.sortOrder));
  const values = await getUnitValues({ db, actor, id: metric, range, units: candidates, now });
  const rows: RankingRow[] = [];
  for (const unit of candidates) {
    const { value, total } = values.get(unit.id)!;
    if (value !== null) rows.push({ unitId: unit.id, unitName: unit.name, value, total });
  }
  return rows.sort((a, b) => b.value - a.value || (b.total ?? 0) - (a.total ?? 0));
};
