/**
 * Importing a session's 建议/提案 list: preview (the mapping guessed, every bad row named, what is in
 * already), then one transaction registering each valid row with its import key (body + 届次 + session +
 * number) and one audit row. 'all' refuses the file when a row is bad; 'valid-only' leaves the bad rows
 * out; a second run of the same list adds nothing.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { userRoles, users } from '../../../db/schema/index.js';
import { quote } from '../../../platform/registers/cells.js';
import { findImportedKeys, splitImported } from '../../../platform/registers/import-keys.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { readRegisterOffThread } from '../../../platform/registers/read-off-thread.js';
import {
  bodyLabels,
  proposalFieldLabels,
  proposalImportFields,
  type ImportMode,
  type ProposalImportMapping,
  type ProposalImportPreview,
  type ProposalImportResult,
  type ProposalImportSession,
} from '../../../../../common/schemas/proposal.js';
import { assertProposalOffice, KIND, openProposal } from '../proposal.service.js';
import { parseProposalRows, type ProposalRow } from './parse-proposal-rows.js';
import { proposalHeaderAliases, requiredProposalFields, resolveMapping, suggestMapping, type ProposalColumnMapping } from './proposal-columns.js';

/** Imports take turns (advisory lock, released at commit): a second one then skips the first one's rows. */
const IMPORT_LOCK_KEY = 7_262_114;

/** 领办领导 as written → the leader's account, when exactly one active leader has that name. */
const leadersByName = async (db: Db, names: readonly string[]): Promise<Map<string, string>> => {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'leader')))
    .where(and(inArray(users.displayName, wanted), eq(users.isActive, true)));
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.name, (counts.get(row.name) ?? 0) + 1);
  return new Map(rows.filter((row) => counts.get(row.name) === 1).map((row) => [row.name, row.id]));
};

const readAndParse = async ({ db, content, mapping, session }: { db: Db; content: Buffer; mapping?: ProposalImportMapping; session: ProposalImportSession }) => {
  const register = await readRegisterOffThread({ content, aliases: proposalHeaderAliases });
  const suggested = suggestMapping(register.headers);
  const resolved = resolveMapping(register.headers, suggested, mapping);
  const outcomes = parseProposalRows({ register, mapping: resolved, session });
  // The 领办领导 must be a leader of the system, named so that it is one person: otherwise the row is named.
  const leaders = await leadersByName(db, outcomes.flatMap((outcome) => (outcome.parsed?.keyLeader ? [outcome.parsed.keyLeader] : [])));
  const checked = outcomes.map((outcome) => {
    const name = outcome.parsed?.keyLeader;
    if (!outcome.parsed || !name) return outcome;
    const leaderId = leaders.get(name);
    if (!leaderId) return { row: outcome.row, errors: [`领办领导${quote(name)}不是系统中的政府领导（或同名多人），请核对姓名`] };
    return { ...outcome, parsed: { ...outcome.parsed, input: { ...outcome.parsed.input, keyLeaderId: leaderId } } };
  });
  const valid = checked.flatMap((outcome) => (outcome.parsed ? [outcome.parsed] : []));
  const invalid = checked.filter((outcome) => !outcome.parsed).map(({ row, errors }) => ({ row, errors }));
  return { register, suggested, mapping: resolved, outcomes: checked, valid, invalid };
};

const assertMapped = (mapping: ProposalColumnMapping) => {
  const unmapped = requiredProposalFields.filter((field) => mapping[field] === null);
  if (unmapped.length > 0) throw validationError(`请先指定这些必填项对应的列：${unmapped.map((field) => proposalFieldLabels[field]).join('、')}`);
};

type ImportFile = { db: Db; actor: Actor; content: Buffer; mapping?: ProposalImportMapping; session: ProposalImportSession; now: Date };

export const previewProposalImport = async ({ db, actor, content, mapping, session }: ImportFile): Promise<ProposalImportPreview> => {
  assertProposalOffice(actor);
  const read = await readAndParse({ db, content, mapping, session });
  const { duplicates } = splitImported(read.valid, await findImportedKeys(db, KIND, read.valid.map((row) => row.key)));
  return {
    sheet: read.register.sheet,
    headerRow: read.register.headerRow,
    headers: read.register.headers,
    fields: proposalImportFields.map((field) => ({ field, label: proposalFieldLabels[field], isRequired: requiredProposalFields.includes(field) })),
    suggestedMapping: read.suggested,
    mapping: read.mapping,
    rows: read.outcomes.length,
    valid: read.valid.length,
    invalid: read.invalid,
    duplicates,
    sample: read.valid.slice(0, 5).map(({ row, input }: ProposalRow) => ({ row, number: input.number, title: input.title, leadName: input.leadName, cosigners: input.cosigners, group: input.group ?? null, category: input.category ?? null, isKey: input.isKey })),
  };
};

export const importProposals = async ({ db, actor, content, fileName, mapping, mode, session, now }: ImportFile & { fileName: string; mode: ImportMode }): Promise<ProposalImportResult> => {
  assertProposalOffice(actor);
  const read = await readAndParse({ db, content, mapping, session });
  assertMapped(read.mapping);
  if (read.outcomes.length === 0) throw validationError('名单中没有可导入的行');
  if (mode === 'all' && read.invalid.length > 0) {
    throw validationError(`有 ${read.invalid.length} 行不符合要求，本次未导入任何一件。请修改后重新导入，或选择只导入有效行`, { invalid: read.invalid });
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const { fresh, duplicates } = splitImported(read.valid, await findImportedKeys(tx, KIND, read.valid.map((row) => row.key)));
    const caseIds: string[] = [];
    for (const row of fresh) {
      try {
        caseIds.push((await openProposal({ db: tx, actor, item: row.input, now })).id);
      } catch (error) {
        if (error instanceof AppError) throw validationError(`第 ${row.row} 行登记失败：${error.message}。本次未导入任何一件`, error.details);
        throw error;
      }
    }
    await writeAudit(tx, { actor }, {
      action: 'proposal.import',
      result: 'success',
      objectType: 'proposal_list',
      objectLabel: fileName,
      details: { body: bodyLabels[session.body], term: session.term, session: session.session, mode, rows: read.outcomes.length, imported: caseIds.length, skippedDuplicates: duplicates, invalid: read.invalid.length },
    });
    return { imported: caseIds.length, skippedDuplicates: duplicates, invalid: read.invalid, caseIds };
  });
};
