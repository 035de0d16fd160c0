/**
 * 领导批示件: a leader's written instruction, registered by 督查室 or 秘书科, given to units
 * to carry out (交办), answered by them (答复), checked by the office and read back by the
 * leader before it is closed (办结). The seeds count these: 跟踪督办领导批示 192 件.
 */
import { z } from 'zod';
import { isoDate, safeLine, safeText, TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';
import { allLeadRepliesAccepted, standardLadder, unitWorkTransitions } from '../../engine/kinds/standard.js';
import { commentInput, unitsInput } from '../../engine/inputs/standard.js';
import type { KindDefinition, WaitingOn } from '../../engine/kinds/kind.types.js';

const office = ['inspector', 'clerk', 'director'] as const;

const instructionPeriod = { amount: 10, unit: 'workday', basis: '《示例市领导批示件督办工作规定》第八条：一般批示件自交办之日起 10 个工作日内办结并答复' } as const;

export const InstructionFields = z.object({
  leaderId: z.string().uuid('请选择批示领导'),
  leaderName: safeLine().trim().max(30).optional(), // always the account's name (people.leaderId), whatever was typed
  instructedOn: isoDate('批示日期应为实际存在的日期，格式 YYYY-MM-DD'),
  instruction: safeText().trim().min(2, '请填写批示内容').max(4000),
  sourceTitle: safeLine().trim().min(2, '请填写批示所涉文件或事项').max(TITLE_MAX_LENGTH, `不超过 ${TITLE_MAX_LENGTH} 字`),
  sourceRef: safeLine().trim().max(100).optional(), // e.g. the document number the instruction was written on
  category: z.enum(['上级领导批示', '本级领导批示']).default('本级领导批示'),
});
export type InstructionFields = z.infer<typeof InstructionFields>;

export const instructionKind: KindDefinition<typeof InstructionFields> = {
  id: 'instruction',
  label: '领导批示件',
  fields: InstructionFields,
  titleOf: (fields) => `${fields.leaderName ?? ''}批示：${fields.sourceTitle}`,
  searchTextOf: (fields) => [fields.leaderName ?? '', fields.sourceTitle, fields.sourceRef ?? '', fields.instruction].join(' '),
  states: {
    registered: '待交办',
    handling: '办理中',
    leader_review: '待领导审阅',
    closed: '已办结',
  },
  initialState: 'registered',
  roles: { create: office, view: [...office, 'leader'] },
  // The leader 审阅s and 办结s the case (fieldUser below): only a serving 政府领导 may be named.
  people: { leaderId: { roles: ['leader'], label: '批示领导', nameField: 'leaderName' } },
  transitions: [
    { action: 'assign', label: '交办', from: ['registered', 'handling'], to: 'handling', actor: { roles: office }, effect: 'assign', input: { units: unitsInput(), comment: commentInput('交办意见') } },
    ...unitWorkTransitions({ from: ['handling'], office }),
    {
      action: 'submit',
      label: '报领导审阅',
      from: ['handling'],
      to: 'leader_review',
      actor: { roles: office },
      guard: allLeadRepliesAccepted,
      input: { comment: commentInput('报送说明') },
      // leaderName is the account's name (people.leaderId), kept with the id.
      sendsTo: ({ case: current }) => (typeof current.fields.leaderName === 'string' ? { verb: '呈', names: [current.fields.leaderName], awaits: '审阅' } : undefined),
    },
    { action: 'approve', label: '同意办结', from: ['leader_review'], to: 'closed', actor: { fieldUser: 'leaderId' }, closes: true, input: { comment: commentInput('审阅意见') } },
    {
      action: 'reinstruct',
      label: '再批示',
      from: ['leader_review'],
      to: 'handling',
      actor: { fieldUser: 'leaderId' },
      effect: 'reopen',
      input: { comment: commentInput('批示意见', { required: '「再批示」须填写意见' }) },
    },
    { action: 'close', label: '办结', from: ['handling'], to: 'closed', actor: { roles: office }, guard: allLeadRepliesAccepted, closes: true, input: { comment: commentInput('办结意见') } },
  ],
  assignmentClock: {
    defaults: { lead: instructionPeriod, assist: instructionPeriod, consult: instructionPeriod },
    extendOn: { action: 'extend', maxTimes: 2, maxAmount: 20 },
  },
  reminderLadder: standardLadder,
  serial: (year, seq) => `批〔${year}〕${seq}号`,
  waitingOn: ({ case: current, assignments }) => {
    const waiting: WaitingOn = [];
    const handler = current.handlerId;
    if (current.state === 'registered' && handler) waiting.push({ userId: handler, label: '交办' });
    if (current.state === 'handling') {
      for (const assignment of assignments) {
        if (assignment.state === 'pending') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '签收' });
        if (assignment.state === 'in_progress') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '办理答复' });
      }
      const toReview = assignments.some((a) => a.state === 'replied' && !a.replyAccepted);
      if (handler && toReview) waiting.push({ userId: handler, label: '审核答复' });
      else if (handler && allLeadRepliesAccepted({ assignments }) === undefined) waiting.push({ userId: handler, label: '报领导审阅或办结' });
    }
    if (current.state === 'leader_review') waiting.push({ userId: String(current.fields.leaderId), label: '审阅办理结果' });
    return waiting;
  },
  metrics: ['instructions.tracked'],
};
