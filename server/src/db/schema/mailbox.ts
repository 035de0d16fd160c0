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
