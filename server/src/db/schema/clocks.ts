/**
 * The statutory clocks of cases and assignments (engine/clocks): one row per clock, its state and
 * due time, the inputs it was computed from (so a calendar change can re-time it without replaying
 * the trail) and its explanation. Times are the clock's own strings: 'YYYY-MM-DD' for clocks in
 * days and months, 'YYYY-MM-DDTHH:MM:00+08:00' for clocks in hours; both sort as text in time order.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assignments, cases } from './cases.js';
import { users } from './org.js';

export const clockStates = ['pending', 'running', 'paused', 'stopped', 'overdue'] as const;

/** What a clock was computed from: the case events it reads and the date fields that start it. */
export type StoredClockInputs = {
  events: Array<{ action: string; at: string; amount?: number; approverRole?: string; reason?: string }>;
  fields?: Record<string, string | { at: string; why: string }>;
  /** For a clock in sequence: the clock it follows, as it stopped. */
  after?: { clockId: string; stoppedAt: string | null; explanation: { label: string } };
  /** The period this clock was given when it differs from the kind's declaration (交办 with its own days). */
  period?: { amount: number; unit: 'minute' | 'workhour' | 'hour' | 'workday' | 'day' | 'month' };
};

export const caseClocks = pgTable(
  'case_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    assignmentId: uuid('assignment_id').references(() => assignments.id), // null: a clock of the case itself
    clockId: text('clock_id').notNull(), // the ClockSpec id the kind declares
    state: text('state', { enum: clockStates }).notNull(),
    startedAt: text('started_at'),
    dueAt: text('due_at'),
    pausedAt: text('paused_at'),
    stoppedAt: text('stopped_at'),
    inputs: jsonb('inputs').$type<StoredClockInputs>().notNull(),
    explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('case_clocks_state_check', sql`${t.state} in ('pending', 'running', 'paused', 'stopped', 'overdue')`),
    uniqueIndex('case_clocks_case_clock').on(t.caseId, t.clockId).where(sql`${t.assignmentId} is null`),
    uniqueIndex('case_clocks_assignment_clock').on(t.assignmentId, t.clockId).where(sql`${t.assignmentId} is not null`),
    // Every action reads and saves a case's clocks by case (migration 0035): the unique indexes above are partial.
    index('case_clocks_case_idx').on(t.caseId),
    // The reminder sweep and re-timing read open clocks by due time.
    index('case_clocks_open_due_idx').on(t.dueAt).where(sql`${t.state} in ('running', 'paused', 'overdue')`),
  ],
);

/** Each rung of a kind's reminder ladder, sent once per clock and due time (a new due time is a new reminder). */
export const clockReminders = pgTable(
  'clock_reminders',
  {
    clockRowId: uuid('clock_row_id').notNull().references(() => caseClocks.id),
    rung: text('rung').notNull(), // due_soon, overdue, escalate.leader …
    dueAt: text('due_at').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'clock_reminders_pk', columns: [t.clockRowId, t.rung, t.dueAt] })],
);

/** A manual 催办 with its message: counted, it is the 督办通知 of later modules. */
export const caseUrges = pgTable(
  'case_urges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    assignmentId: uuid('assignment_id').references(() => assignments.id),
    message: text('message').notNull(),
    urgedBy: uuid('urged_by').notNull().references(() => users.id),
    urgedAt: timestamp('urged_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_urges_case_idx').on(t.caseId, t.urgedAt), index('case_urges_urged_at_idx').on(t.urgedAt)],
);
