/**
 * 信访件 (《信访工作条例》, in force 2022-05-01): registered, then 受理 or 不予受理 with a written notice
 * within 15 日; once accepted, 交办 to units and answered (答复意见) within 60 日, extendable once by up
 * to 30 日 with a reason and the director's approval, before the 60 日 run out. The petitioner may ask for
 * 复查 within 30 日 of receiving the answer and, after it, for 复核 within 30 日 of receiving the 复查意见;
 * each is answered within 30 日 of the request. The 复核意见 is final: the same facts are not accepted
 * again. Days here are calendar days (日), a last day on a rest day moved to the next working day.
 */
import { allLeadRepliesAccepted, revisitTransition, standardLadder, unitWorkTransitions } from '../../engine/kinds/standard.js';
import { commentInput, reasonInput, unitsInput } from '../../engine/inputs/standard.js';
import { date, files, group, longText, number } from '../../engine/inputs/fields.js';
import type { ClockSpec } from '../../engine/clocks/clock.types.js';
import { refuseLateExtension } from '../../engine/clocks/extension-window.js';
import type { GuardContext, KindDefinition, Transition, WaitingOn } from '../../engine/kinds/kind.types.js';
import { PetitionFields } from './petition.fields.js';
import { requestWithin } from './petition.rules.js';

const office = ['clerk', 'director'] as const;
const regulation = '《信访工作条例》';

/** The case's clocks: 受理告知, then 答复; 复查 and 复核 each from the day the request was received. */
const clocks: readonly ClockSpec[] = [
  {
    id: 'accept_notice',
    label: '受理告知期限',
    amount: 15,
    unit: 'day',
    basis: `${regulation}：自收到信访事项之日起 15 日内书面告知是否受理`,
    start: { field: 'receivedOn', label: '登记' },
    stopOn: ['accept', 'refuse'],
  },
  {
    id: 'answer',
    label: '答复期限',
    amount: 60,
    unit: 'day',
    basis: `${regulation}：自受理之日起 60 日内办结；情况复杂的，经批准可适当延长，延长期限不得超过 30 日`,
    start: { action: 'accept', label: '受理' },
    extendOn: { action: 'extend_answer', approverRoles: ['director'], maxTimes: 1, maxAmount: 30 },
    stopOn: ['answer'],
  },
  {
    id: 'review',
    label: '复查期限',
    amount: 30,
    unit: 'day',
    basis: `${regulation}：复查机关自收到复查请求之日起 30 日内提出复查意见`,
    start: { field: 'reviewRequestedOn', label: '收到复查请求' },
    stopOn: ['answer_review'],
  },
  {
    id: 'recheck',
    label: '复核期限',
    amount: 30,
    unit: 'day',
    basis: `${regulation}：复核机关自收到复核请求之日起 30 日内提出复核意见`,
    start: { field: 'recheckRequestedOn', label: '收到复核请求' },
    stopOn: ['answer_recheck'],
  },
];

/** 复核 ends the matter: asked again on the same facts, the answer is always no. */
const FINAL = '复核意见为终结意见：信访人以同一事实和理由提出的请求不再受理（《信访工作条例》）';

const opinionInputs = (label: string) => ({
  opinion: longText({ label, required: `请填写${label}`, max: 20000, rows: 6 }),
  attachments: files({ label: '附件', help: '书面意见的扫描件等，单个文件不超过 20 MB', max: 20 }),
});

const requestInputs = (what: '复查' | '复核') => ({
  requestedOn: date({ label: `收到${what}请求日期`, required: true }),
  // 《信访工作条例》: the petitioner asks 自收到书面答复之日起30日内 — from the day the answer reached them, not the day it was given.
  answerReceivedOn: date({ label: `信访人收到${what === '复查' ? '答复意见' : '复查意见'}日期`, help: '按送达回执等填写；不填的，请求期限自出具之日起算' }),
  request: longText({ label: `${what}请求事项和理由`, required: `请填写${what}请求事项和理由`, max: 4000, rows: 4 }),
});

const optionalDay = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Why a 复查 or 复核 request can never be taken on this case (not offered, refused 422). */
const neverReviewedAgain = ({ case: current }: GuardContext): string | undefined => (current.state === 'rechecked' ? FINAL : undefined);

