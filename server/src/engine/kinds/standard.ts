/**
 * Pieces of a transition table that many kinds share: the steps a handling unit takes on its
 * assignment and the office's review of them, and the guard that every lead reply is accepted.
 */
import type { Role } from '../../../../common/access.js';
import type { ReminderRung } from '../clocks/clock.types.js';
import { unitPicker } from '../inputs/fields.js';
import { commentInput, extensionInput, reasonInput, replyInputs, revisitInputs, satisfactionInput } from '../inputs/standard.js';
import type { AssignmentView, GuardContext, Transition, WaitingOn } from './kind.types.js';

/** Why a case cannot be reported or closed yet: a lead unit has not answered, or its answer is unchecked. */
export const allLeadRepliesAccepted = ({ assignments }: { assignments: readonly Pick<AssignmentView, 'role' | 'state' | 'replyAccepted'>[] }) => {
  const leads = assignments.filter((a) => a.role === 'lead' && a.state !== 'withdrawn' && a.state !== 'returned');
  if (leads.length === 0) return '还没有主办单位';
  if (leads.some((a) => a.state !== 'replied')) return '主办单位尚未全部答复';
  if (leads.some((a) => !a.replyAccepted)) return '还有答复未审核';
  return undefined;
};

/**
 * 签收, 退回, 答复, 申请延期 by the unit; 审核通过, 退回重办, 延期, 撤回, 改派 and the answer to a 申请延期 by
 * the office — in the states the kind handles in. A unit that returned the item (or had it withdrawn) may
 * be given it again by the kind's 交办: the assignment is given afresh, with a new clock.
 */
export const unitWorkTransitions = ({ from, office, extensionUnit }: { from: readonly string[]; office: readonly Role[]; extensionUnit?: '工作日' | '日' }): Transition[] => [
  { action: 'sign', label: '签收', from, to: null, actor: { assignedUnit: ['pending'] }, effect: 'sign' },
  { action: 'unit_return', label: '退回', from, to: null, actor: { assignedUnit: ['pending'] }, effect: 'unit_return', input: { reason: reasonInput('退回理由') } },
  { action: 'reply', label: '答复', from, to: null, actor: { assignedUnit: ['in_progress'] }, effect: 'reply', input: replyInputs() },
  { action: 'accept_reply', label: '审核通过', from, to: null, actor: { roles: office }, effect: 'accept_reply', input: { satisfaction: satisfactionInput(), comment: commentInput('审核意见') } },
  { action: 'reject_reply', label: '退回重办', from, to: null, actor: { roles: office }, effect: 'reject_reply', input: { reason: reasonInput('退回重办理由') } },
  { action: 'extend', label: '延期', from, to: null, actor: { roles: office }, effect: 'extend', input: { extension: extensionInput(extensionUnit) } },
  { action: 'recall', label: '撤回', from, to: null, actor: { roles: office }, effect: 'recall', input: { reason: reasonInput('撤回理由') } },
  {
    action: 'reassign',
    label: '改派',
    from,
    to: null,
    actor: { roles: office },
    effect: 'reassign',
    input: { unitId: unitPicker({ label: '改派至', required: '请选择改派到的单位' }), reason: reasonInput('改派理由') },
  },
  {
    action: 'ask_extension',
    label: '申请延期',
    from,
    to: null,
    actor: { assignedUnit: ['in_progress'] },
    effect: 'ask_extension',
    input: { extension: extensionInput(extensionUnit) },
    guard: ({ assignment }) => (assignment?.extensionRequest ? '已有延期申请等待审批' : undefined),
  },
  { action: 'grant_extension', label: '同意延期', from, to: null, actor: { roles: office }, effect: 'grant_extension', input: { comment: commentInput('审批意见') } },
  { action: 'refuse_extension', label: '不同意延期', from, to: null, actor: { roles: office }, effect: 'refuse_extension', input: { reason: reasonInput('不同意理由') } },
];

/** The office's 待办 the unit's steps add to a case, whatever its kind: a 申请延期 to answer. */
export const unitRequestsWaiting = ({ case: current, assignments }: GuardContext): WaitingOn =>
  current.handlerId && assignments.some((assignment) => assignment.state === 'in_progress' && assignment.extensionRequest)
    ? [{ userId: current.handlerId, label: '审批延期申请' }]
    : [];

/**
 * 回访 on the case (not on one assignment): the requester's view in each dimension the kind declares
 * (e.g. { attitude: '态度', result: '结果' }), kept on the case as `revisits` and in the trail.
 */
export const revisitTransition = ({ from, office, dimensions }: { from: readonly string[]; office: readonly Role[]; dimensions: Readonly<Record<string, string>> }): Transition => ({
  action: 'revisit',
  label: '回访',
  from,
  to: null,
  actor: { roles: office },
  input: revisitInputs(dimensions),
  inTransaction: async ({ input, case: current, by, now }) => {
    const revisit = { at: now.toISOString(), byName: by.displayName, ratings: input.ratings as Record<string, string>, comment: input.comment ?? null };
    const earlier = Array.isArray(current.fields.revisits) ? current.fields.revisits : [];
    // The trail names the dimensions too, so it reads without the kind's declaration at hand.
    return { fields: { revisits: [...earlier, revisit] }, data: { revisit: { ratings: revisit.ratings, dimensions } } };
  },
});

/**
 * The ladder most kinds use: 临期 to whoever must act (the unit's 联络员; the handler for the case's own clocks), 逾期 to them and the case's handler, then up:
 * the unit's leaders the day it is late, the office director once it is 3 working days late.
 */
export const standardLadder: readonly ReminderRung[] = [
  { key: 'due_soon', label: '临期提醒', when: { before: 'setting' }, notify: ['liaisons'] },
  { key: 'overdue', label: '逾期催办', when: { overBy: 0 }, notify: ['liaisons', 'handler', 'unitLeader'] },
  { key: 'escalate.director', label: '逾期升级', when: { overBy: 3 }, notify: ['director'] },
];
