/**
 * 12345 热点: tickets per Shanghai day, category (「一级/二级」) and 街乡 ('' when none is named), merged tickets
 * left out. Kept by triggers on cases (migration 0029) in the transaction of every change that moves a ticket;
 * never written by the application.
 */
import { date, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';

export const hotlineTicketDays = pgTable(
  'hotline_ticket_days',
  {
    day: date('day').notNull(),
    category: text('category').notNull(),
    area: text('area').notNull().default(''),
    /** The writing transaction's lane (txid_current() % 16, migration 0032): concurrent registrations do not queue on one row; readers sum. */
    lane: smallint('lane').notNull().default(0),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'hotline_ticket_days_pk', columns: [t.day, t.category, t.area, t.lane] })],
);

/**
 * A 热点突增 told to the 12345 center (migration 0034): once per week, category and 街乡 ('' when none is named).
 * The insert is the gate (hotline.surge-alerts.ts); `caseId` is the ticket whose registration made the surge.
 */
export const hotlineSurgeAlerts = pgTable(
  'hotline_surge_alerts',
  {
    week: date('week').notNull(),
    category: text('category').notNull(),
    area: text('area').notNull().default(''),
    thisWeek: integer('this_week').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    notified: integer('notified').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'hotline_surge_alerts_pk', columns: [t.week, t.category, t.area] })],
);
