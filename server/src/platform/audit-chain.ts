/**
 * Checking and sealing the audit log's keyed chains, one a lane (see audit.ts): a gap in a lane's sequence
 * is a deleted row, a MAC that does not recompute is a row changed without the key (or moved from another
 * lane), a tail (audit_lanes) ahead of the lane's newest row is the newest rows deleted, and a missing tail
 * is a whole lane removed.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { auditLanes, auditLog, trailSeal } from '../db/schema/index.js';
import type { Db } from './db.js';
import { AUDIT_LANES, auditMac, auditPrevMac, type AuditContent } from './audit.js';

export type AuditBreak = { lane: number; seq: number; auditId: number | null; reason: string };

type AuditRow = typeof auditLog.$inferSelect;

const contentOf = (row: AuditRow): AuditContent => ({
  seq: row.seq,
  at: row.at,
  actorId: row.actorId,
  actorName: row.actorName,
  ip: row.ip,
  action: row.action,
  result: row.result,
  objectType: row.objectType,
  objectId: row.objectId,
  objectLabel: row.objectLabel,
  details: row.details,
});

const readLegacySeq = async (db: Db) => {
  const [seal] = await db.select({ auditLegacySeq: trailSeal.auditLegacySeq }).from(trailSeal).where(eq(trailSeal.id, 1));
  if (!seal) throw new Error('trail_seal row missing (migration 0011)');
  return seal.auditLegacySeq;
};

const missing = (from: number, to: number) => (from === to ? `第 ${from} 条` : `第 ${from}–${to} 条`);

type LaneCheck = { checkedRows: number; problem: AuditBreak | undefined };

/** Walks one lane in order, a page at a time; returns the first break, if any. */
const verifyLane = async (db: Db, tail: typeof auditLanes.$inferSelect, legacySeq: number): Promise<LaneCheck> => {
  const { lane } = tail;
  let checkedRows = 0;
  let prev: { seq: number; mac: string | null } = { seq: 0, mac: null };
  for (;;) {
    const page = await db.select().from(auditLog).where(and(eq(auditLog.lane, lane), gt(auditLog.seq, prev.seq))).orderBy(asc(auditLog.seq)).limit(5_000);
    if (page.length === 0) break;
    for (const row of page) {
      checkedRows += 1;
      const at = { lane, seq: row.seq, auditId: row.id };
      if (row.seq !== prev.seq + 1) return { checkedRows, problem: { ...at, reason: `之前缺少${missing(prev.seq + 1, row.seq - 1)}审计记录（记录被删除）` } };
      if (row.mac === null) return { checkedRows, problem: { ...at, reason: '没有密钥封印（升级前的旧记录须用 fuban seal-trail 封印；否则是封印被抹去）' } };
      const expected = auditMac(auditPrevMac({ lane, seq: row.seq, legacySeq, tailMac: prev.mac }), contentOf(row));
      if (row.mac !== expected) return { checkedRows, problem: { ...at, reason: '内容与密钥封印不符（记录被修改、替换、移动或前一条被删除）' } };
      prev = { seq: row.seq, mac: row.mac };
    }
  }
  if (tail.seq > prev.seq) {
    return { checkedRows, problem: { lane, seq: prev.seq, auditId: null, reason: `之后缺少${missing(prev.seq + 1, tail.seq)}审计记录（最新的记录被删除）` } };
  }
  const keyed = lane !== 0 || prev.seq > legacySeq;
  if (tail.seq < prev.seq || (keyed && prev.seq > 0 && tail.mac !== prev.mac)) {
    return { checkedRows, problem: { lane, seq: prev.seq, auditId: null, reason: '审计日志的链尾记录与最新一条不符（链尾被改动）' } };
  }
  return { checkedRows, problem: undefined };
};

/** Walks every lane of the audit log; returns the first break, if any. Every lane 0…AUDIT_LANES−1 must have its tail. */
export const verifyAuditChain = async (db: Db): Promise<LaneCheck> => {
  const legacySeq = await readLegacySeq(db);
  const tails = new Map((await db.select().from(auditLanes).orderBy(asc(auditLanes.lane))).map((tail) => [tail.lane, tail]));
  let checkedRows = 0;
  for (let lane = 0; lane < AUDIT_LANES; lane += 1) {
    const tail = tails.get(lane);
    if (!tail) return { checkedRows, problem: { lane, seq: 0, auditId: null, reason: '链尾记录缺失（整条链可能被删除）' } };
    const checked = await verifyLane(db, tail, legacySeq);
    checkedRows += checked.checkedRows;
    if (checked.problem) return { checkedRows, problem: checked.problem };
  }
  return { checkedRows, problem: undefined };
};

/**
 * Seals audit rows written before 0011 (their own chain from the start, up to audit_legacy_seq).
 * Holds the tail so no writer interleaves. Stops at a row already sealed with another MAC. Returns how many it sealed.
 */
export const sealLegacyAudit = async (db: Db): Promise<number> =>
  db.transaction(async (tx) => {
    // The rows from before 0011 are all in lane 0: hold its tail so no writer appends while they are sealed.
    await tx.select().from(auditLanes).where(eq(auditLanes.lane, 0)).for('update');
    const [tail] = await tx.select().from(trailSeal).where(eq(trailSeal.id, 1));
    if (!tail) throw new Error('trail_seal row missing (migration 0011)');
    const unsealed = await tx.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog.lane} = 0 and ${auditLog.mac} is null and ${auditLog.seq} <= ${tail.auditLegacySeq}`);
    if (Number(unsealed[0]?.n ?? 0) === 0) return 0;
    let sealed = 0;
    let prevMac: string | null = null;
    let expectedSeq = 1;
    for (;;) {
      const page = await tx
        .select()
        .from(auditLog)
        .where(sql`${auditLog.lane} = 0 and ${auditLog.seq} >= ${expectedSeq} and ${auditLog.seq} <= ${tail.auditLegacySeq}`)
        .orderBy(asc(auditLog.seq))
        .limit(5_000);
      if (page.length === 0) return sealed;
      for (const row of page) {
        if (row.seq !== expectedSeq) return sealed; // a hole: leave the rest for verify-trail to name
        const mac = auditMac(auditPrevMac({ lane: 0, seq: row.seq, legacySeq: tail.auditLegacySeq, tailMac: prevMac }), contentOf(row));
        if (row.mac === null) {
          await tx.update(auditLog).set({ mac }).where(eq(auditLog.id, row.id));
          sealed += 1;
        } else if (row.mac !== mac) {
          return sealed;
        }
        prevMac = mac;
        expectedSeq += 1;
      }
    }
  });
