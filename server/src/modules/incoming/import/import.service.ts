/**
 * Importing a year of historical 收文 from a 收文登记簿: preview (mapping, row check, duplicates),
 * then one transaction in which every row becomes a case through createCase and the flow's own
 * actions (so each has a real trail), dated on its 收文日期, with its import key and one audit row.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { caseImportKeys } from '../../../db/schema/index.js';
import { createCase } from '../../../engine/cases/create-case.js';
import { performAction } from '../../../engine/cases/perform-action.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { AppError, forbidden, validationError } from '../../../platform/errors.js';
import { incomingKind } from '../incoming.kind.js';
import type { ImportMapping, ImportMode, ImportPreview, ImportResult, ImportSampleRow } from '../../../../../common/schemas/incoming-import.js';
import { parseRegisterRows, type ParsedRegister, type ParsedRow } from './parse-rows.js';
import { loadWorkbook, readRegister, type Register } from './read-register.js';
import { fieldLabels, importFields, requiredFields, resolveMapping, suggestMapping, type ColumnMapping } from './register-columns.js';

const IMPORT_COMMENT = '历史收文导入';
const KEY_BATCH = 500;
/** Any number, the same in every process: imports of 收文 take turns (advisory lock, released at commit). */
const IMPORT_LOCK_KEY = 7_262_100;

const assertCanImport = (actor: Actor) => {
  if (!incomingKind.roles.create.some((role) => actor.roles.includes(role))) throw forbidden(`您不能登记${incomingKind.label}，因此不能导入${incomingKind.label}登记簿`);
};

/** Historical cases are registered at 09:00 Beijing time on their 收文日期. */
export const registeredAtOf = (receivedOn: string): Date => new Date(`${receivedOn}T09:00:00+08:00`);

type ReadOutcome = { register: Register; suggested: ColumnMapping; mapping: ColumnMapping; parsed: ParsedRegister };

const readAndParse = async ({ content, mapping, now }: { content: Buffer; mapping: ImportMapping | undefined; now: Date }): Promise<ReadOutcome> => {
  const register = readRegister(await loadWorkbook(content));
  const suggested = suggestMapping(register.headers);
  const resolved = resolveMapping(register.headers, suggested, mapping);
  return { register, suggested, mapping: resolved, parsed: parseRegisterRows({ register, mapping: resolved, today: todayInShanghai(now) }) };
};

const findImportedKeys = async (db: Db, keys: readonly string[]): Promise<Set<string>> => {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += KEY_BATCH) {
    const rows = await db
      .select({ key: caseImportKeys.key })
      .from(caseImportKeys)
      .where(and(eq(caseImportKeys.kind, incomingKind.id), inArray(caseImportKeys.key, keys.slice(start, start + KEY_BATCH))));
    for (const row of rows) found.add(row.key);
  }
  return found;
};

/** Rows to write and rows to skip: imported before, or the same document twice in this file (the first one counts). */
const splitDuplicates = (rows: readonly ParsedRow[], imported: ReadonlySet<string>) => {
  const seen = new Set(imported);
  const fresh: ParsedRow[] = [];
  let duplicates = 0;
  for (const row of rows) {
    if (seen.has(row.key)) duplicates += 1;
    else fresh.push(row);
    seen.add(row.key);
  }
  return { fresh, duplicates };
};

const sampleOf = (row: ParsedRow): ImportSampleRow => ({
  row: row.row,
  receivedOn: row.fields.receivedOn,
  fromOrg: row.fields.fromOrg,
  docNumber: row.fields.docNumber ?? null,
  docType: row.fields.docType,
  title: row.fields.title,
  urgency: row.fields.urgency,
  copies: row.fields.copies,
  pages: row.fields.pages ?? null,
  secrecy: row.fields.secrecy || '非涉密',
  disclosure: row.fields.disclosure,
  remarks: row.fields.remarks ?? null,
  finalState: row.finalState,
  finalStateLabel: incomingKind.states[row.finalState]!,
});

