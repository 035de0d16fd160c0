/** The contract of the 发文登记簿 import: the mapping and mode a client sends, the preview and result it gets. */
import { z } from 'zod';
import { ImportMode, InvalidImportRow } from './register-import.js';

export { ImportMode, InvalidImportRow };

/** The columns of a 发文登记簿 the import understands (the 发文 ledger's own export among them). */
export const outgoingImportFields = [
  'docNumber',
  'issuerCode',
  'docType',
  'title',
  'mainTo',
  'copyTo',
  'signer',
  'signedOn',
  'writtenOn',
  'registeredOn',
  'printedOn',
  'copies',
  'disclosure',
  'direction',
  'urgency',
  'remarks',
] as const;
export const OutgoingImportField = z.enum(outgoingImportFields);
export type OutgoingImportField = z.infer<typeof OutgoingImportField>;

export const outgoingFieldLabels: Record<OutgoingImportField, string> = {
  docNumber: '文号',
  issuerCode: '机关代字',
  docType: '文种',
  title: '标题',
  mainTo: '主送',
  copyTo: '抄送',
  signer: '签发人',
  signedOn: '签发日期',
  writtenOn: '成文日期',
  registeredOn: '登记日期',
  printedOn: '印发日期',
  copies: '印发份数',
  disclosure: '公开属性',
  direction: '行文方向',
  urgency: '紧急程度',
  remarks: '备注',
};

/** Field → 0-based index into the preview's `headers`; null leaves the field unmapped, a missing field keeps the guess. */
export const OutgoingImportMapping = z.partialRecord(OutgoingImportField, z.number().int().min(0, '列序号不能为负').nullable());
export type OutgoingImportMapping = z.infer<typeof OutgoingImportMapping>;

const FullMapping = z.record(OutgoingImportField, z.number().int().nullable());

export const OutgoingImportSampleRow = z.object({
  row: z.number().int(),
  /** null: a document issued without a 文号. */
  docNumber: z.string().nullable(),
  issuerCode: z.string(),
  docType: z.string(),
  direction: z.string(),
  /** Whether 行文方向 was inferred from the 文种 (the register had none). */
  isDirectionInferred: z.boolean(),
  title: z.string(),
  mainTo: z.string(),
  signer: z.string().nullable(),
  signedOn: z.string().nullable(),
  writtenOn: z.string(),
  printedOn: z.string(),
  copies: z.number().int(),
  disclosure: z.string(),
});
export type OutgoingImportSampleRow = z.infer<typeof OutgoingImportSampleRow>;

export const OutgoingImportPreview = z.object({
  sheet: z.string(),
  /** The Excel row the headers were found on (a title line may sit above). */
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** The fields a column can be mapped to, for the mapping step. */
  fields: z.array(z.object({ field: OutgoingImportField, label: z.string(), isRequired: z.boolean() })),
  suggestedMapping: FullMapping,
  /** The mapping this preview was parsed with: the suggestion with the client's choices applied. */
  mapping: FullMapping,
  rows: z.number().int(),
  valid: z.number().int(),
  /** Every row that cannot be imported, with all its reasons (format, 代字, 文号 taken or repeated). */
  invalid: z.array(InvalidImportRow),
  /** Valid rows an import would skip: imported before (the same document, by its import key). */
  duplicates: z.number().int(),
  /** Of the rows to import, how many carry a 文号. */
  numbered: z.number().int(),
  sample: z.array(OutgoingImportSampleRow),
});
export type OutgoingImportPreview = z.infer<typeof OutgoingImportPreview>;

/** Where the 文号 ledger of a 代字 and year stands after the import: new numbers start after lastNo. */
export const ImportedSequence = z.object({ issuerCode: z.string(), year: z.number().int(), lastNo: z.number().int() });

export const OutgoingImportResult = z.object({
  imported: z.number().int(),
  skippedDuplicates: z.number().int(),
  invalid: z.array(InvalidImportRow),
  sequences: z.array(ImportedSequence),
});
export type OutgoingImportResult = z.infer<typeof OutgoingImportResult>;
