/** 发文: 机关代字, the 文号 ledger, the document's fields, approval chains and the format check. */
import { z } from 'zod';
import { AttachmentRef } from './cases.js';
import { RoleSchema } from './access.js';
import { isoDate as isoDateOf, safeLine, safeText, TITLE_MAX_LENGTH, versionNumber } from './primitives.js';
import { disclosureOptions, documentTypes, urgencies } from '../documents/official.js';

export const documentFormats = ['file', 'letter', 'minutes'] as const;
export const documentFormatLabels: Record<(typeof documentFormats)[number], string> = { file: '文件格式', letter: '信函格式', minutes: '纪要格式' };

export const IssuerCode = z.object({
  code: z.string(),
  label: z.string(),
  issuerName: z.string(), // 发文机关标志
  organName: z.string(), // 发文机关署名
  printerName: z.string(), // 印发机关 (版记)
  format: z.enum(documentFormats),
  principalId: z.string().nullable(), // 主要负责人: signs 上行文 and 重要 documents (条例第二十二条)
  sortOrder: z.number().int(),
  isActive: z.boolean(),
});
export type IssuerCode = z.infer<typeof IssuerCode>;

export const CreateIssuerCodeInput = z.object({
  code: safeLine().trim().regex(/^[\p{Script=Han}A-Za-z]{2,12}$/u, '机关代字为 2–12 个汉字或字母，如 示政办发'),
  label: safeLine().trim().min(2).max(30),
  issuerName: safeLine().trim().min(2, '请填写发文机关标志').max(40),
  organName: safeLine().trim().min(2, '请填写发文机关署名').max(40),
  printerName: safeLine().trim().min(2, '请填写印发机关').max(40),
  format: z.enum(documentFormats).default('file'),
  principalId: z.string().uuid().nullable().default(null),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});
export type CreateIssuerCodeInput = z.infer<typeof CreateIssuerCodeInput>;

