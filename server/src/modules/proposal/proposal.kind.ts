/**
 * 人大代表建议 and 政协提案 (kind `proposal`; `body` npc | cppcc). Registered (imported with its session's
 * list or entered singly), 交办 to a 主办 unit with 会办 units — or to several 主办 units each answering its
 * part (分办) —, often many at once at a 交办会. A unit that is not responsible 退回s it within the window
 * (proposal.returnDays, 10 日) and the office gives it again. 会办 units send their views to the 主办 within
 * 1 month; the 主办 answers within 3 months of 交办, extended by the office at most to 6 months. The office
 * confirms the answers (办复) and sends the deputy a one-time 征询意见表 link (survey.service.ts);
 * 不满意 sends it back for 重新办理 with its own clock, a second answer and a second survey.
 */
import { commentInput, reasonInput, unitsInput } from '../../engine/inputs/standard.js';
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import { linkCases } from '../../engine/cases/links.js';
import { date, group, longText, number, reference } from '../../engine/inputs/fields.js';
import type { ClockSpec } from '../../engine/clocks/clock.types.js';
import type { ActorRule, GuardContext, KindDefinition, Transition, WaitingOn } from '../../engine/kinds/kind.types.js';
import { standardLadder, unitWorkTransitions } from '../../engine/kinds/standard.js';
import { getSetting } from '../../platform/settings.js';
import { loadCalendar } from '../../engine/calendar/calendar.service.js';
import { invalidState, validationError } from '../../platform/errors.js';
import { bodyLabels } from '../../../../common/schemas/proposal.js';
import { trackPromise } from './proposal.promise.js';
import { answerInputs, withAnswer } from './proposal.answer.js';
import { ProposalFields, readProposalFields } from './proposal.fields.js';
import { classOf, leadsWithoutAnswer, needsRework, surveyOfRound, whyNotAnswered, whyReturnTooLate } from './proposal.rules.js';

/** The office that handles 建议提案 (the 督查室 in most 府办s) and its director. */
export const proposalOffice = ['inspector', 'director'] as const;

const basis = '《示例市人大代表建议、政协提案办理工作办法》';
/** 3 months to answer, extended with the office's approval to no more than 6 months from 交办. */
export const ANSWER_MONTHS = 3;
export const MAX_EXTENSION_MONTHS = 3;

const fieldsOf = (context: GuardContext) => readProposalFields(context.case.fields);

/** Months, not days: the rule counts months from 交办, and the cap is the 6th month. */
const monthExtension = group({ label: '延期', required: '请填写延期月数和理由' }, {
  amount: number({ label: '延期（月）', required: '请填写延期月数', min: 1, max: MAX_EXTENSION_MONTHS, unit: '月' }),
  reason: longText({ label: '延期理由', required: true, max: 500, rows: 2 }),
});

/** A 联络员 of a 主办 unit that answered the first round (重新办理 answers again). */
const answeringLead: ActorRule = {
  check: (who, context) => who.roles.includes('liaison') && context.assignments.some((a) => a.unitId === who.unitId && a.role === 'lead' && a.state === 'replied'),
};

/** The engine's unit steps, with the 建议提案 rules on 退回, 会办 views, and extensions in months. */
const unitSteps: Transition[] = unitWorkTransitions({ from: ['handling'], office: proposalOffice }).map((transition): Transition => {
  switch (transition.action) {
    case 'unit_return':
      return {
        ...transition,
        label: '退回（非本单位职责）',
        // The window is a setting, so it is checked where the database is at hand.
        patchFields: async ({ case: current, assignment, today, db }) => {
          const late = whyReturnTooLate({ assignedOn: assignment ? readProposalFields(current.fields).assignedOn[assignment.unitId] : undefined, today, days: await getSetting(db, 'proposal.returnDays'), calendar: await loadCalendar({ db }) });
          if (late) throw invalidState(late);
          return {};
        },
      };
    case 'reply':
      return { ...transition, label: '报送会办意见', input: { reply: longText({ label: '会办意见', required: '请填写会办意见', max: 20000, rows: 6 }), attachments: answerInputs.attachments }, guard: ({ assignment }) => (assignment && assignment.role !== 'consult' ? '主办单位请用「答复」' : undefined) };
    case 'extend':
    case 'ask_extension':
      return { ...transition, input: { extension: monthExtension } };
    case 'reassign':
      return { ...transition, patchFields: ({ case: current, input, today }) => ({ assignedOn: { ...readProposalFields(current.fields).assignedOn, [String(input.unitId)]: today } }) };
    default:
      return transition;
  }
});

