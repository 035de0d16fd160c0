/**
 * 12345 热点: tickets per Shanghai day, category (「一级/二级」) and 街乡 ('' when none is named), merged tickets
 * left out. Kept by triggers on cases (migration 0029) in the transaction of every change that moves a ticket;
 * never written by the application.
 */
import { date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

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
