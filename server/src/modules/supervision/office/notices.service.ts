/**
 * 督办通知 / 督办函 from a 督办 item in one step: numbered per year (督办〔2026〕N号), addressed to the item's
 * units, worded from the item's state (what is behind and why), linked to the item — and printed as a
 * GB/T 9704 信函 through the shared renderer.
 */
import { and, eq, sql } from 'drizzle-orm';
import { chineseDate } from '../../../../../common/documents/official.js';
import { records } from '../../../db/schema/index.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import { identitiesOf } from '../../../engine/cases/access.js';
import { findVisibleCase, unitNames } from '../../../engine/cases/cases.repository.js';
import { getRecord, findVisibleRecord } from '../../../engine/records/records.service.js';
import { insertRecord, linkRecord } from '../../../engine/records/records.store.js';
import type { Actor } from '../../../platform/actor.js';
import type { Db } from '../../../platform/db.js';
import type { OfficialDocumentModel } from '../../../platform/documents/document.types.js';
import { renderOfficialDocx } from '../../../platform/documents/render-docx.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/scope.js';
import type { RecordDetailView } from '../../../../../common/schemas/records.js';
import { findOrganName } from '../../disclosure/published.repository.js';
import { readSupervisionFields, type SupervisionFields } from '../supervision.fields.js';
import { supervisionLight } from '../supervision.progress.js';
import { supervisionNoticeRecord, type noticeTypes, type SupervisionNoticeFields } from './office.records.js';

/** Notices of a year are numbered in turn: one numbering at a time (advisory lock, released at commit). */
const NOTICE_LOCK_KEY = 7_262_131;

const worded = (day: string) => chineseDate(day);

/** The notice's text, from the item as it stands today. Pure. */
export const noticeText = ({ serialNo, title, fields, state, today, replyBy }: { serialNo: string; title: string; fields: SupervisionFields; state: string; today: string; replyBy: string }): string => {
  const { reasons } = supervisionLight({ state, fields }, today);
  const deadline = fields.isOngoing && !fields.deadline ? '长期坚持' : `${worded(fields.deadline!)}前完成`;
  return [
    `${fields.source}事项「${title}」（${serialNo}）于${worded(fields.openedOn)}立项督办，由你单位牵头办理，要求${deadline}。`,
    reasons.length > 0 ? `经督查，该事项${reasons.join('；')}。` : '经督查，该事项正在推进。',
    `请你单位高度重视，对照时间节点加快推进，于${worded(replyBy)}前将办理进展、存在问题和下步措施书面报送市政府督查室。逾期未报送的，将在督查通报中予以通报。`,
  ].join('\n');
};

export const sendSupervisionNotice = async ({
  db,
  actor,
  caseId,
  noticeType,
  replyBy,
  text,
  now,
}: {
  db: Db;
  actor: Actor;
  caseId: string;
  noticeType: (typeof noticeTypes)[number];
  replyBy: string;
  text?: string | undefined;
  now: Date;
}): Promise<RecordDetailView> => {
  requirePermission(actor, 'supervision.manage');
  const today = todayInShanghai(now);
  const item = await findVisibleCase(db, await identitiesOf({ db, actor, today }), caseId);
  if (!item || item.kind !== 'supervision') throw notFound('督办事项');
  if (item.state !== 'handling') throw conflict('只能对办理中的督办事项发督办通知');
  if (replyBy < today) throw validationError('报送期限不能早于今天', { fields: [{ path: 'replyBy', message: '不能早于今天' }] });
  const fields = readSupervisionFields(item.fields);
  const year = Number(today.slice(0, 4));
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${NOTICE_LOCK_KEY}, ${year})`);
    const [last] = await tx
      .select({ no: sql<number>`coalesce(max((${records.fields}->>'no')::int), 0)::int` })
      .from(records)
      .where(and(eq(records.type, supervisionNoticeRecord.type), sql`(${records.fields}->>'year')::int = ${year}`));
    const notice: SupervisionNoticeFields = {
      caseId,
      noticeType,
      year,
      no: (last?.no ?? 0) + 1,
      sentOn: today,
      replyBy,
      toUnitIds: [fields.leadUnitId, ...fields.helperUnitIds],
      itemTitle: item.title,
      text: text?.trim() || noticeText({ serialNo: item.serialNo, title: item.title, fields, state: item.state, today, replyBy }),
    };
    const row = await insertRecord(tx, { recordType: supervisionNoticeRecord, fields: notice, unitId: fields.leadUnitId, actor, now, comment: `发出${noticeType}` });
    await linkRecord(tx, { recordId: row.id, target: { caseId }, relation: 'notice', actor, now, label: `督办事项 ${item.serialNo}` });
    return row.id;
  });
  return getRecord({ db, actor, type: supervisionNoticeRecord.type, id, now });
};

/** The notice as a 信函: the office's name as the mark and the signature, the units as 主送. Pure. */
export const noticeModel = ({ notice, organ, unitNames: names }: { notice: SupervisionNoticeFields; organ: string; unitNames: readonly string[] }): OfficialDocumentModel => ({
  format: 'letter',
  issuerMark: organ,
  docNumber: `${notice.noticeType === '督办函' ? '督函' : '督办'}〔${notice.year}〕${notice.no}号`,
  title: `关于督促办理“${notice.itemTitle}”的${notice.noticeType === '督办函' ? '函' : '通知'}`,
  mainTo: `${names.join('、')}：`,
  body: notice.text.split(/\n+/).filter(Boolean).map((text) => ({ level: 0, prefix: '', text })),
  attachmentNotes: [],
  signature: organ,
  writtenOn: worded(notice.sentOn),
  printedBy: organ,
  printedOn: worded(notice.sentOn),
});

export const renderSupervisionNotice = async ({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<{ file: Buffer; name: string }> => {
  const view = await findVisibleRecord(db, actor, supervisionNoticeRecord, id);
  const notice = view.fields as SupervisionNoticeFields;
  const names = await unitNames(db, notice.toUnitIds);
  const organ = (await findOrganName(db, undefined)) ?? '人民政府办公室';
  const file = await renderOfficialDocx(noticeModel({ notice, organ, unitNames: notice.toUnitIds.map((unitId) => names.get(unitId) ?? '') }));
  return { file, name: `${notice.noticeType}〔${notice.year}〕${notice.no}号.docx` };
};
