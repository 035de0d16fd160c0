/**
 * Use cases of records of any type: list, read (with trail and links both ways), and — for types whose
 * writes are 'generic' — create and update. Who may: the type's read/write permission; a unit-scoped reader
 * sees only their unit's records of a unit-scoped type, any other id being "not found".
 */
import { aliasedTable, and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { RecordDetailView, RecordLinkView, RecordListView, RecordView } from '../../../../common/schemas/records.js';
import { cases, recordEvents, recordLinks, records, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { can, requirePermission } from '../../platform/scope.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { caseVisibility, identitiesOf } from '../cases/access.js';
import { findVisibleCase } from '../cases/cases.repository.js';
import { findRecordType, type RecordType } from './record-type.js';
import { insertRecord, lockRecord, recordTypeOrNotFound, saveRecord, type RecordRow } from './records.store.js';

/** The condition limiting a type's rows to what the actor may see. */
export const recordScope = (actor: Actor, recordType: RecordType): SQL =>
  recordType.isUnitScoped && actor.scope === 'unit' ? eq(records.unitId, actor.unitId) : sql`true`;

const isInScope = (actor: Actor, recordType: RecordType, row: { unitId: string | null }): boolean =>
  !(recordType.isUnitScoped && actor.scope === 'unit' && row.unitId !== actor.unitId);

const unitName = sql<string | null>`coalesce(${units.shortName}, ${units.name})`;

export const toRecordView = (row: RecordRow, name: string | null = null): RecordView => ({
  id: row.id,
  type: row.type,
  unitId: row.unitId,
  unitName: name,
  title: row.title,
  state: row.state,
  fields: row.fields,
  startsAt: row.startsAt?.toISOString() ?? null,
  endsAt: row.endsAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

/** Rows of a type matching `where` within the actor's scope, with their unit's name. */
export const findRecords = async (db: Db, actor: Actor, recordType: RecordType, where?: SQL, limit = 500): Promise<RecordView[]> => {
  const rows = await db
    .select({ row: records, unitName })
    .from(records)
    .leftJoin(units, eq(units.id, records.unitId))
    .where(and(eq(records.type, recordType.type), recordScope(actor, recordType), where))
    .orderBy(desc(records.startsAt), desc(records.createdAt), asc(records.id))
    .limit(limit);
  return rows.map(({ row, unitName: name }) => toRecordView(row, name));
};

export const listRecords = async ({ db, actor, type, unit, limit }: { db: Db; actor: Actor; type: string; unit?: string; limit?: number }): Promise<RecordListView> => {
  const recordType = recordTypeOrNotFound(type);
  requirePermission(actor, recordType.read);
  const items = await findRecords(db, actor, recordType, unit ? eq(records.unitId, unit) : undefined, limit);
  return { type, label: recordType.label, columns: [...recordType.listColumns], canCreate: recordType.writes === 'generic' && can(actor, recordType.write), items };
};

/** One visible record of the type, or "not found". */
export const findVisibleRecord = async (db: Db, actor: Actor, recordType: RecordType, id: string): Promise<RecordView> => {
  const [found] = await findRecords(db, actor, recordType, eq(records.id, id), 1);
  if (!found) throw notFound(recordType.label);
  return found;
};

/**
 * The ids among `caseIds` the actor may see. A record is read by whoever holds its type's permission (a meeting by
 * every 联络员), but the cases linked to it — the 督办 items a 纪要 opened at the meeting, the 纪要 itself — are each
 * the business of the units they were given to: a reader sees a linked case only as they would see it by its id.
 */
const visibleCaseIds = async (db: Db, actor: Actor, caseIds: readonly string[], now: Date): Promise<Set<string>> => {
  if (caseIds.length === 0) return new Set();
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const rows = await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, [...new Set(caseIds)]), caseVisibility(identities)));
  return new Set(rows.map((row) => row.id));
};

/** Links from and to a record, each named by the other end's title; ends the actor may not read are left out. */
const linksOf = async (db: Db, actor: Actor, id: string, sees: (caseId: string) => boolean): Promise<RecordLinkView[]> => {
  const other = aliasedTable(records, 'other');
  const rows = await db
    .select({ link: recordLinks, otherRecord: other, caseTitle: cases.title, caseSerial: cases.serialNo })
    .from(recordLinks)
    .leftJoin(other, sql`${other.id} = case when ${recordLinks.recordId} = ${id} then ${recordLinks.targetRecordId} else ${recordLinks.recordId} end`)
    .leftJoin(cases, eq(cases.id, recordLinks.targetCaseId))
    .where(or(eq(recordLinks.recordId, id), eq(recordLinks.targetRecordId, id)))
    .orderBy(asc(recordLinks.createdAt));
  return rows.flatMap(({ link, otherRecord, caseTitle, caseSerial }): RecordLinkView[] => {
    const direction = link.recordId === id ? 'out' : 'in';
    if (otherRecord) {
      const otherType = findRecordType(otherRecord.type);
      if (!otherType || !can(actor, otherType.read) || !isInScope(actor, otherType, otherRecord)) return [];
      return [{ id: link.id, relation: link.relation, direction, recordId: otherRecord.id, recordType: otherRecord.type, caseId: null, title: otherRecord.title }];
    }
    if (!link.targetCaseId || !sees(link.targetCaseId)) return [];
    return [{ id: link.id, relation: link.relation, direction, recordId: null, recordType: null, caseId: link.targetCaseId, title: `${caseSerial ?? ''} ${caseTitle ?? ''}`.trim() }];
  });
};

/** The case a trail event of a record names (a link to a case carries it in its details), if any. */
const caseOfEvent = (details: Record<string, unknown>): string | undefined => (typeof details.caseId === 'string' ? details.caseId : undefined);

export const getRecord = async ({ db, actor, type, id, now }: { db: Db; actor: Actor; type: string; id: string; now: Date }): Promise<RecordDetailView> => {
  const recordType = recordTypeOrNotFound(type);
  requirePermission(actor, recordType.read);
  const view = await findVisibleRecord(db, actor, recordType, id);
  const events = await db.select().from(recordEvents).where(eq(recordEvents.recordId, id)).orderBy(asc(recordEvents.seq));
  const linkedCases = await db.select({ caseId: recordLinks.targetCaseId }).from(recordLinks).where(eq(recordLinks.recordId, id));
  const caseIds = [...linkedCases.flatMap((row) => (row.caseId ? [row.caseId] : [])), ...events.flatMap((event) => caseOfEvent(event.details) ?? [])];
  const visible = await visibleCaseIds(db, actor, caseIds, now);
  const sees = (caseId: string) => visible.has(caseId);
  return {
    ...view,
    columns: [...recordType.detail],
    // A link event naming a case out of the reader's sight keeps its place in the trail, without the case's number and title.
    events: events.map((event) => {
      const caseId = caseOfEvent(event.details);
      const comment = caseId && !sees(caseId) ? '关联事项（无权查看）' : event.comment;
      return { seq: event.seq, action: event.action, comment, actorName: event.actorName, at: event.at.toISOString() };
    }),
    links: await linksOf(db, actor, id, sees),
    canChange: recordType.writes === 'generic' && can(actor, recordType.write),
  };
};

const genericWritable = (actor: Actor, recordType: RecordType): void => {
  requirePermission(actor, recordType.write);
  if (recordType.writes !== 'generic') throw forbidden(`${recordType.label}只能在其业务页面办理`);
};

export const createRecord = async ({ db, actor, type, fields, unitId, now }: { db: Db; actor: Actor; type: string; fields: unknown; unitId?: string; now: Date }): Promise<RecordDetailView> => {
  const recordType = recordTypeOrNotFound(type);
  genericWritable(actor, recordType);
  // A unit-scoped writer writes for their own unit; office staff name one, or write for the office (null).
  const owner = recordType.isUnitScoped ? (actor.scope === 'unit' ? actor.unitId : (unitId ?? actor.unitId)) : null;
  if (actor.scope === 'unit' && unitId && unitId !== actor.unitId) throw notFound('单位');
  const row = await db.transaction((tx) => insertRecord(tx, { recordType, fields, unitId: owner, actor, now }));
  return getRecord({ db, actor, type, id: row.id, now });
};

export const updateRecord = async ({ db, actor, type, id, fields, version, now }: { db: Db; actor: Actor; type: string; id: string; fields: unknown; version: number; now: Date }): Promise<RecordDetailView> => {
  const recordType = recordTypeOrNotFound(type);
  genericWritable(actor, recordType);
  await db.transaction(async (tx) => {
    const row = await lockRecord(tx, type, id, recordType.label);
    if (!isInScope(actor, recordType, row)) throw notFound(recordType.label);
    await saveRecord(tx, { recordType, record: row, version, fields, action: 'update', comment: `修改${recordType.label}`, actor, now });
  });
  return getRecord({ db, actor, type, id, now });
};

/** Records linked to a case the actor can see, of the types the actor may read. */
export const recordsOfCase = async ({ db, actor, caseId, now }: { db: Db; actor: Actor; caseId: string; now: Date }): Promise<Array<RecordView & { relation: string }>> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  if (!(await findVisibleCase(db, identities, caseId))) throw notFound('事项');
  const rows = await db
    .select({ row: records, relation: recordLinks.relation, unitName })
    .from(recordLinks)
    .innerJoin(records, eq(records.id, recordLinks.recordId))
    .leftJoin(units, eq(units.id, records.unitId))
    .where(eq(recordLinks.targetCaseId, caseId))
    .orderBy(asc(recordLinks.createdAt));
  return rows
    .filter(({ row }) => {
      const recordType = findRecordType(row.type);
      return recordType !== undefined && can(actor, recordType.read) && isInScope(actor, recordType, row);
    })
    .map(({ row, relation, unitName: name }) => ({ ...toRecordView(row, name), relation }));
};

/** Ids of records of `type` linked from `recordIds` under `relation` (a module's own reads). */
export const linkedRecordIds = async (db: Db, recordIds: string[], relation: string): Promise<Array<{ from: string; to: string }>> =>
  recordIds.length === 0
    ? []
    : (
        await db
          .select({ from: recordLinks.recordId, to: recordLinks.targetRecordId })
          .from(recordLinks)
          .where(and(inArray(recordLinks.recordId, recordIds), eq(recordLinks.relation, relation)))
      ).flatMap((link) => (link.to ? [{ from: link.from, to: link.to }] : []));
