/**
 * Use cases of the 年度工作总结 (and the half-year summary and the monthly 工作简报): make a draft from a
 * template for a period (and a unit, if asked), read it with every number worked out from the metrics
 * now, save the office's edits (409 on a lost race, every version whole in the trail), list versions,
 * and export it as a GB/T 9704 .docx through the shared renderer.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { TokenValue } from '../../../../common/schemas/summary.js';
import { recordEvents, records } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { insertRecord, lockRecord, saveRecord, type RecordRow } from '../../engine/records/records.store.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound, validationError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { fillPlaceholders, periodWords } from './summary-period.js';
import { type SummaryContent, type WorkSummaryFields, WorkSummaryFields as WorkSummarySchema, workSummaryRecord } from './summary.records.js';
import { assertSourceValid } from './summary-check.js';
import { organNameOf } from './summary-office.js';
import { findTemplate } from './summary-templates.service.js';
import { metricIdsOf, plainText, type ResolvedPiece } from './summary-tokens.js';
import { resolveContent, type ResolvedSection } from './summary-values.js';

export type SummaryView = {
  id: string;
  version: number;
  title: string;
  templateKey: string;
  templateName: string;
  periodKind: WorkSummaryFields['periodKind'];
  from: string;
  to: string;
  unitId: string | null;
  unitName: string | null;
  organName: string;
  /** The title as it reads (it may carry a number, like any sentence). */
  titlePieces: ResolvedPiece[];
  sections: ResolvedSection[];
  /** Numbers in the text, and gaps where a metric had no value. */
  numberCount: number;
  gapCount: number;
  /** What each token reads as now, by tokenKey (the editor's chips). */
  values: Record<string, TokenValue>;
  updatedAt: string;
};

export { organNameOf };

const summaryRow = async (db: Db, id: string): Promise<RecordRow> => {
  const [row] = await db.select().from(records).where(and(eq(records.id, id), eq(records.type, workSummaryRecord.type)));
  if (!row) throw notFound('工作总结');
  return row;
};

/** Makes a draft from a template for a period: the placeholders filled, the number tokens kept. */
export const createSummaryDraft = async ({
  db,
  actor,
  templateKey,
  from,
  to,
  unitId,
  now,
}: { db: Db; actor: Actor; templateKey: string; from: string; to: string; unitId: string | null; now: Date }): Promise<SummaryView> => {
  requirePermission(actor, 'summary.write');
  if (from > to) throw validationError('开始日期不能晚于结束日期');
  if (to > todayInShanghai(now).slice(0, 4) + '-12-31') throw validationError('不能为将来的年份生成总结');
  const template = await findTemplate(db, templateKey);
  const organName = await organNameOf(db, unitId);
  const words = periodWords({ periodKind: template.periodKind, from, to, level: template.level, organName });
  const fields: WorkSummaryFields = {
    title: fillPlaceholders(template.title, words),
    sections: template.sections.map((section) => ({ heading: fillPlaceholders(section.heading, words), paragraphs: section.paragraphs.map((text) => fillPlaceholders(text, words)) })),
    templateKey: template.key,
    templateName: template.name,
    periodKind: template.periodKind,
    from,
    to,
    unitId,
  };
  const row = await db.transaction((tx) =>
    insertRecord(tx, { recordType: workSummaryRecord, fields, unitId: null, actor, now, comment: `按“${template.name}”生成${fields.title}`, details: { version: 1, title: fields.title, sections: fields.sections } }),
  );
  return getSummary({ db, actor, id: row.id, now });
};

const viewOf = async ({ db, actor, row, now }: { db: Db; actor: Actor; row: RecordRow; now: Date }): Promise<SummaryView> => {
  const fields = WorkSummarySchema.parse(row.fields);
  const resolved = await resolveContent({ db, actor, title: fields.title, sections: fields.sections, period: fields, now });
  const organName = await organNameOf(db, fields.unitId);
  return {
    id: row.id,
    version: row.version,
    title: fields.title,
    templateKey: fields.templateKey,
    templateName: fields.templateName,
    periodKind: fields.periodKind,
    from: fields.from,
    to: fields.to,
    unitId: fields.unitId,
    unitName: fields.unitId ? organName : null,
    organName,
    ...resolved,
    updatedAt: row.updatedAt.toISOString(),
  };
};

export const getSummary = async ({ db, actor, id, now }: { db: Db; actor: Actor; id: string; now: Date }): Promise<SummaryView> => {
  requirePermission(actor, 'summary.read');
  return viewOf({ db, actor, row: await summaryRow(db, id), now });
};

export type SummaryListItem = { id: string; title: string; templateName: string; from: string; to: string; version: number; updatedAt: string };

export const listSummaries = async ({ db, actor, now }: { db: Db; actor: Actor; now: Date }): Promise<SummaryListItem[]> => {
  requirePermission(actor, 'summary.read');
  const rows = await db.select().from(records).where(eq(records.type, workSummaryRecord.type)).orderBy(desc(records.updatedAt)).limit(200);
  const items: SummaryListItem[] = [];
  for (const row of rows) {
    const fields = WorkSummarySchema.parse(row.fields);
    // A title seldom carries a number; when it does the list shows it as it prints, not as its token.
    const title = metricIdsOf([fields.title]).length === 0 ? fields.title : plainText((await resolveContent({ db, actor, title: fields.title, sections: [], period: fields, now })).titlePieces);
    items.push({ id: row.id, title, templateName: fields.templateName, from: fields.from, to: fields.to, version: row.version, updatedAt: row.updatedAt.toISOString() });
  }
  return items;
};

/** Saves the office's edit of the text (tokens kept); the whole text goes into the trail as this version. */
export const saveSummary = async ({ db, actor, id, version, content, now }: { db: Db; actor: Actor; id: string; version: number; content: SummaryContent; now: Date }): Promise<SummaryView> => {
  requirePermission(actor, 'summary.write');
  // A draft's placeholders were filled when it was made: braces left in it are the office's own words.
  assertSourceValid(content, { placeholders: false });
  const row = await db.transaction(async (tx) => {
    const current = await lockRecord(tx, workSummaryRecord.type, id, '工作总结');
    const fields = { ...WorkSummarySchema.parse(current.fields), title: content.title, sections: content.sections };
    return saveRecord(tx, { recordType: workSummaryRecord, record: current, version, fields, action: 'edit', comment: '修改工作总结', details: { version: version + 1, title: content.title, sections: content.sections }, actor, now });
  });
  return viewOf({ db, actor, row, now });
};

export type SummaryVersion = { version: number; at: string; actorName: string; comment: string | null; title: string; sections: SummaryContent['sections'] };

/** Every saved version, newest first: each save's whole text, back to the draft as made. */
export const listSummaryVersions = async ({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<SummaryVersion[]> => {
  requirePermission(actor, 'summary.read');
  const row = await summaryRow(db, id);
  const events = await db.select().from(recordEvents).where(eq(recordEvents.recordId, row.id)).orderBy(desc(recordEvents.seq));
  return events.flatMap((event) => {
    const details = event.details as { version?: number; title?: string; sections?: SummaryContent['sections'] };
    if (!details.sections || !details.title || !details.version) return [];
    return [{ version: details.version, at: event.at.toISOString(), actorName: event.actorName, comment: event.comment, title: details.title, sections: details.sections }];
  });
};
