/** The pure rules: who still owes an answer (分办: every 主办), the 退回 window, the deputy's view and the item's class. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { overallRating } from '../../../../common/schemas/proposal.js';
import type { StoredAnswer } from './proposal.fields.js';
import { buildCalendar } from '../../engine/calendar/calendar.js';
import { classOf, leadsWithoutAnswer, needsRework, whyNotAnswered, whyReturnTooLate } from './proposal.rules.js';

const lead = (unitId: string, state: 'pending' | 'in_progress' | 'replied' | 'returned' | 'withdrawn' = 'in_progress') => ({ id: `a-${unitId}`, unitId, role: 'lead' as const, state });
const answer = (unitId: string, round: number, answerClass: StoredAnswer['answerClass']): StoredAnswer => ({ unitId, unitName: unitId, round, on: '2026-04-01', answerClass, isPublishable: true, contacts: [], text: '答复', letter: [] });

describe('建议提案 rules', () => {
  test('分办: the office confirms only when every 主办 has answered; a returned or withdrawn one is not waited for', () => {
    const consult = { id: 'c', unitId: 'u9', role: 'consult' as const, state: 'in_progress' as const };
    assert.equal(whyNotAnswered([lead('u1', 'replied'), lead('u2'), consult], [], 1), '还有 1 个主办单位未答复');
    assert.equal(whyNotAnswered([lead('u1', 'replied'), lead('u2', 'returned'), consult], [], 1), undefined, 'a 会办 still working does not hold the answer');
    assert.equal(whyNotAnswered([lead('u1', 'withdrawn')], [], 1), '还没有主办单位');
    // Round 2 counts the second answers, not the assignments' state.
    assert.deepEqual(leadsWithoutAnswer([lead('u1', 'replied'), lead('u2', 'replied')], [answer('u1', 2, 'A')], 2).map((a) => a.unitId), ['u2']);
  });

  test('退回 within the window from the unit\'s own 交办 day; the day itself counts as 0', () => {
    assert.equal(whyReturnTooLate({ assignedOn: '2026-03-02', today: '2026-03-12', days: 10 }), undefined);
    assert.match(whyReturnTooLate({ assignedOn: '2026-03-02', today: '2026-03-13', days: 10 })!, /10 日内退回/);
    assert.equal(whyReturnTooLate({ assignedOn: '2026-03-02', today: '2026-03-20', days: 30 }), undefined, 'the window is a setting');
    // 09-24 + 10 = 10-04, in 国庆 (10-01…07): with the calendar the window ends on 10-08.
    const calendar = buildCalendar({ overrides: [] });
    assert.equal(whyReturnTooLate({ assignedOn: '2026-09-24', today: '2026-10-08', days: 10, calendar }), undefined);
    assert.match(whyReturnTooLate({ assignedOn: '2026-09-24', today: '2026-10-09', days: 10, calendar })!, /（至 2026-10-08）/);
  });

  test('the deputy\'s view: any 不满意 is 不满意; rework only after the first round', () => {
    assert.equal(overallRating({ attitude: 'satisfied', onPoint: 'satisfied', result: 'unsatisfied' }), 'unsatisfied');
    assert.equal(overallRating({ attitude: 'satisfied', onPoint: 'basically_satisfied', result: 'satisfied' }), 'basically_satisfied');
    const unhappy = { round: 1, on: '2026-05-01', attitude: 'satisfied', onPoint: 'satisfied', result: 'unsatisfied', overall: 'unsatisfied' } as const;
    assert.equal(needsRework({ round: 1, surveys: [unhappy] }), true);
    assert.equal(needsRework({ round: 2, surveys: [unhappy, { ...unhappy, round: 2 }] }), false, 'no third round');
  });

  test('the item\'s class: the weakest lead answer of the latest round', () => {
    assert.equal(classOf({ round: 1, answers: [answer('u1', 1, 'A'), answer('u2', 1, 'B')] }), 'B');
    assert.equal(classOf({ round: 2, answers: [answer('u1', 1, 'C'), answer('u1', 2, 'A')] }), 'A');
    assert.equal(classOf({ round: 1, answers: [] }), null);
  });
});
