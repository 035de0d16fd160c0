/**
 * Importing historical 发文 from a 发文登记簿: preview (mapping, every bad row with its reasons,
 * what is already in), then one transaction in which each row becomes an archived 发文 with its
 * trail, its 文号 enters the ledger and the ledger's sequences are raised past it — with its import
 * key and one audit row. As the 收文 import: 'all' or 'valid-only', and re-running a file imports 0.
 */
import { sql } from 'drizzle-orm';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { forbidden, validationError } from '../../../platform/errors.js';
import { readRegisterOffThread } from '../../../platform/registers/read-off-thread.js';
import type { Register } from '../../../platform/registers/read-register.js';
import { splitImported } from '../../../platform/registers/import-keys.js';
import { outgoingKind } from '../outgoing.kind.js';
import type {
  ImportMode,
  OutgoingImportMapping,
  OutgoingImportPreview,
  OutgoingImportResult,
  OutgoingImportSampleRow,
} from '../../../../../common/schemas/outgoing-import.js';
import { checkRows, loadIssuerCodes, lockSequences, raiseSequences, sequencesOf, type CheckedRegister } from './check-rows.js';
import { parseOutgoingRows, type OutgoingRow, type RowOutcome } from './parse-rows.js';
import { dateFields, fieldLabels, importFields, outgoingHeaderAliases, requiredFields, resolveMapping, suggestMapping, type ColumnMapping } from './register-columns.js';
import { writeHistoricalRow } from './write-row.js';

/** Any number, the same in every process: imports of 发文 take turns (advisory lock, released at commit). */
const IMPORT_LOCK_KEY = 7_262_101;

const assertCanImport = (actor: Actor) => {
  if (!outgoingKind.roles.create.some((role) => actor.roles.includes(role))) throw forbidden(`您不能登记${outgoingKind.label}，因此不能导入${outgoingKind.label}登记簿`);
};

type ReadOutcome = { register: Register; suggested: ColumnMapping; mapping: ColumnMapping; outcomes: RowOutcome[] };

const readAndParse = async ({ content, mapping, now }: { content: Buffer; mapping: OutgoingImportMapping | undefined; now: Date }): Promise<ReadOutcome> => {
  const register = await readRegisterOffThread({ content, aliases: outgoingHeaderAliases });
  const suggested = suggestMapping(register.headers);
  const resolved = resolveMapping(register.headers, suggested, mapping);
  return { register, suggested, mapping: resolved, outcomes: parseOutgoingRows({ register, mapping: resolved, today: todayInShanghai(now) }) };
};

const sampleOf = (row: OutgoingRow): OutgoingImportSampleRow => ({
  row: row.row,
  docNumber: row.number?.text ?? null,
  issuerCode: row.fields.issuerCode,
  docType: row.fields.docType,
  direction: row.fields.direction,
  isDirectionInferred: row.isDirectionInferred,
  title: row.fields.title,
  mainTo: row.fields.mainTo.map((recipient) => recipient.name).join('、'),
  signer: row.signOff?.byName ? (row.signOff.onBehalf ? `${row.signOff.byName}（代${row.signOff.signerName}）` : row.signOff.signerName) : null,
  signedOn: row.signOff?.signedOn ?? null,
  writtenOn: row.fields.writtenOn ?? row.createdOn,
  printedOn: row.printedOn,
  copies: row.fields.copies,
  disclosure: row.fields.disclosure,
});

