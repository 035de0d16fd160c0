/** A meeting's states as a pure transition table: which action moves it from where to where. */
import type { MeetingState } from '../../../../common/schemas/meeting.js';

export type MeetingAction = 'notice' | 'hold' | 'cancel' | 'reschedule';

const table: Record<MeetingAction, { from: readonly MeetingState[]; to: MeetingState | 'same'; label: string }> = {
  reschedule: { from: ['planned', 'noticed'], to: 'same', label: '调整会议安排' },
  notice: { from: ['planned'], to: 'noticed', label: '发送会议通知' },
  hold: { from: ['noticed'], to: 'held', label: '确认会议已召开' },
  cancel: { from: ['planned', 'noticed'], to: 'cancelled', label: '取消会议' },
};

/** The state after `action`, or why it cannot be taken from `state`. */
export const nextMeetingState = (state: MeetingState, action: MeetingAction): { to: MeetingState } | { refused: string } => {
  const rule = table[action];
  if (!rule.from.includes(state)) return { refused: `会议当前状态不能${rule.label}` };
  return { to: rule.to === 'same' ? state : rule.to };
};

export const meetingActionLabel = (action: MeetingAction): string => table[action].label;