const transitions: Transition[] = [
  {
    action: 'assign',
    label: '交办',
    // Again after a unit 退回s it: the office gives it to the right unit.
    from: ['registered', 'handling'],
    to: 'handling',
    actor: { roles: proposalOffice },
    effect: 'assign',
    input: {
      units: unitsInput({ label: '承办单位', roles: { lead: '主办', consult: '会办' } }),
      meetingOn: date({ label: '交办会日期', help: '在交办会上集中交办的，填写交办会日期' }),
      comment: commentInput('交办意见'),
    },
    patchFields: ({ case: current, input, today }) => {
      const given = (input.units ?? []) as Array<{ unitId: string }>;
      const meeting = typeof input.meetingOn === 'string' ? { meetingOn: input.meetingOn } : {};
      return { ...meeting, assignedOn: { ...readProposalFields(current.fields).assignedOn, ...Object.fromEntries(given.map((unit) => [unit.unitId, today])) } };
    },
  },
  {
    action: 'merge',
    label: '并案',
    from: ['registered'],
    to: null,
    actor: { roles: proposalOffice },
    // Items on the same matter are handled together but each deputy still gets an answer: the item stays its own case.
    input: { mergedWith: reference({ label: '并入（同一事项的另一件）', required: true }), comment: commentInput('并案说明') },
    patchFields: async ({ case: current, input, db }) => {
      const other = String(input.mergedWith);
      if (other === current.id) throw validationError('不能与自身并案');
      const [row] = await db.select({ kind: cases.kind }).from(cases).where(eq(cases.id, other));
      if (row?.kind !== 'proposal') throw validationError('并案的对象须是另一件建议或提案', { fields: [{ path: 'mergedWith', message: '须是建议或提案' }] });
      return { mergedWith: other };
    },
    inTransaction: async ({ tx, actor, caseId, input, now }) => {
      await linkCases({ db: tx, actor, caseId, toCaseId: String(input.mergedWith), type: 'related', now });
      return { data: { mergedWith: input.mergedWith } };
    },
  },
  ...unitSteps,
  {
    action: 'answer',
    label: '答复',
    from: ['handling'],
    to: null,
    actor: { assignedUnit: ['in_progress'] },
    effect: 'reply',
    input: answerInputs,
    guard: ({ assignment }) => (assignment && assignment.role !== 'lead' ? '会办单位请用「报送会办意见」' : undefined),
    patchFields: (context) => withAnswer(context, 1),
  },
  {
    action: 'conclude',
    label: '办复并征询意见',
    from: ['handling'],
    to: 'answered',
    actor: { roles: proposalOffice },
    input: { comment: commentInput('办复说明') },
    guard: (context) => whyNotAnswered(context.assignments, fieldsOf(context).answers, 1),
    patchFields: ({ today }) => ({ answeredOn: today }),
    inTransaction: ({ tx, actor, caseId, case: current, today, now }) => trackPromise({ tx, actor, caseId, fields: current.fields, today, now }),
  },
  // The deputy's 征询意见表 comes through its one-time link (survey.service.ts), not from an account:
  // declared here for its place in the table and its label in the trail; no user is ever admitted to it.
  { action: 'survey', label: '反馈征询意见', from: ['answered'], to: null, actor: { check: () => false } },
  {
    action: 'rework',
    label: '重新办理',
    from: ['answered'],
    to: 'reworking',
    actor: { roles: proposalOffice },
    input: { reason: reasonInput('重新办理要求') },
    neverApplies: (context) => (fieldsOf(context).round > 1 ? '已重新办理过一次' : undefined),
    guard: (context) => (needsRework(fieldsOf(context)) ? undefined : '代表（委员）未表示不满意'),
    patchFields: () => ({ round: 2 }),
  },
  {
    action: 'rework_answer',
    label: '重新办理答复',
    from: ['reworking'],
    to: null,
    actor: answeringLead,
    input: answerInputs,
    patchFields: (context) => withAnswer(context, 2),
  },
  {
    action: 'conclude_rework',
    label: '再次办复并征询意见',
    from: ['reworking'],
    to: 'answered',
    actor: { roles: proposalOffice },
    input: { comment: commentInput('办复说明') },
    guard: (context) => whyNotAnswered(context.assignments, fieldsOf(context).answers, 2),
    patchFields: ({ today }) => ({ answeredOn: today }),
    inTransaction: ({ tx, actor, caseId, case: current, today, now }) => trackPromise({ tx, actor, caseId, fields: current.fields, today, now }),
  },
  {
    action: 'close',
    label: '办结',
    from: ['answered'],
    to: 'closed',
    actor: { roles: proposalOffice },
    closes: true,
    input: { comment: commentInput('办结说明', { placeholder: '如：代表满意；或征询意见表逾期未返回' }) },
    guard: (context) => (needsRework(fieldsOf(context)) ? '代表（委员）不满意，应先重新办理' : undefined),
  },
];

/** 重新办理 has its own clock: one month from the office's decision to the second answer (one local rule). */
const clocks: readonly ClockSpec[] = [
  { id: 'rework', label: '重新办理期限', amount: 1, unit: 'month', basis: `${basis}：代表（委员）对答复不满意的，承办单位应在一个月内重新办理并答复`, start: { action: 'rework', label: '决定重新办理' }, stopOn: ['rework_answer'] },
];

