/**
 * The 拟稿 form's values ⇄ the 发文 fields. The body is edited as text (parseBodyText/bodyToText),
 * 附件说明 one per line, 联系人 as two boxes. Problems found by OutgoingFields — here before sending,
 * or by the server after — are put back on the box they concern.
 */
import type { Dayjs } from 'dayjs';
import type { AttachmentRef } from '../../../../common/schemas/cases.js';
import { bodyToText, type Disclosure, type DocumentType, parseBodyText, type Urgency } from '../../../../common/documents/official.js';
import { type Direction, OutgoingFields, type OutgoingFieldsInput, type Recipient } from '../../../../common/schemas/outgoing.js';
import { toPickerValue } from '../../app/time.js';

/** A 议定事项 as the form holds it (the date as a Dayjs). */
export type DecisionValue = { text?: string; leadUnitId?: string; helperUnitIds?: string[]; deadline?: Dayjs | null };

export type FormValues = {
  issuerCode?: string;
  docType?: DocumentType;
  direction?: Direction;
  urgency: Urgency;
  title?: string;
  mainTo: Recipient[];
  copyTo: Recipient[];
  bodyText?: string;
  attachments: AttachmentRef[];
  attachmentNotesText?: string;
  disclosure: Disclosure;
  disclosureReason?: string;
  copies: number;
  numbered: boolean;
  important: boolean;
  normative: boolean;
  countersignUnitIds: string[];
  signerId?: string;
  writtenOn?: Dayjs | null;
  annotation?: string;
  contactName?: string;
  contactPhone?: string;
  jointIssuers: string[];
  remarks?: string;
  decisions: DecisionValue[];
  meetingId?: string;
  meetingOn?: Dayjs | null;
};

export const emptyValues: FormValues = {
  urgency: '平急',
  mainTo: [],
  copyTo: [],
  attachments: [],
  disclosure: '主动公开',
  copies: 1,
  numbered: true,
  important: false,
  normative: false,
  countersignUnitIds: [],
  jointIssuers: [],
  decisions: [],
};

const text = (value: string | undefined): string | undefined => value?.trim() || undefined;

const lines = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** What is sent: POST /api/cases fields, or the edit action's `document`. */
export const toFields = (values: FormValues): OutgoingFieldsInput => {
  const contactName = text(values.contactName);
  const contactPhone = text(values.contactPhone);
  return {
    issuerCode: values.issuerCode ?? '',
    docType: values.docType as DocumentType,
    direction: values.direction as Direction,
    important: values.important,
    normative: values.normative,
    numbered: values.numbered,
    urgency: values.urgency,
    title: values.title?.trim() ?? '',
    mainTo: values.mainTo,
    copyTo: values.copyTo,
    body: parseBodyText(values.bodyText ?? ''),
    attachments: values.attachments,
    attachmentNotes: lines(values.attachmentNotesText),
    disclosure: values.disclosure,
    ...(values.disclosure === '不予公开' && text(values.disclosureReason) ? { disclosureReason: text(values.disclosureReason) } : {}),
    copies: values.copies,
    countersignUnitIds: values.countersignUnitIds,
    ...(values.signerId ? { signerId: values.signerId } : {}),
    ...(values.writtenOn ? { writtenOn: values.writtenOn.format('YYYY-MM-DD') } : {}),
    ...(text(values.annotation) ? { annotation: text(values.annotation) } : {}),
    // Half a contact is no contact: the check below says which half is missing.
    ...(contactName || contactPhone ? { contact: { name: contactName ?? '', phone: contactPhone ?? '' } } : {}),
    jointIssuers: values.jointIssuers.map((name) => name.trim()).filter(Boolean),
    ...(text(values.remarks) ? { remarks: text(values.remarks) } : {}),
    // Only a 纪要 keeps its 议定事项: a drafter who changed the 文种 does not send hidden ones.
    decisions:
      values.docType === '纪要'
        ? values.decisions.map((decision) => ({
            text: decision.text?.trim() ?? '',
            leadUnitId: decision.leadUnitId ?? '',
            helperUnitIds: decision.helperUnitIds ?? [],
            deadline: decision.deadline ? decision.deadline.format('YYYY-MM-DD') : '',
          }))
        : [],
    ...(values.docType === '纪要' && values.meetingId ? { meetingId: values.meetingId } : {}),
    ...(values.docType === '纪要' && values.meetingOn ? { meetingOn: values.meetingOn.format('YYYY-MM-DD') } : {}),
  };
};

