/**
 * The 答复函 drafted in Fuban, printed as a GB/T 9704 信函 through platform/documents: the answering unit's
 * name as the mark and the signature, the deputy (or member) as 主送, the answer's text as 正文, the class and
 * whether it may be published as 附注 (the form most 答复函 carry: 「（A类）」「此件公开发布」), 抄送 the office.
 * The deputy's name is shown in full only to a reader who may reveal personal data, and that look is audited.
 */
import { chineseDate } from '../../../../common/documents/official.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { identitiesOf } from '../../engine/cases/access.js';
import { eq } from 'drizzle-orm';
import { units } from '../../db/schema/index.js';
import { findVisibleCase } from '../../engine/cases/cases.repository.js';
import { revealPersonalField } from '../../engine/personal/personal.service.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import type { OfficialDocumentModel } from '../../platform/documents/document.types.js';
import { renderOfficialDocx } from '../../platform/documents/render-docx.js';
import { notFound } from '../../platform/errors.js';
import { findOrganName } from '../disclosure/published.repository.js';
import { readProposalFields, type ProposalFields, type StoredAnswer } from './proposal.fields.js';
import { wordsOf } from './proposal.kind.words.js';
import { KIND } from './proposal.service.js';

/** The letter's model. Pure. */
export const answerLetterModel = ({ fields, answer, unitName, addressee, office }: { fields: ProposalFields; answer: StoredAnswer; unitName: string; addressee: string; office: string }): OfficialDocumentModel => {
  const words = wordsOf(fields);
  const title = `关于${fields.term}${fields.session}次会议第${fields.number}号${words.short}的答复${answer.round > 1 ? '（重新办理）' : ''}`;
  return {
    format: 'letter',
    issuerMark: unitName,
    title,
    mainTo: `${addressee}${fields.body === 'npc' ? '代表' : '委员'}：`,
    body: [`您提出的《${fields.title}》收悉，现答复如下：`, ...answer.text.split(/\n+/).filter(Boolean), '感谢您对我们工作的关心和支持。'].map((text) => ({ level: 0, prefix: '', text })),
    attachmentNotes: [],
    signature: unitName,
    writtenOn: chineseDate(answer.on),
    annotation: `（${answer.answerClass}类）${answer.isPublishable ? '（此件公开发布）' : '（此件不公开）'}`,
    copyTo: office,
    printedBy: unitName,
    printedOn: chineseDate(answer.on),
  };
};

export const renderAnswerLetter = async ({ db, actor, caseId, round, unitId, now }: { db: Db; actor: Actor; caseId: string; round: number; unitId: string; now: Date }): Promise<{ file: Buffer; name: string }> => {
  const row = await findVisibleCase(db, await identitiesOf({ db, actor, today: todayInShanghai(now) }), caseId);
  if (!row || row.kind !== KIND) throw notFound('建议提案');
  const fields = readProposalFields(row.fields);
  const answer = fields.answers.find((candidate) => candidate.round === round && candidate.unitId === unitId);
  if (!answer) throw notFound('答复');
  // The mark and signature are the unit's full name (示例市发展和改革委员会), not its short one.
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  const office = (await findOrganName(db, undefined)) ?? '人民政府办公室';
  const addressee = actor.permissions.has('pii.reveal') ? (await revealPersonalField({ db, actor, caseId, field: 'leadName', now })).value : fields.leadName;
  const file = await renderOfficialDocx(answerLetterModel({ fields, answer, unitName: unit?.name ?? answer.unitName, addressee, office }));
  return { file, name: `${fields.term}${fields.session}次会议第${fields.number}号${wordsOf(fields).short}答复函.docx` };
};
