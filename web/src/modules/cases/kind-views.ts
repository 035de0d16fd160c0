/**
 * How each kind's fields read on the page: Chinese labels, order, which are long text, and
 * the registration form. A kind without an entry shows its fields by name and has no form.
 */
import type { ComponentType } from 'react';
import { InstructionFormModal } from './InstructionFormModal.js';

export type CreateFormProps = { kind: string; onClose: () => void; onCreated: (id: string) => void };

type FieldView = { name: string; label: string; isLong?: boolean };

type KindUi = { fields: readonly FieldView[]; CreateForm?: ComponentType<CreateFormProps> };

const kindUis: Record<string, KindUi> = {
  instruction: {
    fields: [
      { name: 'leaderName', label: '批示领导' },
      { name: 'instructedOn', label: '批示日期' },
      { name: 'category', label: '批示类别' },
      { name: 'sourceRef', label: '文号' },
      { name: 'sourceTitle', label: '批示所涉文件或事项', isLong: true },
      { name: 'instruction', label: '批示内容', isLong: true },
    ],
    CreateForm: InstructionFormModal,
  },
};

const isShown = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The fields of a case to display, in order, with their labels; ids (…Id) stay hidden. */
export const displayFields = (kind: string, fields: Record<string, unknown>): Array<FieldView & { value: string }> => {
  const known = kindUis[kind]?.fields;
  const views: readonly FieldView[] =
    known ?? Object.keys(fields).filter((name) => !name.endsWith('Id')).map((name) => ({ name, label: name }));
  return views
    .filter((view) => isShown(fields[view.name]))
    .map((view) => {
      const value = fields[view.name];
      return { ...view, value: typeof value === 'string' ? value : JSON.stringify(value) };
    });
};

export const createFormOf = (kind: string): ComponentType<CreateFormProps> | undefined => kindUis[kind]?.CreateForm;
