/** Inputs and views of the working-day calendar, shared by server and web. */
import { z } from 'zod';
import { INT_MAX, isRealDate, safeLine } from './primitives.js';

export const CalendarDate = z.string().refine(isRealDate, '日期格式应为 YYYY-MM-DD，且须为实际存在的日期');
export type CalendarDate = z.infer<typeof CalendarDate>;

export const OverrideKind = z.enum(['holiday', 'workday', 'normal']);
export type OverrideKind = z.infer<typeof OverrideKind>;

export const overrideKindLabels: Record<OverrideKind, string> = {
  holiday: '放假',
  workday: '上班（调休）',
  normal: '按平常周一至周五',
};

export const CalendarOverrideView = z.object({
  date: CalendarDate,
  kind: OverrideKind,
  note: z.string(),
  source: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CalendarOverrideView = z.infer<typeof CalendarOverrideView>;

/** PUT body: creating an override sends no version; changing one sends the version it was read at. */
export const SetOverrideInput = z.object({
  kind: OverrideKind,
  note: safeLine().trim().min(1, '请填写名称，如「元旦」「春节调休上班」').max(60, '名称最多 60 个字'),
  source: safeLine().trim().min(1, '请填写依据，如「国办发明电〔2026〕x号」').max(200, '依据最多 200 个字'),
  version: z.number().int().min(1).max(INT_MAX).optional(),
});
export type SetOverrideInput = z.infer<typeof SetOverrideInput>;

export const DeleteOverrideQuery = z.object({ version: z.coerce.number({ error: '请提供版本号 version' }).int().min(1).max(INT_MAX) });
export type DeleteOverrideQuery = z.infer<typeof DeleteOverrideQuery>;

export const CalendarDay = z.object({
  date: CalendarDate,
  isWorkday: z.boolean(),
  isWeekend: z.boolean(),
  name: z.string().nullable(),
  source: z.enum(['override', 'official', 'weekday']),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

/** GET /api/calendar/:year — every date of the year. */
export const CalendarYearView = z.object({
  year: z.number().int(),
  hasOfficialData: z.boolean(),
  days: z.array(CalendarDay),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;

export const CalendarYearParams = z.object({
  year: z.coerce.number().int().min(2000, '年份应在 2000–2199 之间').max(2199, '年份应在 2000–2199 之间'),
});

export const CalendarDateParams = z.object({ date: CalendarDate });
