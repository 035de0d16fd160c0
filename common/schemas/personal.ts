/** Citizens' personal data on cases: 显示 (an audited reveal) and finding a person's cases by phone or ID number. */
import { z } from 'zod';
import { CaseSummary } from './cases.js';

/**
 * A personal field of a case as the detail page shows it: masked, with whether this user may reveal it. `isText`: a
 * free text (the kind's personalText) masked only where its numbers are, shown in its place among the fields.
 */
export const PersonalFieldView = z.object({ field: z.string(), label: z.string(), masked: z.string().nullable(), canReveal: z.boolean(), isText: z.boolean().optional() });
export type PersonalFieldView = z.infer<typeof PersonalFieldView>;

export const RevealedValue = z.object({ field: z.string(), value: z.string() });
export type RevealedValue = z.infer<typeof RevealedValue>;

/** 显示 on a trail event: the action's masked inputs in full, by input name (comment, reason, extension.reason …). */
export const RevealedInputs = z.object({ seq: z.number().int(), texts: z.record(z.string(), z.string()) });
export type RevealedInputs = z.infer<typeof RevealedInputs>;

const phone = z
  .string()
  .trim()
  .regex(/^[+\d][\d\s-]{6,19}$/, '电话号码格式不正确');
const idNumber = z
  .string()
  .trim()
  .regex(/^(\d{15}|\d{17}[\dXx])$/, '身份证号码应为 18 位（或旧的 15 位）');

/** Exactly one of the two: a person is looked up by one number at a time. */
export const PersonSearchInput = z
  .object({ phone: phone.optional(), idNumber: idNumber.optional() })
  .refine((input) => (input.phone === undefined) !== (input.idNumber === undefined), { message: '请填写电话号码或身份证号码（二选一）' });
export type PersonSearchInput = z.infer<typeof PersonSearchInput>;

export const PersonSearchResult = z.object({
  items: z.array(CaseSummary.extend({ matchedField: z.string(), matchedLabel: z.string(), masked: z.string() })),
});
export type PersonSearchResult = z.infer<typeof PersonSearchResult>;