const transitions: Transition[] = [
  { action: 'accept', label: '受理', from: ['registered'], to: 'accepted', actor: { roles: office }, input: { comment: commentInput('受理意见') }, patchFields: ({ today }) => ({ acceptedOn: today }) },
  {
    action: 'refuse',
    label: '不予受理',
    from: ['registered'],
    to: 'not_accepted',
    actor: { roles: office },
    closes: true,
    confirm: { message: '不予受理将书面告知信访人并结束本件，确定吗？' },
    input: { reason: reasonInput('不予受理理由') },
    patchFields: ({ input }) => ({ refusalReason: input.reason }),
  },
  { action: 'assign', label: '交办', from: ['accepted', 'handling'], to: 'handling', actor: { roles: office }, effect: 'assign', input: { units: unitsInput(), comment: commentInput('交办意见') } },
  ...unitWorkTransitions({ from: ['handling'], office, extensionUnit: '日' }),
  // 回访 once the petitioner has the office's answer (or its 复查意见): how they were treated, and whether it was resolved.
  revisitTransition({ from: ['answered', 'reviewed'], office, dimensions: { attitude: '态度', result: '结果' } }),
  {
    action: 'extend_answer',
    label: '延长答复期限',
    from: ['accepted', 'handling'],
    to: null,
    // 《信访工作条例》: 经本机关负责人批准 — the director approves, and the clock refuses any other approver.
    actor: { roles: ['director'] },
    input: {
      extension: group({ label: '延长答复期限', required: '请填写延长天数和理由' }, {
        amount: number({ label: '延长（日）', required: '请填写延长天数', min: 1, max: 30, unit: '日' }),
        reason: longText({ label: '延长理由', required: true, max: 500, rows: 2 }),
      }),
    },
    patchFields: async ({ db, case: current, today }) => {
      await refuseLateExtension({ db, caseId: current.id, clockId: 'answer', today, label: '答复期限' });
      return {};
    },
    inTransaction: async ({ input }) => ({ data: { extension: input.extension, approverRole: 'director' } }),
  },
  {
    action: 'answer',
    label: '出具答复意见',
    from: ['handling'],
    to: 'answered',
    actor: { roles: office },
    guard: allLeadRepliesAccepted,
    input: opinionInputs('答复意见'),
    patchFields: ({ input, today }) => ({ answeredOn: today, answerOpinion: input.opinion }),
  },
  {
    action: 'request_review',
    label: '登记复查请求',
    from: ['answered', 'reviewed', 'rechecked'],
    to: 'reviewing',
    actor: { roles: office },
    neverApplies: (context) => neverReviewedAgain(context) ?? (context.case.state === 'reviewed' ? '已经复查：对复查意见不服的，可以请求复核' : undefined),
    input: requestInputs('复查'),
    patchFields: async ({ input, case: current, db, today }) => {
      const requestedOn = await requestWithin({ db, what: '复查', requestedOn: String(input.requestedOn), from: String(current.fields.answeredOn), receivedOn: optionalDay(input.answerReceivedOn), today });
      return { reviewRequestedOn: requestedOn, reviewRequest: input.request };
    },
  },
  {
    action: 'answer_review',
    label: '出具复查意见',
    from: ['reviewing'],
    to: 'reviewed',
    actor: { roles: office },
    input: opinionInputs('复查意见'),
    patchFields: ({ input, today }) => ({ reviewAnsweredOn: today, reviewOpinion: input.opinion }),
  },
  {
    action: 'request_recheck',
    label: '登记复核请求',
    from: ['reviewed', 'rechecked'],
    to: 'rechecking',
    actor: { roles: office },
    neverApplies: neverReviewedAgain,
    input: requestInputs('复核'),
    patchFields: async ({ input, case: current, db, today }) => {
      const requestedOn = await requestWithin({ db, what: '复核', requestedOn: String(input.requestedOn), from: String(current.fields.reviewAnsweredOn), receivedOn: optionalDay(input.answerReceivedOn), today });
      return { recheckRequestedOn: requestedOn, recheckRequest: input.request };
    },
  },
  {
    action: 'answer_recheck',
    label: '出具复核意见',
    from: ['rechecking'],
    to: 'rechecked',
    actor: { roles: office },
    closes: true,
    input: opinionInputs('复核意见'),
    patchFields: ({ input, today }) => ({ recheckAnsweredOn: today, recheckOpinion: input.opinion }),
  },
  // The engine cannot reopen a closed case, so an answered case stays open until the office 办结s it
  // once no 复查 (or 复核) is asked for; a later request then cannot be taken on this case.
  { action: 'close', label: '办结', from: ['answered', 'reviewed'], to: 'closed', actor: { roles: office }, closes: true, input: { comment: commentInput('办结说明', { placeholder: '如：答复后 30 日内未请求复查' }) } },
];

