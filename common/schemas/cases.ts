/** The case engine's contract: ledger queries, case detail, actions. Routes and web both use these. */
import { z } from 'zod';

const uuid = z.string().uuid('编号格式不正确');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const AssignmentRole = z.enum(['lead', 'assist', 'consult']);
export const assignmentRoleLabels = { lead: '主办', assist: '协办', consult: '会办' } as const;
export const assignmentStateLabels = {
  pending: '待签收',
  in_progress: '办理中',
  replied: '已答复',
  returned: '已退回',
  withdrawn: '已撤回',
  ended: '已结束（事项已办结）',
} as const;
export const Satisfaction = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export const satisfactionLabels = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;
export const DueStatus = z.enum(['none', 'green', 'yellow', 'red']);

export const AttachmentRef = z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/, '附件摘要格式不正确'), name: z.string().trim().min(1).max(200) });
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const AssignUnitInput = z.object({
  unitId: uuid,
  role: AssignmentRole,
  dueDays: z.number().int().min(1, '办理时限至少 1 个工作日').max(365).optional(),
  instruction: z.string().trim().max(500).optional(),
});

export const ActionInput = z.object({
  version: z.number().int(),
  onBehalfOf: uuid.optional(),
  assignmentId: uuid.optional(),
  comment: z.string().trim().max(4000).optional(),
  units: z.array(AssignUnitInput).min(1, '请至少选择一个承办单位').max(60).optional(),
  reply: z.string().trim().min(1, '请填写答复内容').max(20000).optional(),
  attachments: z.array(AttachmentRef).max(20).optional(),
  reason: z.string().trim().min(1, '请填写理由').max(2000).optional(),
  satisfaction: Satisfaction.optional(),
  extension: z.object({ amount: z.number().int().min(1).max(365), reason: z.string().trim().min(1, '请填写延期理由').max(500) }).optional(),
  handlerId: uuid.optional(),
  leaders: z.array(uuid).max(10, '批办领导最多 10 位').optional(),
  text: z.string().max(300_000, '正文过长').optional(),
  leaderMode: z.enum(['sequential', 'parallel']).optional(),
  /** A kind's whole field set, for an edit (修改); the kind validates it with its own schema. */
  document: z.record(z.string(), z.unknown()).optional(),
  /** 登记 with a number reserved (预留) earlier for this document. */
  reservationId: uuid.optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const CreateCaseInput = z.object({ kind: z.string().min(1).max(40), fields: z.record(z.string(), z.unknown()) });
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

export const CaseQuery = z.object({
  kind: z.string().max(40).optional(),
  state: z.string().max(40).optional(),
  unit: uuid.optional(),
  due: z.enum(['red', 'yellow', 'green']).optional(),
  from: date.optional(),
  to: date.optional(),
  q: z.string().trim().max(100).optional(),
  isClosed: z.enum(['true', 'false']).optional(),
  sort: z.enum(['created_desc', 'created_asc', 'due_asc']).default('created_desc'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type CaseQuery = z.infer<typeof CaseQuery>;

export const CaseSummary = z.object({
  id: uuid,
  kind: z.string(),
  kindLabel: z.string(),
  serialNo: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  dueDate: z.string().nullable(),
  dueStatus: DueStatus,
  isClosed: z.boolean(),
  leadUnits: z.array(z.string()),
  createdAt: z.string(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CasePage = z.object({ items: z.array(CaseSummary), nextCursor: z.string().nullable() });
export type CasePage = z.infer<typeof CasePage>;

export const DeadlineView = z.object({ due: z.string().nullable(), lines: z.array(z.string()) });

export const AssignmentDetail = z.object({
  id: uuid,
  unitId: uuid,
  unitName: z.string(),
  role: AssignmentRole,
  state: z.string(),
  dueDate: z.string().nullable(),
  dueStatus: DueStatus,
  deadline: DeadlineView.nullable(),
  instruction: z.string().nullable(),
  reply: z.string().nullable(),
  replyAttachments: z.array(AttachmentRef.extend({ size: z.number().int() })),
  returnReason: z.string().nullable(),
  satisfaction: Satisfaction.nullable(),
  isReplyAccepted: z.boolean(),
  assignedAt: z.string(),
  signedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetail>;

export const CaseEventView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  onBehalfOfName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  comment: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const AvailableActionView = z.object({
  action: z.string(),
  label: z.string(),
  inputs: z.array(z.string()),
  commentRequired: z.boolean(),
  assignmentId: z.string().optional(),
  assignmentUnitName: z.string().optional(),
  onBehalfOf: z.object({ userId: z.string(), displayName: z.string() }).optional(),
  blockedReason: z.string().optional(),
});
export type AvailableActionView = z.infer<typeof AvailableActionView>;

export const CirculationView = z.object({
  id: uuid,
  recipientName: z.string(),
  recipientType: z.enum(['user', 'unit']),
  purpose: z.string(),
  sentByName: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  readByName: z.string().nullable(),
  comment: z.string().nullable(),
  isMine: z.boolean(), // the current user may mark it read
});
export type CirculationView = z.infer<typeof CirculationView>;

export const CaseDetail = CaseSummary.extend({
  fields: z.record(z.string(), z.unknown()),
  handlerName: z.string().nullable(),
  ownerUnitName: z.string(),
  deadline: DeadlineView.nullable(),
  closedAt: z.string().nullable(),
  assignments: z.array(AssignmentDetail),
  events: z.array(CaseEventView),
  links: z.array(z.object({ caseId: uuid, serialNo: z.string(), title: z.string(), type: z.string() })),
  actions: z.array(AvailableActionView),
  circulations: z.array(CirculationView),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const KindView = z.object({
  id: z.string(),
  label: z.string(),
  states: z.array(z.object({ id: z.string(), label: z.string() })),
  canCreate: z.boolean(),
  canView: z.boolean(),
  metrics: z.array(z.string()),
  deadlineBasis: z.string().nullable(),
});
export type KindView = z.infer<typeof KindView>;

export const InboxItem = z.object({
  caseId: uuid,
  serialNo: z.string(),
  title: z.string(),
  kindLabel: z.string(),
  stateLabel: z.string(),
  label: z.string(), // what is waited for: 签收, 审核答复 …
  unitName: z.string().nullable(), // set when the item is the unit's (a 联络员's)
  onBehalfOfName: z.string().nullable(), // set when it is a delegator's (AB角)
  dueDate: z.string().nullable(),
  dueStatus: DueStatus,
  since: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const NotificationView = z.object({
  id: uuid,
  type: z.enum(['todo', 'toread', 'remind']),
  caseId: z.string().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const InboxCounts = z.object({ todo: z.number().int(), toread: z.number().int(), remind: z.number().int() });
export type InboxCounts = z.infer<typeof InboxCounts>;

export const Delegation = z.object({
  id: uuid,
  fromUserId: uuid,
  fromUserName: z.string(),
  toUserId: uuid,
  toUserName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  note: z.string().nullable(),
  isRevoked: z.boolean(),
  version: z.number().int(),
});
export type Delegation = z.infer<typeof Delegation>;

export const CreateDelegationInput = z
  .object({ toUserId: uuid, startDate: date, endDate: date, note: z.string().trim().max(200).optional() })
  .refine((value) => value.endDate >= value.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });
export type CreateDelegationInput = z.infer<typeof CreateDelegationInput>;

export const TransferWorkInput = z.object({ fromUserId: uuid, toUserId: uuid, reason: z.string().trim().min(2, '请填写移交原因').max(500) });
export type TransferWorkInput = z.infer<typeof TransferWorkInput>;

export const CirculateInput = z.object({
  recipients: z
    .array(z.union([z.object({ userId: uuid }), z.object({ unitId: uuid })]))
    .min(1, '请选择传阅对象')
    .max(100),
  purpose: z.string().trim().min(2, '请写明传阅目的（如：请阅知、请研提意见）').max(200),
});
export type CirculateInput = z.infer<typeof CirculateInput>;

export const ReadInput = z.object({ comment: z.string().trim().max(2000).optional() });

