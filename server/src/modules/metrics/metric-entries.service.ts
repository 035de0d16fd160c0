/**
 * Use cases of entered metrics: the office types a figure (info.score, info.rank, costs.yoy) for a period,
 * with its source; a second figure for the same period and unit supersedes the first in one transaction,
 * the first staying in its trail. Only metrics declared as entered take figures: a counted metric is never
 * overwritten by hand.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { MetricEntryInput } from '../../../../common/schemas/metrics.js';
import type { RecordView } from '../../../../common/schemas/records.js';
import { records, units } from '../../db/schema/index.js';
import { findRecords } from '../../engine/records/records.service.js';
import { insertRecord, saveRecord } from '../../engine/records/records.store.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound, validationError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { currentEntriesOf, metricEntryRecord } from './entered.metrics.js';
import { getMetric, hasMetric } from './metrics.registry.js';

const enteredMetricOrFail = (id: string) => {
  if (!hasMetric(id)) throw notFound(`指标 ${id} `);
  const metric = getMetric(id);
  if (metric.origin !== 'entered') throw validationError(`指标“${metric.label}”由系统根据记录统计，不能手工录入`);
  return metric;
};

/** Records a figure for an entered metric; the figure it replaces (same period and unit) is marked superseded. */
export const enterMetricValue = async ({ db, actor, id, input, now }: { db: Db; actor: Actor; id: string; input: MetricEntryInput; now: Date }): Promise<RecordView> => {
  requirePermission(actor, 'metric.enter');
  enteredMetricOrFail(id);
  // A unit-scoped actor enters figures for their own unit only; naming another is "not found".
  if (actor.scope === 'unit' && input.unitId !== actor.unitId) throw notFound('单位');
  if (input.unitId) {
    const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
    if (!unit) throw notFound('单位');
  }
  return db.transaction(async (tx) => {
    // Figures for one metric, unit and period take turns (advisory lock, released at commit): two entered at once
    // both found none to correct under FOR UPDATE and both stayed current. Now the later corrects the earlier.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`metric-entry:${id}:${input.unitId ?? ''}:${input.from}:${input.to}`}))`);
    const samePeriod = and(currentEntriesOf(id, input.unitId), sql`${records.fields}->>'from' = ${input.from}`, sql`${records.fields}->>'to' = ${input.to}`);
    const replaced = await tx.select().from(records).where(samePeriod).orderBy(asc(records.createdAt)).for('update');
    for (const old of replaced) {
      await saveRecord(tx, { recordType: metricEntryRecord, record: old, version: old.version, state: 'superseded', action: 'supersede', comment: `已被 ${now.toISOString().slice(0, 10)} 录入的数值更正`, actor, now });
    }
    const fields = { metricId: id, from: input.from, to: input.to, value: input.value, source: input.source, note: input.note, enteredBy: actor.displayName };
    const row = await insertRecord(tx, { recordType: metricEntryRecord, fields, unitId: input.unitId, actor, now, comment: `录入指标数值：${input.value}（来源：${input.source}）` });
    const [view] = await findRecords(tx, actor, metricEntryRecord, eq(records.id, row.id), 1);
    return view!;
  });
};

/** Every figure entered for a metric, superseded ones included: newest period first, the current figure before those it replaced. */
export const listMetricEntries = async ({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<RecordView[]> => {
  requirePermission(actor, 'case.work');
  enteredMetricOrFail(id);
  const rows = await findRecords(db, actor, metricEntryRecord, sql`${records.fields}->>'metricId' = ${id}`, 200);
  const rank = (row: RecordView) => (row.state === 'current' ? 0 : 1);
  return rows.sort((a, b) => String(b.fields.from).localeCompare(String(a.fields.from)) || rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
};
