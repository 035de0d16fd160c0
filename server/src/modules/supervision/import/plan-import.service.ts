/**
 * Importing a 分工方案 (重点工作任务分工): preview (mapping, the plan's year, every bad row, what is already
 * in), then one transaction in which each measure becomes a 督办 item (source 重点工作) through the same
 * 立项 as a single item — assigned to its 牵头单位 and 责任单位, its dated steps as nodes — with its import
 * key and one audit row. 'all' or 'valid-only', and running the same plan again imports nothing.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { findImportedKeys, splitImported } from '../../../platform/registers/import-keys.js';
import { caseImportKeys, units, userRoles, users } from '../../../db/schema/index.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { AppError, forbidden, validationError } from '../../../platform/errors.js';
import { readRegisterOffThread } from '../../../platform/registers/read-off-thread.js';
import type { Register } from '../../../platform/registers/read-register.js';
import { yearOfRegister } from '../../../platform/registers/register-dates.js';
import { TITLE_MAX_LENGTH } from '../../../../../common/schemas/primitives.js';
import { planFieldLabels, planImportFields, type ImportMode, type PlanImportMapping, type PlanImportPreview, type PlanImportResult, type PlanImportSampleRow } from '../../../../../common/schemas/plan-import.js';
import { createSupervisionItem } from '../supervision.service.js';
import { supervisionOffice } from '../supervision.kind.js';
import { parsePlanRows, type PlanRow, type PlanRowOutcome, type PlanUnit } from './parse-plan-rows.js';
import { planHeaderAliases, requiredPlanFields, resolveMapping, suggestMapping, type PlanColumnMapping } from './plan-columns.js';

const KIND = 'supervision';
/** Imports of 分工方案 take turns (advisory lock, released at commit): a second one then skips the first one's rows. */
const IMPORT_LOCK_KEY = 7_262_113;

const assertCanImport = (actor: Actor) => {
  if (!supervisionOffice.some((role) => actor.roles.includes(role))) throw forbidden('只有督查室可以导入分工方案并立项');
};

const activeUnits = (db: Db): Promise<PlanUnit[]> => db.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.isActive, true));

type Read = { register: Register; suggested: PlanColumnMapping; mapping: PlanColumnMapping; year: number; outcomes: PlanRowOutcome[] };

const readAndParse = async ({ db, content, mapping, year, now }: { db: Db; content: Buffer; mapping?: PlanImportMapping; year?: number; now: Date }): Promise<Read> => {
  const register = await readRegisterOffThread({ content, aliases: planHeaderAliases });
  const suggested = suggestMapping(register.headers);
  const resolved = resolveMapping(register.headers, suggested, mapping);
  const planYear = year ?? yearOfRegister(register) ?? Number(todayInShanghai(now).slice(0, 4));
  return { register, suggested, mapping: resolved, year: planYear, outcomes: parsePlanRows({ register, mapping: resolved, year: planYear, units: await activeUnits(db) }) };
};

/**
 * What the database adds to a row's own problems: a measure whose 完成时限 has passed is not put under
 * supervision now (the office imports the plan when it is adopted, not after the year).
 */
const checkRows = (outcomes: readonly PlanRowOutcome[], today: string) => {
  const valid: PlanRow[] = [];
  const invalid: Array<{ row: number; errors: string[] }> = [];
  for (const outcome of outcomes) {
    const errors = [...outcome.errors];
    if (outcome.parsed && !outcome.parsed.isOngoing && outcome.parsed.deadline < today) errors.push(`完成时限 ${outcome.parsed.deadline} 已过，不再立项督办`);
    if (errors.length > 0 || !outcome.parsed) invalid.push({ row: outcome.row, errors });
    else valid.push(outcome.parsed);
  }
  return { valid, invalid };
};

const sampleOf = (row: PlanRow): PlanImportSampleRow => ({
  row: row.row,
  category: row.category,
  task: row.task,
  measures: row.measures,
  leader: row.leader,
  leadUnit: row.leadUnit.shortName || row.leadUnit.name,
  helperUnits: row.helperUnits.map((unit) => unit.shortName || unit.name),
  otherUnits: row.otherUnits,
  deadline: row.deadline,
  steps: row.steps,
  isOngoing: row.isOngoing,
});

export const previewPlanImport = async ({ db, actor, content, mapping, year, now }: { db: Db; actor: Actor; content: Buffer; mapping?: PlanImportMapping; year?: number; now: Date }): Promise<PlanImportPreview> => {
  assertCanImport(actor);
  const read = await readAndParse({ db, content, mapping, year, now });
  const { valid, invalid } = checkRows(read.outcomes, todayInShanghai(now));
  const { duplicates } = splitImported(valid, await findImportedKeys(db, KIND, valid.map((row) => row.key)));
  const parsed = read.outcomes.flatMap((outcome) => (outcome.parsed ? [outcome.parsed] : []));
  return {
    sheet: read.register.sheet,
    headerRow: read.register.headerRow,
    headers: read.register.headers,
    fields: planImportFields.map((field) => ({ field, label: planFieldLabels[field], isRequired: requiredPlanFields.includes(field) })),
    suggestedMapping: read.suggested,
    mapping: read.mapping,
    year: read.year,
    rows: read.outcomes.length,
    valid: valid.length,
    invalid,
    duplicates,
    tasks: new Set(parsed.map((row) => `${row.category ?? ''}|${row.task}`)).size,
    categories: [...new Set(parsed.flatMap((row) => (row.category ? [row.category] : [])))],
    sample: valid.slice(0, 5).map(sampleOf),
  };
};

