/** The fields of a 收文 as registered (《党政机关公文处理工作条例》第二十四条), and the parts its flow adds. */
import { z } from 'zod';
import { AttachmentRef } from '../../../../common/schemas/cases.js';
import { isoDate, safeLine, safeText, TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';

/** The 15 文种 of the 条例, 第八条. */
export const documentTypes = ['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
export const urgencies = ['特急', '加急', '平急'] as const;
export const disclosureOptions = ['主动公开', '依申请公开', '不予公开'] as const;

const date = isoDate();

export const IncomingFields = z.object({
  fromOrg: safeLine().trim().min(2, '请填写来文机关').max(100),
  docNumber: safeLine().trim().max(60).optional(),
  /** The 文号 as typed when normalising changed it (示教发［2025］003号 → 示教发〔2025〕3号): kept, never shown as the 文号. */
  docNumberAsWritten: safeLine().trim().max(60).optional(),
  docType: z.enum(documentTypes, { message: '请选择文种（条例规定的 15 种之一）' }),
  title: safeLine().trim().min(2, '请填写标题').max(TITLE_MAX_LENGTH, `标题不超过 ${TITLE_MAX_LENGTH} 字`),
  urgency: z.enum(urgencies).default('平急'),
  // Classified documents are handled offline under the secrecy rules, never in this system.
  secrecy: z
    .string()
    .trim()
    .default('非涉密')
    .refine((value) => value === '非涉密' || value === '', { message: '涉密公文不得在本系统登记和处理，请按保密规定通过机要渠道线下办理' }),
  copies: z.number().int().min(1, '份数至少为 1').max(10_000).default(1),
  pages: z.number().int().min(1).max(10_000).optional(),
  receivedOn: date,
  signedAt: z.string().datetime({ offset: true, message: '签收时间格式不正确' }).optional(),
  disclosure: z.enum(disclosureOptions).default('不予公开'),
  scan: AttachmentRef.optional(),
  attachments: z.array(AttachmentRef).max(30).default([]),
  isRequestFromBelow: z.boolean().default(false),
  replyDueDays: z.number().int().min(1).max(120).optional(),
  remarks: safeText().trim().max(500).optional(),
  /** The office's 发文 this copy was delivered from at 核发 (the receiving unit 签收s it; no 初审 by the office). */
  deliveredFrom: z.string().uuid().optional(),
});
export type IncomingFields = z.infer<typeof IncomingFields>;

/** What the flow writes into the fields after registration. */
export type LeaderStep = { userId: string; name: string; instructedAt?: string; comment?: string };
export type InstructionPlan = { mode: 'sequential' | 'parallel'; leaders: LeaderStep[] };
export type IncomingFlowFields = {
  proposal?: { text: string; by: string; at: string };
  plan?: InstructionPlan;
  returnReason?: string;
  requestReply?: { text: string; by: string; at: string };
};
