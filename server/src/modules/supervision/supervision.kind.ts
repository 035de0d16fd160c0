/**
 * 督查督办 (kind `supervision`): one 督办 object whatever its source (领导批示, 会议议定事项, 重点工作 …).
 * 立项 by the 督查室 gives it to a lead unit and helper units (交办, in the same transaction:
 * createSupervisionItem); the lead unit reports each 调度 period and completes its nodes (m1..mN) with
 * evidence, then 申报办结 with evidence; the 督查室 销号s it or 退回s it. Each node and each period's report
 * has its own clock (supervision.progress.ts), so a missing report shows on the item by itself.
 *
 * The 批示件 stays its own kind: a 督办 item may be derived from one (派生自), and the metric counts the
 * pair once (supervision.metrics.ts).
 */
import type { AttachmentRef } from '../../../../common/schemas/cases.js';
import { invalidState } from '../../platform/errors.js';
import { commentInput, reasonInput, unitsInput } from '../../engine/inputs/standard.js';
import { files, longText, number } from '../../engine/inputs/fields.js';
import type { ActorRule, GuardContext, KindDefinition, WaitingOn } from '../../engine/kinds/kind.types.js';
import { standardLadder } from '../../engine/kinds/standard.js';
import { unitShortName } from '../../engine/cases/cases.repository.js';
import { daysBetween } from '../../engine/calendar/dates.js';
import { readSupervisionFields, SupervisionFields } from './supervision.fields.js';
import { nextMilestone, periodToReport, supervisionClocks } from './supervision.progress.js';

const supervisionBasis = '督查督办事项立项确定的完成时限';

/** The 督查室: 督查室工作人员 and the office director. */
export const supervisionOffice = ['inspector', 'director'] as const;

const openUnitStates = ['pending', 'in_progress'] as const;

/** A 联络员 of the item's lead unit (主办), while its assignment is open. */
const leadUnit: ActorRule = {
  check: (who, context) =>
    who.roles.includes('liaison') &&
    context.assignments.some((assignment) => assignment.unitId === who.unitId && assignment.role === 'lead' && (openUnitStates as readonly string[]).includes(assignment.state)),
};

const fieldsOf = (context: GuardContext) => readSupervisionFields(context.case.fields);

