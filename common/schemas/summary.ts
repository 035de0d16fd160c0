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
  sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.object({ source: z.string(), pieces: z.array(ResolvedPiece) })) })),
  numberCount: z.number().int(),
  gapCount: z.number().int(),
  updatedAt: z.string(),
});
export type SummaryView = z.infer<typeof SummaryView>;

export const SummaryListItem = z.object({ id: z.string(), title: z.string(), templateName: z.string(), from: CalendarDate, to: CalendarDate, version: z.number().int(), updatedAt: z.string() });
export type SummaryListItem = z.infer<typeof SummaryListItem>;

export const SummaryVersion = z.object({ version: z.number().int(), at: z.string(), actorName: z.string(), comment: z.string().nullable(), title: z.string(), sections: z.array(SummarySectionInput) });
export type SummaryVersion = z.infer<typeof SummaryVersion>;

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
});
export type TemplateView = z.infer<typeof TemplateView>;
