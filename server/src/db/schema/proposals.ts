/** 建议提案: the deputy's one-time 征询意见表 links (the token itself is never stored, only its SM3 hash). */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './org.js';

export const proposalSurveys = pgTable(
  'proposal_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    round: integer('round').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    answer: jsonb('answer').$type<Record<string, unknown>>(),
  },
  (t) => [index('proposal_surveys_case_idx').on(t.caseId, t.round)],
);