export const supervisionKind: KindDefinition<typeof SupervisionFields> = {
  id: 'supervision',
  label: '督查督办事项',
  fields: SupervisionFields,
  titleOf: (fields) => fields.title,
  searchTextOf: (fields) => [fields.title, fields.source, fields.measures, fields.leadUnitName ?? '', fields.leaderName ?? ''].join(' '),
  states: { registered: '待交办', handling: '办理中', claimed: '待销号', closed: '已销号' },
  initialState: 'registered',
  roles: { create: supervisionOffice, view: [...supervisionOffice, 'leader'] },
  people: { leaderId: { roles: ['leader'], label: '牵头领导', nameField: 'leaderName' } },
  transitions: [
    // Taken by createSupervisionItem in the 立项 transaction: the lead unit as 主办, the helper units as 协办.
    {
      action: 'assign',
      label: '交办',
      from: ['registered'],
      to: 'handling',
      actor: { roles: supervisionOffice },
      effect: 'assign',
      input: { units: unitsInput({ label: '责任单位' }), comment: commentInput('交办要求') },
      // An item registered without its units (the generic 登记) takes them from its 交办, so the fields name who leads.
      patchFields: async ({ input, db }) => {
        const given = (input.units ?? []) as Array<{ unitId: string; role: string }>;
        const lead = given.find((unit) => unit.role === 'lead');
        if (!lead) return {};
        return { leadUnitId: lead.unitId, leadUnitName: await unitShortName(db, lead.unitId), helperUnitIds: given.filter((unit) => unit !== lead).map((unit) => unit.unitId) };
      },
    },
    {
      action: 'report',
      label: '报送进展',
      from: ['handling'],
      to: null,
      actor: leadUnit,
      input: { comment: longText({ label: '工作进展', required: '请填写本期工作进展', max: 4000, rows: 5 }) },
      neverApplies: (context) => (fieldsOf(context).reportCycle === 'milestone' ? '该事项按节点调度：完成节点即报送进展' : undefined),
      patchFields: ({ case: current, input, today }) => {
        const fields = readSupervisionFields(current.fields);
        const period = periodToReport(fields, today);
        if (!period) throw invalidState('本期进展已报送，下一调度期尚未开始');
        return { reports: [...fields.reports, { key: period.key, on: today, text: String(input.comment ?? '') }] };
      },
      // The report just added names its period: the trail event carries it as the clock key (report#2026-03).
      inTransaction: async ({ case: current }) => ({ data: { clockKey: readSupervisionFields(current.fields).reports.at(-1)!.key } }),
    },
    {
      action: 'complete_milestone',
      label: '节点完成',
      from: ['handling'],
      to: null,
      actor: leadUnit,
      input: { evidence: files({ label: '佐证材料', required: '请上传节点完成的佐证材料', max: 20 }), comment: commentInput('完成情况') },
      neverApplies: (context) => (fieldsOf(context).milestones.length === 0 ? '该事项未设时间节点' : undefined),
      guard: (context) => (nextMilestone(fieldsOf(context)) ? undefined : '各时间节点均已完成'),
      patchFields: ({ case: current, input, today }) => {
        const fields = readSupervisionFields(current.fields);
        const next = nextMilestone(fields);
        if (!next) throw invalidState('各时间节点均已完成');
        const evidence = input.evidence as AttachmentRef[];
        const note = typeof input.comment === 'string' && input.comment !== '' ? { note: input.comment } : {};
        return { milestones: fields.milestones.map((milestone) => (milestone.key === next.key ? { ...milestone, doneOn: today, evidence, ...note } : milestone)) };
      },
      inTransaction: async ({ case: current }) => {
        const done = readSupervisionFields(current.fields).milestones.filter((milestone) => milestone.doneOn);
        return { data: { clockKey: done.at(-1)!.key } };
      },
    },
    {
      action: 'record_actual',
      label: '填报完成量',
      from: ['handling', 'claimed'],
      to: null,
      actor: leadUnit,
      input: { value: number({ label: '累计完成量', required: true, min: 0, max: 1e9, isInteger: false }) },
      neverApplies: (context) => (fieldsOf(context).livelihood ? undefined : '仅民生实事填报完成量'),
      patchFields: ({ case: current, input, today }) => {
        const fields = readSupervisionFields(current.fields);
        const project = fields.livelihood!;
        const month = today.slice(0, 7);
        // One figure a month: the latest report of the month replaces an earlier one.
        const actuals = [...project.actuals.filter((actual) => actual.month !== month), { month, value: Number(input.value) }];
        return { livelihood: { ...project, actuals } };
      },
    },
    {
      action: 'claim',
      label: '申报办结',
      from: ['handling'],
      to: 'claimed',
      actor: leadUnit,
      input: { comment: longText({ label: '办结情况', required: '请填写办结情况', max: 4000, rows: 5 }), evidence: files({ label: '佐证材料', required: '申报办结须上传佐证材料', max: 20 }) },
      guard: (context) => {
        const left = fieldsOf(context).milestones.filter((milestone) => !milestone.doneOn).length;
        return left > 0 ? `尚有 ${left} 个时间节点未完成` : undefined;
      },
      patchFields: ({ input, today }) => {
        return { claim: { on: today, text: String(input.comment ?? ''), evidence: input.evidence as AttachmentRef[] } };
      },
    },
    { action: 'close', label: '销号', from: ['claimed'], to: 'closed', actor: { roles: supervisionOffice }, closes: true, input: { comment: commentInput('销号意见') } },
    {
      action: 'return',
      label: '退回',
      from: ['claimed'],
      to: 'handling',
      actor: { roles: supervisionOffice },
      input: { reason: reasonInput('退回理由') },
      // The claim is no longer standing: the lead unit works on and claims again.
      // (fields are merged: an undefined value drops the key when the row is written as JSON)
      patchFields: () => ({ claim: undefined }),
    },
  ],
  clocks: (fields) => supervisionClocks(fields),
  // The units' own time is the item's: to its 完成时限 (a year for 长期坚持). Their 待办 (报送进展) lasts the
  // item's life, so it is in time until then, and 临期/逾期 reminders reach them. The 完成时限 is a date set at
  // 立项, not a period: the units are due on it exactly — counted from the day of the 交办, not from 立项 (an item
  // 立项 at Friday's meeting and entered on Monday is not 3 days later for its units), and not moved off a holiday.
  assignmentClock: {
    defaults: { lead: { amount: 12, unit: 'month', basis: supervisionBasis }, assist: { amount: 12, unit: 'month', basis: supervisionBasis } },
    periodOf: ({ case: current }, _settings, today) => {
      const { deadline } = current.fields as { deadline?: unknown };
      return typeof deadline === 'string' ? { amount: Math.max(0, daysBetween(today, deadline)), unit: 'day', rollOverRestDay: false } : undefined;
    },
  },
  reminderLadder: standardLadder,
  serial: (year, seq) => `督〔${year}〕${seq}号`,
  waitingOn: ({ case: current, assignments }) => {
    const waiting: WaitingOn = [];
    const lead = assignments.find((assignment) => assignment.role === 'lead' && (openUnitStates as readonly string[]).includes(assignment.state));
    if (current.state === 'registered' && current.handlerId) waiting.push({ userId: current.handlerId, label: '交办' });
    if (current.state === 'handling' && lead) waiting.push({ unitId: lead.unitId, assignmentId: lead.id, label: '报送进展' });
    if (current.state === 'claimed' && current.handlerId) waiting.push({ userId: current.handlerId, label: '审核销号' });
    return waiting;
  },
  ledgerColumns: [
    { key: 'source', header: '立项来源', width: 12, value: (row) => String(row.fields.source ?? '') },
    { key: 'title', header: '督办事项', width: 40, show: 'title', value: (row) => row.title },
    { key: 'lead', header: '牵头单位', width: 16, value: (row) => String(row.fields.leadUnitName ?? row.leadUnits.join('、')) },
    { key: 'deadline', header: '完成时限', width: 12, value: (row) => (row.fields.isOngoing ? '长期坚持' : String(row.fields.deadline ?? '')) },
    { key: 'due', header: '最近时限', width: 12, show: 'due', value: (row) => row.dueDate ?? '' },
    { key: 'state', header: '状态', width: 10, value: (row) => row.stateLabel },
  ],
  metrics: ['supervision.opened', 'supervision.closedRate', 'supervision.onTimeRate', 'livelihood.projects'],
};
