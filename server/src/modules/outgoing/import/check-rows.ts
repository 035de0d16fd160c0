/**
 * The checks of a 发文登记簿 that need the database: the 代字 must be one of the office's, a 文号
 * must not be in the file twice, nor already in the 文号 ledger — unless the row is the very
 * document imported before (its import key), which an import skips: re-running a file is harmless.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { cases, docNumbers, docNumberSequences, issuerCodes } from '../../../db/schema/index.js';
import { findImportedKeys } from '../../../platform/registers/import-keys.js';
import type { Db } from '../../../platform/db.js';
import type { DocNumberParts, OutgoingRow, RowOutcome } from './parse-rows.js';

const KIND = 'outgoing';
const BATCH = 500;

export type InvalidRow = { row: number; errors: string[] };
export type CheckedRegister = { valid: OutgoingRow[]; invalid: InvalidRow[]; importedKeys: Set<string> };

const inBatches = async <T, R>(items: readonly T[], read: (batch: T[]) => Promise<R[]>): Promise<R[]> => {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += BATCH) results.push(...(await read(items.slice(start, start + BATCH))));
  return results;
};

/** Every 代字 the office has, in use or retired: a historical document may carry a retired one. */
export const loadIssuerCodes = async (db: Db): Promise<Set<string>> =>
  new Set((await db.select({ code: issuerCodes.code }).from(issuerCodes)).map((row) => row.code));

/** The 代字 and years whose numbers the rows carry, in a fixed order (locks are taken in it). */
export const sequencesOf = (numbers: readonly DocNumberParts[]): Array<{ issuerCode: string; year: number }> =>
  [...new Map(numbers.map((number) => [`${number.issuerCode}|${number.year}`, { issuerCode: number.issuerCode, year: number.year }])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, pair]) => pair);

/**
 * Locks the ledger's sequences of these 代字 and years (creating a missing one at 0) until the import
 * commits: a 文号 being allocated meanwhile waits, then continues after the imported numbers.
 */
export const lockSequences = async (tx: Db, pairs: ReadonlyArray<{ issuerCode: string; year: number }>): Promise<void> => {
  for (const { issuerCode, year } of pairs) {
    await tx
      .insert(docNumberSequences)
      .values({ issuerCode, year, lastNo: 0 })
      .onConflictDoUpdate({ target: [docNumberSequences.issuerCode, docNumberSequences.year], set: { lastNo: sql`${docNumberSequences.lastNo}` } });
  }
};

/** Raises each sequence to at least the highest imported number, so new allocations never collide with history. */
export const raiseSequences = async (tx: Db, numbers: readonly DocNumberParts[]) => {
  const highest = new Map<string, DocNumberParts>();
  for (const number of numbers) {
    const key = `${number.issuerCode}|${number.year}`;
    if ((highest.get(key)?.no ?? 0) < number.no) highest.set(key, number);
  }
  const raised: Array<{ issuerCode: string; year: number; lastNo: number }> = [];
  for (const { issuerCode, year } of sequencesOf([...highest.values()])) {
    const no = highest.get(`${issuerCode}|${year}`)!.no;
    const [row] = await tx
      .insert(docNumberSequences)
      .values({ issuerCode, year, lastNo: no })
      .onConflictDoUpdate({
        target: [docNumberSequences.issuerCode, docNumberSequences.year],
        set: { lastNo: sql`greatest(${docNumberSequences.lastNo}, excluded.last_no)` },
      })
      .returning({ lastNo: docNumberSequences.lastNo });
    raised.push({ issuerCode, year, lastNo: row!.lastNo });
  }
  return raised;
};

const statusWords = { used: '已使用', reserved: '已预留', void: '已作废' } as const;

/** The ledger's entries for these 文号, described for a message: 已使用（发稿〔2025〕3号「…」）. */
const findTakenNumbers = async (db: Db, texts: readonly string[]): Promise<Map<string, string>> => {
  const rows = await inBatches(texts, (batch) =>
    db
      .select({ text: docNumbers.text, status: docNumbers.status, serialNo: cases.serialNo, title: cases.title })
      .from(docNumbers)
      .leftJoin(cases, eq(cases.id, docNumbers.caseId))
      .where(inArray(docNumbers.text, batch)),
  );
  const short = (title: string) => (title.length > 20 ? `${title.slice(0, 20)}…` : title);
  return new Map(rows.map((row) => [row.text, `${statusWords[row.status]}${row.serialNo ? `：${row.serialNo}「${short(row.title ?? '')}」` : ''}`]));
};

/** Rows in the order of their 文号's repeats: 文号 → the rows that carry it. */
const repeatsOf = (outcomes: readonly RowOutcome[]): Map<string, number[]> => {
  const rowsByNumber = new Map<string, number[]>();
  for (const outcome of outcomes) {
    if (!outcome.number) continue;
    rowsByNumber.set(outcome.number.text, [...(rowsByNumber.get(outcome.number.text) ?? []), outcome.row]);
  }
  return new Map([...rowsByNumber].filter(([, rows]) => rows.length > 1));
};

/**
 * Adds the database's verdict to the parsed rows. A 文号 repeated in the file makes every row that
 * carries it invalid: which one is right only the register's keeper can tell.
 */
export const checkRows = async ({ db, outcomes, issuers }: { db: Db; outcomes: readonly RowOutcome[]; issuers: ReadonlySet<string> }): Promise<CheckedRegister> => {
  const importedKeys = await findImportedKeys(db, KIND, outcomes.flatMap((outcome) => (outcome.parsed ? [outcome.parsed.key] : [])));
  const numbers = [...new Set(outcomes.flatMap((outcome) => (outcome.number ? [outcome.number.text] : [])))];
  const taken = await findTakenNumbers(db, numbers);
  const repeats = repeatsOf(outcomes);
  const valid: OutgoingRow[] = [];
  const invalid: InvalidRow[] = [];
  for (const outcome of outcomes) {
    const errors = [...outcome.errors];
    if (outcome.issuerCode && !issuers.has(outcome.issuerCode)) errors.push(`机关代字「${outcome.issuerCode}」不存在，请先在机关代字中添加`);
    const number = outcome.number;
    const repeated = number ? repeats.get(number.text) : undefined;
    if (number && repeated) errors.push(`文号「${number.text}」在本文件中重复（第 ${repeated.join('、')} 行）`);
    const isImportedBefore = outcome.parsed !== undefined && importedKeys.has(outcome.parsed.key);
    if (number && !isImportedBefore && taken.has(number.text)) errors.push(`文号已存在：「${number.text}」在文号台账中${taken.get(number.text)}`);
    if (errors.length === 0 && outcome.parsed) valid.push(outcome.parsed);
    else invalid.push({ row: outcome.row, errors: errors.map((error) => `第 ${outcome.row} 行：${error}`) });
  }
  return { valid, invalid, importedKeys };
};
