/**
 * The check beside the 签发 button (GB/T 9704-2012 and 《党政机关公文处理工作条例》): errors block
 * 签发, warnings are for the signer to weigh. Pure, so the same list shows while drafting.
 */
import { bodyToText } from '../../../../common/documents/official.js';
import type { FormatCheckView } from '../../../../common/schemas/outgoing.js';
import { checkDocNumberText } from './doc-numbers.service.js';
import type { OutgoingCaseFields } from './outgoing.flow.js';

type Finding = FormatCheckView['errors'][number];

/** 文种 with no 主送 by nature (公告 and 通告 face the public; 纪要 records; 命令 is promulgated). */
const withoutMainTo = new Set(['公告', '通告', '纪要', '命令', '公报', '决议']);
/** Which way each 文种 normally goes: a 请示 or 报告 goes up, a 批复 goes down, a 函 goes across. */
const expectedDirection: Record<string, string> = { 请示: '上行文', 报告: '上行文', 议案: '上行文', 批复: '下行文', 命令: '下行文', 决定: '下行文', 函: '平行文' };

/** Anything that looks like a 文号 in a text: 代字 + a year in some bracket + a number + 号. */
const citedNumbers = (text: string): string[] =>
  [...text.matchAll(/[\p{Script=Han}A-Za-z]{2,12}\s*[〔[【（(［]\s*\d{2,4}\s*[〕\]】）)］]\s*第?\s*\d+\s*号/gu)].map((match) => match[0]);

/** `today` is the day 签发 would happen; without it the date rule is left to the action itself. */
export const checkOutgoingFormat = ({ fields, today }: { fields: OutgoingCaseFields; today?: string }): FormatCheckView => {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const text = `${fields.title}\n${bodyToText(fields.body)}`;

  for (const cited of new Set(citedNumbers(text))) {
    const problems = checkDocNumberText(cited);
    if (problems.length > 0) errors.push({ code: 'doc_number', message: `文号「${cited}」不规范：${problems.join('；')}` });
  }
  if (fields.docNumber) {
    const problems = checkDocNumberText(fields.docNumber);
    if (problems.length > 0) errors.push({ code: 'doc_number', message: `本文文号「${fields.docNumber}」不规范：${problems.join('；')}` });
  }

  if (fields.mainTo.length === 0 && !withoutMainTo.has(fields.docType)) errors.push({ code: 'main_to', message: '缺少主送机关' });
  if (fields.docType === '请示' && fields.mainTo.length > 1) errors.push({ code: 'request_main_to', message: '请示应当一文一事、只主送一个上级机关（条例第十五条）' });

  if (fields.direction === '上行文' && !fields.signerId) errors.push({ code: 'signer', message: '上行文须标注签发人' });

  const signedOn = fields.signOff?.signedOn ?? today;
  if (fields.writtenOn && signedOn && fields.writtenOn < signedOn) errors.push({ code: 'written_on', message: `成文日期（${fields.writtenOn}）早于签发日期（${signedOn}）` });

  if (fields.attachmentNotes.length !== fields.attachments.length) {
    errors.push({ code: 'attachment_notes', message: `附件说明列了 ${fields.attachmentNotes.length} 项，实际附件 ${fields.attachments.length} 个` });
  } else {
    const stem = (name: string) => name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^附件\s*\d*[.．、:：]?\s*/, '').trim();
    fields.attachmentNotes.forEach((note, index) => {
      const file = fields.attachments[index]!;
      if (!stem(file.name).includes(stem(note)) && !stem(note).includes(stem(file.name))) {
        warnings.push({ code: 'attachment_name', message: `附件说明第 ${index + 1} 项「${note}」与附件「${file.name}」名称不一致` });
      }
    });
  }

  if (fields.docType === '请示') {
    // Sentences that ask for a decision: 「妥否，请批示。」 is one ask, two such sentences suggest two matters.
    const asks = bodyToText(fields.body).split(/[。！？\n]/).filter((sentence) => /妥否|请批示|请予批准|请审批|请予审定|当否/.test(sentence)).length;
    const joinedTitle = /关于.+[和及与、].+的请示/.test(fields.title);
    if (asks > 1 || joinedTitle) warnings.push({ code: 'one_matter', message: '请示似乎包含多个事项：请示应当一文一事（条例第十五条）' });
    if (!fields.contact) warnings.push({ code: 'contact', message: '请示应在附注处注明联系人和电话' });
  }
  const expected = expectedDirection[fields.docType];
  if (expected && expected !== fields.direction) warnings.push({ code: 'direction', message: `${fields.docType}通常是${expected}，本文标为${fields.direction}` });
  if (fields.docType !== '纪要' && !fields.title.endsWith(fields.docType) && !(fields.docType === '命令' && fields.title.endsWith('令'))) {
    warnings.push({ code: 'title_type', message: `标题一般以文种「${fields.docType}」结尾` });
  }
  if (/[。，；：！？,.;!?]$/.test(fields.title)) warnings.push({ code: 'title_punctuation', message: '标题末尾不加标点' });
  return { errors, warnings };
};

/** The errors as one sentence, for the 签发 guard's refusal. */
export const blockingReason = (check: FormatCheckView): string | undefined =>
  check.errors.length === 0 ? undefined : `格式检查未通过：${check.errors.map((error) => error.message).join('；')}`;
