/**
 * The builders a kind declares an action's inputs with. Each gives the zod schema the server checks
 * a value against and the widget the web renders it with, so a new kind's input needs no change to
 * the engine's types, to common/ or to the web's action dialog.
 */
import { z } from 'zod';
import type { FormFieldView } from '../../../../common/schemas/action-form.js';
import { AssignUnitInput, AttachmentRef } from '../../../../common/schemas/cases.js';
import { isoDate, safeLine, safeText } from '../../../../common/schemas/primitives.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A field's widget as the web sees it, without the path and requiredness the form adds. */
export type WidgetView = DistributiveOmit<FormFieldView, 'name' | 'label' | 'isRequired' | 'help'>;

/** One declared input: a value checked by `schema` (when given), shown with `view`. */
export type InputField = {
  type: 'field';
  label: string;
  help?: string;
  /** The message when it is left empty; undefined when it may be. */
  requiredMessage?: string;
  schema: z.ZodType;
  view: WidgetView;
};
/** Inputs sent together as one object (延期: {amount, reason}). */
export type InputGroup = { type: 'group'; label: string; requiredMessage?: string; fields: ActionForm };
/** What a transition asks for: input name → field. */
export type ActionForm = Readonly<Record<string, InputField | InputGroup>>;

type Common = {
  label: string;
  help?: string;
  /** true, or the message shown when it is left empty (请填写…). */
  required?: boolean | string;
};

const uuid = z.string().uuid('编号格式不正确');
const requiredMessageOf = (options: Common, verb = '请填写'): string | undefined =>
  options.required === true ? `${verb}${options.label}` : typeof options.required === 'string' ? options.required : undefined;
const field = (options: Common, schema: z.ZodType, view: WidgetView, verb?: string): InputField => ({
  type: 'field',
  label: options.label,
  ...(options.help ? { help: options.help } : {}),
  ...(requiredMessageOf(options, verb) ? { requiredMessage: requiredMessageOf(options, verb)! } : {}),
  schema,
  view,
});
type Options = Record<string, string> | ReadonlyArray<{ value: string; label: string }>;
const listOf = (options: Options) => (Array.isArray(options) ? [...options] : Object.entries(options).map(([value, label]) => ({ value, label })));
const enumOf = (options: Options) => z.enum(listOf(options).map((option) => option.value) as [string, ...string[]], '请从给定的选项中选择');

/** One line (标题, 编号). */
export const text = (options: Common & { max?: number }) => {
  const max = options.max ?? 200;
  return field(options, safeLine().trim().max(max, `不能超过 ${max} 字`), { widget: 'text', maxLength: max });
};

/** Several lines (意见, 理由, 答复); `variant: 'document'` is a whole text whose 字数 is counted (文稿正文). */
export const longText = (
  options: Common & { max?: number; rows?: number; phrases?: readonly string[]; variant?: 'plain' | 'document'; placeholder?: string },
) => {
  const max = options.max ?? 4000;
  // A document is kept as pasted (its layout is its own); an opinion loses stray spaces at its ends.
  const schema = options.variant === 'document' ? safeText().max(max, '正文过长') : safeText().trim().max(max, `不能超过 ${max} 字`);
  return field(options, schema, {
    widget: 'longText',
    maxLength: max,
    ...(options.rows ? { rows: options.rows } : {}),
    ...(options.phrases ? { phrases: [...options.phrases] } : {}),
    ...(options.variant ? { variant: options.variant } : {}),
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
  });
};

/** One of a few values (radio), or several (select). */
export const choice = (options: Common & { options: Options; isMultiple?: boolean; display?: 'radio' | 'select'; defaultValue?: string }) => {
  const values = enumOf(options.options);
  const isMultiple = options.isMultiple ?? false;
  return field(options, isMultiple ? z.array(values).max(100) : values, {
    widget: 'choice',
    options: listOf(options.options),
    isMultiple,
    display: options.display ?? (isMultiple ? 'select' : 'radio'),
    ...(options.defaultValue ? { defaultValue: options.defaultValue } : {}),
  }, '请选择');
};

