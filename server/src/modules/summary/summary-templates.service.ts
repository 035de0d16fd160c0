/**
 * Templates: the built-in ones (summary-templates.ts) and the office's own, which the director makes by
 * copying one and editing its sections and wording. An office template is a summary_template record.
 */
import { and, asc, eq } from 'drizzle-orm';
import { records } from '../../db/schema/index.js';
import { insertRecord, lockRecord, saveRecord } from '../../engine/records/records.store.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { type SummaryTemplateFields, SummaryTemplateFields as TemplateSchema, summaryTemplateRecord } from './summary.records.js';
import { builtInTemplates, findBuiltInTemplate, type SummaryTemplate } from './summary-templates.js';

export type TemplateView = SummaryTemplate & { isBuiltIn: boolean; version: number | null; basedOn: string | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const officeTemplateOf = (row: { id: string; version: number; fields: Record<string, unknown> }): TemplateView => {
  const fields = TemplateSchema.parse(row.fields);
  return { key: row.id, name: fields.name, level: fields.level, periodKind: fields.periodKind, title: fields.title, sections: fields.sections, isBuiltIn: false, version: row.version, basedOn: fields.basedOn };
};

/** A built-in template by its key, or an office template by its id; anything else is not found. */
export const findTemplate = async (db: Db, key: string): Promise<TemplateView> => {
  const builtIn = findBuiltInTemplate(key);
  if (builtIn) return { ...builtIn, isBuiltIn: true, version: null, basedOn: null };
  if (!uuidPattern.test(key)) throw notFound('总结模板');
  const [row] = await db.select().from(records).where(and(eq(records.id, key), eq(records.type, summaryTemplateRecord.type), eq(records.state, 'active')));
  if (!row) throw notFound('总结模板');
  return officeTemplateOf(row);
};

export const listSummaryTemplates = async ({ db, actor }: { db: Db; actor: Actor }): Promise<TemplateView[]> => {
  requirePermission(actor, 'summary.read');
  const rows = await db.select().from(records).where(and(eq(records.type, summaryTemplateRecord.type), eq(records.state, 'active'))).orderBy(asc(records.createdAt));
  return [...builtInTemplates.map((template) => ({ ...template, isBuiltIn: true, version: null, basedOn: null })), ...rows.map(officeTemplateOf)];
};

/** Saves an office template: a new one (no id), or an edit of one at the version read (409 when someone saved first). */
export const saveSummaryTemplate = async ({
  db,
  actor,
  id,
  version,
  fields,
  now,
}: { db: Db; actor: Actor; id?: string; version?: number; fields: SummaryTemplateFields; now: Date }): Promise<TemplateView> => {
  requirePermission(actor, 'summary.template');
  const row = await db.transaction(async (tx) => {
    if (!id) return insertRecord(tx, { recordType: summaryTemplateRecord, fields, unitId: null, actor, now, comment: `新建总结模板“${fields.name}”` });
    const current = await lockRecord(tx, summaryTemplateRecord.type, id, '总结模板');
    return saveRecord(tx, { recordType: summaryTemplateRecord, record: current, version: version ?? -1, fields, action: 'edit', comment: '修改总结模板', actor, now });
  });
  return officeTemplateOf(row);
};
