/**
 * 人大代表建议 and 政协提案 (kind `proposal`): the vocabulary both sides use — which body an item comes
 * from, its 届次 and session, the answer's class (A/B/C/D), how the unit contacted the deputy, the
 * 征询意见表's three questions — plus the single-entry input, the import's columns and the views.
 */
import { z } from 'zod';
import { isoDate, safeLine, safeText, TITLE_MAX_LENGTH } from './primitives.js';
import { ImportMode, InvalidImportRow } from './register-import.js';

export { ImportMode, InvalidImportRow };

/** npc: 人大代表建议 (代表团, 领衔代表, 附议); cppcc: 政协提案 (界别, 提案人, 联名). */
export const proposalBodies = ['npc', 'cppcc'] as const;
export const ProposalBody = z.enum(proposalBodies, '请选择人大建议或政协提案');
export type ProposalBody = z.infer<typeof ProposalBody>;
export const bodyLabels: Record<ProposalBody, string> = { npc: '人大代表建议', cppcc: '政协提案' };
/** What the body's words are for the same things: 建议号/提案号, 领衔代表/提案人, 代表团/界别, 附议/联名. */
export const bodyWords: Record<ProposalBody, { number: string; lead: string; group: string; cosigners: string; short: string }> = {
  npc: { number: '建议号', lead: '领衔代表', group: '代表团', cosigners: '附议代表', short: '建议' },
  cppcc: { number: '提案号', lead: '提案人', group: '界别', cosigners: '联名委员', short: '提案' },
};

/** 答复 classes (办理结果): A 已解决或基本解决, B 正在解决或列入计划, C 因条件限制待以后解决, D 留作参考. */
export const answerClasses = ['A', 'B', 'C', 'D'] as const;
export const AnswerClass = z.enum(answerClasses, '请选择办理结果类别');
export type AnswerClass = z.infer<typeof AnswerClass>;
export const answerClassLabels: Record<AnswerClass, string> = {
  A: 'A类：已解决或基本解决',
  B: 'B类：正在解决或列入计划',
  C: 'C类：因条件限制待以后解决',
  D: 'D类：留作参考',
};

/** How the unit met the deputy before answering; each contact's 人次 counts toward proposals.deputiesInvolved. */
export const contactMethods = ['面商', '电话', '座谈', '视察'] as const;
export const ContactMethod = z.enum(contactMethods, '联系方式应为面商、电话、座谈或视察');
export const ProposalContact = z.object({ method: ContactMethod, people: z.number().int('人次应为整数').min(1, '人次至少为 1').max(1000, '人次不能大于 1000') });
export type ProposalContact = z.infer<typeof ProposalContact>;

/** The 征询意见表: three questions, each 满意 / 基本满意 / 不满意. */
export const surveyQuestions = { attitude: '办理态度', onPoint: '答复是否针对所提问题', result: '办理结果' } as const;
export const SurveyRating = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied'], '请选择满意、基本满意或不满意');
export type SurveyRating = z.infer<typeof SurveyRating>;
export const surveyRatingLabels: Record<SurveyRating, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };
export const SurveyAnswer = z.object({
  attitude: SurveyRating,
  onPoint: SurveyRating,
  result: SurveyRating,
  comment: safeText().trim().max(1000, '意见不超过 1000 字').optional(),
});
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;
/** The 征询意见表's questions as the deputy reads them. */
export const surveyAnswerLabels: Readonly<Record<keyof SurveyAnswer, string>> = { ...surveyQuestions, comment: '意见' };
/** The item's overall view: 不满意 on any question is 不满意 (it goes back for 重新办理); otherwise the lowest. */
export const overallRating = (answer: Pick<SurveyAnswer, 'attitude' | 'onPoint' | 'result'>): SurveyRating => {
  const all = [answer.attitude, answer.onPoint, answer.result];
  if (all.includes('unsatisfied')) return 'unsatisfied';
  return all.includes('basically_satisfied') ? 'basically_satisfied' : 'satisfied';
};

/** 届次 as written (十五届, 第十三届): the 选联工委's list names it so. */
const term = safeLine().trim().min(1, '请填写届次').max(20, '届次不超过 20 字');
const name = (label: string) => safeLine().trim().min(1, `请填写${label}`).max(30, `${label}不超过 30 字`);

/** One item as registered (single entry, or a row of the session's list). */
export const CreateProposalInput = z.object({
  body: ProposalBody,
  term,
  session: z.number({ message: '请填写第几次会议' }).int('会次应为整数').min(1, '会次至少为 1').max(20, '会次不大于 20'),
  number: safeLine().trim().min(1, '请填写编号').max(20, '编号不超过 20 字'),
  title: safeLine().trim().min(2, '请填写标题').max(TITLE_MAX_LENGTH, `标题不超过 ${TITLE_MAX_LENGTH} 字`),
  leadName: name('领衔代表（提案人）'),
  leadPhone: safeLine().trim().max(20, '电话不超过 20 字').optional(),
  cosigners: z.array(name('附议（联名）人')).max(100, '附议（联名）人不超过 100 位').default([]),
  group: safeLine().trim().max(40, '代表团（界别）不超过 40 字').optional(),
  category: safeLine().trim().max(40, '类别不超过 40 字').optional(),
  content: safeText().trim().min(2, '请填写内容').max(20000, '内容不超过 20000 字'),
  receivedOn: isoDate('收到日期应为实际存在的日期，格式 YYYY-MM-DD'),
  isKey: z.boolean().default(false),
  keyLeaderId: z.string().uuid('领办领导编号格式不正确').optional(),
});
export type CreateProposalInput = z.input<typeof CreateProposalInput>;

