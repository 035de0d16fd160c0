/**
 * A summary draft (work_summary) and an office's own template (summary_template) are records
 * (engine/records): a trail of every save — each save's event carries the whole text, so every version
 * can be read back and restored — and the write permission of the 综合 staff.
 * The text keeps its number tokens (summary-tokens.ts): numbers are worked out when the draft is read.
 */
import { z } from 'zod';
import { CalendarDate } from '../../../../common/schemas/calendar.js';
import { SummaryContentInput, SummaryTemplateInput } from '../../../../common/schemas/summary.js';
import { defineRecordType } from '../../engine/records/record-type.js';
import { periodKinds } from './summary-templates.js';

export const SummaryContent = SummaryContentInput;
export type SummaryContent = SummaryContentInput;

export const WorkSummaryFields = SummaryContent.extend({
  templateKey: z.string().max(60),
  templateName: z.string().max(100),
  periodKind: z.enum(periodKinds),
  from: CalendarDate,
  to: CalendarDate,
  /** The unit the numbers are limited to; null: the whole office. */
  unitId: z.string().uuid().nullable(),
});
export type WorkSummaryFields = z.infer<typeof WorkSummaryFields>;

export const workSummaryRecord = defineRecordType({
  type: 'work_summary',
  label: '工作总结',
  fields: WorkSummaryFields,
  title: (fields) => fields.title,
  initialState: 'draft',
  states: { draft: '草稿' },
  listColumns: [{ key: 'templateName', label: '模板' }, { key: 'from', label: '起' }, { key: 'to', label: '止' }],
  detail: [{ key: 'templateName', label: '模板' }, { key: 'from', label: '起' }, { key: 'to', label: '止' }],
  read: 'summary.read',
  write: 'summary.write',
  isUnitScoped: false,
  // Only the summary use cases write it: a save must keep the text whole in the trail (versions).
  writes: 'module',
});

export const SummaryTemplateFields = SummaryTemplateInput.omit({ version: true });
export type SummaryTemplateFields = z.infer<typeof SummaryTemplateFields>;

export const summaryTemplateRecord = defineRecordType({
  type: 'summary_template',
  label: '总结模板',
  fields: SummaryTemplateFields,
  title: (fields) => fields.name,
  initialState: 'active',
  states: { active: '使用中', retired: '已停用' },
  listColumns: [{ key: 'name', label: '名称' }, { key: 'level', label: '层级' }, { key: 'periodKind', label: '期间' }],
  detail: [{ key: 'name', label: '名称' }, { key: 'level', label: '层级' }, { key: 'periodKind', label: '期间' }, { key: 'basedOn', label: '来源模板' }],
  read: 'summary.read',
  write: 'summary.template',
  isUnitScoped: false,
  writes: 'module',
});

/**
 * Which template the office uses for each kind of period (the director's choice; none: the built-in for the
 * office's level). One record for the office, written only through setDefaultSummaryTemplate.
 */
export const SummaryDefaultsFields = z.object({
  year: z.string().max(60).nullable(),
  half: z.string().max(60).nullable(),
  month: z.string().max(60).nullable(),
});
export type SummaryDefaultsFields = z.infer<typeof SummaryDefaultsFields>;

export const summaryDefaultsRecord = defineRecordType({
  type: 'summary_defaults',
  label: '默认总结模板',
  fields: SummaryDefaultsFields,
  title: () => '默认总结模板',
  initialState: 'active',
  states: { active: '使用中' },
  listColumns: [{ key: 'year', label: '年度' }, { key: 'half', label: '半年' }, { key: 'month', label: '月度' }],
  detail: [{ key: 'year', label: '年度' }, { key: 'half', label: '半年' }, { key: 'month', label: '月度' }],
  read: 'summary.read',
  write: 'summary.template',
  isUnitScoped: false,
  writes: 'module',
});

export const summaryRecordTypes = [workSummaryRecord, summaryTemplateRecord, summaryDefaultsRecord];
