/** Working-day calendar overrides (the administrator's corrections to the holiday package). */
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const calendarOverrides = pgTable('calendar_overrides', {
  date: text('date').primaryKey(), // YYYY-MM-DD, Asia/Shanghai
  kind: text('kind', { enum: ['holiday', 'workday', 'normal'] }).notNull(),
  note: text('note').notNull(),
  source: text('source').notNull(), // e.g. 国办发明电〔2026〕x号
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Configuration the system administrator edits (e.g. how many working days before due a case turns yellow). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(), // JSON
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
