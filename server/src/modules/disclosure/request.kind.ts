/**
 * 依申请公开 (kind `disclosure`): an application for government information, received by a channel
 * that fixes its 收到申请之日 (条例第三十一条) → 审查: accepted, or one 补正 notice within 7 working
 * days (第三十条) that restarts the answer clock when the corrected application arrives → 办理, with
 * units asked for the information and third parties consulted (第三十二条: up to 15 working days, not
 * counted) → 答复 within 20 working days (第三十三条), extended once by up to 20 on the 负责人's approval
 * → 行政复议 / 行政诉讼 arising, with their results. Answers are coded as the 年度报告 counts them.
 */
import { randomUUID } from 'node:crypto';
import { requirePeopleWithRole } from '../../engine/cases/people.js';
import { refuseLateExtension } from '../../engine/clocks/extension-window.js';
import { standardLadder, unitWorkTransitions } from '../../engine/kinds/standard.js';
import type { GuardContext, KindDefinition, Transition, WaitingOn } from '../../engine/kinds/kind.types.js';
import { choice, date, longText, number, text, userPicker } from '../../engine/inputs/fields.js';
import { commentInput, extensionInput, reasonInput, unitsInput } from '../../engine/inputs/standard.js';
import { validationError } from '../../platform/errors.js';
import { outcomeOptions } from '../../../../common/schemas/disclosure-request.js';
import { applicantTypeLabels, channelLabels, deliveryLabels, proceedingResultLabels, proceedingTypeLabels, receivedDayOf, RequestFields, type RequestFlowFields, type RequestProceeding } from './request.fields.js';

const office = ['clerk', 'info_staff', 'director'] as const;
const basis = '《中华人民共和国政府信息公开条例》';
const flowOf = (context: GuardContext) => context.case.fields as RequestFlowFields;
const open = ['received', 'handling', 'consulting'] as const;


const unitsStillWorking = ({ assignments }: GuardContext) =>
  assignments.some((assignment) => assignment.state === 'pending' || assignment.state === 'in_progress') ? '还有承办单位未提供答复' : undefined;

const openProceedings = (fields: RequestFlowFields): RequestProceeding[] => (fields.proceedings ?? []).filter((item) => item.concludedOn === null);

const extension: Transition[] = [
  {
    action: 'request_extension',
    label: '申请延期答复',
    from: ['handling', 'consulting'],
    to: null,
    actor: { roles: office },
    input: { extension: extensionInput(), approverId: userPicker({ label: '审批负责人', roles: ['director'], required: '请选择审批延期的负责人' }) },
    guard: (context) => {
      const fields = flowOf(context);
      if (fields.pendingExtension) return '已有待审批的延期申请';
      if (fields.isExtended) return '答复期限已延长过一次（条例第三十三条）';
      return undefined;
    },
    patchFields: async ({ db, input, who, case: current, today }) => {
      await refuseLateExtension({ db, caseId: current.id, clockId: 'answer', today, label: '答复期限' });
      const asked = input.extension as { amount: number; reason: string };
      if (asked.amount > 20) throw validationError('延长答复的期限最长不超过 20 个工作日（条例第三十三条）', { fields: [{ path: 'extension.amount', message: '最多 20 个工作日' }] });
      const approverId = String(input.approverId);
      const names = await requirePeopleWithRole({ db, userIds: [approverId], roles: ['director'], what: '审批负责人' });
      return { pendingExtension: { amount: asked.amount, reason: asked.reason, requestedBy: who.displayName }, extensionApproverId: approverId, extensionApproverName: names.get(approverId) ?? null };
    },
    sendsTo: ({ case: current }) => {
      const name = (current.fields as RequestFlowFields).extensionApproverName;
      return name ? { verb: '报', names: [name], awaits: '审批' } : undefined;
    },
  },
  {
    action: 'approve_extension',
    label: '同意延期',
    from: ['handling', 'consulting'],
    to: null,
    actor: { fieldUser: 'extensionApproverId' },
    input: { notice: choice({ label: '告知申请人', options: { letter: '书面告知', online: '网上告知', phone: '电话告知并补寄书面告知' }, required: '延长答复期限应当告知申请人（条例第三十三条）' }), comment: commentInput('审批意见') },
    guard: (context) => (flowOf(context).pendingExtension ? undefined : '没有待审批的延期申请'),
    patchFields: async ({ case: current, db, today }) => {
      await refuseLateExtension({ db, caseId: current.id, clockId: 'answer', today, label: '答复期限' });
      return { pendingExtension: null, extensionApproverId: null, extensionApproverName: null, isExtended: true, grantedExtension: (current.fields as RequestFlowFields).pendingExtension };
    },
    // The clock reads the extension and who approved it from the trail event (the fields are patched by now).
    inTransaction: async ({ case: current }) => ({ data: { extension: (current.fields as RequestFlowFields).grantedExtension, approverRole: 'director' } }),
  },
  {
    action: 'reject_extension',
    label: '不同意延期',
    from: ['handling', 'consulting'],
    to: null,
    actor: { fieldUser: 'extensionApproverId' },
    input: { reason: reasonInput('不同意理由') },
    guard: (context) => (flowOf(context).pendingExtension ? undefined : '没有待审批的延期申请'),
    patchFields: () => ({ pendingExtension: null, extensionApproverId: null, extensionApproverName: null }),
  },
];

