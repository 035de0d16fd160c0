/**
 * The fields of a 政府信息公开申请 as registered, and what the flow adds to them (补正, 延期申请,
 * 答复, 复议/诉讼). The 收到申请之日 is not typed: it follows from the channel and its dates
 * (条例第三十一条, engine/clocks/received.ts) and is stored with its reason, so the answer clock
 * explains where it started.
 */
import { z } from 'zod';
import { isoDate, safeLine, safeText, TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';
import { applicantTypes, deliveryLabels, type ApplicationChannel, channelLabels, type DisclosureOutcome, type ProceedingType, type ProceedingResult } from '../../../../common/schemas/disclosure-request.js';
import { receivedAt } from '../../engine/clocks/received.js';

export { applicantTypeLabels, channelLabels, deliveryLabels, proceedingResultLabels, proceedingTypeLabels } from '../../../../common/schemas/disclosure-request.js';




const channels = Object.keys(channelLabels) as [ApplicationChannel, ...ApplicationChannel[]];
const dayMessage = '日期应为实际存在的日期，格式 YYYY-MM-DD';

/** The dates each channel needs (第三十一条): handed in; signed for; confirmed by both sides. */
const neededDate: Record<ApplicationChannel, { field: 'submittedOn' | 'signedForOn' | 'confirmedOn'; message: string }> = {
  in_person: { field: 'submittedOn', message: '当面提交的申请须填写提交日期' },
  post: { field: 'signedForOn', message: '以邮寄方式提交的申请须填写签收日期' },
  online: { field: 'confirmedOn', message: '通过互联网提交的申请须填写双方确认日期' },
  fax: { field: 'confirmedOn', message: '通过传真提交的申请须填写双方确认日期' },
};

const RequestInput = z.object({
  channel: z.enum(channels, '请选择申请方式'),
  submittedOn: isoDate(dayMessage).optional(),
  signedForOn: isoDate(dayMessage).optional(),
  confirmedOn: isoDate(dayMessage).optional(),
  applicantType: z.enum(applicantTypes, '请选择申请人类型'),
  applicantName: safeLine().trim().min(1, '请填写申请人姓名').max(50),
  /** For a 法人或其他组织: its name (public, not personal data); the person above is its contact. */
  organization: safeLine().trim().max(100).optional(),
  phone: safeLine().trim().max(30).optional(),
  idNumber: safeLine().trim().max(30).optional(),
  address: safeLine().trim().max(200).optional(),
  /** 所需政府信息的名称、文号或者便于查询的其他特征性描述 (第二十九条). */
  subject: safeLine().trim().min(2, '请填写所需政府信息的名称或描述').max(TITLE_MAX_LENGTH, `不超过 ${TITLE_MAX_LENGTH} 字`),
  description: safeText().trim().max(4000).optional(),
  preferredForm: z.enum(['paper', 'electronic'], '请选择获取信息的方式').default('paper'),
});

/**
 * Registration: the channel's date must be there and not after the others it follows; the stored
 * fields carry `receivedOn` as { at, why }. A record read back (with `receivedOn`) passes through.
 */
export const RequestFields = RequestInput.extend({ receivedOn: z.unknown().optional() })
  .superRefine((fields, context) => {
    // A 平常信函 (no one signs for it) is dated by its confirmation with the applicant (第三十一条第（二）项).
    const needed = fields.channel === 'post' && !fields.signedForOn && fields.confirmedOn ? neededDate.online : neededDate[fields.channel];
    if (!fields[needed.field]) context.addIssue({ code: 'custom', path: [needed.field], message: needed.message });
    const handedIn = fields.submittedOn;
    const received = fields[needed.field];
    if (handedIn && received && received < handedIn) context.addIssue({ code: 'custom', path: [needed.field], message: '收到日期不能早于提交（寄出）日期' });
    if (fields.applicantType !== 'natural' && !fields.organization) context.addIssue({ code: 'custom', path: ['organization'], message: '法人或其他组织申请须填写其名称' });
  })
  .transform(({ receivedOn: _stored, ...fields }) => ({
    ...fields,
    receivedOn: receivedAt({
      channel: fields.channel,
      submittedAt: fields.submittedOn ?? null,
      signedForAt: fields.signedForOn ?? null,
      confirmedAt: fields.confirmedOn ?? null,
    }),
  }));
export type RequestFields = z.infer<typeof RequestFields>;

/** What the flow writes into the fields after registration. */
export type RequestFlowFields = RequestFields & {
  corrections?: number;
  /** The day the office asked for the 补正, and the day the corrected application was received. */
  correctionRequestedOn?: string;
  correctedOn?: string;
  pendingExtension?: { amount: number; reason: string; requestedBy: string } | null;
  /** The 负责人 asked to approve the pending extension (he acts on the case: fieldUser). */
  extensionApproverId?: string | null;
  /** That 负责人's name, for the trail's 「报 … 审批」. */
  extensionApproverName?: string | null;
  isExtended?: boolean;
  /** The extension the 负责人 approved (amount in working days and reason). */
  grantedExtension?: { amount: number; reason: string; requestedBy: string } | null;
  isWithdrawn?: boolean;
  outcome?: DisclosureOutcome;
  answeredOn?: string;
  fee?: number;
  delivery?: keyof typeof deliveryLabels;
  thirdParty?: string;
  proceedings?: RequestProceeding[];
};

/** A 行政复议 or 行政诉讼 about the answer (table 四). */
export type RequestProceeding = { id: string; type: ProceedingType; filedOn: string; concludedOn: string | null; result: ProceedingResult | null };


/** The day the application counts as received, whatever form the stored value takes. */
export const receivedDayOf = (fields: Record<string, unknown>): string => {
  const value = fields.receivedOn;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { at?: unknown }).at === 'string') return (value as { at: string }).at;
  return '';
};
