/**
 * 年度工作总结 and the other periodic reports drafted from the metrics: templates, drafts whose numbers
 * are tokens worked out when read, their versions. Shared by server and web.
 */
import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import { safeLine, safeText } from './primitives.js';

/**
 * A number in a summary's text is a token naming its metric: {{incoming.received}} the value with its unit,
 * {{incoming.received|同比}} the change on last year, |上年 last year's value, |分项 the parts, |数 the bare number.
 */
export const summaryTokenKinds = ['值', '同比', '上年', '分项', '数'] as const;
export const summaryTokenPattern = () => /\{\{\s*([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)+)\s*(?:\|\s*([^}\s]+)\s*)?\}\}/g;

export const OfficeLevel = z.enum(['市', '县', '区', '开发区']);
export const PeriodKind = z.enum(['year', 'half', 'month']);
export type PeriodKind = z.infer<typeof PeriodKind>;
export const periodKindLabels: Record<PeriodKind, string> = { year: '年度', half: '半年', month: '月度' };

export const SummarySectionInput = z.object({
  heading: safeLine().max(100),
  paragraphs: z.array(safeText().max(5000)).max(60),
});
export const SummaryContentInput = z.object({
  title: safeLine().trim().min(2, '请填写标题').max(100),
  sections: z.array(SummarySectionInput).min(1, '至少保留一部分').max(30),
});
export type SummaryContentInput = z.infer<typeof SummaryContentInput>;

export const CreateSummaryInput = z
  .object({
    templateKey: z.string().min(1, '请选择模板').max(60),
    from: CalendarDate,
    to: CalendarDate,
    unitId: z.string().uuid('单位编号格式不正确').nullable().default(null),
  })
  .refine((input) => input.from <= input.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type CreateSummaryInput = z.infer<typeof CreateSummaryInput>;

export const SaveSummaryInput = SummaryContentInput.extend({ version: z.number().int().min(1).max(2 ** 31 - 1) });

export const SummaryTemplateInput = SummaryContentInput.extend({
  name: safeLine().trim().min(2, '请填写模板名称').max(60),
  level: OfficeLevel.nullable(),
  periodKind: PeriodKind,
  basedOn: z.string().max(60),
  version: z.number().int().min(1).max(2 ** 31 - 1).optional(),
});
export type SummaryTemplateInput = z.infer<typeof SummaryTemplateInput>;

export const ResolvedPiece = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('number'), text: z.string(), metricId: z.string(), kind: z.string(), value: z.number() }),
  z.object({ type: z.literal('gap'), text: z.string(), metricId: z.string(), kind: z.string() }),
]);
export type ResolvedPiece = z.infer<typeof ResolvedPiece>;

/**
 * What one token reads as for a period, for the editor's chips: a number, a gap (【待补充】), empty (a 同比
 * without last year's data says nothing) or unknown (no such metric). Keyed by tokenKey (metricId|kind).
 */
export const TokenValue = z.object({
  metricId: z.string(),
  kind: z.string(),
  label: z.string(),
  type: z.enum(['number', 'gap', 'empty', 'unknown']),
  text: z.string(),
});
export type TokenValue = z.infer<typeof TokenValue>;
export const TokenValues = z.record(z.string(), TokenValue);
export type TokenValues = z.infer<typeof TokenValues>;

const PeriodQuery = {
  from: CalendarDate,
  to: CalendarDate,
  unitId: z.string().uuid('单位编号格式不正确').nullable().default(null),
};

export const TokenValuesInput = z
  .object({ ...PeriodQuery, tokens: z.array(z.string().max(120)).min(1).max(100) })
  .refine((input) => input.from <= input.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type TokenValuesInput = z.input<typeof TokenValuesInput>;

export const SummaryView = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  templateKey: z.string(),
  templateName: z.string(),
  periodKind: PeriodKind,
  from: CalendarDate,
  to: CalendarDate,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  organName: z.string(),
  /** The title as it reads, resolved like a paragraph (a title may carry a number). */
  titlePieces: z.array(ResolvedPiece),
  sections: z.array(z.object({ heading: z.string(), headingPieces: z.array(ResolvedPiece), paragraphs: z.array(z.object({ source: z.string(), pieces: z.array(ResolvedPiece) })) })),
  numberCount: z.number().int(),
  gapCount: z.number().int(),
  /** Every token of the text as it reads now (the editor's chips). */
  values: TokenValues,
  updatedAt: z.string(),
});
export type SummaryView = z.infer<typeof SummaryView>;

export const SummaryListItem = z.object({ id: z.string(), title: z.string(), templateName: z.string(), from: CalendarDate, to: CalendarDate, version: z.number().int(), updatedAt: z.string() });
export type SummaryListItem = z.infer<typeof SummaryListItem>;

export const SummaryVersion = z.object({ version: z.number().int(), at: z.string(), actorName: z.string(), comment: z.string().nullable(), title: z.string(), sections: z.array(SummarySectionInput) });
export type SummaryVersion = z.infer<typeof SummaryVersion>;

/** One saved version of an office template, whole (each save keeps the text it saved). */
export const TemplateVersion = z.object({ version: z.number().int(), at: z.string(), actorName: z.string(), comment: z.string().nullable(), template: SummaryTemplateInput.omit({ version: true }) });
export type TemplateVersion = z.infer<typeof TemplateVersion>;

export const TemplateView = z.object({
  key: z.string(),
  name: z.string(),
  level: OfficeLevel.nullable(),
  periodKind: PeriodKind,
  title: z.string(),
  sections: z.array(SummarySectionInput),
  isBuiltIn: z.boolean(),
  version: z.number().int().nullable(),
  basedOn: z.string().nullable(),
  /** The one the office uses for its period kind (chosen by the director, else the built-in for the office's level). */
  isDefault: z.boolean(),
});
export type TemplateView = z.infer<typeof TemplateView>;

/** A template's text as a draft of a period would read now: placeholders filled, numbers worked out, nothing saved. */
export const TemplatePreviewInput = SummaryContentInput.extend({
  level: OfficeLevel.nullable(),
  periodKind: PeriodKind,
  ...PeriodQuery,
}).refine((input) => input.from <= input.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type TemplatePreviewInput = z.input<typeof TemplatePreviewInput>;

export const TemplatePreview = z.object({
  title: z.string(),
  titlePieces: SummaryView.shape.titlePieces,
  sections: SummaryView.shape.sections,
  numberCount: z.number().int(),
  gapCount: z.number().int(),
  values: TokenValues,
});
export type TemplatePreview = z.infer<typeof TemplatePreview>;

export const SetDefaultTemplateInput = z.object({ periodKind: PeriodKind, templateKey: z.string().min(1, '请选择模板').max(60) });
export type SetDefaultTemplateInput = z.infer<typeof SetDefaultTemplateInput>;

export const RetireTemplateInput = z.object({ version: z.number().int().min(1).max(2 ** 31 - 1) });