export const ProposalQuery = z.object({
  body: ProposalBody.optional(),
  term: safeLine().max(20).optional(),
  session: z.coerce.number().int().min(1).max(20).optional(),
  state: safeLine().max(30).optional(),
  unitId: z.string().uuid().optional(),
});
export type ProposalQuery = z.infer<typeof ProposalQuery>;

export const ProposalItemView = z.object({
  id: z.string(),
  serialNo: z.string(),
  body: ProposalBody,
  term: z.string(),
  session: z.number().int(),
  number: z.string(),
  title: z.string(),
  leadName: z.string(),
  group: z.string().nullable(),
  category: z.string().nullable(),
  isKey: z.boolean(),
  keyLeaderName: z.string().nullable(),
  state: z.string(),
  stateLabel: z.string(),
  leadUnits: z.array(z.string()),
  consultUnits: z.array(z.string()),
  dueDate: z.string().nullable(),
  isLate: z.boolean(),
  answerClass: AnswerClass.nullable(),
  round: z.number().int(),
  satisfaction: SurveyRating.nullable(),
});
export type ProposalItemView = z.infer<typeof ProposalItemView>;

/** The session list's columns (the 选联工委 / 提案委 Excel) and the header names offices give them. */
export const proposalImportFields = ['number', 'title', 'leadName', 'cosigners', 'group', 'category', 'content', 'isKey', 'keyLeader', 'phone'] as const;
export const ProposalImportField = z.enum(proposalImportFields);
export type ProposalImportField = z.infer<typeof ProposalImportField>;
export const proposalFieldLabels: Record<ProposalImportField, string> = {
  number: '建议号/提案号',
  title: '标题',
  leadName: '领衔代表/提案人',
  cosigners: '附议/联名',
  group: '代表团/界别',
  category: '类别',
  content: '内容',
  isKey: '重点',
  keyLeader: '领办领导',
  phone: '联系电话',
};
export const ProposalImportMapping = z.partialRecord(ProposalImportField, z.number().int().min(0, '列序号不能为负').nullable());
export type ProposalImportMapping = z.infer<typeof ProposalImportMapping>;
const FullMapping = z.record(ProposalImportField, z.number().int().nullable());

export const ProposalImportSampleRow = z.object({ row: z.number().int(), number: z.string(), title: z.string(), leadName: z.string(), cosigners: z.array(z.string()), group: z.string().nullable(), category: z.string().nullable(), isKey: z.boolean() });

export const ProposalImportPreview = z.object({
  sheet: z.string(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  fields: z.array(z.object({ field: ProposalImportField, label: z.string(), isRequired: z.boolean() })),
  suggestedMapping: FullMapping,
  mapping: FullMapping,
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.array(InvalidImportRow),
  /** Valid rows imported before (same body, 届次, session and number): an import skips them. */
  duplicates: z.number().int(),
  sample: z.array(ProposalImportSampleRow),
});
export type ProposalImportPreview = z.infer<typeof ProposalImportPreview>;

export const ProposalImportResult = z.object({ imported: z.number().int(), skippedDuplicates: z.number().int(), invalid: z.array(InvalidImportRow), caseIds: z.array(z.string()) });
export type ProposalImportResult = z.infer<typeof ProposalImportResult>;

/** What a session list is imported as: which body, 届次 and session, received on which day. */
export const ProposalImportSession = z.object({
  body: ProposalBody,
  term,
  session: z.coerce.number({ message: '请填写第几次会议' }).int('会次应为整数').min(1, '会次至少为 1').max(20, '会次不大于 20'),
  receivedOn: isoDate('收到日期应为实际存在的日期，格式 YYYY-MM-DD'),
});
export type ProposalImportSession = z.infer<typeof ProposalImportSession>;

/** 交办会: many items given at once, each to its 主办 (or several 分办) and 会办 units. */
export const BatchAssignInput = z.object({
  meetingOn: isoDate('交办会日期应为实际存在的日期，格式 YYYY-MM-DD'),
  items: z
    .array(
      z.object({
        caseId: z.string().uuid(),
        version: z.number().int().min(1),
        leadUnitIds: z.array(z.string().uuid()).min(1, '请至少指定一个主办单位').max(10),
        consultUnitIds: z.array(z.string().uuid()).max(20).default([]),
      }),
    )
    .min(1, '请至少选择一件')
    .max(1000, '一次交办会最多 1000 件'),
});
export type BatchAssignInput = z.input<typeof BatchAssignInput>;
/** 交办会's fields: a refused item reads 交办件第 3 项主办单位, not items.2.leadUnitIds. */
export const batchAssignLabels: Readonly<Record<string, string>> = { meetingOn: '交办会日期', items: '交办件', caseId: '建议提案', version: '版本', leadUnitIds: '主办单位', consultUnitIds: '会办单位' };

export const BatchAssignResult = z.object({ meetingOn: z.string(), assigned: z.number().int(), units: z.array(z.object({ unitId: z.string(), unitName: z.string(), lead: z.number().int(), consult: z.number().int() })) });
export type BatchAssignResult = z.infer<typeof BatchAssignResult>;

/** The public survey page: what the deputy is shown (the item and the answer, nothing else). */
export const SurveyView = z.object({
  bodyLabel: z.string(),
  number: z.string(),
  title: z.string(),
  round: z.number().int(),
  unitNames: z.array(z.string()),
  answerClass: AnswerClass.nullable(),
  answerText: z.string().nullable(),
  expiresAt: z.string(),
});
export type SurveyView = z.infer<typeof SurveyView>;