/** Step one: what the register holds and what an import would do with it; writes nothing. */
export const previewIncomingImport = async ({
  db,
  actor,
  content,
  mapping,
  now,
}: {
  db: Db;
  actor: Actor;
  content: Buffer;
  mapping?: ImportMapping;
  now: Date;
}): Promise<ImportPreview> => {
  assertCanImport(actor);
  const read = await readAndParse({ content, mapping, now });
  const { duplicates } = splitDuplicates(read.parsed.valid, await findImportedKeys(db, read.parsed.valid.map((row) => row.key)));
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
    duplicates,
    sample: read.parsed.valid.slice(0, 5).map(sampleOf),
  };
};

/** The flow's own actions from 待初审 to where the register says the document ended. */
const stepsTo = (row: ParsedRow): Array<{ action: string; comment: string; reason?: string }> => {
  if (row.finalState === 'returned') return [{ action: 'return', comment: `${IMPORT_COMMENT}：${row.returnReason}`, reason: row.returnReason! }];
  const filed = [
    { action: 'accept', comment: IMPORT_COMMENT },
    { action: 'propose', comment: IMPORT_COMMENT },
    { action: 'file', comment: IMPORT_COMMENT },
  ];
  return row.finalState === 'archived' ? [...filed, { action: 'archive', comment: IMPORT_COMMENT }] : filed;
};

/** One row as one case: registered on its 收文日期, moved through the flow's own actions, its import key recorded. */
const importRow = async ({ tx, actor, row, now }: { tx: Db; actor: Actor; row: ParsedRow; now: Date }): Promise<void> => {
  const at = registeredAtOf(row.fields.receivedOn);
  try {
    // createCase and performAction open their own transactions: on a transaction they are savepoints.
    const created = await createCase({ db: tx, actor, kindId: incomingKind.id, fields: row.fields, now: at });
    let version = created.version;
    for (const { action, comment, reason } of stepsTo(row)) {
      const input = { version, comment, ...(reason ? { reason } : {}) };
      version = (await performAction({ db: tx, actor, caseId: created.id, action, input, now: at })).version;
    }
    await tx.insert(caseImportKeys).values({ kind: incomingKind.id, key: row.key, caseId: created.id, importedAt: now });
  } catch (error) {
    if (error instanceof AppError) throw validationError(`第 ${row.row} 行导入失败：${error.message}。本次未导入任何记录`, error.details);
    throw error;
  }
};

/**
 * Step two: with 'all', any invalid row refuses the whole file (400 with the rows); with 'valid-only',
 * the valid rows are imported. Rows imported before are skipped, so running the same file again imports 0.
 */
export const importIncomingRegister = async ({
  db,
  actor,
  content,
  fileName,
  mapping,
  mode,
  now,
}: {
  db: Db;
  actor: Actor;
  content: Buffer;
  fileName: string;
  mapping?: ImportMapping;
  mode: ImportMode;
  now: Date;
}): Promise<ImportResult> => {
  assertCanImport(actor);
  const { register, mapping: resolved, parsed } = await readAndParse({ content, mapping, now });
  const unmapped = requiredFields.filter((field) => resolved[field] === null);
  if (unmapped.length > 0) throw validationError(`请先指定这些必填项对应的列：${unmapped.map((field) => fieldLabels[field]).join('、')}`);
  if (parsed.rows === 0) throw validationError('登记簿中没有可导入的数据行');
  if (mode === 'all' && parsed.invalid.length > 0) {
    throw validationError(`有 ${parsed.invalid.length} 行不符合要求，本次未导入任何记录。请修改后重新导入，或选择只导入有效行`, { invalid: parsed.invalid });
  }
  // In date order, so that the historical 收文编号 follow the register.
  const ordered = [...parsed.valid].sort((a, b) => a.fields.receivedOn.localeCompare(b.fields.receivedOn) || a.row - b.row);
  return db.transaction(async (tx) => {
    // One import at a time: a second one waits here, then sees the first one's keys and skips those rows.
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const { fresh, duplicates: skippedDuplicates } = splitDuplicates(ordered, await findImportedKeys(tx, ordered.map((row) => row.key)));
    for (const row of fresh) await importRow({ tx, actor, row, now });
    const imported = fresh.length;
    await writeAudit(tx, { actor }, {
      action: 'incoming.import',
      result: 'success',
      objectType: 'incoming_register',
      objectLabel: fileName,
      details: { sheet: register.sheet, mode, rows: parsed.rows, imported, skippedDuplicates, invalid: parsed.invalid.length },
    });
    return { imported, skippedDuplicates, invalid: parsed.invalid };
  });
};