const waitingOn = ({ case: current, assignments }: GuardContext): WaitingOn => {
  const waiting: WaitingOn = [];
  const handler = current.handlerId;
  const fields = readProposalFields(current.fields);
  if (current.state === 'registered' && handler) waiting.push({ userId: handler, label: '交办' });
  if (current.state === 'handling') {
    for (const assignment of assignments) {
      if (assignment.state === 'pending') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '签收' });
      if (assignment.state === 'in_progress') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: assignment.role === 'lead' ? '答复' : '报送会办意见' });
    }
    if (handler && whyNotAnswered(assignments, fields.answers, 1) === undefined) waiting.push({ userId: handler, label: '办复并征询意见' });
  }
  if (current.state === 'reworking') {
    const missing = leadsWithoutAnswer(assignments, fields.answers, 2);
    for (const lead of missing) waiting.push({ unitId: lead.unitId, assignmentId: lead.id, label: '重新办理答复' });
    if (handler && missing.length === 0) waiting.push({ userId: handler, label: '再次办复并征询意见' });
  }
  if (current.state === 'answered' && handler) waiting.push({ userId: handler, label: needsRework(fields) ? '重新办理' : surveyOfRound(fields) ? '办结' : '征询代表（委员）意见' });
  return waiting;
};

export const proposalKind: KindDefinition<typeof ProposalFields> = {
  id: 'proposal',
  label: '建议提案',
  fields: ProposalFields,
  titleOf: (fields) => fields.title,
  searchTextOf: (fields) => [bodyLabels[fields.body], fields.term, `${fields.number}号`, fields.title, fields.leadName, fields.cosigners.join(' '), fields.group ?? '', fields.category ?? '', fields.content.slice(0, 2000)].join(' '),
  states: { registered: '待交办', handling: '办理中', answered: '已答复', reworking: '重新办理中', closed: '已办结' },
  initialState: 'registered',
  roles: { create: proposalOffice, view: [...proposalOffice, 'leader'] },
  people: { keyLeaderId: { roles: ['leader'], label: '领办领导', nameField: 'keyLeaderName' } },
  // The deputy's or member's own name and phone: masked in every view, shown in full by an audited 显示.
  personalFields: { leadName: { type: 'name', label: '领衔代表（提案人）' }, leadPhone: { type: 'phone', label: '联系电话' } },
  transitions,
  clocks,
  assignmentClock: {
    defaults: {
      lead: { amount: ANSWER_MONTHS, unit: 'month', basis: `${basis}：主办单位自交办之日起 3 个月内答复` },
      consult: { amount: 1, unit: 'month', basis: `${basis}：会办单位自交办之日起 1 个月内将会办意见送主办单位` },
    },
    // Approved by the office; 3 + 3: never beyond 6 months from 交办.
    extendOn: { action: 'extend', maxTimes: 3, maxAmount: MAX_EXTENSION_MONTHS, unit: 'month' },
    stopOn: ['answer'],
  },
  reminderLadder: standardLadder,
  ledgerColumns: [
    { key: 'body', header: '类型', width: 10, value: ({ fields }) => (fields.body === 'cppcc' ? '政协提案' : '人大建议') },
    { key: 'term', header: '届次', width: 12, value: ({ fields }) => `${String(fields.term ?? '')}${String(fields.session ?? '')}次会议` },
    { key: 'number', header: '编号', width: 8, value: ({ fields }) => String(fields.number ?? '') },
    { key: 'title', header: '标题', width: 40, show: 'title', value: ({ title }) => title },
    { key: 'leadName', header: '领衔人', width: 10, value: ({ fields }) => String(fields.leadName ?? '') },
    { key: 'group', header: '代表团/界别', width: 12, value: ({ fields }) => String(fields.group ?? '') },
    { key: 'isKey', header: '重点', width: 6, value: ({ fields }) => (fields.isKey ? '重点' : '') },
    { key: 'leadUnits', header: '主办单位', width: 20, value: ({ leadUnits }) => leadUnits.join('、') },
    { key: 'answerClass', header: '类别', width: 6, value: ({ fields }) => classOf(readProposalFields(fields)) ?? '' },
    { key: 'state', header: '状态', width: 10, value: ({ stateLabel }) => stateLabel },
    { key: 'due', header: '期限', width: 12, show: 'due', value: ({ dueDate }) => dueDate ?? '' },
  ],
  serial: (year, seq) => `议〔${year}〕${seq}号`,
  waitingOn,
  metrics: ['proposals.npc', 'proposals.cppcc', 'proposals.replyRate', 'proposals.closedRate', 'proposals.satisfactionRate', 'proposals.classA', 'proposals.reworked', 'proposals.deputiesInvolved'],
};

export { wordsOf } from './proposal.kind.words.js';