const proceedings: Transition[] = [
  {
    action: 'record_proceeding',
    label: '登记复议诉讼',
    from: ['answered'],
    to: null,
    actor: { roles: office },
    input: {
      proceedingType: choice({ label: '类型', options: proceedingTypeLabels, required: true }),
      filedOn: date({ label: '申请或起诉日期', required: true }),
      comment: commentInput('案由及说明'),
    },
    patchFields: ({ case: current, input, today }) => {
      const fields = current.fields as RequestFlowFields;
      const filedOn = String(input.filedOn);
      if (filedOn > today) throw validationError('申请或起诉日期不能晚于今天', { fields: [{ path: 'filedOn', message: '不能晚于今天' }] });
      if (fields.answeredOn && filedOn < fields.answeredOn) throw validationError('复议或诉讼不能早于答复之日', { fields: [{ path: 'filedOn', message: '不能早于答复之日' }] });
      const added: RequestProceeding = { id: randomUUID(), type: input.proceedingType as RequestProceeding['type'], filedOn, concludedOn: null, result: null };
      return { proceedings: [...(fields.proceedings ?? []), added] };
    },
  },
  {
    action: 'conclude_proceeding',
    label: '登记复议诉讼结果',
    from: ['answered'],
    to: null,
    actor: { roles: office },
    input: {
      proceedingType: choice({ label: '类型', options: proceedingTypeLabels, required: true }),
      result: choice({ label: '结果', options: proceedingResultLabels, required: true }),
      concludedOn: date({ label: '审结日期', required: true }),
      comment: commentInput('说明'),
    },
    guard: (context) => (openProceedings(flowOf(context)).length > 0 ? undefined : '没有尚未审结的复议或诉讼'),
    patchFields: ({ case: current, input, today }) => {
      const fields = current.fields as RequestFlowFields;
      const target = openProceedings(fields).find((item) => item.type === input.proceedingType);
      if (!target) throw validationError(`没有尚未审结的${proceedingTypeLabels[input.proceedingType as RequestProceeding['type']]}`, { fields: [{ path: 'proceedingType', message: '没有尚未审结的此类案件' }] });
      const concludedOn = String(input.concludedOn);
      if (concludedOn < target.filedOn || concludedOn > today) throw validationError('审结日期应在申请（起诉）之日与今天之间', { fields: [{ path: 'concludedOn', message: '日期不在范围内' }] });
      const result = input.result as RequestProceeding['result'];
      return { proceedings: (fields.proceedings ?? []).map((item) => (item.id === target.id ? { ...item, concludedOn, result } : item)) };
    },
  },
];