export const DocNumberView = z.object({
  id: z.string(),
  issuerCode: z.string(),
  year: z.number().int(),
  no: z.number().int(),
  text: z.string(),
  status: z.enum(['used', 'reserved', 'void']),
  caseId: z.string().nullable(),
  reservedUntil: z.string().nullable(),
  note: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type DocNumberView = z.infer<typeof DocNumberView>;

export const DocNumberLedger = z.object({ rows: z.array(DocNumberView), gaps: z.array(z.number().int()) });

export const ReserveDocNumberInput = z.object({
  issuerCode: safeLine().min(2).max(12),
  year: z.number().int().min(2000).max(2199).optional(),
  until: z.string().datetime({ offset: true, message: '预留截止时间格式不正确' }),
  note: safeText().trim().min(2, '请写明预留用途').max(200),
  /** A fresh id per click: a retry after a lost answer returns the same number (no silent second reservation). */
  requestKey: z.string().uuid().optional(),
});

export const VoidDocNumberInput = z.object({ version: versionNumber(), reason: safeText().trim().min(2, '作废须写明理由').max(200) });

// ——— the 发文 document as drafted ———


export const directions = ['上行文', '平行文', '下行文'] as const;
export type Direction = (typeof directions)[number];

const isoDate = isoDateOf();

/** A 主送 or 抄送 organ; with a unit id when the organ works in Fuban (it then receives the document as a 收文). */
export const Recipient = z.object({ name: safeLine().trim().min(2, '机关名称至少 2 个字').max(60), unitId: z.string().uuid().optional() });
export type Recipient = z.infer<typeof Recipient>;

export const BodyBlockInput = z.object({
  level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  text: safeText().trim().min(1, '段落不能为空').max(5000),
});

/**
 * A 议定事项 of a 纪要: what the meeting decided, who leads it, who helps, by when. Each becomes a 督办 item
 * when the 纪要 is issued (核发), linked to the 纪要 (and to its meeting), so that the decision is chased to 销号.
 */
export const MinutesDecision = z.object({
  text: safeText().trim().min(4, '议定事项至少 4 个字').max(1000, '议定事项不超过 1000 字'),
  leadUnitId: z.string().uuid('请选择牵头单位'),
  helperUnitIds: z.array(z.string().uuid()).max(30, '责任单位最多 30 个').default([]),
  deadline: isoDate,
  /** The 议题 (a record of the meeting) this decision settles. */
  agendaItemId: z.string().uuid().optional(),
});
export type MinutesDecision = z.infer<typeof MinutesDecision>;

export const OutgoingFields = z
  .object({
    issuerCode: safeLine().trim().min(2, '请选择机关代字').max(12),
    docType: z.enum(documentTypes, { message: '请选择文种（条例规定的 15 种之一）' }),
    direction: z.enum(directions, { message: '请选择行文方向' }),
    important: z.boolean().default(false),
    normative: z.boolean().default(false),
    numbered: z.boolean().default(true),
    urgency: z.enum(urgencies).default('平急'),
    title: safeLine().trim().min(2, '请填写标题').max(TITLE_MAX_LENGTH, `标题不超过 ${TITLE_MAX_LENGTH} 字`),
    mainTo: z.array(Recipient).max(60).default([]),
    copyTo: z.array(Recipient).max(60).default([]),
    body: z.array(BodyBlockInput).min(1, '请填写正文').max(600),
    attachments: z.array(AttachmentRef).max(30).default([]),
    attachmentNotes: z.array(safeLine().trim().min(1).max(200)).max(30).default([]),
    disclosure: z.enum(disclosureOptions).default('主动公开'),
    disclosureReason: safeText().trim().max(200).optional(),
    copies: z.number().int().min(1, '印发份数至少为 1').max(100_000).default(1),
    countersignUnitIds: z.array(z.string().uuid()).max(30).default([]),
    signerId: z.string().uuid('请选择签发人').optional(),
    writtenOn: isoDate.optional(),
    annotation: safeText().trim().max(200).optional(),
    contact: z.object({ name: safeLine().trim().min(2).max(20), phone: safeLine().trim().min(5).max(30) }).optional(),
    jointIssuers: z.array(safeLine().trim().min(2).max(40)).max(10).default([]),
    remarks: safeText().trim().max(500).optional(),
    decisions: z.array(MinutesDecision).max(100, '议定事项最多 100 项').default([]),
    /** The meeting a 纪要 records (a 会议 record), when it was held in Fuban. */
    meetingId: z.string().uuid().optional(),
    /** The day the meeting was held: the 纪要's clock (minutes.issueDays working days) runs from it. */
    meetingOn: isoDate.optional(),
  })
  .superRefine((fields, context) => {
    if (fields.decisions.length > 0 && fields.docType !== '纪要') {
      context.addIssue({ code: 'custom', path: ['decisions'], message: '只有纪要可以列出议定事项' });
    }
    if ((fields.meetingOn || fields.meetingId) && fields.docType !== '纪要') {
      context.addIssue({ code: 'custom', path: ['meetingOn'], message: '只有纪要记载会议' });
    }
    fields.decisions.forEach((decision, index) => {
      if (decision.helperUnitIds.includes(decision.leadUnitId)) {
        context.addIssue({ code: 'custom', path: ['decisions', index, 'helperUnitIds'], message: '牵头单位不必再列为责任单位' });
      }
    });
    if (fields.disclosure === '不予公开' && !fields.disclosureReason) {
      context.addIssue({ code: 'custom', path: ['disclosureReason'], message: '不予公开须说明理由（政府信息公开条例第十四条至第十六条）' });
    }
  });
export type OutgoingFields = z.infer<typeof OutgoingFields>;
export type OutgoingFieldsInput = z.input<typeof OutgoingFields>;

// ——— approval chains (系统管理员) ———

/** One approval step: review (核稿/审核), countersign (会签 by units), or sign (签发). */
export const ChainStep = z.object({
  label: safeLine().trim().min(2).max(20),
  type: z.enum(['review', 'countersign', 'sign']),
  roles: z.array(RoleSchema).max(6).default([]),
  /** Runs together with the step before it (both must finish before the next). */
  parallel: z.boolean().default(false),
  /** Only for 规范性文件 (e.g. 合法性审查 by 法制). */
  onlyNormative: z.boolean().default(false),
});
export type ChainStep = z.infer<typeof ChainStep>;

export const SaveChainInput = z
  .object({
    name: safeLine().trim().min(2, '请填写流程名称').max(40),
    issuerCode: safeLine().trim().max(12).nullable().default(null),
    docType: z.enum(documentTypes).nullable().default(null),
    direction: z.enum(directions).nullable().default(null),
    steps: z.array(ChainStep).min(1).max(12),
    /** The version being replaced, for an edit (409 when someone saved in between). */
    baseVersion: versionNumber().optional(),
  })
  .superRefine((chain, context) => {
    const signs = chain.steps.filter((step) => step.type === 'sign');
    if (signs.length !== 1) context.addIssue({ code: 'custom', path: ['steps'], message: '审批流程须有且只有一个签发步骤' });
    const last = chain.steps.at(-1);
    if (last?.type !== 'sign' || last.parallel) context.addIssue({ code: 'custom', path: ['steps'], message: '签发须是最后一步，且不与其他步骤并行' });
    if (chain.steps.filter((step) => step.type === 'countersign').length > 1) context.addIssue({ code: 'custom', path: ['steps'], message: '会签步骤至多一个' });
    if (chain.steps[0]?.parallel) context.addIssue({ code: 'custom', path: ['steps'], message: '第一步不能与上一步并行' });
    chain.steps.forEach((step, index) => {
      if (step.type !== 'countersign' && step.roles.length === 0) context.addIssue({ code: 'custom', path: ['steps', index, 'roles'], message: `「${step.label}」须指定角色` });
    });
  });
export type SaveChainInput = z.infer<typeof SaveChainInput>;

export const ApprovalChainView = z.object({
  id: z.string(),
  chainKey: z.string(),
  name: z.string(),
  issuerCode: z.string().nullable(),
  docType: z.string().nullable(),
  direction: z.string().nullable(),
  version: z.number().int(),
  steps: z.array(ChainStep),
  isActive: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type ApprovalChainView = z.infer<typeof ApprovalChainView>;

/** The format and rule check before 签发: errors block, warnings are for the signer to weigh. */
export const FormatCheckView = z.object({
  errors: z.array(z.object({ code: z.string(), message: z.string() })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  /** Every rule that was applied, in order, so the UI can show what was checked and not only what failed. */
  checks: z.array(z.object({ code: z.string(), label: z.string(), result: z.enum(['passed', 'warn', 'error']), messages: z.array(z.string()) })),
});
export type FormatCheckView = z.infer<typeof FormatCheckView>;

const UnitNameView = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() });
/** A typed organ matched to units: `exact` when it names one, else the closest (at most three). */
export const OrganMatchView = z.object({ exact: UnitNameView.optional(), suggestions: z.array(UnitNameView) });
export type OrganMatchView = z.infer<typeof OrganMatchView>;
