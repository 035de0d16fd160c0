/** The case engine's contract: ledger queries, case detail, actions. Routes and web both use these. */
import { z } from 'zod';
import { ActionConfirmView, FormFieldView } from './action-form.js';
import { isoDate, safeLine, safeText, versionNumber } from './primitives.js';

const uuid = z.string().uuid('编号格式不正确');
const date = isoDate();

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
/** An assignment returned by its unit or withdrawn by the office no longer holds the unit to the case. */
export const isStandingAssignmentState = (state: keyof typeof assignmentStateLabels) => state !== 'returned' && state !== 'withdrawn';
export const Satisfaction = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export const satisfactionLabels = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;
export const DueStatus = z.enum(['none', 'green', 'yellow', 'red']);

export const AttachmentRef = z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/, '附件摘要格式不正确'), name: safeLine().trim().min(1).max(200) });
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const AssignUnitInput = z.object({
  unitId: uuid,
  role: AssignmentRole,
  dueDays: z.number().int().min(1, '办理时限至少 1 个工作日').max(365).optional(),
  instruction: safeText().trim().max(500).optional(),
});

/**
 * The envelope of every action: the version the page read, for whom (AB角) and on which assignment.
 * The rest of the body is the action's own inputs, which its kind declares (engine/inputs) and the
 * server checks against that declaration; there is no closed list of inputs here.
 */
export const ActionEnvelope = z
  .object({ version: versionNumber(), onBehalfOf: uuid.optional(), assignmentId: uuid.optional() })
  .catchall(z.unknown());
export type ActionEnvelope = z.infer<typeof ActionEnvelope>;

/** GET /api/cases/:id/assignment-due: the query and what a 交办 now would give. */
export const AssignmentDueQuery = z.object({ role: AssignmentRole, days: z.coerce.number().int().min(1).max(365).optional() });
export const AssignmentDuePreview = z.object({
  /** YYYY-MM-DD; null when the kind sets no deadline on assignments. */
  due: z.string().nullable(),
  /** The period counted (the one typed, or the default for the role and the case) and its unit (个工作日, 个月). */
  amount: z.number().int().nullable(),
  unit: z.string().nullable(),
  isDefault: z.boolean(),
});
export type AssignmentDuePreview = z.infer<typeof AssignmentDuePreview>;

export const CreateCaseInput = z.object({ kind: safeLine().min(1).max(40), fields: z.record(z.string(), z.unknown()) });
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

