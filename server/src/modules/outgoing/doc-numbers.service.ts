/**
 * The 文号 ledger (《党政机关公文处理工作条例》第二十五条, GB/T 9704-2012 7.2.4): one sequence per
 * 机关代字 and year, advanced only in the transaction that records the number, so a number is never
 * given twice and never skipped — except by a void, which keeps its reason and stays in the ledger.
 * Format: 示政办发〔2026〕12号 — 六角括号, the full year, no leading zeros, no 第.
 */
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import { docNumbers, docNumberSequences, issuerCodes } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, invalidState, notFound, validationError } from '../../platform/errors.js';

export const formatDocNumber = (issuerCode: string, year: number, no: number): string => `${issuerCode}〔${year}〕${no}号`;

/** What is wrong with a 文号 as written (e.g. 秦港股份政字[2018]246号): empty when it follows the standard. */
export const checkDocNumberText = (text: string): string[] => {
  const problems: string[] = [];
  const trimmed = text.trim();
  if (/[[\]【】()（）{}]/.test(trimmed)) problems.push('年份须用六角括号〔〕，不用方括号或圆括号');
  if (/第\s*\d/.test(trimmed)) problems.push('序号前不加“第”');
  const match = /〔(\d+)〕(\d+)号$/.exec(trimmed);
  if (!match) {
    if (!/号$/.test(trimmed)) problems.push('文号以“号”结尾');
    if (!/〔\d{4}〕/.test(trimmed)) problems.push('年份写全称并置于〔〕内，如〔2026〕');
    return problems;
  }
  if (match[1]!.length !== 4) problems.push('年份须写全称（四位数字）');
  if (/^0/.test(match[2]!)) problems.push('序号不编虚位（不加前导 0）');
  if (!/^[\p{Script=Han}A-Za-z]+〔/u.test(trimmed)) problems.push('文号以机关代字开头');
  return problems;
};

const office = ['clerk', 'director'] as const;
const assertOffice = (actor: Actor) => {
  if (!office.some((role) => actor.roles.includes(role))) throw forbidden('只有秘书科工作人员可以管理文号');
};

const assertIssuer = async (db: Db, issuerCode: string) => {
  const [issuer] = await db.select().from(issuerCodes).where(eq(issuerCodes.code, issuerCode));
  if (!issuer || !issuer.isActive) throw validationError(`机关代字「${issuerCode}」不存在或已停用`);
  return issuer;
};

/** The next number of a 代字 and year, inside the caller's transaction (rolls back with it: no gap). */
const nextNumber = async (tx: Db, issuerCode: string, year: number): Promise<number> => {
  const [row] = await tx
    .insert(docNumberSequences)
    .values({ issuerCode, year, lastNo: 1 })
    .onConflictDoUpdate({ target: [docNumberSequences.issuerCode, docNumberSequences.year], set: { lastNo: sql`${docNumberSequences.lastNo} + 1` } })
    .returning({ lastNo: docNumberSequences.lastNo });
  return row!.lastNo;
};

export type DocNumber = typeof docNumbers.$inferSelect;

/**
 * Gives a document its 文号. Call it inside the transaction that registers the document; a case
 * that already holds a number is refused (two tabs registering the same draft get one number).
 */
export const allocateDocNumber = async ({
  tx,
  actor,
  issuerCode,
  year,
  caseId,
  now,
  reservationId,
}: {
  tx: Db;
  actor: Actor;
  issuerCode: string;
  year: number;
  caseId: string;
  now: Date;
  /** A number reserved (预留) earlier for this document, used instead of the next one. */
  reservationId?: string | undefined;
}): Promise<DocNumber> => {
  await assertIssuer(tx, issuerCode);
  const [held] = await tx.select({ text: docNumbers.text }).from(docNumbers).where(eq(docNumbers.caseId, caseId));
  if (held) throw conflict(`该文件已编号：${held.text}`);
  if (reservationId) {
    // Only a live reservation of this 代字 and year; the status check in the WHERE makes a second taker lose (409).
    const [taken] = await tx
      .update(docNumbers)
      .set({ status: 'used', caseId, reservedUntil: null, version: sql`${docNumbers.version} + 1` })
      .where(and(eq(docNumbers.id, reservationId), eq(docNumbers.status, 'reserved'), eq(docNumbers.issuerCode, issuerCode), eq(docNumbers.year, year), gt(docNumbers.reservedUntil, now)))
      .returning();
    if (!taken) throw conflict('所选预留文号已被使用、已作废或已过期，或不属于本机关代字和年度');
    return taken;
  }
  const no = await nextNumber(tx, issuerCode, year);
  const [row] = await tx
    .insert(docNumbers)
    .values({ issuerCode, year, no, text: formatDocNumber(issuerCode, year, no), status: 'used', caseId, createdBy: actor.userId, createdAt: now })
    .returning();
  return row!;
};

