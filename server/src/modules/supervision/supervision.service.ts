/**
 * 督查督办 use cases: 立项 (createSupervisionItem — also what the 分工方案 import calls, row by row, inside
 * its own transaction) and the 督查室's list with each item's light (listSupervisionItems).
 */
import type { z } from 'zod';
import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { CreateSupervisionInput, SupervisionItemView, type SupervisionQuery } from '../../../../common/schemas/supervision.js';
import { cases, units } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { caseVisibility, identitiesOf } from '../../engine/cases/access.js';
import { findVisibleCase, unitNames } from '../../engine/cases/cases.repository.js';
import { createCase } from '../../engine/cases/create-case.js';
import { linkCases } from '../../engine/cases/links.js';
import { performAction } from '../../engine/cases/perform-action.js';
import { stateLabel } from '../../engine/kinds/registry.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { forbidden, invalidInput, notFound, validationError } from '../../platform/errors.js';
import { readSupervisionFields, type SupervisionFields } from './supervision.fields.js';
import { supervisionKind, supervisionOffice } from './supervision.kind.js';
import type { KindDefinition } from '../../engine/kinds/kind.types.js';
import { livelihoodOutcome, supervisionLight } from './supervision.progress.js';

/** The most items one list returns: the 督查室 of a city tracks a few hundred a year (立项督查 190 项). */
export const SUPERVISION_LIST_LIMIT = 1000;


/**
 * 立项: the item registered and given to its lead unit (主办) and helper units (协办), and — when it comes
 * from a 批示件 — linked to it (派生自), all or nothing. `db` may be the caller's transaction (the
 * 分工方案 import creates every row's item in its one transaction): the steps then run as savepoints in it.
 */
export const createSupervisionItem = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: CreateSupervisionInput; now: Date }) => {
  const parsed = CreateSupervisionInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const item = parsed.data;
  if (!supervisionOffice.some((role) => actor.roles.includes(role))) throw forbidden('只有督查室可以立项督办事项');
  return openSupervisionItem({ db, actor, item, now });
};

/**
 * 立项 of a checked input by an actor already allowed to (the 督查室, or the office issuing a 纪要 whose
 * 议定事项 the 签发 made binding — see minutes-decisions.ts).
 */
export const openSupervisionItem = async ({ db, actor, item, now }: { db: Db; actor: Actor; item: z.output<typeof CreateSupervisionInput>; now: Date }) => {
  const unitIds = [item.leadUnitId, ...item.helperUnitIds];
  const found = await db.select({ id: units.id, name: units.name, shortName: units.shortName, isActive: units.isActive }).from(units).where(inArray(units.id, unitIds));
  if (found.length !== unitIds.length || found.some((unit) => !unit.isActive)) throw validationError('牵头单位或责任单位不存在或已停用', { fields: [{ path: 'leadUnitId', message: '单位不存在或已停用' }] });
  const lead = found.find((unit) => unit.id === item.leadUnitId)!;
  // Nodes in date order, keyed m1..mN: a key names a node's clock (complete_milestone#m2) for the item's life.
  const milestones = [...item.milestones].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)).map((milestone, index) => ({ key: `m${index + 1}`, ...milestone }));
  const fields: SupervisionFields = {
    source: item.source,
    ...(item.sourceCaseId ? { sourceCaseId: item.sourceCaseId } : {}),
    title: item.title,
    measures: item.measures,
    leadUnitId: item.leadUnitId,
    leadUnitName: lead.shortName || lead.name,
    helperUnitIds: item.helperUnitIds,
    ...(item.leaderId ? { leaderId: item.leaderId } : {}),
    openedOn: item.openedOn,
    ...(item.deadline ? { deadline: item.deadline } : {}),
    isOngoing: item.isOngoing,
    reportCycle: item.reportCycle,
    milestones,
    reports: [],
    ...(item.livelihood ? { livelihood: { ...item.livelihood, actuals: [] } } : {}),
    ...(item.plan ? { plan: item.plan } : {}),
  };
  return db.transaction(async (tx) => {
    if (item.sourceCaseId) {
      const source = await findVisibleCase(tx, await identitiesOf({ db: tx, actor, today: todayInShanghai(now) }), item.sourceCaseId);
      if (!source) throw notFound('来源批示件');
      if (source.kind !== 'instruction') throw validationError('派生来源须是领导批示件', { fields: [{ path: 'sourceCaseId', message: '须是领导批示件' }] });
      if (item.source !== '领导批示') throw validationError('派生自批示件的事项，立项来源应为「领导批示」', { fields: [{ path: 'source', message: '应为领导批示' }] });
    }
    const created = await createCase({ db: tx, actor, kindId: 'supervision', fields, now });
    const assigned = await performAction({
      db: tx,
      actor,
      caseId: created.id,
      action: 'assign',
      input: { version: created.version, units: [{ unitId: item.leadUnitId, role: 'lead' }, ...item.helperUnitIds.map((unitId) => ({ unitId, role: 'assist' }))] },
      now,
    });
    if (item.sourceCaseId) await linkCases({ db: tx, actor, caseId: created.id, toCaseId: item.sourceCaseId, type: 'derived_from', now });
    return { id: created.id, serialNo: created.serialNo, version: assigned.version };
  });
};

