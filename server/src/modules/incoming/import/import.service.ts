/**
 * Importing a year of historical 收文 from a 收文登记簿: preview (mapping, row check, duplicates, rows
 * still being handled), then one transaction in which the rows become cases in bulk (write-rows.ts),
 * each with its trail, dated on its 收文日期, with its import key and one audit row. The workbook is
 * read in a worker thread: a large file never stalls the server.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { caseImportKeys, cases } from '../../../db/schema/index.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { forbidden, validationError } from '../../../platform/errors.js';
import { incomingKind } from '../incoming.kind.js';
import type {
  DefaultDocType,
  DuplicateImportRow,
  ImportMapping,
  ImportMode,
  ImportPreview,
  ImportResult,
  ImportSampleRow,
} from '../../../../../common/schemas/incoming-import.js';
import { documentKeyOf, parseRegisterRows, type ParsedRegister, type ParsedRow } from './parse-rows.js';
import { readRegisterOffThread } from '../../../platform/registers/read-off-thread.js';
import type { Register } from '../../../platform/registers/read-register.js';
import { fieldLabels, importFields, incomingHeaderAliases, requiredFields, resolveMapping, suggestMapping, type ColumnMapping } from './register-columns.js';
import { writeRows } from './write-rows.js';

export { registeredAtOf } from './write-rows.js';

/** Any number, the same in every process: imports of 收文 take turns (advisory lock, released at commit). */
const IMPORT_LOCK_KEY = 7_262_100;

const assertCanImport = (actor: Actor) => {
  if (!incomingKind.roles.create.some((role) => actor.roles.includes(role))) throw forbidden(`您不能登记${incomingKind.label}，因此不能导入${incomingKind.label}登记簿`);
};

type ReadOutcome = { register: Register; suggested: ColumnMapping; mapping: ColumnMapping; parsed: ParsedRegister };
type ReadOptions = { content: Buffer; mapping: ImportMapping | undefined; defaultDocType: DefaultDocType | undefined; now: Date };

const readAndParse = async ({ content, mapping, defaultDocType, now }: ReadOptions): Promise<ReadOutcome> => {
  const register = await readRegisterOffThread({ content, aliases: incomingHeaderAliases });
  const suggested = suggestMapping(register.headers);
  const resolved = resolveMapping(register.headers, suggested, mapping);
  return { register, suggested, mapping: resolved, parsed: parseRegisterRows({ register, mapping: resolved, today: todayInShanghai(now), defaultDocType }) };
};

type Earlier = { serialNo: string; reason: string };

/**
 * What is in the system already, in two queries: rows imported before (by their import key) and
 * 收文 of the same 来文机关 + 来文字号 (the rule of 登记), each by the key it was found under.
 */
const findExisting = async (db: Db, rows: readonly ParsedRow[]): Promise<{ byKey: Map<string, Earlier>; byDocument: Map<string, Earlier> }> => {
  const byKey = new Map<string, Earlier>();
  const byDocument = new Map<string, Earlier>();
  if (rows.length === 0) return { byKey, byDocument };
  const imported = await db
    .select({ key: caseImportKeys.key, serialNo: cases.serialNo })
    .from(caseImportKeys)
    .innerJoin(cases, eq(cases.id, caseImportKeys.caseId))
    .where(and(eq(caseImportKeys.kind, incomingKind.id), inArray(caseImportKeys.key, rows.map((row) => row.key))));
  for (const row of imported) byKey.set(row.key, { serialNo: row.serialNo, reason: `已导入过（${row.serialNo}）` });
  const orgs = [...new Set(rows.filter((row) => row.documentKey).map((row) => row.fields.fromOrg))];
  if (orgs.length === 0) return { byKey, byDocument };
  const registered = await db
    .select({ serialNo: cases.serialNo, fromOrg: sql<string>`${cases.fields}->>'fromOrg'`, docNumber: sql<string>`${cases.fields}->>'docNumber'` })
    .from(cases)
    .where(and(eq(cases.kind, incomingKind.id), sql`${cases.fields}->>'docNumber' is not null`, inArray(sql`${cases.fields}->>'fromOrg'`, orgs)))
    .orderBy(cases.createdAt);
  for (const row of registered) {
    const key = documentKeyOf(row);
    if (key && !byDocument.has(key)) byDocument.set(key, { serialNo: row.serialNo, reason: `${row.fromOrg} ${row.docNumber} 已登记过（${row.serialNo}）` });
  }
  return { byKey, byDocument };
};

