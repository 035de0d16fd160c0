/**
 * The 分工方案 (重点工作任务分工) import: the columns a work plan's Excel has, and what its dry run and import
 * answer. Each data row is one measure (具体措施或目标) under a 重点工作; it becomes one 督办 item.
 */
import { z } from 'zod';
import { ImportMode, InvalidImportRow } from './register-import.js';

export { ImportMode, InvalidImportRow };

export const planImportFields = ['serial', 'task', 'measures', 'leader', 'leadUnit', 'helperUnits', 'deadline', 'remarks'] as const;
export const PlanImportField = z.enum(planImportFields);
export type PlanImportField = z.infer<typeof PlanImportField>;

export const planFieldLabels: Record<PlanImportField, string> = {
  serial: '序号',
  task: '重点工作',
  measures: '具体措施或目标',
  leader: '牵头领导',
  leadUnit: '牵头单位',
  helperUnits: '责任单位',
  deadline: '完成时限',
  remarks: '备注',
};

export const PlanImportMapping = z.partialRecord(PlanImportField, z.number().int().min(0, '列序号不能为负').nullable());
export type PlanImportMapping = z.infer<typeof PlanImportMapping>;

const FullMapping = z.record(PlanImportField, z.number().int().nullable());

/** A dated step of a 完成时限 cell: a milestone of the item. */
export const PlanStep = z.object({ label: z.string(), due: z.string() });

/** One row as it would be imported: the units resolved to the office's units, the 完成时限 read. */
export const PlanImportSampleRow = z.object({
  row: z.number().int(),
  category: z.string().nullable(),
  task: z.string(),
  measures: z.string(),
  leader: z.string().nullable(),
  leadUnit: z.string(),
  helperUnits: z.array(z.string()),
  /** Collective names (各县区政府, 市直有关部门) kept as written: they name no one unit to assign. */
  otherUnits: z.string().nullable(),
  deadline: z.string(),
  steps: z.array(PlanStep),
  isOngoing: z.boolean(),
});
export type PlanImportSampleRow = z.infer<typeof PlanImportSampleRow>;

export const PlanImportPreview = z.object({
  sheet: z.string(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  fields: z.array(z.object({ field: PlanImportField, label: z.string(), isRequired: z.boolean() })),
  suggestedMapping: FullMapping,
  mapping: FullMapping,
  /** The plan's year: from its title (「2026年政府工作报告重点工作任务分工方案」) or the year chosen. */
  year: z.number().int(),
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.array(InvalidImportRow),
  /** Valid rows imported before (the same measure of the same plan): an import skips them. */
  duplicates: z.number().int(),
  /** 重点工作 groups and 类别 rows (「一、稳增长」) seen. */
  tasks: z.number().int(),
  categories: z.array(z.string()),
  sample: z.array(PlanImportSampleRow),
});
export type PlanImportPreview = z.infer<typeof PlanImportPreview>;

export const PlanImportResult = z.object({
  imported: z.number().int(),
  skippedDuplicates: z.number().int(),
  invalid: z.array(InvalidImportRow),
  year: z.number().int(),
  /** The ids of the 督办 items created, in the plan's order. */
  caseIds: z.array(z.string()),
});
export type PlanImportResult = z.infer<typeof PlanImportResult>;
