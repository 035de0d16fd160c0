/**
 * Writing the audit log. Call it with the transaction of the change it records,
 * so that a change and its audit row commit or roll back together.
 *
 * Each row is chained: its MAC (HMAC-SM3 under the trail key) covers its content and the
 * previous row's MAC, in a gap-free sequence kept by the one-row trail_seal tail. Claiming the
 * tail locks it until commit, so writers append in one order; a rolled-back writer gives its
 * number back with the rest of its transaction. Two statements per row: claim, then insert
 * and move the tail.
 */
import { eq, sql } from 'drizzle-orm';
import { trailSeal } from '../db/schema/index.js';
import type { Actor } from './actor.js';
import { isCliActor } from './actor.js';
import type { Db } from './db.js';
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

/** The previous MAC a row chains from: the keyed chain starts afresh after the rows from before it (0011). */
export const auditPrevMac = ({ seq, legacySeq, tailMac }: { seq: number; legacySeq: number; tailMac: string | null }): string =>
  seq === 1 || seq === legacySeq + 1 ? AUDIT_GENESIS_MAC : (tailMac ?? AUDIT_GENESIS_MAC);

export const writeAudit = async (db: Db, subject: AuditSubject, record: AuditRecord): Promise<void> => {
  const who =
    'actor' in subject
      ? {
          actorId: isCliActor(subject.actor) ? null : subject.actor.userId,
          actorName: subject.actor.username,
          ip: subject.actor.ip,
        }
      : { actorId: subject.actorId ?? null, actorName: subject.actorName, ip: subject.ip };
  // now() is the transaction's start, as the column default was; milliseconds, as a JS Date reads it back.
  const [tail] = await db
    .update(trailSeal)
    .set({ auditSeq: sql`${trailSeal.auditSeq} + 1` })
    .where(eq(trailSeal.id, 1))
    .returning({
      seq: trailSeal.auditSeq,
      tailMac: trailSeal.auditMac,
      legacySeq: trailSeal.auditLegacySeq,
      atMs: sql<number>`(extract(epoch from date_trunc('milliseconds', now())) * 1000)::float8`,
    });
  if (!tail) throw new Error('trail_seal row missing (migration 0011)');
  const row: AuditContent = {
    seq: tail.seq,
    at: new Date(Number(tail.atMs)),
    ...who,
    action: record.action,
    result: record.result,
    objectType: record.objectType ?? null,
    objectId: record.objectId ?? null,
    objectLabel: record.objectLabel ?? null,
    details: asStoredJson(record.details) ?? null,
  };
  const mac = auditMac(auditPrevMac(tail), row);
  await db.execute(sql`with written as (
      insert into audit_log (seq, at, actor_id, actor_name, ip, action, result, object_type, object_id, object_label, details, mac)
      values (${row.seq}, ${row.at.toISOString()}::timestamptz, ${row.actorId}, ${row.actorName}, ${row.ip}, ${row.action}, ${row.result},
        ${row.objectType}, ${row.objectId}, ${row.objectLabel}, ${row.details === null ? null : JSON.stringify(row.details)}::jsonb, ${mac})
    )
    update trail_seal set audit_mac = ${mac} where id = 1`);
};
