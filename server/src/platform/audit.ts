/**
 * Writing the audit log. Call it with the transaction of the change it records,
 * so that a change and its audit row commit or roll back together.
 *
 * Each row is chained: its MAC (HMAC-SM3 under the trail key) covers its content and the
 * previous row's MAC of its lane, in a gap-free sequence kept by the lane's tail (audit_lanes).
 * Claiming a tail locks it until commit, so a lane's writers append in one order; a rolled-back
 * writer gives its number back with the rest of its transaction. There are AUDIT_LANES lanes so
 * that concurrent writers do not queue behind one another's COMMIT: a writer takes a lane no one
 * holds (SKIP LOCKED), the one its transaction already holds first. Two statements per row:
 * claim, then insert and move the tail.
 */
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Actor } from './actor.js';
import { isCliActor } from './actor.js';
import { rowsOf, type Db } from './db.js';
import { asStoredJson, canonicalJson, trailMac } from './seal.js';

export type AuditRecord = {
  action: string;
  result: 'success' | 'failure';
  objectType?: string;
  objectId?: string;
  objectLabel?: string;
  details?: Record<string, unknown>;
};

/** Who did it: a signed-in actor, or an anonymous attempt (a failed login) with the name it gave. */
export type AuditSubject = { actor: Actor } | { actorId?: string | null; actorName: string | null; ip: string | null };

export const AUDIT_GENESIS_MAC = '0'.repeat(64);

/** How many chains the audit log is kept in (0043 makes their tails; the CHECKs there hold the same bound). */
export const AUDIT_LANES = 16;

/**
 * Where a lane's chain starts. Lane 0 carries on the single chain from before 0043; each other lane starts from a
 * keyed MAC of its number, so a row (or a whole chain) moved to another lane no longer verifies.
 */
export const auditLaneGenesis = (lane: number): string => (lane === 0 ? AUDIT_GENESIS_MAC : trailMac(`audit-lane\n${lane}`));

/** The fields of an audit row the MAC covers: all of them but its id (a sequence value, not content) and the MAC. */
export type AuditContent = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  result: string;
  objectType: string | null;
  objectId: string | null;
  objectLabel: string | null;
  details: Record<string, unknown> | null;
};

export const auditMac = (prevMac: string, row: AuditContent): string =>
  trailMac(`audit\n${prevMac}\n${canonicalJson({ ...row, at: row.at.toISOString() })}`);

/**
 * The previous MAC a row chains from: the lane's genesis for its first row; in lane 0 the keyed chain also starts
 * afresh after the rows from before it (0011).
 */
export const auditPrevMac = ({ lane, seq, legacySeq, tailMac }: { lane: number; seq: number; legacySeq: number; tailMac: string | null }): string =>
  seq === 1 || (lane === 0 && seq === legacySeq + 1) ? auditLaneGenesis(lane) : (tailMac ?? auditLaneGenesis(lane));

type ClaimedTail = { lane: number; seq: string | number; tail_mac: string | null; legacy_seq: string | number; at_ms: number };

/**
 * Claims a lane's tail for this transaction and moves it on by one: the lane this transaction already holds if
 * any (fuban.audit_lane, transaction-local), else one no other transaction holds, starting from a place that
 * depends on the connection so concurrent writers spread out. Only when every lane is held does it wait.
 * now() is the transaction's start, as the column default was; milliseconds, as a JS Date reads it back.
 */
const claimTail = async (db: Db): Promise<ClaimedTail> => {
  const returning = sql`returning t.lane, t.seq, t.mac as tail_mac,
      (select audit_legacy_seq from trail_seal where id = 1) as legacy_seq,
      (extract(epoch from date_trunc('milliseconds', now())) * 1000)::float8 as at_ms,
      set_config('fuban.audit_lane', t.lane::text, true)`;
  const [free] = rowsOf<ClaimedTail>(
    await db.execute(sql`update audit_lanes t set seq = t.seq + 1
      from (select lane from audit_lanes
        order by lane is distinct from nullif(current_setting('fuban.audit_lane', true), '')::smallint,
          (lane + pg_backend_pid()) % ${AUDIT_LANES}
        for update skip locked limit 1) free
      where t.lane = free.lane ${returning}`),
  );
  if (free) return free;
  const [waited] = rowsOf<ClaimedTail>(
    await db.execute(sql`update audit_lanes t set seq = t.seq + 1 where t.lane = pg_backend_pid() % ${AUDIT_LANES} ${returning}`),
  );
  if (!waited) throw new Error('audit_lanes rows missing (migration 0043)');
  return waited;
};

export const writeAudit = async (db: Db, subject: AuditSubject, record: AuditRecord): Promise<void> => {
  // Outside a transaction the claim would commit (and free the lane) before the row is written, and the next
  // writer would chain from a tail whose MAC had not moved yet: the claim and the row go in one transaction.
  const inTransaction: boolean = db instanceof PgTransaction;
  if (!inTransaction) {
    await db.transaction((tx) => writeAudit(tx, subject, record));
    return;
  }
  const who =
    'actor' in subject
      ? {
          actorId: isCliActor(subject.actor) ? null : subject.actor.userId,
          actorName: subject.actor.username,
          ip: subject.actor.ip,
        }
      : { actorId: subject.actorId ?? null, actorName: subject.actorName, ip: subject.ip };
  const tail = await claimTail(db);
  const lane = Number(tail.lane);
  const row: AuditContent = {
    seq: Number(tail.seq),
    at: new Date(Number(tail.at_ms)),
    ...who,
    action: record.action,
    result: record.result,
    objectType: record.objectType ?? null,
    objectId: record.objectId ?? null,
    objectLabel: record.objectLabel ?? null,
    details: asStoredJson(record.details) ?? null,
  };
  const mac = auditMac(auditPrevMac({ lane, seq: row.seq, legacySeq: Number(tail.legacy_seq), tailMac: tail.tail_mac }), row);
  await db.execute(sql`with written as (
      insert into audit_log (lane, seq, at, actor_id, actor_name, ip, action, result, object_type, object_id, object_label, details, mac)
      values (${lane}, ${row.seq}, ${row.at.toISOString()}::timestamptz, ${row.actorId}, ${row.actorName}, ${row.ip}, ${row.action}, ${row.result},
        ${row.objectType}, ${row.objectId}, ${row.objectLabel}, ${row.details === null ? null : JSON.stringify(row.details)}::jsonb, ${mac})
    )
    update audit_lanes set mac = ${mac} where lane = ${lane}`);
};