/**
 * The items the reader may see (the 督查室 and leaders every one, a 联络员 their unit's), opened within
 * [from, to], each with its light as of today; `light` keeps one colour. Newest first.
 */
export const listSupervisionItems = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: SupervisionQuery; now: Date }): Promise<SupervisionItemView[]> => {
  const today = todayInShanghai(now);
  const identities = await identitiesOf({ db, actor, today });
  const conditions = [
    eq(cases.kind, 'supervision'),
    caseVisibility(identities),
    ...(query.from ? [gte(sql`${cases.fields}->>'openedOn'`, query.from)] : []),
    ...(query.to ? [lte(sql`${cases.fields}->>'openedOn'`, query.to)] : []),
    ...(query.source ? [eq(sql`${cases.fields}->>'source'`, query.source)] : []),
  ];
  const rows = await db
    .select({ id: cases.id, serialNo: cases.serialNo, title: cases.title, state: cases.state, fields: cases.fields })
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(SUPERVISION_LIST_LIMIT);
  const items = rows.map((row) => ({ row, fields: readSupervisionFields(row.fields) }));
  const names = await unitNames(db, [...new Set(items.flatMap(({ fields }) => [fields.leadUnitId, ...fields.helperUnitIds]))]);
  const views = items.map(({ row, fields }): SupervisionItemView => {
    const { light, reasons } = supervisionLight({ state: row.state, fields }, today);
    const open = fields.milestones.filter((milestone) => !milestone.doneOn).map((milestone) => milestone.due);
    return {
      id: row.id,
      serialNo: row.serialNo,
      title: row.title,
      source: fields.source,
      state: row.state,
      stateLabel: stateLabel(supervisionKind as unknown as KindDefinition, row.state),
      leadUnitName: names.get(fields.leadUnitId) ?? fields.leadUnitName ?? '',
      helperUnitNames: fields.helperUnitIds.map((id) => names.get(id) ?? ''),
      leaderName: fields.leaderName ?? null,
      openedOn: fields.openedOn,
      deadline: fields.deadline ?? null,
      isOngoing: fields.isOngoing,
      reportCycle: fields.reportCycle,
      milestonesDone: fields.milestones.length - open.length,
      milestonesTotal: fields.milestones.length,
      light,
      reasons,
      nextDue: row.state === 'handling' ? ([...open, ...(fields.deadline ? [fields.deadline] : [])].sort()[0] ?? null) : null,
      livelihood: livelihoodOutcome(fields),
    };
  });
  return query.light ? views.filter((view) => view.light === query.light) : views;
};
