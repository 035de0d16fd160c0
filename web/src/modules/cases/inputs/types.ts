/** What every widget of an action's form gets: its declared field and what the dialog knows. */
import type { ReactNode } from 'react';
import type { FormFieldView, FormWidget } from '../../../../../common/schemas/action-form.js';
import type { CaseDetail } from '../../../../../common/schemas/cases.js';

export type WidgetContext = {
  detail: CaseDetail;
  /** The kind's 时限依据, shown under 交办. */
  deadlineBasis?: string | null | undefined;
  /** An upload is running: the dialog's button waits. */
  onBusyChange: (isBusy: boolean) => void;
  /** Sets a value (a box's text with a tapped phrase added). */
  setValue: (name: readonly string[], value: unknown) => void;
  /** A kind's own control for a declared input (发文 登记's 预留文号 list), replacing the generic one. */
  control?: ReactNode;
};

export type WidgetProps<W extends FormWidget> = { field: Extract<FormFieldView, { widget: W }>; context: WidgetContext };

/** The Form.Item props every widget shares: path, label, help and the required rule. */
export const itemProps = (field: FormFieldView, requiredMessage = `请填写${field.label}`) => ({
  name: field.name,
  label: field.label,
  ...(field.help ? { extra: field.help } : {}),
  rules: field.isRequired ? [{ required: true, whitespace: true, message: requiredMessage }] : [],
});