/** Rows to write and rows to skip — imported before, registered before (same 来文机关 + 来文字号), or earlier in this file — each skip with the earlier one. */
const splitDuplicates = (rows: readonly ParsedRow[], existing: Awaited<ReturnType<typeof findExisting>>) => {
  const seenKeys = new Map<string, number>();
  const seenDocuments = new Map<string, number>();
  const fresh: ParsedRow[] = [];
  const duplicates: DuplicateImportRow[] = [];
  for (const row of rows) {
    const skip = (earlier: { row?: number; serialNo?: string }, reason: string) =>
      duplicates.push({
        row: row.row,
        fromOrg: row.fields.fromOrg,
        docNumber: row.fields.docNumber ?? null,
        title: row.fields.title,
        earlierRow: earlier.row ?? null,
        earlierSerialNo: earlier.serialNo ?? null,
        reason: `第 ${row.row} 行：${reason}`,
      });
    const known = existing.byKey.get(row.key) ?? (row.documentKey ? existing.byDocument.get(row.documentKey) : undefined);
    const earlierRow = seenKeys.get(row.key) ?? (row.documentKey ? seenDocuments.get(row.documentKey) : undefined);
    if (known) skip({ serialNo: known.serialNo }, known.reason);
    else if (earlierRow !== undefined) skip({ row: earlierRow }, `与第 ${earlierRow} 行是同一份来文（来文机关、来文字号相同）`);
    else fresh.push(row);
    if (!seenKeys.has(row.key)) seenKeys.set(row.key, row.row);
    if (row.documentKey && !seenDocuments.has(row.documentKey)) seenDocuments.set(row.documentKey, row.row);
  }
  return { fresh, duplicates };
};

const sampleOf = (row: ParsedRow): ImportSampleRow => ({
  row: row.row,
  receivedOn: row.fields.receivedOn,
  fromOrg: row.fields.fromOrg,
  docNumber: row.fields.docNumber ?? null,
  docNumberAsWritten: row.fields.docNumberAsWritten ?? null,
  docType: row.fields.docType,
  isDocTypeInferred: row.isDocTypeInferred,
  title: row.fields.title,
  urgency: row.fields.urgency,
  copies: row.fields.copies,
  pages: row.fields.pages ?? null,
  secrecy: row.fields.secrecy || '非涉密',
  disclosure: row.fields.disclosure,
  remarks: row.fields.remarks ?? null,
  finalState: row.finalState,
  finalStateLabel: row.finalState === 'open' ? incomingKind.states.proposing! : incomingKind.states[row.finalState]!,
});

type PreviewOptions = { db: Db; actor: Actor; content: Buffer; mapping?: ImportMapping | undefined; defaultDocType?: DefaultDocType | undefined; now: Date };

/** Step one: what the register holds and what an import would do with it; writes nothing. */
export const previewIncomingImport = async ({ db, actor, content, mapping, defaultDocType, now }: PreviewOptions): Promise<ImportPreview> => {
  assertCanImport(actor);
  const read = await readAndParse({ content, mapping, defaultDocType, now });
  const { fresh, duplicates } = splitDuplicates(read.parsed.valid, await findExisting(db, read.parsed.valid));
  return {
    sheet: read.register.sheet,
    headerRow: read.register.headerRow,
    headers: read.register.headers,
    fields: importFields.map((field) => ({ field, label: fieldLabels[field], isRequired: requiredFields.includes(field) })),
    suggestedMapping: read.suggested,
    mapping: read.mapping,
    rows: read.parsed.rows,
    valid: read.parsed.valid.length,
    invalid: read.parsed.invalid,
    duplicates: duplicates.length,
    duplicateRows: duplicates,
    inProgress: fresh.filter((row) => row.finalState === 'open').length,
    defaultDocType: defaultDocType ?? null,
    sample: read.parsed.valid.slice(0, 5).map(sampleOf),
    validRows: fresh.map(sampleOf),
  };
};

/**
 * Step two: with 'all', any invalid row refuses the whole file (400 with the rows); with 'valid-only',
 * the valid rows are imported. Duplicates are skipped, so running the same file again imports 0.
 */
export const importIncomingRegister = async ({
  db,
  actor,
  content,
  fileName,
  mapping,
  defaultDocType,
  mode,
  now,
}: PreviewOptions & { fileName: string; mode: ImportMode }): Promise<ImportResult> => {
  assertCanImport(actor);
  const { register, mapping: resolved, parsed } = await readAndParse({ content, mapping, defaultDocType, now });
  const unmapped = requiredFields.filter((field) => resolved[field] === null);
  if (unmapped.length > 0) throw validationError(`请先指定这些必填项对应的列：${unmapped.map((field) => fieldLabels[field]).join('、')}`);
  if (parsed.rows === 0) throw validationError('登记簿中没有可导入的数据行');
  if (mode === 'all' && parsed.invalid.length > 0) {
    throw validationError(`有 ${parsed.invalid.length} 行不符合要求，本次未导入任何记录。请修改后重新导入，或选择只导入有效行`, { invalid: parsed.invalid });
  }
  return db.transaction(async (tx) => {
    // One import at a time: a second one waits here, then sees the first one's rows and skips them.
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const { fresh, duplicates } = splitDuplicates(parsed.valid, await findExisting(tx, parsed.valid));
    // In date order, so that the historical 收文编号 follow the register.
    const ordered = [...fresh].sort((a, b) => a.fields.receivedOn.localeCompare(b.fields.receivedOn) || a.row - b.row);
    await writeRows({ tx, actor, rows: ordered, now });
    const imported = ordered.length;
    const skippedDuplicates = duplicates.length;
    const inProgress = ordered.filter((row) => row.finalState === 'open').length;
    await writeAudit(tx, { actor }, {
      action: 'incoming.import',
      result: 'success',
      objectType: 'incoming_register',
      objectLabel: fileName,
      details: { sheet: register.sheet, mode, rows: parsed.rows, imported, skippedDuplicates, invalid: parsed.invalid.length, ...(inProgress > 0 ? { inProgress } : {}) },
    });
    return { imported, skippedDuplicates, invalid: parsed.invalid };
  });
};
