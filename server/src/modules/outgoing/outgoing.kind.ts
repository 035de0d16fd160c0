/**
 * 发文 (《党政机关公文处理工作条例》第二十二、二十五条): 起草 → 送审 along the configured chain
 * (核稿/审核, 会签 by units in parallel, 签发 by the chosen signer — the 主要负责人 for 上行文 and 重要
 * documents) → 复核 (a substantive change goes back to the signer) → 登记 with the 文号 allocated in
 * the same transaction → 印制 → 核发 (units in Fuban receive a 收文) → 归档.
 */
import { standardLadder } from '../../engine/kinds/standard.js';
import { kindForm, reference } from '../../engine/inputs/fields.js';
import { commentInput, reasonInput, replyInputs, unitsInput } from '../../engine/inputs/standard.js';
import type { GuardContext, KindDefinition, TransitionContext, WaitingOn } from '../../engine/kinds/kind.types.js';
import { invalidInput, validationError } from '../../platform/errors.js';
import { bodyToText } from '../../../../common/documents/official.js';
import { OutgoingFields } from '../../../../common/schemas/outgoing.js';
import { startChain } from './chains.service.js';
import { deliverOutgoing } from './deliver.service.js';
import { openMinutesDecisions } from '../supervision/minutes-decisions.js';
import { allocateDocNumber } from './doc-numbers.service.js';
import { blockingReason, checkOutgoingFormat } from './format-check.js';
import { findActiveUnitNames, findIssuerOrgan } from './format-context.repository.js';
import { changedDocumentKeys, changedSubstance, completeStep, currentSteps, reopenSignStep, reviewStepFor, stateOfChain, type OutgoingCaseFields } from './outgoing.flow.js';
import { outgoingLedgerColumns } from './outgoing.ledger.js';

const office = ['clerk', 'director'] as const;

const countersignPeriod = { amount: 5, unit: 'workday', basis: '《示例市人民政府办公室公文运转规则》：会签单位一般在 5 个工作日内签署意见' } as const;
const fieldsOf = (context: GuardContext): OutgoingCaseFields => context.case.fields as OutgoingCaseFields;
const stamp = (context: TransitionContext) => ({ by: context.who.displayName, at: context.now.toISOString() });

const countersigns = (context: GuardContext) => context.assignments.filter((a) => a.role === 'consult' && a.state !== 'withdrawn' && a.state !== 'returned');

/** The drafted part of the fields, validated again (an edit may not smuggle in flow fields). */
const parseDocument = (document: unknown): OutgoingFields => {
  const parsed = OutgoingFields.safeParse(document);
  // The same shape as a refused registration (create-case), so the form can put each message on its field.
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return parsed.data;
};

