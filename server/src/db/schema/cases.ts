/** The case engine: cases of every kind, their trail, assignments, links, attachments, delegations, notifications. */
import { sql } from 'drizzle-orm';
import {
  customType,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { units, users } from './org.js';

/** Segmented words (jieba) for full-text search, written by the application at write time. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * An SM3 digest or its HMAC: hex in the application (hashEvent, sealEventHash), its 32 bytes in the row (migration
 * 0037) — half of hex text, in the table every case action appends to. node-postgres reads bytea as a Buffer,
 * PGlite as a Uint8Array.
 */
const sm3Digest = customType<{ data: string; driverData: Uint8Array | string }>({
  dataType: () => 'bytea',
  toDriver: (hex) => Buffer.from(hex, 'hex'),
  fromDriver: (value) => (typeof value === 'string' ? value.replace(/^\\x/, '') : Buffer.from(value).toString('hex')),
});

/** A deadline as stored: the due date and everything needed to explain it ("why this date"). */
export type StoredDeadline = {
  rule: string;
  events: Array<{ action: string; date: string; amount?: number; reason?: string }>;
  due: string | null; // YYYY-MM-DD; null while paused
  explanation: Record<string, unknown>;
};

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** Whose register numbers it: '' for the office's own; a unit's id for copies delivered to that unit at 核发. */
    series: text('series').notNull().default(''),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    serialNo: text('serial_no').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    ownerUnitId: uuid('owner_unit_id').notNull().references(() => units.id), // the office section that runs it
    handlerId: uuid('handler_id').references(() => users.id), // the office staff member it waits on
    createdBy: uuid('created_by').notNull().references(() => users.id),
    deadline: jsonb('deadline').$type<StoredDeadline>(),
    dueDate: text('due_date'),
    dueStatus: text('due_status', { enum: ['none', 'green', 'yellow', 'red'] }).notNull().default('none'),
    isClosed: boolean('is_closed').notNull().default(false),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cases_kind_series_year_seq').on(t.kind, t.series, t.year, t.seq),
    // INCLUDE (is_closed, due_status) since migration 0039: a metric's count by kind and range reads the index only.
    index('cases_kind_created_idx').on(t.kind, t.createdAt, t.id),
    index('cases_kind_state_idx').on(t.kind, t.state),
    index('cases_open_due_idx').on(t.dueDate).where(sql`not ${t.isClosed}`),
    index('cases_handler_idx').on(t.handlerId).where(sql`not ${t.isClosed}`),
    index('cases_handler_created_idx').on(t.handlerId, t.createdAt, t.id),
    index('cases_kind_due_idx').on(t.kind, t.dueDate, t.id),
    // INCLUDE (kind) in migration 0041: the red list's count by kind reads the index only.
    index('cases_red_idx').on(t.dueDate, t.id).where(sql`not ${t.isClosed} and ${t.dueStatus} = 'red'`),
  ],
);

/** The last serial number given per kind, series and year; incremented inside the creating transaction. */
export const caseSerials = pgTable(
  'case_serials',
  {
    kind: text('kind').notNull(),
    series: text('series').notNull().default(''),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.series, t.year] })],
);

/** 留痕: append-only, SM3 hash-chained per case. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    onBehalfOfId: uuid('on_behalf_of_id'),
    onBehalfOfName: text('on_behalf_of_name'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    comment: text('comment'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    prevHash: sm3Digest('prev_hash').notNull(),
    hash: sm3Digest('hash').notNull(),
    /** The case's version after this event; null on events from before 0011. */
    caseVersion: integer('case_version'),
    /** HMAC-SM3 of hash under the trail key; null on events from before 0011 not yet sealed. */
    mac: sm3Digest('mac'),
  },
  (t) => [
    unique('case_events_case_seq').on(t.caseId, t.seq),
    // Read by action within a range (metrics); the steps every ticket takes are only read by case (migration 0037).
    index('case_events_action_at_idx').on(t.action, t.at).where(sql`${t.action} not in ('create', 'assign', 'sign', 'reply', 'direct_close')`),
  ],
);

export const caseLinks = pgTable(
  'case_links',
  {
    fromCaseId: uuid('from_case_id').notNull().references(() => cases.id),
    toCaseId: uuid('to_case_id').notNull().references(() => cases.id),
    type: text('type', { enum: ['derived_from', 'child_of', 'related'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromCaseId, t.toCaseId, t.type] }), index('case_links_to_idx').on(t.toCaseId)],
);

/** 交办: a case given to a unit as 主办 (lead), 协办 (assist) or 会办 (consult). */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    role: text('role', { enum: ['lead', 'assist', 'consult'] }).notNull(),
    state: text('state', { enum: ['pending', 'in_progress', 'replied', 'returned', 'withdrawn', 'ended'] }).notNull(),
    deadline: jsonb('deadline').$type<StoredDeadline>(),
    dueDate: text('due_date'),
    dueStatus: text('due_status', { enum: ['none', 'green', 'yellow', 'red'] }).notNull().default('none'),
    instruction: text('instruction'),
    reply: text('reply'),
    replyAttachments: jsonb('reply_attachments').$type<Array<{ digest: string; name: string; size: number }>>(),
    returnReason: text('return_reason'),
    satisfaction: text('satisfaction', { enum: ['satisfied', 'basically_satisfied', 'unsatisfied'] }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }), // the office accepted the reply
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    /** The unit's 申请延期 waiting for the office (同意 / 不同意 clears it). */
    extensionRequest: jsonb('extension_request').$type<{ amount: number; reason: string; at: string; byName: string }>(),
    /** When a returned assignment stopped granting its unit sight of the case (a kind's returnedSight; migration 0028). */
    sightEndedAt: timestamp('sight_ended_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('assignments_case_unit').on(t.caseId, t.unitId),
    index('assignments_unit_state_idx').on(t.unitId, t.state),
    index('assignments_open_due_idx').on(t.dueDate).where(sql`${t.state} in ('pending', 'in_progress')`),
  ],
);

