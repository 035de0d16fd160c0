/** Sessions, the security policy and the append-only audit log. */
import { bigint, bigserial, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { SecurityPolicy } from '../../../../common/schemas/security.js';
import { users } from './org.js';

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie token: a leaked table row cannot be replayed as a cookie.
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const securityPolicy = pgTable('security_policy', {
  id: integer('id').primaryKey().default(1),
  settings: jsonb('settings').$type<SecurityPolicy>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    objectLabel: text('object_label'),
    result: text('result', { enum: ['success', 'failure'] }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
    // The keyed chain (platform/audit-chain.ts): which of the AUDIT_LANES chains, and the row's gap-free place in it;
    // mac is null only on rows from before 0011 not yet sealed (all in lane 0).
    lane: smallint('lane').notNull().default(0),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    mac: text('mac'),
  },
  (t) => [
    check('audit_log_lane_check', sql`${t.lane} >= 0 AND ${t.lane} < 16`),
    uniqueIndex('audit_log_lane_seq_idx').on(t.lane, t.seq),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorName, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);

/** The last passwords each account chose (hashes), refused when changing the password. */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.id)],
);

/**
 * Password resets under the two-person rule (docs/SECURITY.md). status: pending → approved →
 * completed (the user chose a new password), or rejected / expired. `requesterHalf` is held only while pending.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    via: text('via', { enum: ['approval', 'cli'] }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'expired', 'completed'] }).notNull(),
    reason: text('reason'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    requesterHalf: text('requester_half'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('password_resets_one_pending_idx').on(t.userId).where(sql`${t.status} = 'pending'`),
    index('password_resets_status_idx').on(t.status, t.requestedAt),
  ],
);

/** One row: which key seals this database, and where lane 0's keyed chain starts (after the rows from before 0011). */
export const trailSeal = pgTable(
  'trail_seal',
  {
    id: integer('id').primaryKey().default(1),
    keyCheck: text('key_check'),
    auditLegacySeq: bigint('audit_legacy_seq', { mode: 'number' }).notNull(),
  },
  () => [check('trail_seal_id_check', sql`id = 1`)],
);

/** The audit chain's tails, one row a lane (0043): a writer locks the row of the lane it appends to until commit. */
export const auditLanes = pgTable(
  'audit_lanes',
  {
    lane: smallint('lane').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    mac: text('mac'),
  },
  (t) => [check('audit_lanes_lane_check', sql`${t.lane} >= 0 AND ${t.lane} < 16`)],
);
