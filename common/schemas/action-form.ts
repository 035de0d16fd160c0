/**
 * An action's form as the server describes it: one entry per input the kind's transition declares,
 * each naming the widget the web renders it with. The set of widgets is closed and small; the set of
 * inputs is open — a new kind declares its own and neither this file nor the web's dialog changes.
 */
import { z } from 'zod';

const option = z.object({ value: z.string(), label: z.string() });

const base = {
  /** Path of the value in the action's body (['extension', 'amount'] for a grouped input). */
  name: z.array(z.string()).min(1),
  label: z.string(),
  isRequired: z.boolean(),
  help: z.string().optional(),
};

export const FormFieldView = z.discriminatedUnion('widget', [
  z.object({ ...base, widget: z.literal('text'), maxLength: z.number().int() }),
  z.object({
    ...base,
    widget: z.literal('longText'),
    maxLength: z.number().int(),
    rows: z.number().int().optional(),
    /** One-click phrases put into the box (同意。). */
    phrases: z.array(z.string()).optional(),
    /** 'document': a full text whose 字数 is counted as the office counts it (文稿正文). */
    variant: z.enum(['plain', 'document']).optional(),
    placeholder: z.string().optional(),
  }),
  z.object({ ...base, widget: z.literal('choice'), options: z.array(option), isMultiple: z.boolean(), display: z.enum(['radio', 'select']), defaultValue: z.string().optional() }),
  z.object({ ...base, widget: z.literal('date') }),
  z.object({ ...base, widget: z.literal('dateTime') }),
  z.object({ ...base, widget: z.literal('number'), min: z.number(), max: z.number(), isInteger: z.boolean(), unit: z.string().optional() }),
  z.object({ ...base, widget: z.literal('unitPicker'), isMultiple: z.boolean() }),
  /** People holding one of `roles` (批办领导: leader). */
  z.object({ ...base, widget: z.literal('userPicker'), isMultiple: z.boolean(), roles: z.array(z.string()), maxCount: z.number().int().optional() }),
  z.object({ ...base, widget: z.literal('files'), maxCount: z.number().int() }),
  /** A rating on a declared scale (满意 / 基本满意 / 不满意), one dimension per field. */
  z.object({ ...base, widget: z.literal('rating'), options: z.array(option), defaultValue: z.string().optional() }),
  /** 交办: units, each with its role, an optional 办理时限 and 交办要求; the dialog previews each due date. */
  z.object({ ...base, widget: z.literal('unitAssignments'), roles: z.array(z.object({ value: z.string(), label: z.string() })) }),
  /** The kind's whole field set, edited in the kind's own form (发文 修改). */
  z.object({ ...base, widget: z.literal('kindForm') }),
]);
export type FormFieldView = z.infer<typeof FormFieldView>;
export type FormWidget = FormFieldView['widget'];

/** What the web asks before an action is sent: always (签发), or when a field is left empty (圈阅). */
export const ActionConfirmView = z.object({
  message: z.string(),
  /** Ask only when this input is empty; always when absent. */
  whenEmpty: z.string().optional(),
});
export type ActionConfirmView = z.infer<typeof ActionConfirmView>;

/** One action of a kind with its form (GET /api/kinds/:kind/actions). */
export const KindActionView = z.object({
  action: z.string(),
  label: z.string(),
  from: z.array(z.string()),
  form: z.array(FormFieldView),
  confirm: ActionConfirmView.nullable(),
  /** The same inputs as JSON Schema (draft 2020-12), for other systems calling the API. */
  schema: z.record(z.string(), z.unknown()),
});
export type KindActionView = z.infer<typeof KindActionView>;
