/**
 * 市长信箱: each citizen's letter beside its 12345 工单. The query code is never stored, only its SM3 hash;
 * the proof-of-work challenge a letter spent is kept (hashed, unique) so it cannot be spent twice.
 */
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';

export const mailboxLetters = pgTable('mailbox_letters', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .unique()
    .references(() => cases.id),
  queryHash: text('query_hash').notNull().unique(),
  challengeHash: text('challenge_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Open311 GeoReport v2: the API keys the 12345 center issues to other systems (only the key's SM3 hash is kept). */
export const open311Keys = pgTable('open311_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Each ticket an Open311 client created, with the key that created it: a client reads only its own requests. */
export const open311Requests = pgTable('open311_requests', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id),
  keyId: uuid('key_id')
    .notNull()
    .references(() => open311Keys.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
