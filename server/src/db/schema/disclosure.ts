/** 政务公开: the 主动公开 register — what was published, where, when and under which heading. */
import { sql } from 'drizzle-orm';
import { check, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units, users } from './org.js';

export const publishedItems = pgTable(
  'published_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    category: text('category').notNull(), // PublishedCategory: 规章, 行政规范性文件, 行政许可 … 其他
    channels: text('channels').array().notNull(), // PublishedChannel: 政府网站, 政府公报 …
    publishedOn: text('published_on').notNull(), // YYYY-MM-DD, Asia/Shanghai
    documentNumber: text('document_number'),
    decisionCount: integer('decision_count'), // 行政许可/处罚/强制: decisions the entry publishes
    feeAmount: numeric('fee_amount', { precision: 14, scale: 4 }), // 行政事业性收费, 万元
    note: text('note'),
    repealedOn: text('repealed_on'),
    repealReason: text('repeal_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('published_items_unit_date_idx').on(t.unitId, t.publishedOn),
    index('published_items_date_idx').on(t.publishedOn),
    check('published_items_repeal_check', sql`${t.repealedOn} is null or ${t.repealedOn} >= ${t.publishedOn}`),
  ],
);