export const outgoingKind: KindDefinition<typeof OutgoingFields> = {
  id: 'outgoing',
  label: '发文',
  fields: OutgoingFields,
  titleOf: (fields) => fields.title,
  searchTextOf: (fields) => {
    const all = fields as OutgoingCaseFields;
    return [all.docNumber ?? '', fields.issuerCode, fields.docType, fields.title, fields.mainTo.map((r) => r.name).join(' '), bodyToText(fields.body).slice(0, 2000)].join(' ');
  },
  states: {
    drafting: '起草中',
    reviewing: '审核中',
    countersigning: '会签中',
    signing: '待签发',
    checking: '待复核',
    registering: '待登记',
    printing: '待印制',
    distributing: '待核发',
    issued: '已核发',
    archived: '已归档',
    withdrawn: '已撤销',
  },
  initialState: 'drafting',
  // 法制 staff review 规范性文件 on the chain; anyone a chain names must be able to open the document.
  roles: { create: office, view: [...office, 'leader', 'inspector', 'legal_staff'] },
  assignmentsNeedLead: false,
  transitions: [
    {
      action: 'edit',
      label: '修改文稿',
      from: ['drafting', 'checking'],
      // After 签发, a substantive change goes back to the signer (条例第二十五条); a fix of 抄送 or 份数 does not.
      to: ({ case: current }) => (current.state === 'checking' && !(current.fields as OutgoingCaseFields).signOff ? 'signing' : current.state),
      actor: [{ handler: true }, { roles: office }],
      input: { document: kindForm({ label: '文稿', required: '请填写文稿' }), comment: commentInput('修改说明') },
      changesNothing: ({ case: current, input }) =>
        !input.comment && changedDocumentKeys(current.fields as OutgoingCaseFields, parseDocument(input.document)).length === 0,
      patchFields: ({ case: current, input }) => {
        const before = current.fields as OutgoingCaseFields;
        const document = parseDocument(input.document);
        if (current.state !== 'drafting' && (document.signerId !== before.signerId || document.countersignUnitIds.join() !== (before.countersignUnitIds ?? []).join())) {
          throw validationError('送审后不能更换签发人或会签单位，如需更换请退回修改');
        }
        const changed = changedSubstance(before, document);
        const resign = current.state === 'checking' && changed.length > 0;
        // A 成文日期 that 签发 filled in goes with that signature: the new one will fill it in again.
        const writtenOn = resign && before.writtenOnFromSignOff && document.writtenOn === before.writtenOn ? undefined : document.writtenOn;
        return {
          ...document,
          writtenOn,
          revisions: (before.revisions ?? 0) + 1,
          ...(resign ? { signOff: null, writtenOnFromSignOff: false, chain: before.chain ? reopenSignStep(before.chain) : null } : {}),
        };
      },
    },
    {
      action: 'submit',
      label: '送审',
      from: ['drafting'],
      to: ({ case: current }) => stateOfChain((current.fields as OutgoingCaseFields).chain),
      actor: [{ handler: true }, { roles: office }],
      input: { comment: commentInput('送审说明') },
      patchFields: async ({ db, case: current, now }) => ({
        ...(await startChain({ db, fields: current.fields as OutgoingFields })),
        submittedAt: now.toISOString(),
        signOff: null,
        returned: null,
      }),
    },
    {
      action: 'approve',
      label: '审核同意',
      from: ['reviewing', 'countersigning'],
      to: ({ case: current }) => stateOfChain((current.fields as OutgoingCaseFields).chain),
      actor: { check: (who, context) => Boolean(reviewStepFor(fieldsOf(context).chain, who.userId)) },
      input: { comment: commentInput('审核意见', { placeholder: '不填写即为「同意」' }) },
      patchFields: (context) => {
        const fields = fieldsOf(context);
        const step = reviewStepFor(fields.chain, context.who.userId)!;
        const opinion = context.input.comment?.trim() || '同意';
        const chain = completeStep(fields.chain!, step.index, { userId: context.who.userId, name: context.who.displayName, byName: context.by.displayName, at: context.now.toISOString(), opinion });
        // A 规范性文件's 合法性审查 (a step for 法制 staff) counts each line of its opinion as one 意见 (审查意见 N 条).
        const isLegalReview = fields.normative && step.roles.includes('legal_staff');
        const opinions = opinion.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !/^(同意|无意见|无异议)[。.]?$/.test(line));
        return { chain, ...(isLegalReview ? { normativeReview: { opinions, ...stamp(context) } } : {}) };
      },
    },
    {
      action: 'send_countersign',
      label: '发起会签',
      from: ['countersigning'],
      to: null,
      actor: { roles: office },
      effect: 'assign',
      input: { units: unitsInput({ label: '会签单位', roles: { consult: '会签' } }), comment: commentInput('会签说明') },
      guard: (context) => (currentSteps(fieldsOf(context).chain).some((step) => step.type === 'countersign') ? undefined : '当前不在会签环节'),
      patchFields: ({ input }) => {
        const units = (input.units as Array<{ role: string }> | undefined) ?? [];
        if (units.some((unit) => unit.role !== 'consult')) throw validationError('会签单位的角色应为会签');
        return {};
      },
    },
    { action: 'countersign', label: '会签', from: ['countersigning'], to: null, actor: { assignedUnit: ['pending', 'in_progress'] }, effect: 'reply', input: replyInputs({ label: '会签意见', phrases: ['同意。', '无意见。', '原则同意，建议：'], withFiles: false }) },
    {
      action: 'finish_countersign',
      label: '会签完毕',
      from: ['countersigning'],
      to: ({ case: current }) => stateOfChain((current.fields as OutgoingCaseFields).chain),
      actor: { roles: office },
      input: { comment: commentInput('说明', { placeholder: '不填写即为「会签完毕」' }) },
      guard: (context) => {
        const units = countersigns(context);
        if (units.length === 0) return '还没有发起会签';
        if (units.some((a) => a.state !== 'replied')) return '会签单位尚未全部签署意见';
        return undefined;
      },
      patchFields: (context) => {
        const fields = fieldsOf(context);
        const step = currentSteps(fields.chain).find((candidate) => candidate.type === 'countersign');
        if (!step) throw validationError('当前不在会签环节');
        return { chain: completeStep(fields.chain!, step.index, { userId: context.who.userId, name: context.who.displayName, byName: context.by.displayName, at: context.now.toISOString(), opinion: context.input.comment?.trim() || '会签完毕' }) };
      },
    },
    {
      action: 'sign_off',
      label: '签发',
      from: ['signing'],
      to: 'checking',
      actor: { fieldUser: 'signerId' },
      input: { comment: commentInput('签发意见', { placeholder: '不填写即为「同意」' }) },
      // 签发 fixes the text and, with it, the 成文日期: a tap should never do it by mistake.
      confirm: { message: '签发后文稿即定稿，进入复核、登记编号和印发。确认签发？' },
      // Dates are checked again with the action's own day when it runs; the guard shows the rest on the button.
      guard: (context) => blockingReason(checkOutgoingFormat({ fields: fieldsOf(context) })),
      patchFields: async (context) => {
        const fields = fieldsOf(context);
        const signStep = currentSteps(fields.chain).find((step) => step.type === 'sign');
        if (!signStep) throw validationError('当前不在签发环节');
        const issuer = await findIssuerOrgan(context.db, fields.issuerCode);
        const blocked = blockingReason(checkOutgoingFormat({ fields, today: context.today, issuer, units: await findActiveUnitNames(context.db) }));
        if (blocked) throw validationError(blocked);
        const opinion = context.input.comment?.trim() || '同意';
        const onBehalf = context.by.userId !== context.who.userId;
        return {
          chain: completeStep(fields.chain!, signStep.index, { userId: context.who.userId, name: context.who.displayName, byName: context.by.displayName, at: context.now.toISOString(), opinion }),
          // 签发 with a full date (条例第二十二条); 成文日期 is the date of 签发 unless the drafter set a later one.
          signOff: { signerId: context.who.userId, signerName: context.who.displayName, byId: context.by.userId, byName: context.by.displayName, onBehalf, signedOn: context.today, opinion, at: context.now.toISOString() },
          writtenOn: fields.writtenOn ?? context.today,
          writtenOnFromSignOff: !fields.writtenOn,
        };
      },
    },
    {
      action: 'return',
      label: '退回修改',
      from: ['reviewing', 'countersigning', 'signing', 'checking'],
      to: 'drafting',
      actor: [
        { roles: office },
        { fieldUser: 'signerId' },
        { check: (who, context) => Boolean(reviewStepFor(fieldsOf(context).chain, who.userId)) },
      ],
      input: { reason: reasonInput('退回理由') },
      patchFields: (context) => {
        if (!context.input.reason) throw validationError('退回须说明理由');
        return { chain: null, signOff: null, returned: { reason: String(context.input.reason), ...stamp(context) } };
      },
    },
    { action: 'check', label: '复核无误', from: ['checking'], to: 'registering', actor: { roles: office }, input: { comment: commentInput('复核意见') }, patchFields: (context) => ({ checked: stamp(context) }) },
    {
      action: 'register',
      label: '登记编号',
      from: ['registering'],
      to: 'printing',
      actor: { roles: office },
      input: {
        reservationId: reference({ label: '使用预留文号', help: '登记时取下一个文号；此前为本文预留过文号的，在此选择' }),
        comment: commentInput('说明'),
      },
      // The 文号 is taken inside the action's transaction, after the version is claimed: two tabs
      // registering the same draft give one number and one 409, and a rollback leaves no gap.
      inTransaction: async ({ tx, actor, caseId, case: current, today, now, input }) => {
        const fields = current.fields as OutgoingCaseFields;
        if (!fields.numbered) return { fields: { registeredOn: today, docNumber: null }, data: { docNumber: null } };
        const reservationId = typeof input.reservationId === 'string' ? input.reservationId : undefined;
        const number = await allocateDocNumber({ tx, actor, issuerCode: fields.issuerCode, year: Number(today.slice(0, 4)), caseId, now, reservationId });
        return { fields: { registeredOn: today, docNumber: number.text }, data: { docNumber: number.text } };
      },
    },
    { action: 'print', label: '印制', from: ['printing'], to: 'distributing', actor: { roles: office }, input: { comment: commentInput('说明') }, patchFields: ({ today }) => ({ printedOn: today }) },
    {
      action: 'distribute',
      label: '核发',
      from: ['distributing'],
      to: 'issued',
      actor: { roles: office },
      closes: true,
      input: { comment: commentInput('核发说明') },
      inTransaction: async ({ tx, actor, caseId, case: current, today, now }) => {
        const fields = current.fields as OutgoingCaseFields;
        const deliveries = await deliverOutgoing({ tx, actor, caseId, fields, now });
        const decisions = fields.decisions ?? [];
        // A 纪要's 议定事项 become 督办 items now that it is issued: the decision is chased from here to 销号.
        const decisionItems = decisions.length === 0 ? [] : await openMinutesDecisions({ tx, actor, minutes: { caseId, name: `《${fields.title}》${fields.docNumber ? `（${fields.docNumber}）` : ''}`, meetingId: fields.meetingId, decisions }, today, now });
        return {
          fields: { distributedOn: today, deliveries, ...(decisionItems.length > 0 ? { decisionItems } : {}) },
          data: { delivered: deliveries.filter((d) => d.caseId).map((d) => d.name), ...(decisionItems.length > 0 ? { decisionItems: decisionItems.map((item) => item.serialNo) } : {}) },
        };
      },
    },
    { action: 'archive', label: '归档', from: ['issued'], to: 'archived', actor: { roles: office }, input: { comment: commentInput('归档说明') } },
    {
      action: 'withdraw',
      label: '撤销',
      from: ['drafting', 'reviewing', 'countersigning', 'signing'],
      to: 'withdrawn',
      actor: [{ handler: true }, { roles: office }],
      closes: true,
      input: { reason: reasonInput('撤销理由') },
      patchFields: ({ input }) => {
        if (!input.reason) throw validationError('撤销须说明理由');
        return {};
      },
    },
  ],
  // 纪要 are issued within a few working days of the meeting (the seeds: 3 个工作日内印发; a setting).
  clocks: (fields, settings) =>
    fields.docType === '纪要' && typeof fields.meetingOn === 'string'
      ? [
          {
            id: 'outgoing.minutes_issue',
            label: '纪要印发期限',
            amount: settings['minutes.issueDays'] ?? 3,
            unit: 'workday',
            start: { field: 'meetingOn', label: '会议召开' },
            stopOn: ['distribute'],
            basis: '本机关会议纪要印发时限：会议召开后按工作日计（系统配置「会议纪要印发时限」）',
          },
        ]
      : [],
  assignmentClock: {
    // 会签: every unit asked, whatever its role, signs within the same days.
    defaults: { lead: countersignPeriod, assist: countersignPeriod, consult: countersignPeriod },
    extendOn: { action: 'extend', maxTimes: 1, maxAmount: 5 },
  },
  reminderLadder: standardLadder,
  serial: (year, seq) => `发稿〔${year}〕${seq}号`,
  waitingOn: (context) => {
    const { case: current } = context;
    const fields = fieldsOf(context);
    const waiting: WaitingOn = [];
    const handler = current.handlerId;
    const officeStep: Record<string, string> = { drafting: '修改送审', checking: '复核', registering: '登记编号', printing: '印制', distributing: '核发', issued: '归档' };
    if (handler && officeStep[current.state]) waiting.push({ userId: handler, label: officeStep[current.state]! });
    for (const step of currentSteps(fields.chain)) {
      if (step.type === 'review') for (const userId of step.userIds) waiting.push({ userId, label: step.label });
      if (step.type === 'sign' && fields.signerId) waiting.push({ userId: fields.signerId, label: '签发' });
      if (step.type === 'countersign' && handler) {
        const units = countersigns(context);
        for (const a of units) if (a.state === 'pending' || a.state === 'in_progress') waiting.push({ unitId: a.unitId, assignmentId: a.id, label: '会签' });
        if (units.length === 0) waiting.push({ userId: handler, label: '发起会签' });
        else if (units.every((a) => a.state === 'replied')) waiting.push({ userId: handler, label: '会签完毕' });
      }
    }
    return waiting;
  },
  ledgerColumns: outgoingLedgerColumns,
  metrics: ['minutes.issued', 'minutes.daysToIssue', 'outgoing.issued', 'outgoing.issuedByType', 'outgoing.numbered', 'outgoing.unnumbered', 'outgoing.daysToSignOff', 'outgoing.printedCopies', 'outgoing.yoyChange', 'outgoing.normativeReviewed'],
};
