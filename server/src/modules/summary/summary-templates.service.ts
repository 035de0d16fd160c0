/**
 * Templates: the built-in ones (summary-templates.ts) and the office's own, which the director makes by
 * copying one and editing its sections and wording (an office template is a summary_template record),
 * retires when no longer wanted, and one of which per kind of period the office uses by default
 * (the summary_defaults record; without a choice, the built-in for the office's level).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { TemplateVersion } from '../../../../common/schemas/summary.js';
import { recordEvents, records } from '../../db/schema/index.js';
import { insertRecord, lockRecord, saveRecord } from '../../engine/records/records.store.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound, validationError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { assertSourceValid } from './summary-check.js';
import { organNameOf } from './summary-office.js';
import { levelOfOrgan } from './summary-period.js';
import {
  type SummaryDefaultsFields,
  SummaryDefaultsFields as DefaultsSchema,
  summaryDefaultsRecord,
  type SummaryTemplateFields,
  SummaryTemplateFields as TemplateSchema,
  summaryTemplateRecord,
} from './summary.records.js';
import { builtInTemplates, findBuiltInTemplate, type PeriodKind, type SummaryTemplate } from './summary-templates.js';

export type TemplateView = SummaryTemplate & { isBuiltIn: boolean; version: number | null; basedOn: string | null; isDefault: boolean };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any number, the same in every process: the defaults record is made once, choices take turns. */
const DEFAULTS_LOCK_KEY = 7_230_416;

const officeTemplateOf = (row: { id: string; version: number; fields: Record<string, unknown> }): TemplateView => {
  const fields = TemplateSchema.parse(row.fields);
  return { key: row.id, name: fields.name, level: fields.level, periodKind: fields.periodKind, title: fields.title, sections: fields.sections, isBuiltIn: false, version: row.version, basedOn: fields.basedOn, isDefault: false };
};

const builtInView = (template: SummaryTemplate): TemplateView => ({ ...template, isBuiltIn: true, version: null, basedOn: null, isDefault: false });

/** A built-in template by its key, or an office template (in use) by its id; anything else is not found. */
export const findTemplate = async (db: Db, key: string): Promise<TemplateView> => {
  const builtIn = findBuiltInTemplate(key);
  if (builtIn) return builtInView(builtIn);
  if (!uuidPattern.test(key)) throw notFound('总结模板');
  const [row] = await db.select().from(records).where(and(eq(records.id, key), eq(records.type, summaryTemplateRecord.type), eq(records.state, 'active')));
  if (!row) throw notFound('总结模板');
  return officeTemplateOf(row);
};

const defaultsRow = async (db: Db) => {
  const [row] = await db.select().from(records).where(eq(records.type, summaryDefaultsRecord.type)).orderBy(asc(records.createdAt)).limit(1);
  return row;
};

/** The template each kind of period uses: the director's choice while it is in use, else the built-in for the office's level. */
const defaultKeys = async (db: Db, templates: readonly TemplateView[]): Promise<Record<PeriodKind, string>> => {
  const row = await defaultsRow(db);
  const chosen: SummaryDefaultsFields = row ? DefaultsSchema.parse(row.fields) : { year: null, half: null, month: null };
  const level = levelOfOrgan(await organNameOf(db, null));
  const fallback: Record<PeriodKind, string> = { year: `year-${level}`, half: 'half', month: 'month' };
  const pick = (periodKind: PeriodKind) => {
    const key = chosen[periodKind];
    return templates.some((template) => template.key === key && template.periodKind === periodKind) ? key! : fallback[periodKind];
  };
  return { year: pick('year'), half: pick('half'), month: pick('month') };
};

export const listSummaryTemplates = async ({ db, actor }: { db: Db; actor: Actor }): Promise<TemplateView[]> => {
  requirePermission(actor, 'summary.read');
  const rows = await db.select().from(records).where(and(eq(records.type, summaryTemplateRecord.type), eq(records.state, 'active'))).orderBy(asc(records.createdAt));
  const templates = [...builtInTemplates.map(builtInView), ...rows.map(officeTemplateOf)];
  const defaults = await defaultKeys(db, templates);
  return templates.map((template) => ({ ...template, isDefault: defaults[template.periodKind] === template.key }));
};

