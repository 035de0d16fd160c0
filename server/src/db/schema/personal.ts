/**
 * Personal data of citizens on cases (engine/personal): each personal field's value sealed with SM4
 * (the case row holds only its masked form), a blind index to find a person's cases by phone or ID
 * number, and which key wrote them (so a process with another key is refused at start).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';

export const casePersonal = pgTable(
  'case_personal',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    field: text('field').notNull(),
    sealed: text('sealed').notNull(), // sm4cbc1.<iv>.<ciphertext>.<HMAC-SM3>, see personal/cipher.ts
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.field] })],
);

export const personIndex = pgTable(
  'person_index',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    field: text('field').notNull(),
    type: text('type').notNull(), // 'phone' | 'idNumber'
    digest: text('digest').notNull(), // HMAC-SM3 of the normalised value under the index key
  },
  (t) => [primaryKey({ columns: [t.caseId, t.field] }), index('person_index_digest_idx').on(t.type, t.digest)],
);

export const personalKey = pgTable(
  'personal_key',
  {
    id: integer('id').primaryKey().default(1),
    keyCheck: text('key_check'),
  },
  () => [check('personal_key_id_check', sql`id = 1`)],
);
