/**
 * 分工方案 rows → 督办 items to create. Plans are typed by hand and laid out for print: a category row
 * (「一、着力稳定经济增长」) spans the table, a 重点工作 and its 牵头领导 sit in merged cells over several
 * measures (only the first row holds them), several units share a cell (「市发展改革委、市财政局」), and a
 * 完成时限 is a phrase. Every problem of every row is named; what needs no database is decided here.
 */
import { createHash } from 'node:crypto';
import { validationError } from '../../../platform/errors.js';
import { quote, textOf } from '../../../platform/registers/cells.js';
import { readDeadlineText, type DatedStep } from '../../../platform/registers/deadline-text.js';
import { MAX_IMPORT_ROWS, type CellValue, type Register } from '../../../platform/registers/read-register.js';
import { planFieldLabels, type PlanImportField } from '../../../../../common/schemas/plan-import.js';
import type { PlanColumnMapping } from './plan-columns.js';

export type PlanUnit = { id: string; name: string; shortName: string | null };

/** A row ready to become a 督办 item. */
export type PlanRow = {
  row: number;
  category: string | null;
  task: string;
  /** The measure or target of this row; the 重点工作 itself when the plan gives none. */
  measures: string;
  leader: string | null;
  leadUnit: PlanUnit;
  helperUnits: PlanUnit[];
  otherUnits: string | null;
  deadline: string;
  steps: DatedStep[];
  isOngoing: boolean;
  remarks: string | null;
  key: string;
};

export type PlanRowOutcome = { row: number; errors: string[]; parsed?: PlanRow };

export const MAX_TASK_LENGTH = 500;
export const MAX_MEASURES_LENGTH = 2000;

const CATEGORY = /^[(（]?[一二三四五六七八九十]+[)）]?[、．.，,\s]/;
/** Names that stand for many units: kept as written, nobody assigned by them. */
const COLLECTIVE = /^各|各有关|有关部门|有关单位|相关部门|相关单位|各部门|各单位|等部门|等单位/;

const fold = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[(（][^)）]*[)）]/g, '');

/** Unit names in one cell: 「市发展改革委、市财政局，各县区政府」. */
export const namesInCell = (text: string): string[] =>
  text
    .split(/[、，,；;\n\r/]+/)
    .map((name) => name.trim().replace(/^(牵头|配合|责任)[:：]/, ''))
    .filter(Boolean);

/**
 * The office's unit a plan names: by full or short name; else the one unit whose name holds the written
 * one (发展改革委 → 市发展改革委) or is held by it. Two candidates are not guessed between.
 */
export const unitResolver = (units: readonly PlanUnit[]) => {
  const exact = new Map<string, PlanUnit | null>();
  const remember = (key: string, unit: PlanUnit) => exact.set(key, exact.has(key) && exact.get(key)?.id !== unit.id ? null : unit);
  for (const unit of units) {
    remember(fold(unit.name), unit);
    if (unit.shortName) remember(fold(unit.shortName), unit);
  }
  return (written: string): { unit?: PlanUnit; ambiguous?: PlanUnit[] } => {
    const key = fold(written);
    if (key.length === 0) return {};
    const found = exact.get(key);
    if (found) return { unit: found };
    if (found === null) return { ambiguous: units.filter((unit) => fold(unit.name) === key || (unit.shortName && fold(unit.shortName) === key)) };
    if (key.length < 3) return {};
    const near = units.filter((unit) => [unit.name, unit.shortName].some((name) => name && (fold(name).includes(key) || key.includes(fold(name)))));
    return near.length === 1 ? { unit: near[0]! } : near.length > 1 ? { ambiguous: near } : {};
  };
};