const withDefaultFlag = async (db: Db, actor: Actor, view: TemplateView): Promise<TemplateView> =>
  (await listSummaryTemplates({ db, actor })).find((template) => template.key === view.key) ?? view;

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
  assertSourceValid(fields, { placeholders: true });
  const row = await db.transaction(async (tx) => {
    // Each save keeps the whole text it saved in its trail event (details), so any version can be read back and restored.
    if (!id) return insertRecord(tx, { recordType: summaryTemplateRecord, fields, unitId: null, actor, now, comment: `新建总结模板“${fields.name}”`, details: { version: 1, template: fields } });
    const current = await lockRecord(tx, summaryTemplateRecord.type, id, '总结模板');
    if (current.state !== 'active') throw notFound('总结模板');
    const details = { version: current.version + 1, template: fields };
    return saveRecord(tx, { recordType: summaryTemplateRecord, record: current, version: version ?? -1, fields, action: 'edit', comment: '修改总结模板', details, actor, now });
  });
  return withDefaultFlag(db, actor, officeTemplateOf(row));
};

/**
 * An office template's versions, newest first, each whole as it was saved. A template saved before versions were
 * kept whole has only its current text: that is listed as its current version.
 */
export const listSummaryTemplateVersions = async ({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<TemplateVersion[]> => {
  requirePermission(actor, 'summary.read');
  const template = await findTemplate(db, id);
  if (template.isBuiltIn || template.version === null) throw notFound('本办模板');
  const events = await db.select().from(recordEvents).where(eq(recordEvents.recordId, id)).orderBy(desc(recordEvents.seq));
  const versions = events.flatMap((event) => {
    const details = event.details as { version?: number; template?: unknown } | null;
    const parsed = TemplateSchema.safeParse(details?.template);
    if (!details?.version || !parsed.success) return [];
    return [{ version: details.version, at: event.at.toISOString(), actorName: event.actorName, comment: event.comment, template: parsed.data }];
  });
  if (versions[0]?.version === template.version) return versions;
  // The newest event is the save that made the current text (its whole text was not kept then).
  const newest = events[0];
  const current = { version: template.version, at: (newest?.at ?? new Date(0)).toISOString(), actorName: newest?.actorName ?? '', comment: newest?.comment ?? null, template: editableFieldsOf(template) };
  return [current, ...versions];
};

const editableFieldsOf = (template: TemplateView): SummaryTemplateFields => ({ name: template.name, level: template.level, periodKind: template.periodKind, basedOn: template.basedOn ?? template.key, title: template.title, sections: template.sections });

/** Retires an office template (read at `version`): it leaves the lists; drafts made from it keep their text. */
export const retireSummaryTemplate = async ({ db, actor, id, version, now }: { db: Db; actor: Actor; id: string; version: number; now: Date }): Promise<void> => {
  requirePermission(actor, 'summary.template');
  await db.transaction(async (tx) => {
    const current = await lockRecord(tx, summaryTemplateRecord.type, id, '总结模板');
    if (current.state !== 'active') throw notFound('总结模板');
    await saveRecord(tx, { recordType: summaryTemplateRecord, record: current, version, state: 'retired', action: 'retire', comment: '停用总结模板', actor, now });
  });
};

/** Makes a template the one the office uses for its kind of period. */
export const setDefaultSummaryTemplate = async ({
  db,
  actor,
  periodKind,
  templateKey,
  now,
}: { db: Db; actor: Actor; periodKind: PeriodKind; templateKey: string; now: Date }): Promise<TemplateView[]> => {
  requirePermission(actor, 'summary.template');
  const template = await findTemplate(db, templateKey);
  if (template.periodKind !== periodKind) throw validationError(`“${template.name}”不是${{ year: '年度', half: '半年', month: '月度' }[periodKind]}模板`);
  await db.transaction(async (tx) => {
    // One defaults record for the office: whoever comes second waits and then edits the first one's.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEFAULTS_LOCK_KEY})`);
    if (!template.isBuiltIn) {
      // Retired meanwhile: nothing changes.
      const row = await lockRecord(tx, summaryTemplateRecord.type, template.key, '总结模板');
      if (row.state !== 'active') throw notFound('总结模板');
    }
    const existing = await defaultsRow(tx);
    if (!existing) {
      const fields: SummaryDefaultsFields = { year: null, half: null, month: null, [periodKind]: template.key };
      await insertRecord(tx, { recordType: summaryDefaultsRecord, fields, unitId: null, actor, now, comment: `默认${template.name}` });
      return;
    }
    const current = await lockRecord(tx, summaryDefaultsRecord.type, existing.id, '默认总结模板');
    const fields = { ...DefaultsSchema.parse(current.fields), [periodKind]: template.key };
    if (DefaultsSchema.parse(current.fields)[periodKind] === template.key) return;
    await saveRecord(tx, { recordType: summaryDefaultsRecord, record: current, version: current.version, fields, action: 'edit', comment: `默认使用“${template.name}”`, actor, now });
  });
  return listSummaryTemplates({ db, actor });
};