const assertMapped = (mapping: PlanColumnMapping) => {
  const unmapped = requiredPlanFields.filter((field) => mapping[field] === null);
  if (unmapped.length > 0) throw validationError(`请先指定这些必填项对应的列：${unmapped.map((field) => planFieldLabels[field]).join('、')}`);
};

/** 牵头领导 as written → the leader's account when one leader has that name. */
const leadersByName = async (db: Db, names: readonly string[]): Promise<Map<string, string>> => {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'leader')))
    .where(and(inArray(users.displayName, wanted), eq(users.isActive, true)));
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.name, (counts.get(row.name) ?? 0) + 1);
  return new Map(rows.filter((row) => counts.get(row.name) === 1).map((row) => [row.name, row.id]));
};

/** A measure as the 立项 input: its text whole, the title cut to fit, the plan's place and steps kept. */
const inputOf = (row: PlanRow, { today, leaderId, year }: { today: string; leaderId: string | undefined; year: number }) => {
  const notes = [
    row.otherUnits ? `其他责任单位：${row.otherUnits}` : '',
    row.leader && !leaderId ? `牵头领导：${row.leader}` : '',
    ...row.steps.filter((step) => step.due < today).map((step) => `已过节点：${step.label}（${step.due}）`),
    row.remarks ? `备注：${row.remarks}` : '',
  ].filter(Boolean);
  const title = row.measures.length <= TITLE_MAX_LENGTH ? row.measures : `${row.measures.slice(0, TITLE_MAX_LENGTH - 1)}…`;
  return {
    source: '重点工作' as const,
    title,
    measures: [row.measures, ...notes].join('\n'),
    leadUnitId: row.leadUnit.id,
    helperUnitIds: row.helperUnits.map((unit) => unit.id),
    ...(leaderId ? { leaderId } : {}),
    openedOn: today,
    ...(row.isOngoing && row.steps.length === 0 ? {} : { deadline: row.deadline }),
    isOngoing: row.isOngoing,
    reportCycle: 'monthly' as const,
    milestones: row.steps.filter((step) => step.due >= today),
    plan: { year, category: row.category ?? undefined, task: row.task, leader: row.leader ?? undefined },
  };
};

export const importPlan = async ({
  db,
  actor,
  content,
  fileName,
  mapping,
  mode,
  year,
  now,
}: {
  db: Db;
  actor: Actor;
  content: Buffer;
  fileName: string;
  mapping?: PlanImportMapping;
  mode: ImportMode;
  year?: number;
  now: Date;
}): Promise<PlanImportResult> => {
  assertCanImport(actor);
  const read = await readAndParse({ db, content, mapping, year, now });
  assertMapped(read.mapping);
  if (read.outcomes.length === 0) throw validationError('分工方案中没有可导入的措施行');
  const today = todayInShanghai(now);
  const { valid, invalid } = checkRows(read.outcomes, today);
  if (mode === 'all' && invalid.length > 0) {
    throw validationError(`有 ${invalid.length} 行不符合要求，本次未导入任何事项。请修改后重新导入，或选择只导入有效行`, { invalid });
  }
  const leaders = await leadersByName(db, valid.flatMap((row) => (row.leader ? [row.leader] : [])));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const { fresh, duplicates } = splitImported(valid, await findImportedKeys(tx, KIND, valid.map((row) => row.key)));
    const caseIds: string[] = [];
    for (const row of fresh) {
      try {
        const created = await createSupervisionItem({ db: tx, actor, input: inputOf(row, { today, leaderId: row.leader ? leaders.get(row.leader) : undefined, year: read.year }), now });
        await tx.insert(caseImportKeys).values({ kind: KIND, key: row.key, caseId: created.id, importedAt: now });
        caseIds.push(created.id);
      } catch (error) {
        if (error instanceof AppError) throw validationError(`第 ${row.row} 行立项失败：${error.message}。本次未导入任何事项`, error.details);
        throw error;
      }
    }
    await writeAudit(tx, { actor }, {
      action: 'supervision.import',
      result: 'success',
      objectType: 'work_plan',
      objectLabel: fileName,
      details: { sheet: read.register.sheet, year: read.year, mode, rows: read.outcomes.length, imported: caseIds.length, skippedDuplicates: duplicates, invalid: invalid.length },
    });
    return { imported: caseIds.length, skippedDuplicates: duplicates, invalid, year: read.year, caseIds };
  });
};