/** A saved 发文's fields back into the form (the 修改 action). */
export const fromFields = (fields: Partial<OutgoingFields>): FormValues => ({
  ...emptyValues,
  issuerCode: fields.issuerCode,
  docType: fields.docType,
  direction: fields.direction,
  urgency: fields.urgency ?? '平急',
  title: fields.title,
  mainTo: fields.mainTo ?? [],
  copyTo: fields.copyTo ?? [],
  bodyText: bodyToText(fields.body ?? []),
  attachments: fields.attachments ?? [],
  attachmentNotesText: (fields.attachmentNotes ?? []).join('\n'),
  disclosure: fields.disclosure ?? '主动公开',
  disclosureReason: fields.disclosureReason,
  copies: fields.copies ?? 1,
  numbered: fields.numbered ?? true,
  important: fields.important ?? false,
  normative: fields.normative ?? false,
  countersignUnitIds: fields.countersignUnitIds ?? [],
  signerId: fields.signerId,
  writtenOn: fields.writtenOn ? toPickerValue(fields.writtenOn) : null,
  annotation: fields.annotation,
  contactName: fields.contact?.name,
  contactPhone: fields.contact?.phone,
  jointIssuers: fields.jointIssuers ?? [],
  remarks: fields.remarks,
  decisions: (fields.decisions ?? []).map((decision) => ({ ...decision, deadline: toPickerValue(decision.deadline) })),
  meetingId: fields.meetingId,
  meetingOn: fields.meetingOn ? toPickerValue(fields.meetingOn) : null,
});

export type FieldProblem = { name: keyof FormValues | null; message: string };

const boxOf = (path: readonly PropertyKey[]): keyof FormValues | null => {
  const [head, second] = path.map(String);
  if (head === 'body') return 'bodyText';
  if (head === 'attachmentNotes') return 'attachmentNotesText';
  if (head === 'contact') return second === 'phone' ? 'contactPhone' : 'contactName';
  const known: ReadonlyArray<keyof FormValues> = [
    'issuerCode', 'docType', 'direction', 'urgency', 'title', 'mainTo', 'copyTo', 'attachments', 'disclosure', 'disclosureReason',
    'copies', 'numbered', 'important', 'normative', 'countersignUnitIds', 'signerId', 'writtenOn', 'annotation', 'jointIssuers', 'remarks', 'decisions', 'meetingId', 'meetingOn',
  ];
  return known.find((name) => name === head) ?? null;
};

/** Where a message about `mainTo.0.name` reads better with which entry it is. */
const worded = (path: readonly PropertyKey[], message: string): string => {
  const [head, index] = path;
  if ((head === 'mainTo' || head === 'copyTo' || head === 'jointIssuers') && typeof index === 'number') return `第 ${index + 1} 项：${message}`;
  if (head === 'body' && typeof index === 'number') return `第 ${index + 1} 段：${message}`;
  if (head === 'decisions' && typeof index === 'number') return `议定事项 ${index + 1}：${message}`;
  return message;
};

/** The same checks the server runs (OutgoingFields), as problems per box. */
export const checkValues = (values: FormValues): FieldProblem[] => {
  const parsed = OutgoingFields.safeParse(toFields(values));
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ name: boxOf(issue.path), message: worded(issue.path, issue.message) }));
};

/** The server's `details.fields` ([{path: 'mainTo.0.name', message}]) as problems per box. */
export const problemsFromServer = (details: unknown): FieldProblem[] => {
  const fields = (details as { fields?: Array<{ path?: string; message?: string }> } | null)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.map((field) => {
    const path = (field.path ?? '').split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    return { name: boxOf(path), message: worded(path, field.message ?? '格式不正确') };
  });
};

/** Problems grouped for antd's form.setFields; those with no box are returned apart. */
export const toFormErrors = (problems: readonly FieldProblem[]) => {
  const byBox = new Map<keyof FormValues, string[]>();
  const general: string[] = [];
  for (const problem of problems) {
    if (!problem.name) general.push(problem.message);
    else byBox.set(problem.name, [...new Set([...(byBox.get(problem.name) ?? []), problem.message])]);
  }
  return { fields: [...byBox.entries()].map(([name, errors]) => ({ name, errors })), general };
};
