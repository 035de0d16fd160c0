/** The contract of the 收文登记簿 import: the mapping and mode a client sends, the preview and result it gets. */
import { z } from 'zod';
import { documentTypes } from '../documents/official.js';
import { ImportMode, InvalidImportRow } from './register-import.js';

export { ImportMode, InvalidImportRow };

/** The columns of a 收文登记簿 the import understands. */
export const importFields = [
  'receivedOn',
  'fromOrg',
  'docNumber',
  'docType',
  'title',
  'urgency',
  'copies',
  'pages',
  'secrecy',
  'disclosure',
  'status',
  'closedOn',
  'remarks',
] as const;
export const ImportField = z.enum(importFields);
export type ImportField = z.infer<typeof ImportField>;

export const fieldLabels: Record<ImportField, string> = {
  receivedOn: '收文日期',
  fromOrg: '来文机关',
  docNumber: '来文字号',
  docType: '文种',
  title: '标题',
  urgency: '紧急程度',
  copies: '份数',
  pages: '页数',
  secrecy: '密级',
  disclosure: '公开属性',
  status: '办理情况',
  closedOn: '办结日期',
  remarks: '备注',
};

/** Columns a row cannot do without (the kind's required fields). */

/** Field → 0-based index into the preview's `headers`; null leaves the field unmapped, a missing field keeps the guess. */
export const ImportMapping = z.partialRecord(ImportField, z.number().int().min(0, '列序号不能为负').nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

/** The 文种 of rows whose register gives none and whose title does not tell (sent with the upload as `defaultDocType`). */
export const DefaultDocType = z.enum(documentTypes, { message: '默认文种应为条例规定的 15 种文种之一' });
export type DefaultDocType = z.infer<typeof DefaultDocType>;

const FullMapping = z.record(ImportField, z.number().int().nullable());

export const DuplicateImportRow = z.object({
  row: z.number().int(),
  fromOrg: z.string(),
  docNumber: z.string().nullable(),
  title: z.string(),
  /** The earlier row of this file, or the 收文编号 of the record already in the system. */
  earlierRow: z.number().int().nullable(),
  earlierSerialNo: z.string().nullable(),
  reason: z.string(),
});
export type DuplicateImportRow = z.infer<typeof DuplicateImportRow>;

export const ImportSampleRow = z.object({
  row: z.number().int(),
  receivedOn: z.string(),
  fromOrg: z.string(),
  docNumber: z.string().nullable(),
  /** The 文号 as the register wrote it, when normalising changed it (示教发［2025］003号). */
  docNumberAsWritten: z.string().nullable(),
  docType: z.string(),
  /** The 文种 was read from the title's ending or is the file's default: the register had none. */
  isDocTypeInferred: z.boolean(),
  title: z.string(),
  urgency: z.string(),
  copies: z.number().int(),
  pages: z.number().int().nullable(),
  secrecy: z.string(),
  disclosure: z.string(),
  remarks: z.string().nullable(),
  finalState: z.enum(['closed', 'archived', 'returned', 'open']),
  finalStateLabel: z.string(),
});
export type ImportSampleRow = z.infer<typeof ImportSampleRow>;

export const ImportPreview = z.object({
  sheet: z.string(),
  /** The Excel row the headers were found on (a title line may sit above). */
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** The fields a column can be mapped to, for the mapping step. */
  fields: z.array(z.object({ field: ImportField, label: z.string(), isRequired: z.boolean() })),
  suggestedMapping: FullMapping,
  /** The mapping this preview was parsed with: the suggestion with the client's choices applied. */
  mapping: FullMapping,
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.array(InvalidImportRow),
  /** Valid rows that an import would skip: imported before, or repeated within this file. */
  duplicates: z.number().int(),
  /** Each skipped row with the earlier one: a row of this file or a 收文 already in the system. */
  duplicateRows: z.array(DuplicateImportRow),
  /** Rows still being handled: imported as open 收文 waiting for 拟办. */
  inProgress: z.number().int(),
  /** The default 文种 this preview was parsed with, if any. */
  defaultDocType: DefaultDocType.nullable(),
  sample: z.array(ImportSampleRow),
  /** Every row an import would write, in register order. */
  validRows: z.array(ImportSampleRow),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  imported: z.number().int(),
  skippedDuplicates: z.number().int(),
  invalid: z.array(InvalidImportRow),
});
export type ImportResult = z.infer<typeof ImportResult>;
