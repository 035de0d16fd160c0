/**
 * The writes every record goes through, for the generic routes and for modules' own use cases alike:
 * insert (fields checked by the type's zod schema, 400 naming the field), save under the version it was read
 * at (409 for the loser), the sealed trail event and the audit row — always inside the caller's transaction.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordEvents, recordLinks, records } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, invalidInput, notFound, validationError } from '../../platform/errors.js';
import { asStoredJson, canonicalJson, sm3, trailMac } from '../../platform/seal.js';
import { findRecordType, type RecordType } from './record-type.js';

export type RecordRow = typeof records.$inferSelect;

export const recordTypeOrNotFound = (type: string): RecordType => {
  const found = findRecordType(type);
  if (!found) throw notFound('记录类型');
  return found;
};

/** The type's fields, checked: a 400 whose message names the first wrong field by its label. */
export const parseRecordFields = (recordType: RecordType, fields: unknown): Record<string, unknown> => {
  const result = (recordType.fields as z.ZodType<Record<string, unknown>>).safeParse(fields);
  if (result.success) return result.data;
  throw invalidInput(result.error.issues, { labels: Object.fromEntries(recordType.detail.map((column) => [column.key, column.label])) });
};

const GENESIS = '0'.repeat(64);

/** Appends one event to the record's trail; the caller holds the record's row lock, so seq is gap-free. */
export const appendRecordEvent = async (
  tx: Db,
  event: { recordId: string; action: string; comment?: string | null; details?: Record<string, unknown>; actor: Actor; at: Date },
): Promise<void> => {
  const [last] = await tx
    .select({ seq: recordEvents.seq, mac: recordEvents.mac })
    .from(recordEvents)
    .where(eq(recordEvents.recordId, event.recordId))
    .orderBy(desc(recordEvents.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const details = asStoredJson(event.details ?? {});
  const content = { recordId: event.recordId, seq, action: event.action, comment: event.comment ?? null, details, actorId: event.actor.userId, at: event.at.toISOString() };
  // Each seal covers the previous one, so removing or rewriting an event breaks every later seal.
  const mac = trailMac(`record_event\n${sm3(`${last?.mac ?? GENESIS}\n${canonicalJson(content)}`)}`);
  await tx.insert(recordEvents).values({
    recordId: event.recordId,
    seq,
    action: event.action,
    comment: event.comment ?? null,
    details,
    actorId: event.actor.userId,
    actorName: event.actor.displayName,
    at: event.at,
    mac,
  });
};

/** Loads and row-locks a record of the type; absent or of another type is "not found". */
export const lockRecord = async (tx: Db, type: string, id: string, what = '记录'): Promise<RecordRow> => {
  const [row] = await tx.select().from(records).where(and(eq(records.id, id), eq(records.type, type))).for('update');
  if (!row) throw notFound(what);
  return row;
};

/** Inserts a record with its first trail event and audit row. */
export const insertRecord = async (
  tx: Db,
  {
    recordType,
    fields,
    unitId,
    actor,
    now,
    state,
    comment,
    details,
  }: { recordType: RecordType; fields: unknown; unitId: string | null; actor: Actor; now: Date; state?: string; comment?: string; details?: Record<string, unknown> },
): Promise<RecordRow> => {
  const parsed = parseRecordFields(recordType, fields);
  const span = recordType.span?.(parsed);
  const [row] = await tx
    .insert(records)
    .values({
      type: recordType.type,
      unitId,
      title: recordType.title(parsed),
      state: state ?? recordType.initialState,
      fields: asStoredJson(parsed),
      startsAt: span?.startsAt ?? null,
      endsAt: span?.endsAt ?? null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await appendRecordEvent(tx, { recordId: row!.id, action: 'create', comment: comment ?? `登记${recordType.label}`, ...(details ? { details } : {}), actor, at: now });
  await writeAudit(tx, { actor }, { action: `record.create`, result: 'success', objectType: recordType.type, objectId: row!.id, objectLabel: row!.title });
  return row!;
};

/**
 * Saves new fields and/or state on a record read at `version` (409 when someone saved first). Fields are
 * checked whole by the type's schema; the trail event names the fields that changed.
 */
export const saveRecord = async (
  tx: Db,
  {
    recordType,
    record,
    version,
    fields,
    state,
    action,
    comment,
    details,
    actor,
    now,
  }: { recordType: RecordType; record: RecordRow; version: number; fields?: unknown; state?: string; action: string; comment?: string; details?: Record<string, unknown>; actor: Actor; now: Date },
): Promise<RecordRow> => {
  if (record.version !== version) throw conflict();
  const parsed = fields === undefined ? record.fields : parseRecordFields(recordType, fields);
  const span = recordType.span?.(parsed);
  const changed = Object.keys({ ...record.fields, ...parsed }).filter((key) => canonicalJson(record.fields[key] ?? null) !== canonicalJson(parsed[key] ?? null));
  const [row] = await tx
    .update(records)
    .set({
      fields: asStoredJson(parsed),
      title: recordType.title(parsed),
      state: state ?? record.state,
      startsAt: span?.startsAt ?? null,
      endsAt: span?.endsAt ?? null,
      updatedAt: now,
      version: sql`${records.version} + 1`,
    })
    .where(and(eq(records.id, record.id), eq(records.version, version)))
    .returning();
  if (!row) throw conflict();
  const eventDetails = { ...(details ?? {}), ...(changed.length ? { changed } : {}), ...(state && state !== record.state ? { from: record.state, to: state } : {}) };
  await appendRecordEvent(tx, { recordId: record.id, action, comment: comment ?? null, details: eventDetails, actor, at: now });
  await writeAudit(tx, { actor }, { action: `record.${action}`, result: 'success', objectType: recordType.type, objectId: record.id, objectLabel: row.title, details: eventDetails });
  return row;
};

/** Links a record to a case or another record, with an event on the record (and on the other record). */
export const linkRecord = async (
  tx: Db,
  { recordId, target, relation, actor, now, label }: { recordId: string; target: { recordId: string } | { caseId: string }; relation: string; actor: Actor; now: Date; label: string },
): Promise<void> => {
  const values =
    'recordId' in target
      ? { recordId, targetRecordId: target.recordId, relation, createdBy: actor.userId, createdAt: now }
      : { recordId, targetCaseId: target.caseId, relation, createdBy: actor.userId, createdAt: now };
  const inserted = await tx.insert(recordLinks).values(values).onConflictDoNothing().returning({ id: recordLinks.id });
  if (inserted.length === 0) return; // linked already: nothing to record
  await appendRecordEvent(tx, { recordId, action: 'link', comment: `关联：${label}`, details: { relation, ...target }, actor, at: now });
  if ('recordId' in target) await appendRecordEvent(tx, { recordId: target.recordId, action: 'linked', comment: `被关联（${relation}）`, details: { relation, fromRecordId: recordId }, actor, at: now });
};

/** Re-computes a record's seals in order: the first event whose seal does not match, or undefined when the trail is intact. */
export const verifyRecordTrail = async (db: Db, recordId: string): Promise<number | undefined> => {
  const events = await db.select().from(recordEvents).where(eq(recordEvents.recordId, recordId)).orderBy(recordEvents.seq);
  let prev = GENESIS;
  for (const [index, event] of events.entries()) {
    const content = { recordId, seq: event.seq, action: event.action, comment: event.comment, details: event.details, actorId: event.actorId, at: event.at.toISOString() };
    const expected = trailMac(`record_event\n${sm3(`${prev}\n${canonicalJson(content)}`)}`);
    if (event.seq !== index + 1 || event.mac !== expected) return event.seq;
    prev = event.mac;
  }
  return undefined;
};
