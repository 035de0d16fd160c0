/** 发文: the 文号 ledger — one gap-free sequence per 机关代字 and year, with reservations and voids. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './org.js';

/** 机关代字 the office issues under (示政发, 示政办发, 示政函 …), configured by the 系统管理员. */
export const issuerCodes = pgTable('issuer_codes', {
  code: text('code').primaryKey(),
  label: text('label').notNull(), // e.g. 市政府文件
  issuerName: text('issuer_name').notNull(), // the 发文机关标志, e.g. 示例市人民政府文件
  organName: text('organ_name').notNull().default(''), // 发文机关署名 and 印发机关, e.g. 示例市人民政府
  printerName: text('printer_name').notNull().default(''), // 印发机关 in the 版记, e.g. 示例市人民政府办公室
  format: text('format', { enum: ['file', 'letter', 'minutes'] }).notNull().default('file'),
  // The 主要负责人 who must sign this organ's 上行文 and 重要 documents (条例第二十二条).
  principalId: uuid('principal_id').references(() => users.id),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
});

/** The last number given per 代字 and year; advanced only inside the transaction that uses it. */
export const docNumberSequences = pgTable(
  'doc_number_sequences',
  {
    issuerCode: text('issuer_code').notNull(),
    year: integer('year').notNull(),
    lastNo: integer('last_no').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerCode, t.year] })],
);

/** Every number ever given: used by a document, reserved (预留, with an expiry) or void (with a reason). */
export const docNumbers = pgTable(
  'doc_numbers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuerCode: text('issuer_code').notNull(),
    year: integer('year').notNull(),
    no: integer('no').notNull(),
    text: text('text').notNull(), // 示政办发〔2026〕12号
    status: text('status', { enum: ['used', 'reserved', 'void'] }).notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    reservedUntil: timestamp('reserved_until', { withTimezone: true }),
    note: text('note'),
    voidReason: text('void_reason'),
    // A client's key for one 预留 request: its retry (after a lost answer) gets the same number, not a second one.
    requestKey: text('request_key'),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('doc_numbers_issuer_year_no').on(t.issuerCode, t.year, t.no),
    unique('doc_numbers_text').on(t.text),
    // One number per document: a case never holds two 文号 (numbers without a case are not constrained).
    unique('doc_numbers_one_per_case').on(t.caseId),
    unique('doc_numbers_request_key').on(t.requestKey),
    index('doc_numbers_reserved_idx').on(t.reservedUntil).where(sql`${t.status} = 'reserved'`),
  ],
);

/**
 * 发文 approval chains per 机关代字, 文种 and 行文方向 (null = any). Saving a chain adds a version;
 * the versions of one chain share a chain_key, and a case keeps a copy of the version it started on.
 */
export const approvalChains = pgTable(
  'approval_chains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chainKey: uuid('chain_key').notNull(),
    name: text('name').notNull(),
    issuerCode: text('issuer_code'),
    docType: text('doc_type'),
    direction: text('direction'),
    version: integer('version').notNull(),
    steps: jsonb('steps').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('approval_chains_key_version').on(t.chainKey, t.version),
    // One live version per chain: two administrators saving at once get a conflict, not two live versions.
    uniqueIndex('approval_chains_one_active').on(t.chainKey).where(sql`${t.isActive}`),
  ],
);
