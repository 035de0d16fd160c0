/**
 * Pieces of a transition table that many kinds share: the steps a handling unit takes on its
 * assignment and the office's review of them, and the guard that every lead reply is accepted.
 */
import type { Role } from '../../../../common/access.js';
import type { AssignmentView, Transition } from './kind.types.js';

/** Why a case cannot be reported or closed yet: a lead unit has not answered, or its answer is unchecked. */
export const allLeadRepliesAccepted = ({ assignments }: { assignments: readonly Pick<AssignmentView, 'role' | 'state' | 'replyAccepted'>[] }) => {
  const leads = assignments.filter((a) => a.role === 'lead' && a.state !== 'withdrawn' && a.state !== 'returned');
  if (leads.length === 0) return '还没有主办单位';
  if (leads.some((a) => a.state !== 'replied')) return '主办单位尚未全部答复';
  if (leads.some((a) => !a.replyAccepted)) return '还有答复未审核';
  return undefined;
};

/** 签收, 退回, 答复 by the unit; 审核通过, 退回重办, 延期 by the office — in the states the kind handles in. */
export const unitWorkTransitions = ({ from, office }: { from: readonly string[]; office: readonly Role[] }): Transition[] => [
  { action: 'sign', label: '签收', from, to: null, actor: { assignedUnit: ['pending'] }, effect: 'sign' },
  { action: 'unit_return', label: '退回', from, to: null, actor: { assignedUnit: ['pending'] }, effect: 'unit_return', inputs: ['reason'] },
  { action: 'reply', label: '答复', from, to: null, actor: { assignedUnit: ['in_progress'] }, effect: 'reply', inputs: ['reply', 'attachments'] },
  { action: 'accept_reply', label: '审核通过', from, to: null, actor: { roles: office }, effect: 'accept_reply', inputs: ['satisfaction', 'comment'] },
  { action: 'reject_reply', label: '退回重办', from, to: null, actor: { roles: office }, effect: 'reject_reply', inputs: ['reason'] },
  { action: 'extend', label: '延期', from, to: null, actor: { roles: office }, effect: 'extend', inputs: ['extension'] },
];
