/**
 * One register row as one archived 发文: registered through createCase on its 签发 (or 成文) date,
 * then given what the flow would have recorded — 签发, 登记 with its 文号 in the ledger, 印制, 核发,
 * 归档 — each as an event on its historical date in the case's SM3 chain. The flow's own actions
 * cannot be replayed: 签发 needs the signer in person, and 登记 would allocate a new number.
 */
import { caseImportKeys, docNumbers } from '../../../db/schema/index.js';
import { createCase } from '../../../engine/cases/create-case.js';
import { claimCaseVersion, replaceWorkItems, searchColumnsOf } from '../../../engine/cases/cases.repository.js';
import { appendEvent, type NewEvent } from '../../../engine/cases/trail.js';
import type { Actor } from '../../../platform/actor.js';
import type { Db } from '../../../platform/db.js';
import { AppError, conflict, validationError } from '../../../platform/errors.js';
import { outgoingKind } from '../outgoing.kind.js';
import { IMPORT_COMMENT, type OutgoingRow } from './parse-rows.js';

/** Historical steps are dated 09:00 Beijing time on their day. */
export const historicalAt = (day: string): Date => new Date(`${day}T09:00:00+08:00`);

type Step = Pick<NewEvent, 'action' | 'comment' | 'data'> & { to: string; on: string };

/** The steps the register attests, in the flow's order and with the flow's action names. */
const stepsOf = (row: OutgoingRow): Step[] => {
  const signOff = row.signOff;
  const signed: Step[] = signOff
    ? [{
        action: 'sign_off',
        to: 'checking',
        on: signOff.signedOn,
        comment: `${IMPORT_COMMENT}：${signOff.byName ? `登记簿载签发人${signOff.onBehalf ? ` ${signOff.byName}（代${signOff.signerName}）` : ` ${signOff.signerName}`}` : '登记簿未载签发人'}`,
        data: { signerName: signOff.signerName, byName: signOff.byName, onBehalf: signOff.onBehalf, signedOn: signOff.signedOn },
      }]
    : [];
  return [
    ...signed,
    { action: 'register', to: 'printing', on: row.registeredOn, comment: row.number ? IMPORT_COMMENT : `${IMPORT_COMMENT}（无文号）`, data: { docNumber: row.number?.text ?? null } },
    { action: 'print', to: 'distributing', on: row.printedOn, comment: IMPORT_COMMENT },
    { action: 'distribute', to: 'issued', on: row.printedOn, comment: IMPORT_COMMENT },
    { action: 'archive', to: 'archived', on: row.printedOn, comment: IMPORT_COMMENT },
  ];
};

/** What the flow adds to the drafted fields, as far as the register tells it (no signer account, no deliveries). */
const flowFieldsOf = (row: OutgoingRow, source: { fileName: string; by: string; at: Date }) => ({
  signOff: row.signOff
    ? { signerId: null, signerName: row.signOff.signerName, byId: null, byName: row.signOff.byName, onBehalf: row.signOff.onBehalf, signedOn: row.signOff.signedOn, opinion: '', at: historicalAt(row.signOff.signedOn).toISOString() }
    : null,
  docNumber: row.number?.text ?? null,
  registeredOn: row.registeredOn,
  printedOn: row.printedOn,
  distributedOn: row.printedOn,
  deliveries: [],
  revisions: 0,
  imported: { fileName: source.fileName, row: row.row, by: source.by, at: source.at.toISOString() },
});

/** Writes one row inside the import's transaction; any refusal names the row and rolls the whole import back. */
export const writeHistoricalRow = async ({ tx, actor, row, fileName, now }: { tx: Db; actor: Actor; row: OutgoingRow; fileName: string; now: Date }): Promise<string> => {
  try {
    // createCase opens its own transaction: on a transaction it is a savepoint.
    const created = await createCase({ db: tx, actor, kindId: outgoingKind.id, fields: row.fields, now: historicalAt(row.createdOn) });
    const steps = stepsOf(row);
    const closedAt = historicalAt(steps.at(-1)!.on);
    const fields = { ...row.fields, ...flowFieldsOf(row, { fileName, by: actor.displayName, at: now }) };
    const claimed = await claimCaseVersion(tx, {
      caseId: created.id,
      version: created.version,
      set: { state: 'archived', isClosed: true, closedAt, updatedAt: closedAt, fields, title: outgoingKind.titleOf(fields), ...searchColumnsOf(outgoingKind, created.serialNo, fields) },
    });
    if (!claimed) throw conflict();
    await replaceWorkItems(tx, created.id, [], closedAt);
    let state = outgoingKind.initialState;
    for (const step of steps) {
      await appendEvent(tx, {
        caseId: created.id,
        at: historicalAt(step.on),
        actorId: actor.userId,
        actorName: actor.displayName,
        action: step.action,
        fromState: state,
        toState: step.to,
        comment: step.comment ?? null,
        data: step.data ?? null,
      });
      state = step.to;
    }
    if (row.number) {
      const { issuerCode, year, no, text } = row.number;
      await tx
        .insert(docNumbers)
        .values({ issuerCode, year, no, text, status: 'used', caseId: created.id, note: IMPORT_COMMENT, createdBy: actor.userId, createdAt: historicalAt(row.registeredOn) });
    }
    await tx.insert(caseImportKeys).values({ kind: outgoingKind.id, key: row.key, caseId: created.id, importedAt: now });
    return created.id;
  } catch (error) {
    if (error instanceof AppError) throw validationError(`第 ${row.row} 行导入失败：${error.message}。本次未导入任何记录`, error.details);
    throw error;
  }
};