export const CaseQuery = z.object({
  kind: safeLine().max(40).optional(),
  state: safeLine().max(40).optional(),
  unit: uuid.optional(),
  due: z.enum(['red', 'yellow', 'green']).optional(),
  from: date.optional(),
  to: date.optional(),
  q: safeLine().trim().max(100).optional(),
  isClosed: z.enum(['true', 'false']).optional(),
  sort: z.enum(['created_desc', 'created_asc', 'due_asc']).default('created_desc'),
  cursor: safeLine().max(500).optional(),
  /** A page by number (offset paging, for jumping); bounded by MAX_LEDGER_OFFSET rows. `cursor` wins when both are given. */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
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

/** Rows before a jumped-to page may not exceed this: further back, narrow the filter or export. */
export const MAX_LEDGER_OFFSET = 10_000;

/** A column the kind declares for its register (登记簿), in order; `show` says how the page renders it. */
export const LedgerColumnView = z.object({ key: z.string(), title: z.string(), show: z.enum(['text', 'title', 'due']) });
export type LedgerColumnView = z.infer<typeof LedgerColumnView>;

export const CasePage = z.object({
  items: z.array(CaseSummary.extend({ cells: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  nextCursor: z.string().nullable(),
  /** The kind's register columns (a `kind` filter on a kind that declares them); the generic columns otherwise. */
  columns: z.array(LedgerColumnView).nullable().optional(),
  /** Rows matching the filter: exact up to a cap, the planner's estimate above it (`isEstimate`). */
  total: z.object({ count: z.number().int(), isEstimate: z.boolean() }).optional(),
});
export type CasePage = z.infer<typeof CasePage>;

export const DeadlineView = z.object({ due: z.string().nullable(), lines: z.array(z.string()) });

export const ClockState = z.enum(['pending', 'running', 'paused', 'stopped', 'overdue']);
export type ClockState = z.infer<typeof ClockState>;
export const clockStateLabels: Record<ClockState, string> = { pending: '未起算', running: '计时中', paused: '中止', stopped: '已结束', overdue: '已逾期' };

/** One clock of a case or of an assignment, with its "why this date" lines. */
export const ClockView = z.object({
  id: z.string(),
  clockId: z.string(),
  label: z.string(),
  basis: z.string(),
  assignmentId: z.string().nullable(),
  unitName: z.string().nullable(),
  state: ClockState,
  startedAt: z.string().nullable(),
  due: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  /** Stopped after its due time (null while open). */
  isLate: z.boolean().nullable(),
  lines: z.array(z.string()),
});
export type ClockView = z.infer<typeof ClockView>;

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
  /** Not returned or withdrawn: the unit is at work on it (or was, to the case's end). Pages decide by this, never by the label. */
  isStanding: z.boolean(),
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
  /** The inputs the action takes, as widgets to render (the kind's declaration). */
  form: z.array(FormFieldView),
  confirm: ActionConfirmView.optional(),
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

/**
 * Whom an open case waits on now (its 待办): a person (an office step, a leader's 批示) or a unit (its 联络员), and
 * what is awaited (签收, 批示, 审核答复 …). Names only, as the rest of the page prints them.
 */
export const CaseHolderView = z.object({
  type: z.enum(['user', 'unit']),
  name: z.string(),
  awaits: z.string(),
  /** Addressed to the reader, or to someone they stand in for (AB角), or to their unit as its 联络员. */
  isMine: z.boolean(),
});
export type CaseHolderView = z.infer<typeof CaseHolderView>;

export const CaseDetail = CaseSummary.extend({
  fields: z.record(z.string(), z.unknown()),
  handlerName: z.string().nullable(),
  ownerUnitName: z.string(),
  /** The create event's actor, and that person's unit (a copy delivered at 核发 belongs to another unit). */
  registeredByName: z.string().nullable(),
  registeredByUnitName: z.string().nullable(),
  deadline: DeadlineView.nullable(),
  /** Every clock of the case and of the assignments the reader may see. */
  clocks: z.array(ClockView),
  /** Manual 催办 sent on this case. */
  urgeCount: z.number().int(),
  /** The reader is the office of this kind and the case is open: it may send a 催办. */
  canUrge: z.boolean(),
  closedAt: z.string().nullable(),
  assignments: z.array(AssignmentDetail),
  events: z.array(CaseEventView),
  links: z.array(z.object({ caseId: uuid, serialNo: z.string(), title: z.string(), type: z.string() })),
  actions: z.array(AvailableActionView),
  circulations: z.array(CirculationView),
  /** Whom the case waits on now (its 待办, a closed case's 归档 included); empty when on no one. */
  holders: z.array(CaseHolderView),
  /** The kind's personal fields (applicant's name, phone, ID number …): masked, with whether this user may 显示 them. */
  personal: z.array(z.object({ field: z.string(), label: z.string(), masked: z.string().nullable(), canReveal: z.boolean(), isText: z.boolean().optional() })),
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
  fromName: z.string().nullable(), // who sent it on: the author of the step that made it wait here
  isFromMe: z.boolean(), // that author is the user: the page says 本人 (two people may share a name)
  unitName: z.string().nullable(), // set when the item is the unit's (a 联络员's)
  onBehalfOfName: z.string().nullable(), // set when it is a delegator's (AB角)
  dueDate: z.string().nullable(),
  dueStatus: DueStatus,
  since: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;

/**
 * What a notice opens (待阅/催办's 查看): its case, with the kind the case page's path names, or a record beside the
 * cases (a 会议通知's meeting) by its type. Null when it refers to nothing the list can open.
 */
export const NotificationTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('case'), id: uuid, kind: z.string() }),
  z.object({ type: z.literal('record'), id: uuid, recordType: z.string() }),
]);
export type NotificationTarget = z.infer<typeof NotificationTarget>;

export const NotificationView = z.object({
  id: uuid,
  type: z.enum(['todo', 'toread', 'remind']),
  caseId: z.string().nullable(),
  target: NotificationTarget.nullable(),
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
  .object({ toUserId: uuid, startDate: date, endDate: date, note: safeText().trim().max(200).optional() })
  .refine((value) => value.endDate >= value.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });
export type CreateDelegationInput = z.infer<typeof CreateDelegationInput>;

export const TransferWorkInput = z.object({ fromUserId: uuid, toUserId: uuid, reason: safeText().trim().min(2, '请填写移交原因').max(500) });
export type TransferWorkInput = z.infer<typeof TransferWorkInput>;

/** A person offered as a choice for AB角 or 批量移交: only people the holding rule admits are listed. */
export const WorkPerson = z.object({
  id: uuid,
  displayName: z.string(),
  title: z.string().nullable(),
  unitName: z.string(),
  isActive: z.boolean(),
  openCases: z.number().int(), // open cases they handle (what 批量移交 would move)
});
export type WorkPerson = z.infer<typeof WorkPerson>;

export const CirculateInput = z.object({
  recipients: z
    .array(z.union([z.object({ userId: uuid }), z.object({ unitId: uuid })]))
    .min(1, '请选择传阅对象')
    .max(100),
  purpose: safeText().trim().min(2, '请写明传阅目的（如：请阅知、请研提意见）').max(200),
});
export type CirculateInput = z.infer<typeof CirculateInput>;

export const ReadInput = z.object({ comment: safeText().trim().max(2000).optional() });


/** A manual 催办: its message, and optionally the one unit it is for (else every unit still handling). */
export const UrgeInput = z.object({
  message: safeText().trim().min(1, '请填写催办内容').max(500, '催办内容不能超过 500 字'),
  assignmentId: uuid.optional(),
});
export type UrgeInput = z.infer<typeof UrgeInput>;
export const UrgeResult = z.object({ id: z.string(), urgeCount: z.number().int(), notified: z.number().int() });
export type UrgeResult = z.infer<typeof UrgeResult>;
export const UrgeCountQuery = z.object({ from: isoDate().optional(), to: isoDate().optional() });
export const UrgeCount = z.object({ total: z.number().int(), cases: z.number().int() });
export type UrgeCount = z.infer<typeof UrgeCount>;
