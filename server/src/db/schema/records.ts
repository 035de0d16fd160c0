/**
 * Records beside cases: things the office keeps that have no workflow of their own (会议室, 会议, 议题, 通报 …).
 * A record type (engine/records) declares the fields held in `fields`; the trail is record_events, and
 * record_links tie a record to cases and to other records, read both ways.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { units, users } from './org.js';

export const records = pgTable(
  'records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    /** The unit the record belongs to (a 议题's submitting unit); null for the office's own (rooms, meeting types). */
    unitId: uuid('unit_id').references(() => units.id),
    title: text('title').notNull(),
    state: text('state').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    /** A span in time when the type has one (a meeting, a booking): the calendar and overlap checks read it. */
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('records_type_created_idx').on(t.type, t.createdAt),
    index('records_type_unit_idx').on(t.type, t.unitId),
    index('records_type_starts_idx').on(t.type, t.startsAt),
    check('records_span_check', sql`${t.startsAt} is null or ${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`),
  ],
);

/** The record's trail: append-only, each event sealed with the trail key over the previous one's seal. */
export const recordEvents = pgTable(
  'record_events',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    comment: text('comment'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    mac: text('mac').notNull(),
  },
  (t) => [uniqueIndex('record_events_seq_idx').on(t.recordId, t.seq)],
);

/** A record's link to a case or to another record; one row, read from either end. */
export const recordLinks = pgTable(
  'record_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id),
    targetRecordId: uuid('target_record_id').references(() => records.id),
    targetCaseId: uuid('target_case_id').references(() => cases.id),
    relation: text('relation').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('record_links_record_idx').on(t.recordId),
    index('record_links_target_record_idx').on(t.targetRecordId),
    index('record_links_target_case_idx').on(t.targetCaseId),
    check('record_links_one_target', sql`num_nonnulls(${t.targetRecordId}, ${t.targetCaseId}) = 1`),
  ],
);
