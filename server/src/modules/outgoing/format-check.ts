/**
 * The check beside the 签发 button (GB/T 9704-2012 and 《党政机关公文处理工作条例》): errors block
 * 签发, warnings are for the signer to weigh. Pure, so the same list shows while drafting.
 */
import { bodyToText } from '../../../../common/documents/official.js';
import type { FormatCheckView } from '../../../../common/schemas/outgoing.js';
import { checkDocNumberText } from './doc-numbers.service.js';
import type { OutgoingCaseFields } from './outgoing.flow.js';
import { matchOrgan, type UnitName } from './organ-match.js';

type Finding = FormatCheckView['errors'][number];

/** 文种 with no 主送 by nature (公告 and 通告 face the public; 纪要 records; 命令 is promulgated). */
const withoutMainTo = new Set(['公告', '通告', '纪要', '命令', '公报', '决议']);
/** Which way each 文种 normally goes: a 请示 or 报告 goes up, a 批复 goes down, a 函 goes across. */
const expectedDirection: Record<string, string> = { 请示: '上行文', 报告: '上行文', 议案: '上行文', 批复: '下行文', 命令: '下行文', 决定: '下行文', 函: '平行文' };

/** Anything that looks like a 文号 in a text: 代字 + a year in some bracket + a number + 号. */
const citedNumbers = (text: string): string[] =>
  [...text.matchAll(/[\p{Script=Han}A-Za-z]{2,12}\s*[〔[【（(［]\s*\d{2,4}\s*[〕\]】）)］]\s*第?\s*\d+\s*号/gu)].map((match) => match[0]);

/** The 代字's organ as configured: its 署名 (organName), else its 标志 without 「文件」. */
export type IssuerOrgan = { code: string; issuerName: string; organName: string | null };

/** The organ a title names before 关于 (「示例市人民政府办公室关于…」), the first of a joint title. */
const organInTitle = (title: string): string | undefined => {
  const at = title.indexOf('关于');
  if (at <= 0) return undefined;
  return title.slice(0, at).trim().split(/[、\s]+/)[0] || undefined;
};

/** Each rule and the finding codes it owns, in the order the list shows them; `when` limits a rule to some documents. */
const rules: Array<{ code: string; label: string; owns: readonly string[]; when?: (fields: OutgoingCaseFields, context: { hasIssuer: boolean; hasUnits: boolean }) => boolean }> = [
  { code: 'issuer_organ', label: '发文机关与机关代字一致', owns: ['issuer_organ'], when: (_, context) => context.hasIssuer },
  { code: 'doc_number', label: '文号格式', owns: ['doc_number'] },
  { code: 'main_to', label: '主送机关', owns: ['main_to', 'request_main_to'] },
  { code: 'recipients', label: '主送、抄送单位与系统内单位对应', owns: ['recipient'], when: (_, context) => context.hasUnits },
  { code: 'signer', label: '上行文标注签发人', owns: ['signer'], when: (fields) => fields.direction === '上行文' },
  { code: 'written_on', label: '成文日期不早于签发日期', owns: ['written_on'] },
  { code: 'attachments', label: '附件说明与附件一致', owns: ['attachment_notes', 'attachment_name'] },
  { code: 'request', label: '请示一文一事并注明联系人', owns: ['one_matter', 'contact'], when: (fields) => fields.docType === '请示' },
  { code: 'direction', label: '文种与行文方向相符', owns: ['direction'] },
  { code: 'title', label: '标题以文种结尾、末尾不加标点', owns: ['title_type', 'title_punctuation'] },
];

/**
 * `today` is the day 签发 would happen; without it the date rule is left to the action itself.
 * `issuer` (the 代字's configuration) and `units` (units in Fuban) add the rules that need them.
 */
export const checkOutgoingFormat = ({ fields, today, issuer, units }: { fields: OutgoingCaseFields; today?: string; issuer?: IssuerOrgan; units?: readonly UnitName[] }): FormatCheckView => {
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

  if (issuer) {
    // The 版头 prints the 代字's organ: a 市政府 代字 over a title of the 办公室 prints the wrong organ.
    const expected = issuer.organName || issuer.issuerName.replace(/文件$/, '');
    const named = organInTitle(fields.title);
    if (named && named !== expected) {
      errors.push({ code: 'issuer_organ', message: `标题中的发文机关「${named}」与机关代字「${issuer.code}」的发文机关「${expected}」不一致，版头和署名会印成「${expected}」：请改标题或换用对应的代字` });
    }
  }
  if (units) {
    for (const recipient of [...fields.mainTo, ...fields.copyTo]) {
      if (recipient.unitId) continue;
      const match = matchOrgan(recipient.name, units);
      if (match.exact || match.suggestions.length === 0) continue;
      const names = match.suggestions.map((unit) => `「${unit.name}」`).join('或');
      const delivery = match.suggestions.length === 1 ? `；核发时将送达${names}的收文，如不是，请改写名称` : '；请从系统内单位中选择，否则按系统外线下分发';
      warnings.push({ code: 'recipient', message: `「${recipient.name}」不是系统内单位的全称或简称，是否指${names}${delivery}` });
    }
  }

  const context = { hasIssuer: Boolean(issuer), hasUnits: Boolean(units) };
  const checks = rules
    .filter((rule) => !rule.when || rule.when(fields, context))
    .map((rule) => {
      const ruleErrors = errors.filter((finding) => rule.owns.includes(finding.code));
      const ruleWarnings = warnings.filter((finding) => rule.owns.includes(finding.code));
      const result = ruleErrors.length > 0 ? ('error' as const) : ruleWarnings.length > 0 ? ('warn' as const) : ('passed' as const);
      return { code: rule.code, label: rule.label, result, messages: [...ruleErrors, ...ruleWarnings].map((finding) => finding.message) };
    });
  return { errors, warnings, checks };
};

/** The errors as one sentence, for the 签发 guard's refusal. */
export const blockingReason = (check: FormatCheckView): string | undefined =>
  check.errors.length === 0 ? undefined : `格式检查未通过：${check.errors.map((error) => error.message).join('；')}`;
