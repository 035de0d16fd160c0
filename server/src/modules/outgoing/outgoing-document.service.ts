/**
 * The 发文 as an official document: the case's fields and its 机关代字 worded into the GB/T 9704
 * model, rendered to .docx (and to a PDF preview when LibreOffice is installed), and the format
 * check — each only for a case the user may see.
 */
import { eq } from 'drizzle-orm';
import { chineseDate, numberBody } from '../../../../common/documents/official.js';
import type { FormatCheckView } from '../../../../common/schemas/outgoing.js';
import { cases, issuerCodes } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { identitiesOf } from '../../engine/cases/access.js';
import { findVisibleCase } from '../../engine/cases/cases.repository.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { invalidState, notFound, unavailable } from '../../platform/errors.js';
import type { OfficialDocumentModel } from '../../platform/documents/document.types.js';
import { renderOfficialDocx } from '../../platform/documents/render-docx.js';
import { DocumentPreviewError, isPreviewAvailable } from '../../platform/documents/preview.js';
import { previewKeyOf, type PreviewFormat, type PreviewStore } from '../../platform/documents/preview-cache.js';
import { checkOutgoingFormat } from './format-check.js';
import { findActiveUnitNames } from './format-context.repository.js';
import type { OutgoingCaseFields } from './outgoing.flow.js';

type IssuerRow = typeof issuerCodes.$inferSelect;

/** 文种 that carry no 主送 line (they face the public, or record a meeting). */
const noMainTo = new Set(['公告', '通告', '纪要', '命令', '公报']);

const annotationOf = (fields: OutgoingCaseFields): string | undefined => {
  if (fields.annotation) return fields.annotation.startsWith('（') ? fields.annotation : `（${fields.annotation}）`;
  if (fields.docType === '请示' && fields.contact) return `（联系人：${fields.contact.name}，电话：${fields.contact.phone}）`;
  if (fields.disclosure === '主动公开') return '（此件公开发布）';
  if (fields.disclosure === '依申请公开') return '（此件依申请公开）';
  return '（此件不予公开）';
};

/** The fields and the 代字's settings worded as GB/T 9704 要素. Unsigned drafts get today's date, marked as such by the UI. */
export const toDocumentModel = ({ fields, issuer, today }: { fields: OutgoingCaseFields; issuer: IssuerRow; today: string }): OfficialDocumentModel => {
  const names = (list: OutgoingCaseFields['mainTo']) => list.map((recipient) => recipient.name).join('、');
  const signer = fields.signOff?.byName ?? fields.signer?.name;
  return {
    format: issuer.format,
    urgency: fields.urgency === '平急' ? undefined : fields.urgency,
    issuerMark: issuer.issuerName,
    jointIssuerMarks: fields.jointIssuers.length > 0 ? fields.jointIssuers : undefined,
    docNumber: fields.docNumber ?? undefined,
    signers: fields.direction === '上行文' && signer ? [signer] : undefined,
    title: fields.title,
    mainTo: fields.mainTo.length > 0 && !noMainTo.has(fields.docType) ? `${names(fields.mainTo)}：` : undefined,
    body: numberBody(fields.body),
    attachmentNotes: fields.attachmentNotes,
    signature: issuer.organName || issuer.issuerName.replace(/文件$/, ''),
    writtenOn: chineseDate(fields.writtenOn ?? fields.signOff?.signedOn ?? today),
    annotation: annotationOf(fields),
    copyTo: fields.copyTo.length > 0 ? names(fields.copyTo) : undefined,
    printedBy: issuer.printerName || issuer.organName || issuer.issuerName,
    printedOn: chineseDate(fields.printedOn ?? fields.registeredOn ?? today),
  };
};

const issuerOf = async (db: Db, fields: OutgoingCaseFields): Promise<IssuerRow> => {
  const [issuer] = await db.select().from(issuerCodes).where(eq(issuerCodes.code, fields.issuerCode));
  if (!issuer) throw invalidState(`机关代字「${fields.issuerCode}」已不存在`);
  return issuer;
};

const loadOutgoing = async ({ db, actor, caseId, now }: { db: Db; actor: Actor; caseId: string; now: Date }) => {
  const today = todayInShanghai(now);
  const row = await findVisibleCase(db, await identitiesOf({ db, actor, today }), caseId);
  if (!row || row.kind !== 'outgoing') throw notFound('发文');
  const fields = row.fields as OutgoingCaseFields;
  return { row, fields, issuer: await issuerOf(db, fields), today };
};

/** A file name a person can tell apart in a folder: the 文号 (or 稿号) and the title. */
const fileNameOf = (serialNo: string, fields: OutgoingCaseFields) => `${fields.docNumber ?? serialNo} ${fields.title}`.replace(/[\\/:*?"<>|]/g, '').slice(0, 120);

export const renderCaseDocx = async (options: { db: Db; actor: Actor; caseId: string; now: Date }): Promise<{ file: Buffer; name: string }> => {
  const { row, fields, issuer, today } = await loadOutgoing(options);
  return { file: await renderOfficialDocx(toDocumentModel({ fields, issuer, today })), name: `${fileNameOf(row.serialNo, fields)}.docx` };
};

/**
 * The PDF (or its first page as PNG) of the case's current version: rendered once per version and
 * then read from the preview store, so a leader opening the 签发 page does not wait for LibreOffice again.
 */
export const renderCasePreview = async (options: { db: Db; actor: Actor; caseId: string; now: Date; previews: PreviewStore; format: PreviewFormat }): Promise<{ file: Buffer; name: string }> => {
  if (!isPreviewAvailable()) throw unavailable('本机未安装 LibreOffice，无法生成 PDF 预览；请下载 Word 文件查看');
  const { row, fields, issuer, today } = await loadOutgoing(options);
  const model = toDocumentModel({ fields, issuer, today });
  try {
    const file = await options.previews.read(previewKeyOf(row.id, model), options.format, () => renderOfficialDocx(model));
    return { file, name: `${fileNameOf(row.serialNo, fields)}.${options.format}` };
  } catch (error) {
    // The converter's own failures (missing, too slow, crashed) are the server's trouble, told plainly; the rest are bugs.
    if (error instanceof DocumentPreviewError) throw unavailable(error.message);
    throw error;
  }
};

/** States whose document nobody previews any more. */
const settledStates = new Set(['archived', 'withdrawn']);

/**
 * Starts rendering a just-saved 发文 version's preview in the background (called after the commit).
 * Any other case, or a settled one, is ignored; failures are logged by the store.
 */
export const prerenderCasePreview = async ({ db, caseId, now, previews }: { db: Db; caseId: string; now: Date; previews: PreviewStore }): Promise<void> => {
  if (!isPreviewAvailable()) return;
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row || row.kind !== 'outgoing' || settledStates.has(row.state)) return;
  const fields = row.fields as OutgoingCaseFields;
  const model = toDocumentModel({ fields, issuer: await issuerOf(db, fields), today: todayInShanghai(now) });
  previews.prerender(previewKeyOf(row.id, model), () => renderOfficialDocx(model));
};

export const checkCaseFormat = async (options: { db: Db; actor: Actor; caseId: string; now: Date }): Promise<FormatCheckView> => {
  const { fields, today, issuer } = await loadOutgoing(options);
  return checkOutgoingFormat({ fields, today, issuer, units: await findActiveUnitNames(options.db) });
};