/**
 * The units that see a case through a live assignment (state other than 'withdrawn', sight not ended): one row per (unit, case),
 * kept by a trigger on assignments (migration 0021) in the transaction of every change to them. Led by the unit,
 * in ledger order, so a 联络员's ledger and the unit filter are index scans; kind, created_at and due_date are the
 * case's own (due_date kept by a trigger on cases).
 */
export const caseUnitVisibility = pgTable(
  'case_unit_visibility',
  {
    unitId: uuid('unit_id').notNull().references(() => units.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dueDate: text('due_date'), // the case's, kept by a trigger on cases
  },
  (t) => [
    primaryKey({ name: 'case_unit_visibility_pk', columns: [t.unitId, t.caseId] }),
    index('case_unit_visibility_unit_created_idx').on(t.unitId, t.createdAt, t.caseId),
    index('case_unit_visibility_unit_kind_created_idx').on(t.unitId, t.kind, t.createdAt, t.caseId),
    index('case_unit_visibility_unit_kind_due_idx').on(t.unitId, t.kind, t.dueDate, t.caseId),
    index('case_unit_visibility_case_idx').on(t.caseId),
  ],
);

/** Files are stored once by their SM3 digest; records refer to them by digest and keep their own names. */
export const attachments = pgTable('attachments', {
  digest: text('digest').primaryKey(),
  size: integer('size').notNull(),
  mimeType: text('mime_type').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Everyone who uploaded a file (it is stored once): each of them may cite it in a case. */
export const attachmentUploads = pgTable(
  'attachment_uploads',
  {
    digest: text('digest').notNull().references(() => attachments.digest),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.digest, t.userId] })],
);

/** AB角: B acts for A over a date range. */
export const delegations = pgTable(
  'delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromUserId: uuid('from_user_id').notNull().references(() => users.id),
    toUserId: uuid('to_user_id').notNull().references(() => users.id),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    note: text('note'),
    isRevoked: boolean('is_revoked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('delegations_to_idx').on(t.toUserId), index('delegations_from_idx').on(t.fromUserId)],
);

/** In-app notifications: 待办 (to act), 待阅 (to read), 催办 (reminder). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    type: text('type', { enum: ['todo', 'toread', 'remind'] }).notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    assignmentId: uuid('assignment_id'),
    /** What a notice about no case refers to (会议通知: its meeting), for 待阅's 查看; a key to records (0042). */
    recordId: uuid('record_id'),
    title: text('title').notNull(),
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)],
);

/**
 * 待办: what each open case waits on now — a user (office step, leader) or a unit (its 联络员).
 * Rebuilt from the kind's declaration in the transaction of every transition, so the inbox is exact.
 */
export const workItems = pgTable(
  'work_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    userId: uuid('user_id').references(() => users.id),
    unitId: uuid('unit_id').references(() => units.id),
    assignmentId: uuid('assignment_id'),
    label: text('label').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    dueDate: text('due_date'), // the case's, kept by triggers on work_items and cases (0040): the inbox sorts by it
  },
  (t) => [
    // 待办 in its order (soonest due, then the newest), one ordered walk per addressee: a page reads no case to sort.
    index('work_items_user_due_idx').on(t.userId, t.dueDate, t.since.desc(), t.id).where(sql`${t.userId} is not null`),
    index('work_items_unit_due_idx').on(t.unitId, t.dueDate, t.since.desc(), t.id).where(sql`${t.unitId} is not null`),
    index('work_items_case_idx').on(t.caseId),
    check('work_items_one_addressee', sql`num_nonnulls(${t.userId}, ${t.unitId}) = 1`),
  ],
);

/** One row per reminder rule and target: the sweep sends a reminder only when it can insert this row. */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    rule: text('rule').notNull(), // e.g. due_soon, overdue
    targetType: text('target_type', { enum: ['case', 'assignment'] }).notNull(),
    targetId: uuid('target_id').notNull(),
    dueDate: text('due_date').notNull(), // a new due date (extension) is a new target
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.rule, t.targetType, t.targetId, t.dueDate] })],
);

/** 传阅: a case sent to people or units to read, with its purpose and each read receipt. */
export const circulations = pgTable(
  'circulations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    recipientUnitId: uuid('recipient_unit_id').references(() => units.id),
    purpose: text('purpose').notNull(),
    sentBy: uuid('sent_by').notNull().references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    readBy: uuid('read_by').references(() => users.id),
    comment: text('comment'),
  },
  (t) => [
    index('circulations_case_idx').on(t.caseId),
    index('circulations_user_idx').on(t.recipientUserId),
    index('circulations_unit_idx').on(t.recipientUnitId),
  ],
);

/** Rows imported from a register (Excel): the key of each imported row, so a re-run imports nothing twice. */
export const caseImportKeys = pgTable(
  'case_import_keys',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);

/** 常用意见: each user's saved phrases for 批示, 拟办 and 审核, one tap on a phone. */
export const opinionPhrases = pgTable(
  'opinion_phrases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    text: text('text').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('opinion_phrases_user_idx').on(t.userId, t.sortOrder)],
);
