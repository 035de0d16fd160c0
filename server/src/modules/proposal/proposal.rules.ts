/**
 * The pure rules of a 建议/提案: who still owes an answer in a round, the 退回 window, what the deputy's
 * latest view asks for. The kind's guards and waitingOn read them; tests check them without a database.
 */
import type { AssignmentView } from '../../engine/kinds/kind.types.js';
import type { Calendar } from '../../engine/calendar/calendar.js';
import { fromEpochDay, toEpochDay } from '../../engine/calendar/dates.js';
import type { ProposalFields, StoredSurvey } from './proposal.fields.js';

/** The rules' defaults (local rules differ: the 退回 window is a setting, proposal.returnDays). */
export const PROPOSAL_RETURN_DAYS = 10;

/** The units answering for the item: 主办 — one, or several each for its part (分办) — still given it. */
export const leadAssignments = (assignments: readonly Pick<AssignmentView, 'role' | 'state' | 'unitId' | 'id'>[]) =>
  assignments.filter((assignment) => assignment.role === 'lead' && assignment.state !== 'withdrawn' && assignment.state !== 'returned');

/** The lead units that have not answered in `round` (an answer sent back by the office no longer counts in round 1). */
export const leadsWithoutAnswer = (
  assignments: readonly Pick<AssignmentView, 'role' | 'state' | 'unitId' | 'id'>[],
  answers: ProposalFields['answers'],
  round: number,
) => leadAssignments(assignments).filter((lead) => (round === 1 ? lead.state !== 'replied' : !answers.some((answer) => answer.round === round && answer.unitId === lead.unitId)));

/** Why the office cannot confirm the round's answers yet, or undefined. */
export const whyNotAnswered = (assignments: readonly Pick<AssignmentView, 'role' | 'state' | 'unitId' | 'id'>[], answers: ProposalFields['answers'], round: number): string | undefined => {
  if (leadAssignments(assignments).length === 0) return '还没有主办单位';
  const missing = leadsWithoutAnswer(assignments, answers, round).length;
  return missing > 0 ? `还有 ${missing} 个主办单位未答复` : undefined;
};

/**
 * A unit that is not responsible returns the item within the window from the day it was given it: 日 counted
 * as every period in days is (民法典第二百零一条、第二百零三条): the day of 交办 not counted, and a last day on a
 * rest day (国庆, a weekend) moved to the next working day — with the calendar; without one, the bare count.
 */
export const whyReturnTooLate = ({ assignedOn, today, days, calendar }: { assignedOn: string | undefined; today: string; days: number; calendar?: Pick<Calendar, 'nextWorkday'> }): string | undefined => {
  if (!assignedOn) return undefined;
  const counted = fromEpochDay(toEpochDay(assignedOn) + days);
  const lastDay = calendar ? calendar.nextWorkday(counted) : counted;
  return today > lastDay ? `已超过退回期限：应在交办之日（${assignedOn}）起 ${days} 日内退回（至 ${lastDay}）` : undefined;
};

/** The deputy's view of the current round, if given. */
export const surveyOfRound = (fields: Pick<ProposalFields, 'surveys' | 'round'>): StoredSurvey | undefined => fields.surveys.filter((survey) => survey.round === fields.round).at(-1);

/** 不满意 in the first round sends the item back (重新办理); after the second answer the office closes it. */
export const needsRework = (fields: Pick<ProposalFields, 'surveys' | 'round'>): boolean => fields.round === 1 && surveyOfRound(fields)?.overall === 'unsatisfied';

/** The class of the item: the weakest of its lead units' answers in the latest round (分办 A + B is B: the item is not solved until every part is). */
export const classOf = (fields: Pick<ProposalFields, 'answers' | 'round'>): ProposalFields['answers'][number]['answerClass'] | null => {
  const latest = fields.answers.filter((answer) => answer.round === fields.round);
  const pool = latest.length > 0 ? latest : fields.answers;
  return pool.map((answer) => answer.answerClass).sort().at(-1) ?? null;
};