export const disclosureRequestKind: KindDefinition<typeof RequestFields> = {
  id: 'disclosure',
  label: '依申请公开',
  fields: RequestFields,
  titleOf: (fields) => fields.subject,
  searchTextOf: (fields) => [fields.subject, fields.description ?? '', fields.organization ?? '', fields.applicantName].join(' '),
  states: { received: '待审查', correction: '待补正', handling: '办理中', consulting: '征求意见中', answered: '已答复' },
  initialState: 'received',
  roles: { create: office, view: [...office, 'legal_staff', 'leader'] },
  personalFields: {
    applicantName: { type: 'name', label: '申请人' },
    phone: { type: 'phone', label: '联系电话' },
    idNumber: { type: 'idNumber', label: '证件号码' },
    address: { type: 'address', label: '通信地址' },
  },
  // An applicant asking for their own records describes them by their numbers (身份证号, 电话): masked as the fields are.
  personalText: { subject: { label: '所需信息' }, description: { label: '信息描述' } },
  personalInputs: ['comment', 'reason', 'extension.reason', 'units[].instruction'],
  transitions: [
    { action: 'accept', label: '审查通过', from: ['received'], to: 'handling', actor: { roles: office }, input: { comment: commentInput('审查意见') } },
    {
      action: 'request_correction',
      label: '告知补正',
      from: ['received'],
      to: 'correction',
      actor: { roles: office },
      input: { items: longText({ label: '需补正的内容', required: '请一次性写明需要补正的事项和合理的补正期限（条例第三十条）', max: 2000, rows: 4 }) },
      neverApplies: (context) => ((flowOf(context).corrections ?? 0) > 0 ? '补正只能告知一次（条例第三十条：一次性告知）' : undefined),
      patchFields: ({ case: current, today }) => ({ corrections: ((current.fields as RequestFlowFields).corrections ?? 0) + 1, correctionRequestedOn: today }),
    },
    {
      action: 'corrected',
      label: '收到补正',
      from: ['correction'],
      to: 'handling',
      actor: { roles: office },
      input: {
        // 条例第三十条: the answer period runs 自行政机关收到补正的申请之日起 — the day received as 第三十一条 fixes it
        // (by post, the day signed for), which may be before the day the office enters it.
        receivedOn: date({ label: '收到补正日期', help: '当面补正为提交之日，邮寄补正为签收之日，网上补正为双方确认之日；不填为今天' }),
        comment: commentInput('补正情况'),
      },
      patchFields: ({ case: current, input, today }) => {
        const receivedOn = typeof input.receivedOn === 'string' && input.receivedOn !== '' ? input.receivedOn : today;
        const askedOn = (current.fields as RequestFlowFields).correctionRequestedOn;
        const refuse = (message: string) => validationError(`收到补正日期${message}`, { fields: [{ path: 'receivedOn', message }] });
        if (receivedOn > today) throw refuse('不能晚于今天');
        if (askedOn && receivedOn < askedOn) throw refuse(`不能早于告知补正之日 ${askedOn}`);
        return { correctedOn: receivedOn };
      },
      // The answer clock restarts from the day the 补正 was received, not the day it was entered.
      inTransaction: async ({ input }) => (typeof input.receivedOn === 'string' && input.receivedOn !== '' ? { data: { clockAt: input.receivedOn } } : {}),
    },
    {
      action: 'no_correction',
      label: '逾期未补正',
      from: ['correction'],
      to: 'answered',
      actor: { roles: office },
      closes: true,
      input: { reason: reasonInput('说明'), comment: commentInput('告知内容') },
      // 条例第三十条: not corrected in time without a good reason = the application is given up.
      patchFields: ({ today }) => ({ outcome: 'other.noCorrection', answeredOn: today }),
    },
    { action: 'assign', label: '交办', from: ['handling'], to: null, actor: { roles: office }, effect: 'assign', input: { units: unitsInput({ label: '协办单位' }), comment: commentInput('交办要求') } },
    ...unitWorkTransitions({ from: ['handling', 'consulting'], office }),
    {
      action: 'consult',
      label: '征求第三方意见',
      from: ['handling'],
      to: 'consulting',
      actor: { roles: office },
      input: { thirdParty: text({ label: '第三方', required: true, max: 100 }), comment: commentInput('征求意见的内容') },
      patchFields: ({ input }) => ({ thirdParty: input.thirdParty }),
    },
    {
      action: 'consulted',
      label: '收到第三方意见',
      from: ['consulting'],
      to: 'handling',
      actor: { roles: office },
      input: { opinion: choice({ label: '第三方意见', options: { agree: '同意公开', disagree: '不同意公开', none: '逾期未提出意见' }, required: true }), comment: commentInput('意见摘要') },
    },
    ...extension,
    {
      action: 'answer',
      label: '答复',
      from: ['received', 'handling'],
      to: 'answered',
      actor: { roles: office },
      closes: true,
      guard: unitsStillWorking,
      input: {
        outcome: choice({ label: '答复类型', options: outcomeOptions, display: 'select', required: '请选择答复类型（年度报告按此统计）' }),
        comment: longText({ label: '答复内容', required: '请填写答复（告知书）内容', max: 20000, rows: 6 }),
        delivery: choice({ label: '送达方式', options: deliveryLabels, required: true }),
        fee: number({ label: '信息处理费', min: 0, max: 1_000_000, isInteger: false, unit: '元', help: '按《政府信息公开信息处理费管理办法》收取的，填写金额；不收费的不填' }),
      },
      patchFields: ({ input, today }) => ({ outcome: input.outcome, answeredOn: today, delivery: input.delivery, ...(typeof input.fee === 'number' ? { fee: input.fee } : {}) }),
    },
    {
      action: 'withdraw',
      label: '申请人撤回',
      from: ['received', 'correction', 'handling', 'consulting'],
      to: 'answered',
      actor: { roles: office },
      closes: true,
      input: { reason: reasonInput('撤回情况') },
      patchFields: ({ today }) => ({ outcome: 'other.other', answeredOn: today, isWithdrawn: true }),
    },
    ...proceedings,
  ],
  clocks: [
    {
      id: 'correction_notice',
      label: '补正告知期限',
      amount: 7,
      unit: 'workday',
      basis: `${basis}第三十条：申请内容不明确的，自收到申请之日起 7 个工作日内一次性告知补正`,
      start: { field: 'receivedOn', label: '收到申请' },
      stopOn: ['accept', 'request_correction'],
    },
    {
      id: 'answer',
      label: '答复期限',
      amount: 20,
      unit: 'workday',
      basis: `${basis}第三十三条：自收到申请之日起 20 个工作日内予以答复；需要延长的，经负责人同意并告知申请人，延长不超过 20 个工作日`,
      start: { field: 'receivedOn', label: '收到申请' },
      pauses: [
        { on: ['request_correction'], resumeOn: ['corrected'], label: '等待补正' },
        { on: ['consult'], resumeOn: ['consulted'], label: '征求第三方意见（条例第三十二条，不计算在答复期限内）', cap: { amount: 15, unit: 'workday' } },
      ],
      restartOn: ['corrected'],
      extendOn: { action: 'approve_extension', approverRoles: ['director'], maxTimes: 1, maxAmount: 20 },
      stopOn: ['answer'],
    },
  ],
  assignmentClock: {
    defaults: { lead: { amount: 7, unit: 'workday', basis: '《示例市政府信息公开申请办理规程》：协办单位自交办之日起 7 个工作日内提供相关政府信息' } },
    extendOn: { action: 'extend', maxTimes: 1, maxAmount: 5 },
  },
  reminderLadder: standardLadder,
  serial: (year, seq) => `依申请〔${year}〕${seq}号`,
  waitingOn: ({ case: current, assignments }) => {
    const waiting: WaitingOn = [];
    const fields = current.fields as RequestFlowFields & { extensionApproverId?: string | null };
    const handler = current.handlerId;
    if (handler && current.state === 'received') waiting.push({ userId: handler, label: '审查' });
    if (handler && current.state === 'handling') waiting.push({ userId: handler, label: '答复' });
    if (handler && current.state === 'consulting') waiting.push({ userId: handler, label: '跟踪第三方意见' });
    if (fields.pendingExtension && fields.extensionApproverId) waiting.push({ userId: fields.extensionApproverId, label: '审批延期' });
    for (const assignment of assignments) {
      if (assignment.state === 'pending') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '签收' });
      if (assignment.state === 'in_progress') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '提供信息' });
    }
    return waiting;
  },
  ledgerColumns: [
    { key: 'receivedOn', header: '收到日期', width: 12, value: ({ fields }) => receivedDayOf(fields) },
    { key: 'applicant', header: '申请人', width: 16, value: ({ fields }) => String(fields.organization ?? fields.applicantName ?? '') },
    { key: 'applicantType', header: '申请人类型', width: 12, excelOnly: true, value: ({ fields }) => applicantTypeLabels[fields.applicantType as keyof typeof applicantTypeLabels] ?? '' },
    { key: 'channel', header: '申请方式', width: 10, value: ({ fields }) => channelLabels[fields.channel as keyof typeof channelLabels] ?? '' },
    { key: 'subject', header: '所需信息', width: 40, show: 'title', value: ({ title }) => title },
    { key: 'state', header: '状态', width: 10, value: ({ stateLabel }) => stateLabel },
    { key: 'outcome', header: '答复类型', width: 20, value: ({ fields }) => outcomeOptions.find((option) => option.value === fields.outcome)?.label ?? '' },
    { key: 'due', header: '答复期限', width: 12, show: 'due', value: ({ dueDate }) => dueDate ?? '' },
  ],
  metrics: ['disclosure.requests', 'disclosure.onTimeRate'],
};