const keyPart = (text: string | null) => (text ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** A measure's identity across imports of the plan: the same plan year, 重点工作, measure and 牵头单位. */
export const planKeyOf = (row: { year: number; task: string; measures: string; leadUnitId: string }) =>
  createHash('sha256').update(['plan', String(row.year), keyPart(row.task), keyPart(row.measures), row.leadUnitId].join('|')).digest('hex');

type Context = { year: number; resolveUnit: ReturnType<typeof unitResolver> };
/** What the rows above hand down to a row whose merged cells are empty. */
type Above = { category: string | null; task: string | null; leader: string | null; leadUnit: string | null };

/**
 * Every row of the plan under the mapping. Category rows and a 重点工作's heading row (no measure, unit or
 * 时限) are not items: they name what the rows under them belong to.
 */
export const parsePlanRows = ({ register, mapping, year, units }: { register: Register; mapping: PlanColumnMapping; year: number; units: readonly PlanUnit[] }): PlanRowOutcome[] => {
  const context: Context = { year, resolveUnit: unitResolver(units) };
  const above: Above = { category: null, task: null, leader: null, leadUnit: null };
  const outcomes: PlanRowOutcome[] = [];
  for (const { row, cells } of register.rows) {
    const raw = (field: PlanImportField) => {
      const index = mapping[field];
      return index === null ? '' : textOf((cells[index] ?? null) as CellValue);
    };
    const filled = cells.map((cell) => textOf(cell ?? null)).filter(Boolean);
    if (filled.length === 0) continue;
    const isItemRow = raw('measures') !== '' || raw('leadUnit') !== '' || raw('deadline') !== '' || raw('helperUnits') !== '';
    if (!isItemRow) {
      const heading = raw('task') || filled[0]!;
      if (/^\d+$/.test(heading)) continue; // a pre-numbered blank line
      if (CATEGORY.test(heading) || (raw('task') === '' && filled.length === 1)) {
        Object.assign(above, { category: heading, task: null, leader: null, leadUnit: null });
      } else {
        Object.assign(above, { task: heading, leader: raw('leader') || null, leadUnit: null });
      }
      continue;
    }
    if (outcomes.length >= MAX_IMPORT_ROWS) throw validationError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请把分工方案分成几个文件导入`);
    outcomes.push(parseRow({ row, raw, above, context }));
  }
  return outcomes;
};

const parseRow = ({ row, raw, above, context }: { row: number; raw: (field: PlanImportField) => string; above: Above; context: Context }): PlanRowOutcome => {
  const errors: string[] = [];
  // A 重点工作 written on this row starts a new group; an empty one continues the group above (merged cells).
  if (raw('task') !== '') Object.assign(above, { task: raw('task'), leader: raw('leader') || null, leadUnit: raw('leadUnit') || null });
  const task = above.task;
  const leader = raw('leader') || above.leader;
  const leadText = raw('leadUnit') || above.leadUnit || '';
  const measures = raw('measures') || task || '';
  if (!task) errors.push(`缺少${planFieldLabels.task}（本行及上方都没有写明）`);
  if (task && task.length > MAX_TASK_LENGTH) errors.push(`${planFieldLabels.task}过长（最多 ${MAX_TASK_LENGTH} 字）`);
  if (measures.length > MAX_MEASURES_LENGTH) errors.push(`${planFieldLabels.measures}过长（最多 ${MAX_MEASURES_LENGTH} 字）`);

  const unitsOf = (text: string, label: string) => {
    const found: PlanUnit[] = [];
    const collective: string[] = [];
    for (const name of namesInCell(text)) {
      const { unit, ambiguous } = context.resolveUnit(name);
      if (unit) found.push(unit);
      else if (COLLECTIVE.test(name)) collective.push(name);
      else if (ambiguous) errors.push(`${label}${quote(name)}可能是${ambiguous.map((candidate) => candidate.name).join('、')}，请写全称`);
      else errors.push(`${label}${quote(name)}不是系统中的单位，请写单位全称或简称，或先在单位管理中添加`);
    }
    return { found, collective };
  };
  const lead = unitsOf(leadText, planFieldLabels.leadUnit);
  const helpers = unitsOf(raw('helperUnits'), planFieldLabels.helperUnits);
  if (leadText === '') errors.push(`缺少${planFieldLabels.leadUnit}`);
  else if (lead.found.length === 0 && lead.collective.length > 0) errors.push(`${planFieldLabels.leadUnit}${quote(leadText)}须是一个具体单位`);
  // Co-leads beyond the first answer with the lead unit: they are assigned as 责任单位.
  const [leadUnit, ...coLeads] = lead.found;
  const helperUnits = [...coLeads, ...helpers.found].filter((unit, index, all) => unit.id !== leadUnit?.id && all.findIndex((other) => other.id === unit.id) === index);
  const otherUnits = [...lead.collective, ...helpers.collective].join('、') || null;

  const reading = readDeadlineText(raw('deadline'), { year: context.year });
  if (reading.reason !== undefined) errors.push(reading.reason);
  else if (Number(reading.deadline.slice(0, 4)) < context.year) errors.push(`完成时限 ${reading.deadline} 早于方案年度 ${context.year} 年`);

  if (errors.length > 0 || !task || !leadUnit || reading.reason !== undefined) return { row, errors };
  return {
    row,
    errors: [],
    parsed: {
      row,
      category: above.category,
      task,
      measures,
      leader,
      leadUnit,
      helperUnits,
      otherUnits,
      deadline: reading.deadline,
      steps: reading.steps,
      isOngoing: reading.isOngoing,
      remarks: raw('remarks') || null,
      key: planKeyOf({ year: context.year, task, measures, leadUnitId: leadUnit.id }),
    },
  };
};