/** 预留: takes the next number now for a document still being prepared; it lapses (void) after `until`. */
export const reserveDocNumber = async ({
  db,
  actor,
  issuerCode,
  year,
  until,
  note,
  now,
  requestKey,
}: {
  db: Db;
  actor: Actor;
  issuerCode: string;
  year: number;
  until: Date;
  note: string;
  now: Date;
  /** The client's key for this request: a retry returns the number already reserved instead of a second one. */
  requestKey?: string | undefined;
}): Promise<DocNumber> => {
  assertOffice(actor);
  if (until <= now) throw validationError('预留截止时间须晚于现在');
  const earlier = requestKey ? await findByRequestKey(db, requestKey) : undefined;
  if (earlier) {
    if (earlier.createdBy !== actor.userId || earlier.issuerCode !== issuerCode) throw conflict('该请求编号已被使用');
    return earlier;
  }
  return db.transaction(async (tx) => {
    await assertIssuer(tx, issuerCode);
    const no = await nextNumber(tx, issuerCode, year);
    const [row] = await tx
      .insert(docNumbers)
      .values({ issuerCode, year, no, text: formatDocNumber(issuerCode, year, no), status: 'reserved', reservedUntil: until, note, requestKey: requestKey ?? null, createdBy: actor.userId, createdAt: now })
      .returning();
    await writeAudit(tx, { actor }, { action: 'docnumber.reserve', result: 'success', objectType: 'doc_number', objectId: row!.id, objectLabel: row!.text, details: { until: until.toISOString(), note } });
    return row!;
  });
};

const findByRequestKey = async (db: Db, requestKey: string): Promise<DocNumber | undefined> =>
  (await db.select().from(docNumbers).where(eq(docNumbers.requestKey, requestKey)))[0];

/** Voids a reserved or used number with a reason: the number stays in the ledger and is never given again. */
export const voidDocNumber = async ({ db, actor, numberId, version, reason }: { db: Db; actor: Actor; numberId: string; version: number; reason: string }): Promise<DocNumber> => {
  assertOffice(actor);
  if (reason.trim().length < 2) throw validationError('作废须写明理由');
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(docNumbers).where(eq(docNumbers.id, numberId));
    if (!current) throw notFound('文号');
    if (current.version !== version) throw conflict();
    if (current.status === 'void') throw invalidState('该文号已作废');
    const [row] = await tx
      .update(docNumbers)
      .set({ status: 'void', voidReason: reason.trim(), version: version + 1 })
      .where(and(eq(docNumbers.id, numberId), eq(docNumbers.version, version)))
      .returning();
    if (!row) throw conflict();
    await writeAudit(tx, { actor }, { action: 'docnumber.void', result: 'success', objectType: 'doc_number', objectId: row.id, objectLabel: row.text, details: { reason: row.voidReason, was: current.status } });
    return row;
  });
};

/** Reservations past their date lapse into voids, so the ledger never shows a silent gap. */
export const expireReservations = async ({ db, now }: { db: Db; now: Date }): Promise<number> => {
  const rows = await db
    .update(docNumbers)
    .set({ status: 'void', voidReason: '预留到期未使用', version: sql`${docNumbers.version} + 1` })
    .where(and(eq(docNumbers.status, 'reserved'), lt(docNumbers.reservedUntil, now)))
    .returning({ id: docNumbers.id });
  return rows.length;
};

/** The ledger of one 代字 and year, in number order, with any gap named (there should be none). */
export const listDocNumbers = async ({ db, actor, issuerCode, year, now }: { db: Db; actor: Actor; issuerCode: string; year: number; now: Date }) => {
  if (!actor.permissions.has('docnumber.read')) throw forbidden();
  await expireReservations({ db, now });
  const rows = await db
    .select()
    .from(docNumbers)
    .where(and(eq(docNumbers.issuerCode, issuerCode), eq(docNumbers.year, year)))
    .orderBy(asc(docNumbers.no));
  const gaps = rows.flatMap((row, index) => (row.no !== index + 1 ? [index + 1] : [])).slice(0, 1);
  return { rows, gaps };
};