export const petitionKind: KindDefinition<typeof PetitionFields> = {
  id: 'petition',
  label: '信访件',
  fields: PetitionFields,
  titleOf: (fields) => `${fields.petitionerName}${fields.channel}：${fields.summary.replace(/\s+/g, ' ').slice(0, 60)}`,
  searchTextOf: (fields) => [fields.channel, fields.referredBy ?? '', fields.referralRef ?? '', fields.petitionerName, fields.phone ?? '', fields.summary].join(' '),
  states: {
    registered: '待受理',
    accepted: '已受理',
    handling: '办理中',
    answered: '已答复',
    reviewing: '复查中',
    reviewed: '已复查',
    rechecking: '复核中',
    rechecked: '复核终结',
    not_accepted: '不予受理',
    closed: '已办结',
  },
  initialState: 'registered',
  roles: { create: office, view: [...office, 'leader', 'inspector'] },
  personalFields: {
    petitionerName: { type: 'name', label: '信访人姓名' },
    phone: { type: 'phone', label: '联系电话' },
    idNumber: { type: 'idNumber', label: '身份证号码' },
    address: { type: 'address', label: '住址' },
  },
  // The petitioner's own words: the numbers in them (theirs, their family's) are masked as the fields are.
  personalText: { summary: { label: '诉求摘要' } },
  personalInputs: ['comment', 'reason', 'extension.reason', 'units[].instruction'],
  transitions,
  clocks,
  // No default period for a unit: 交办 sets one where needed (in working days); the case's 60 日 binds all.
  // The unit's part of the 60 日: its result comes back in time for the office to check it and answer.
  assignmentClock: {
    defaults: {
      lead: { amount: 30, unit: 'day', basis: '《示例市信访事项办理规程》：承办单位自交办之日起 30 日内报送办理结果，确保在 60 日答复期限内答复' },
      assist: { amount: 20, unit: 'day', basis: '《示例市信访事项办理规程》：协办单位自交办之日起 20 日内向主办单位提供意见' },
    },
    // A unit's 申请延期, granted by the office (or the office's own 延期): once, and short, so the 60 日 answer can still be kept.
    extendOn: { action: 'extend', maxTimes: 1, maxAmount: 10 },
  },
  reminderLadder: standardLadder,
  // The 信访登记簿: the petitioner's name as the row holds it (masked), 人次 only for a 来访.
  ledgerColumns: [
    { key: 'receivedOn', header: '登记日期', width: 12, value: ({ fields }) => String(fields.receivedOn ?? '') },
    { key: 'source', header: '来源', width: 14, value: ({ fields }) => String(fields.channel === '转办' ? fields.referredBy : fields.channel) },
    { key: 'petitionerName', header: '信访人', width: 10, value: ({ fields }) => String(fields.petitionerName ?? '') },
    { key: 'visitors', header: '人次', width: 6, value: ({ fields }) => (typeof fields.visitors === 'number' ? fields.visitors : '') },
    { key: 'title', header: '诉求', width: 44, show: 'title', value: ({ title }) => title },
    { key: 'leadUnits', header: '承办单位', width: 20, value: ({ leadUnits }) => leadUnits.join('、') },
    { key: 'state', header: '状态', width: 10, value: ({ stateLabel }) => stateLabel },
    { key: 'due', header: '期限', width: 12, show: 'due', value: ({ dueDate }) => dueDate ?? '' },
  ],
  serial: (year, seq) => `信〔${year}〕${seq}号`,
  waitingOn: ({ case: current, assignments }) => {
    const waiting: WaitingOn = [];
    const handler = current.handlerId;
    const own: Record<string, string> = { registered: '受理或不予受理', accepted: '交办', reviewing: '出具复查意见', rechecking: '出具复核意见' };
    if (handler && own[current.state]) waiting.push({ userId: handler, label: own[current.state]! });
    if (current.state === 'handling') {
      for (const assignment of assignments) {
        if (assignment.state === 'pending') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '签收' });
        if (assignment.state === 'in_progress') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '办理答复' });
      }
      const toReview = assignments.some((a) => a.state === 'replied' && !a.replyAccepted);
      if (handler && toReview) waiting.push({ userId: handler, label: '审核答复' });
      else if (handler && allLeadRepliesAccepted({ assignments }) === undefined) waiting.push({ userId: handler, label: '出具答复意见' });
    }
    return waiting;
  },
  metrics: ['petitions.visits', 'petitions.onTimeRate'],
};
