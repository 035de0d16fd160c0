/**
 * One declared input rendered by its widget. The set of widgets is closed (common/schemas/action-form.ts);
 * what a kind asks for is open, so a new kind's action needs no change here or in the dialog.
 */
import type { FormFieldView } from '../../../../../common/schemas/action-form.js';
import { ChoiceWidget } from './ChoiceWidget.js';
import { DateTimeWidget } from './DateTimeWidget.js';
import { DateWidget } from './DateWidget.js';
import { FilesWidget } from './FilesWidget.js';
import { LongTextWidget } from './LongTextWidget.js';
import { NumberWidget } from './NumberWidget.js';
import { RatingWidget } from './RatingWidget.js';
import { TextWidget } from './TextWidget.js';
import type { WidgetContext } from './types.js';
import { UnitAssignmentsWidget } from './UnitAssignmentsWidget.js';
import { UnitPickerWidget } from './UnitPickerWidget.js';
import { UserPickerWidget } from './UserPickerWidget.js';

export const FormField = ({ field, context }: { field: FormFieldView; context: WidgetContext }) => {
  switch (field.widget) {
    case 'text':
      return <TextWidget field={field} context={context} />;
    case 'longText':
      return <LongTextWidget field={field} context={context} />;
    case 'choice':
      return <ChoiceWidget field={field} context={context} />;
    case 'date':
      return <DateWidget field={field} context={context} />;
    case 'dateTime':
      return <DateTimeWidget field={field} context={context} />;
    case 'number':
      return <NumberWidget field={field} context={context} />;
    case 'unitPicker':
      return <UnitPickerWidget field={field} context={context} />;
    case 'userPicker':
      return <UserPickerWidget field={field} context={context} />;
    case 'files':
      return <FilesWidget field={field} context={context} />;
    case 'rating':
      return <RatingWidget field={field} context={context} />;
    case 'unitAssignments':
      return <UnitAssignmentsWidget field={field} context={context} />;
    case 'kindForm':
      return null; // the kind's own form (EditForm) opens instead of this dialog
  }
};

/** The values a form starts with: each declared default (满意, 依次批示). */
export const defaultValuesOf = (form: readonly FormFieldView[]): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  for (const field of form) {
    if ((field.widget !== 'choice' && field.widget !== 'rating') || field.defaultValue === undefined) continue;
    let target = values;
    for (const key of field.name.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[field.name.at(-1)!] = field.defaultValue;
  }
  return values;
};

/** What is sent: empty boxes, cleared numbers and untouched inputs left out (the server treats them as absent). */
export const compactValues = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(compactValues);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, compactValues(item)] as const)
      .filter(([, item]) => item !== undefined && item !== null && !(typeof item === 'string' && item.trim() === ''));
    return Object.fromEntries(entries);
  }
  return value;
};
