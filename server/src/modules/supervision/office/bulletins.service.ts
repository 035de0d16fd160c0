/**
 * 督查通报: a draft compiled for a period from the items' states (第 N 期 of the year, the figures and the
 * late items' table — bulletin.ts), edited by the 督查室 (title and 正文, the 409 on a lost race), issued,
 * and printed as a GB/T 9704 document headed 督查通报 with its issue number.
 */
import { and, eq, gte, lte, ne, or, sql } from 'drizzle-orm';
import { chineseDate } from '../../../../../common/documents/official.js';
import type { RecordDetailView } from '../../../../../common/schemas/records.js';
import { cases, records } from '../../../db/schema/index.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import { unitNames } from '../../../engine/cases/cases.repository.js';
import { findVisibleRecord, getRecord } from '../../../engine/records/records.service.js';
import { insertRecord, lockRecord, saveRecord } from '../../../engine/records/records.store.js';
import type { Actor } from '../../../platform/actor.js';
import type { Db } from '../../../platform/db.js';
import type { DocumentBodyBlock, OfficialDocumentModel } from '../../../platform/documents/document.types.js';
import { renderOfficialDocx } from '../../../platform/documents/render-docx.js';
import { conflict, validationError } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/scope.js';
import { findOrganName } from '../../disclosure/published.repository.js';
import { readSupervisionFields } from '../supervision.fields.js';
import { supervisionLight } from '../supervision.progress.js';
import { compileBulletinBody, type BulletinItem } from './bulletin.js';
import { supervisionBulletinRecord, type SupervisionBulletinFields } from './office.records.js';

const BULLETIN_LOCK_KEY = 7_262_132;
const MAX_PERIOD_DAYS = 366;

/** The items under supervision in [from, to]: opened by its end and not 销号 before its start. */
const itemsOf = async (db: Db, from: string, to: string): Promise<BulletinItem[]> => {
  const rows = await db
    .select({ serialNo: cases.serialNo, title: cases.title, state: cases.state, fields: cases.fields })
    .from(cases)
    .where(
      and(
        eq(cases.kind, 'supervision'),
        lte(sql`${cases.fields}->>'openedOn'`, to),
        or(ne(cases.state, 'closed'), gte(sql`to_char(${cases.closedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`, from)),
      ),
    );
  const parsed = rows.map((row) => ({ row, fields: readSupervisionFields(row.fields) }));
  const names = await unitNames(db, [...new Set(parsed.map(({ fields }) => fields.leadUnitId))]);
  return parsed.map(({ row, fields }) => ({
    serialNo: row.serialNo,
    title: row.title,
    leadUnitName: names.get(fields.leadUnitId) ?? fields.leadUnitName ?? '',
    deadline: fields.deadline ?? null,
    // On time is judged by the day the unit reported it done (申报办结), as supervision.onTimeRate does.
    closedOn: row.state === 'closed' ? (fields.claim?.on ?? null) : null,
    light: supervisionLight({ state: row.state, fields }, to).light,
  }));
};

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const compileSupervisionBulletin = async ({ db, actor, from, to, now }: { db: Db; actor: Actor; from: string; to: string; now: Date }): Promise<RecordDetailView> => {
  requirePermission(actor, 'supervision.manage');
  if (from > to) throw validationError('开始日期不能晚于结束日期', { fields: [{ path: 'from', message: '不能晚于结束日期' }] });
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) throw validationError('一期通报最长一年', { fields: [{ path: 'to', message: '一期通报最长一年' }] });
  if (to > todayInShanghai(now)) throw validationError('结束日期不能晚于今天', { fields: [{ path: 'to', message: '不能晚于今天' }] });
  const year = Number(to.slice(0, 4));
  const items = await itemsOf(db, from, to);
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BULLETIN_LOCK_KEY}, ${year})`);
    const [last] = await tx
      .select({ no: sql<number>`coalesce(max((${records.fields}->>'issueNo')::int), 0)::int` })
      .from(records)
      .where(and(eq(records.type, supervisionBulletinRecord.type), sql`(${records.fields}->>'year')::int = ${year}`));
    const fields: SupervisionBulletinFields = { year, issueNo: (last?.no ?? 0) + 1, from, to, title: '督办事项办理情况通报', body: compileBulletinBody({ items, from, to }) as SupervisionBulletinFields['body'] };
    return (await insertRecord(tx, { recordType: supervisionBulletinRecord, fields, unitId: null, actor, now, comment: `编制督查通报（${items.length} 项督办事项）` })).id;
  });
  return getRecord({ db, actor, type: supervisionBulletinRecord.type, id, now });
};

/** The draft as the 督查室 rewrote it: its title and 正文; the period and number stay. */
export const updateSupervisionBulletin = async ({ db, actor, id, version, title, body, now }: { db: Db; actor: Actor; id: string; version: number; title: string; body: unknown[]; now: Date }): Promise<RecordDetailView> => {
  requirePermission(actor, 'supervision.manage');
  await db.transaction(async (tx) => {
    const row = await lockRecord(tx, supervisionBulletinRecord.type, id, supervisionBulletinRecord.label);
    if (row.state !== 'draft') throw conflict('已印发的通报不能再修改');
    await saveRecord(tx, { recordType: supervisionBulletinRecord, record: row, version, fields: { ...row.fields, title, body }, action: 'update', comment: '修改通报', actor, now });
  });
  return getRecord({ db, actor, type: supervisionBulletinRecord.type, id, now });
};

export const issueSupervisionBulletin = async ({ db, actor, id, version, now }: { db: Db; actor: Actor; id: string; version: number; now: Date }): Promise<RecordDetailView> => {
  requirePermission(actor, 'supervision.manage');
  await db.transaction(async (tx) => {
    const row = await lockRecord(tx, supervisionBulletinRecord.type, id, supervisionBulletinRecord.label);
    if (row.state !== 'draft') throw conflict('该通报已印发');
    await saveRecord(tx, { recordType: supervisionBulletinRecord, record: row, version, fields: { ...row.fields, issuedOn: todayInShanghai(now) }, state: 'issued', action: 'issue', comment: '印发通报', actor, now });
  });
  return getRecord({ db, actor, type: supervisionBulletinRecord.type, id, now });
};

/** The 通报 as a document: 督查通报 as the red mark, 「2026年第3期」 as its number, the office signing. Pure. */
export const bulletinModel = ({ bulletin, organ, today }: { bulletin: SupervisionBulletinFields; organ: string; today: string }): OfficialDocumentModel => {
  const day = chineseDate(bulletin.issuedOn ?? today);
  return {
    format: 'file',
    issuerMark: '督查通报',
    docNumber: `${bulletin.year}年第${bulletin.issueNo}期`,
    title: bulletin.title,
    body: bulletin.body as DocumentBodyBlock[],
    attachmentNotes: [],
    signature: organ,
    writtenOn: day,
    printedBy: organ,
    printedOn: day,
  };
};

export const renderSupervisionBulletin = async ({ db, actor, id, now }: { db: Db; actor: Actor; id: string; now: Date }): Promise<{ file: Buffer; name: string }> => {
  const view = await findVisibleRecord(db, actor, supervisionBulletinRecord, id);
  const bulletin = view.fields as SupervisionBulletinFields;
  const organ = (await findOrganName(db, undefined)) ?? '人民政府办公室';
  return { file: await renderOfficialDocx(bulletinModel({ bulletin, organ, today: todayInShanghai(now) })), name: `督查通报${bulletin.year}年第${bulletin.issueNo}期.docx` };
};
