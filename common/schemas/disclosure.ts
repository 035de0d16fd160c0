/**
 * 政务公开: the 主动公开 register (what was published, where, when, under which heading of 条例第二十条)
 * and the 政府信息公开工作年度报告 in the tables of 国办公开办函〔2021〕30号. Shared by server and web.
 */
import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import { safeLine, safeText, versionNumber } from './primitives.js';

/**
 * Headings of the report's table 二 (条例第二十条 (一)(五)(六)(八)), plus 其他 for everything else an
 * office publishes (规划, 财政预决算, 重大项目 …): counted in 总体情况 and the metric, not in table 二.
 */
export const PublishedCategory = z.enum(['规章', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费', '其他']);
export type PublishedCategory = z.infer<typeof PublishedCategory>;

/** Categories whose entries record decisions (本年处理决定数量): an entry may stand for several published together. */
export const decisionCategories: readonly PublishedCategory[] = ['行政许可', '行政处罚', '行政强制'];

/** Where it was published (条例第二十三条、第二十四条、第二十五条). */
export const PublishedChannel = z.enum(['政府网站', '政府公报', '政务新媒体', '新闻发布会', '政务服务场所', '档案馆', '公共图书馆', '公开栏', '其他']);
export type PublishedChannel = z.infer<typeof PublishedChannel>;

/** 万元 with at most four decimals (one yuan), as table 二 prints it. */
const feeAmount = z
  .number()
  .min(0, '金额不能为负')
  .max(99_999_999, '金额过大')
  .refine((value) => Number.isInteger(Math.round(value * 10_000 * 1e6) / 1e6), '金额最多保留四位小数（万元）');

const PublishedFields = z.object({
  title: safeLine().trim().min(1, '请填写公开事项名称').max(200, '名称不能超过200字'),
  category: PublishedCategory,
  channels: z.array(PublishedChannel).min(1, '请至少选择一个公开渠道').max(9),
  publishedOn: CalendarDate,
  documentNumber: safeLine().trim().max(60, '文号不能超过60字').optional(),
  /** 行政许可/处罚/强制: how many decisions the entry publishes (default 1). */
  decisionCount: z.number().int('应为整数').min(1).max(100_000).optional(),
  /** 行政事业性收费 only: the amount collected, 万元. */
  feeAmount: feeAmount.optional(),
  note: safeText().max(500, '备注不能超过500字').optional(),
});

/** The rules the fields obey together; the same for creating and editing. */
const consistent = <T extends z.infer<typeof PublishedFields>>(schema: z.ZodType<T>) =>
  schema
    .refine((input) => input.category === '行政事业性收费' || input.feeAmount === undefined, { message: '只有行政事业性收费填写收费金额', path: ['feeAmount'] })
    .refine((input) => input.category !== '行政事业性收费' || input.feeAmount !== undefined, { message: '请填写收费金额（万元）', path: ['feeAmount'] })
    .refine((input) => decisionCategories.includes(input.category) || input.decisionCount === undefined, {
      message: '只有行政许可、行政处罚、行政强制填写决定数量',
      path: ['decisionCount'],
    })
    .refine((input) => new Set(input.channels).size === input.channels.length, { message: '公开渠道不能重复', path: ['channels'] });

/** A new entry. `unitId`: the publishing unit; office staff may name any, a 联络员 only their own (default: the actor's). */
export const CreatePublishedInput = consistent(PublishedFields.extend({ unitId: z.string().uuid('单位编号格式不正确').optional() }));
export type CreatePublishedInput = z.infer<typeof CreatePublishedInput>;

/** Changing an entry: every field again, with the version it was read at. */
export const UpdatePublishedInput = consistent(PublishedFields.extend({ version: versionNumber() }));
export type UpdatePublishedInput = z.infer<typeof UpdatePublishedInput>;

/** 废止: from that day the entry is no longer 现行有效 (table 二). */
export const RepealPublishedInput = z.object({
  repealedOn: CalendarDate,
  reason: safeLine().trim().min(1, '请填写废止原因').max(200),
  version: versionNumber(),
});
export type RepealPublishedInput = z.infer<typeof RepealPublishedInput>;

export const ReportYear = z.coerce.number().int('年份应为整数').min(2008, '年份不早于2008年').max(2199);

export const PublishedQuery = z.object({
  year: ReportYear.optional(),
  category: PublishedCategory.optional(),
  unit: z.string().uuid('单位编号格式不正确').optional(),
});
export type PublishedQuery = z.infer<typeof PublishedQuery>;

export const PublishedItemView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  category: PublishedCategory,
  channels: z.array(PublishedChannel),
  publishedOn: CalendarDate,
  documentNumber: z.string().nullable(),
  decisionCount: z.number().int().nullable(),
  feeAmount: z.number().nullable(),
  note: z.string().nullable(),
  repealedOn: CalendarDate.nullable(),
  repealReason: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type PublishedItemView = z.infer<typeof PublishedItemView>;

export const AnnualReportQuery = z.object({
  year: ReportYear,
  unit: z.string().uuid('单位编号格式不正确').optional(),
  format: z.enum(['json', 'xlsx', 'docx']).default('json'),
});
export type AnnualReportQuery = z.infer<typeof AnnualReportQuery>;

/** One printed row of a report table: its label (with the template's numbering) and its cells. */
export const ReportRow = z.object({ key: z.string(), label: z.string(), group: z.string().nullable(), cells: z.array(z.number()) });
export type ReportRow = z.infer<typeof ReportRow>;

/**
 * A report table. `columns` name the cells, a "·" separating header levels (法人或其他组织·商业企业).
 * Table 二 has a header of its own per section: `groupColumns` gives it, and `columns` is empty.
 */
export const ReportTable = z.object({
  title: z.string(),
  columns: z.array(z.string()),
  groupColumns: z.record(z.string(), z.array(z.string())).optional(),
  rows: z.array(ReportRow),
});
export type ReportTable = z.infer<typeof ReportTable>;

/** One of the template's arithmetic rules, checked on the built tables. */
export const ReportCheck = z.object({ rule: z.string(), isOk: z.boolean(), detail: z.string() });
export type ReportCheck = z.infer<typeof ReportCheck>;

export const AnnualReportView = z.object({
  year: z.number().int(),
  organName: z.string(),
  scopeUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  overview: z.array(z.string()),
  published: ReportTable,
  requests: ReportTable,
  proceedings: ReportTable,
  notes: z.array(z.string()),
  checks: z.array(ReportCheck),
});
export type AnnualReportView = z.infer<typeof AnnualReportView>;