/** A calendar day, YYYY-MM-DD (Asia/Shanghai). */
export const date = (options: Common) => field(options, isoDate(), { widget: 'date' }, '请选择');

/** An instant with its offset (2026-03-02T16:00:00+08:00). */
export const dateTime = (options: Common) => field(options, z.iso.datetime({ offset: true, message: '时间格式不正确' }), { widget: 'dateTime' }, '请选择');

/** A number within [min, max]; whole unless `isInteger: false`; `unit` reads after it (工作日, 元). */
export const number = (options: Common & { min: number; max: number; isInteger?: boolean; unit?: string }) => {
  const isInteger = options.isInteger ?? true;
  const base = isInteger ? z.number().int('应为整数') : z.number();
  return field(options, base.min(options.min, `不能小于 ${options.min}`).max(options.max, `不能大于 ${options.max}`), {
    widget: 'number',
    min: options.min,
    max: options.max,
    isInteger,
    ...(options.unit ? { unit: options.unit } : {}),
  });
};

/** A unit, or several, from the unit tree. */
export const unitPicker = (options: Common & { isMultiple?: boolean }) =>
  field(options, options.isMultiple ? z.array(uuid).max(100) : uuid, { widget: 'unitPicker', isMultiple: options.isMultiple ?? false }, '请选择');

/** A person holding one of `roles`, or several (at most `max`). */
export const userPicker = (options: Common & { roles: readonly string[]; isMultiple?: boolean; max?: number }) => {
  const max = options.max ?? 20;
  return field(options, options.isMultiple ? z.array(uuid).max(max, `${options.label}最多 ${max} 位`) : uuid, {
    widget: 'userPicker',
    isMultiple: options.isMultiple ?? false,
    roles: [...options.roles],
    ...(options.isMultiple ? { maxCount: max } : {}),
  }, '请选择');
};

/** Uploaded files (their digests and names); each is checked to be stored and citable by the actor. */
export const files = (options: Common & { max?: number }) => {
  const max = options.max ?? 20;
  return field(options, z.array(AttachmentRef).max(max, `附件最多 ${max} 个`), { widget: 'files', maxCount: max }, '请上传');
};

/** A rating on a declared scale, e.g. 满意 / 基本满意 / 不满意 (one dimension per field: 态度, 结果). */
export const rating = (options: Common & { scale: Options; defaultValue?: string }) =>
  field(options, enumOf(options.scale), {
    widget: 'rating',
    options: listOf(options.scale),
    ...(options.defaultValue ? { defaultValue: options.defaultValue } : {}),
  }, '请选择');

/** The free texts inside each row of a list widget, which a kind may name as personalInputs ('units[].instruction'). */
export const listRowTexts: Readonly<Record<string, readonly string[]>> = { unitAssignments: ['instruction'] };

/** 交办: units with their role, optional 办理时限 and 交办要求 (the 'assign' effect's input). */
export const unitAssignments = (options: Common & { roles: Record<string, string> }) =>
  field(
    options,
    z
      .array(AssignUnitInput)
      .min(1, `请至少选择一个${options.label}`)
      .max(60)
      .refine((rows) => rows.every((row) => row.role in options.roles), `${options.label}的承办方式只能是${Object.values(options.roles).join('、')}`),
    { widget: 'unitAssignments', roles: listOf(options.roles) },
    '请选择',
  );

/** The kind's whole field set, edited in the kind's own form; the kind checks it with its fields schema. */
export const kindForm = (options: Common) => field(options, z.record(z.string(), z.unknown()), { widget: 'kindForm' });

/** A reference by id the web may offer as a list of its own (a 预留 文号); a plain id otherwise. */
export const reference = (options: Common) => field(options, uuid, { widget: 'text', maxLength: 36 }, '请选择');

/** Inputs sent as one object in the body (`{ extension: { amount, reason } }`). */
export const group = (options: Common, fields: ActionForm): InputGroup => ({
  type: 'group',
  label: options.label,
  ...(requiredMessageOf(options) ? { requiredMessage: requiredMessageOf(options)! } : {}),
  fields,
});