/** Step one: what the register holds and what an import would do with it; writes nothing. */
export const previewOutgoingImport = async ({
  db,
  actor,
  content,
  mapping,
  now,
}: {
  db: Db;
  actor: Actor;
  content: Buffer;
  mapping?: OutgoingImportMapping;
  now: Date;
}): Promise<OutgoingImportPreview> => {
  assertCanImport(actor);
  const read = await readAndParse({ content, mapping, now });
  const checked = await checkRows({ db, outcomes: read.outcomes, issuers: await loadIssuerCodes(db) });
  const { fresh, duplicates } = splitImported(checked.valid, checked.importedKeys);
  return {
    sheet: read.register.sheet,
    headerRow: read.register.headerRow,
    headers: read.register.headers,
    fields: importFields.map((field) => ({ field, label: fieldLabels[field], isRequired: requiredFields.includes(field) })),
    suggestedMapping: read.suggested,
    mapping: read.mapping,
    rows: read.outcomes.length,
    valid: checked.valid.length,
    invalid: checked.invalid,
    duplicates,
    numbered: fresh.filter((row) => row.number).length,
    sample: checked.valid.slice(0, 5).map(sampleOf),
  };
};

const assertMapped = (mapping: ColumnMapping) => {
  const unmapped = requiredFields.filter((field) => mapping[field] === null);
  if (unmapped.length > 0) throw validationError(`请先指定这些必填项对应的列：${unmapped.map((field) => fieldLabels[field]).join('、')}`);
  if (dateFields.every((field) => mapping[field] === null)) throw validationError('请先指定签发日期或成文日期对应的列');
};

const refuseInvalid = (checked: CheckedRegister) => {
  throw validationError(`有 ${checked.invalid.length} 行不符合要求，本次未导入任何记录。请修改后重新导入，或选择只导入有效行`, { invalid: checked.invalid });
};

/**
 * Step two: with 'all', any invalid row refuses the whole file (400 with the rows); with 'valid-only',
 * the valid rows are imported. Rows imported before are skipped, so running the same file again imports 0.
 */
export const importOutgoingRegister = async ({
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
  mapping?: OutgoingImportMapping;
  mode: ImportMode;
  now: Date;
}): Promise<OutgoingImportResult> => {
  assertCanImport(actor);
  const { register, mapping: resolved, outcomes } = await readAndParse({ content, mapping, now });
  assertMapped(resolved);
  if (outcomes.length === 0) throw validationError('登记簿中没有可导入的数据行');
  // Refused before the transaction when the file alone is wrong; the ledger is checked again inside it.
  if (mode === 'all' && outcomes.some((outcome) => outcome.errors.length > 0)) refuseInvalid(await checkRows({ db, outcomes, issuers: await loadIssuerCodes(db) }));
  return db.transaction(async (tx) => {
    // One import at a time: a second one waits here, then sees the first one's keys and skips those rows.
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const issuers = await loadIssuerCodes(tx);
    // The sequences first: a 文号 allocated meanwhile either committed before (and is seen below) or waits for this import.
    const candidates = outcomes.flatMap((outcome) => (outcome.parsed?.number && issuers.has(outcome.parsed.number.issuerCode) ? [outcome.parsed.number] : []));
    await lockSequences(tx, sequencesOf(candidates));
    const checked = await checkRows({ db: tx, outcomes, issuers });
    if (mode === 'all' && checked.invalid.length > 0) refuseInvalid(checked);
    // In date order, so that the 发稿 serials follow the register.
    const ordered = [...checked.valid].sort((a, b) => a.createdOn.localeCompare(b.createdOn) || a.row - b.row);
    const { fresh, duplicates: skippedDuplicates } = splitImported(ordered, checked.importedKeys);
    for (const row of fresh) await writeHistoricalRow({ tx, actor, row, fileName, now });
    const sequences = await raiseSequences(tx, fresh.flatMap((row) => (row.number ? [row.number] : [])));
    const imported = fresh.length;
    await writeAudit(tx, { actor }, {
      action: 'outgoing.import',
      result: 'success',
      objectType: 'outgoing_register',
      objectLabel: fileName,
      details: { sheet: register.sheet, mode, rows: outcomes.length, imported, numbered: fresh.filter((row) => row.number).length, skippedDuplicates, invalid: checked.invalid.length, sequences },
    });
    return { imported, skippedDuplicates, invalid: checked.invalid, sequences };
  });
};
