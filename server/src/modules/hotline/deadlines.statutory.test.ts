/**
 * 12345 deadlines, case by case, as an examiner would check them. 12345 time limits are local rules (the
 * research: one bureau's 应急 当日, 咨询/求助 3 个工作日, 投诉/建议 13 个工作日), kept as settings; the defaults:
 * - 签收 within 2 working hours of the 派单, on the office day 08:30–12:00 and 13:30–17:30 of working days
 *   (a ticket dispatched after hours waits for the next office period; a 调休 Saturday is an office day);
 * - 办结 from the 签收 day (not counted) in working days by type: 咨询/求助/表扬 3, 投诉/举报/建议 13; 应急 当日,
 *   the day it is signed for, whatever day that is (an emergency signed for on a Sunday is due that Sunday);
 * - one extension the center approves, at most 10 working days.
 * Calendars: 2026 春节 02-15…02-23 off, 02-14 (Sat) worked; 元旦 01-01…03 off, 01-04 (Sun) worked; 中秋 09-25…27;
 * 国庆 10-01…07 off, 10-10 (Sat) worked; 劳动节 05-01…05 off, 05-09 (Sat) worked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildHotlineFixture } from '../../../test/hotline-fixtures.js';
import { beijing, deadlineSteps } from '../../../test/deadline-cases.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
let fixture: Awaited<ReturnType<typeof buildHotlineFixture>>;
let steps: ReturnType<typeof deadlineSteps>;
before(async () => {
  t = await startTestApp();
  t.clock.set(beijing('2026-03-02'));
  fixture = await buildHotlineFixture(t);
  steps = deadlineSteps(t);
});
after(() => t.close());

const unitClock = async (caseId: string, clockId: 'assignment.sign' | 'assignment.lead') => steps.assignmentClock(fixture.center.user, caseId, clockId);

describe('12345：签收 within 2 working hours of 派单', () => {
  const rows: Array<{ name: string; dispatchedAt: string; due: string }> = [
    // Fri 17:00–17:30 (30 min), Mon 08:30 + 90 min.
    { name: 'dispatched Friday 17:00: 30 minutes that day, the rest on Monday → 10:00', dispatchedAt: '2026-03-06T17:00', due: '2026-03-09 10:00' },
    // 16:00–17:30 (90 min), 国庆, 10-08 08:30 + 30 min.
    { name: 'dispatched 09-30 at 16:00, the eve of 国庆: the last 30 minutes on 10-08 → 09:00', dispatchedAt: '2026-09-30T16:00', due: '2026-10-08 09:00' },
    // A holiday: nothing counts until 10-08 08:30.
    { name: 'dispatched during 国庆 (10-03 10:00): counted from 10-08 08:30 → 10:30', dispatchedAt: '2026-10-03T10:00', due: '2026-10-08 10:30' },
    // Fri 02-13 17:00–17:30, then the 调休 Saturday 02-14 08:30 + 90 min.
    { name: 'dispatched Friday 02-13 17:00: the 调休 Saturday 02-14 is an office day → 10:00', dispatchedAt: '2026-02-13T17:00', due: '2026-02-14 10:00' },
    // Lunch 12:00–13:30 is not office time: 13:30 + 120 min.
    { name: 'dispatched at 12:30, in the lunch break: from 13:30 → 15:30', dispatchedAt: '2026-03-10T12:30', due: '2026-03-10 15:30' },
    // 12-31 16:30–17:30 (60 min), 元旦 01-01…03, the 调休 Sunday 01-04 08:30 + 60 min.
    { name: 'dispatched 2025-12-31 16:30: the rest on the 调休 Sunday 2026-01-04 → 09:30', dispatchedAt: '2025-12-31T16:30', due: '2026-01-04 09:30' },
    // Exactly two hours left: it ends at the period's end, not the next morning.
    { name: 'dispatched at 15:30: due at 17:30 the same day, not at 08:30 the next', dispatchedAt: '2026-03-11T15:30', due: '2026-03-11 17:30' },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      steps.at(row.dispatchedAt);
      const id = await fixture.ticket({});
      await fixture.dispatch(id, fixture.unitB.id);
      const clock = await unitClock(id, 'assignment.sign');
      assert.equal(clock.due, row.due, clock.lines.join('\n'));
    });
  }
});

describe('12345：办结 in working days from the 签收', () => {
  const rows: Array<{ name: string; fields: Record<string, unknown>; signedAt: string; due: string; extendBy?: number; extended?: string }> = [
    // 中秋 09-25…27, 国庆: 09-28…30 (3), 10-08, 10-09 (5), Sat 10-10 (6), 10-12…16 (11), 10-19, 10-20 (13).
    { name: '投诉 signed Thursday 09-24, before 中秋 and 国庆: 13 working days → 10-20', fields: { ticketType: '投诉' }, signedAt: '2026-09-24T10:00', due: '2026-10-20' },
    // Sat 02-14 (1), 春节 02-15…23, 02-24 (2), 02-25 (3).
    { name: '咨询 signed Friday 02-13: the 调休 Saturday is day 1 → 02-25', fields: { ticketType: '咨询' }, signedAt: '2026-02-13T16:00', due: '2026-02-25' },
    // 元旦 2026-01-01…03; Sun 01-04 (1), 01-05 (2), 01-06 (3).
    { name: '求助 signed on 12-31: the 调休 Sunday 01-04 counts → 01-06', fields: { ticketType: '求助' }, signedAt: '2025-12-31T15:00', due: '2026-01-06' },
    // 劳动节 05-01…05: 05-06…08 (3), Sat 05-09 (4), 05-11…15 (9), 05-18…21 (13); +5: 05-22 (14), 05-25…28 (18).
    { name: '建议 signed 04-30, extended by 5: 13 → 05-21, 18 → 05-28', fields: { ticketType: '建议' }, signedAt: '2026-04-30T10:00', due: '2026-05-21', extendBy: 5, extended: '2026-05-28' },
    { name: '应急 signed on Wednesday: due the same day', fields: { ticketType: '求助', urgency: '应急' }, signedAt: '2026-03-04T09:00', due: '2026-03-04' },
    // 当日 is the day of the 签收, a Sunday too: an emergency does not wait for Monday.
    { name: '应急 signed on a Sunday: due that Sunday, not on Monday', fields: { ticketType: '求助', urgency: '应急' }, signedAt: '2026-03-08T21:00', due: '2026-03-08' },
    { name: '应急 signed on 国庆 10-02: due 10-02', fields: { ticketType: '投诉', urgency: '应急' }, signedAt: '2026-10-02T08:00', due: '2026-10-02' },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      steps.at(row.signedAt);
      const id = await fixture.ticket(row.fields);
      await fixture.dispatch(id, fixture.unitB.id);
      await fixture.act(fixture.b, id, 'sign');
      const clock = await unitClock(id, 'assignment.lead');
      assert.equal(clock.due, row.due, clock.lines.join('\n'));
      if (row.fields.urgency === '应急') assert.ok(clock.lines.includes('规则：签收当日') && clock.lines.some((line) => line.includes('当日到期')), clock.lines.join('\n'));
      if (row.extendBy) {
        await fixture.act(fixture.b, id, 'ask_extension', { extension: { amount: row.extendBy, reason: '需更换灯杆' } });
        const assignmentId = ((await steps.detailOf(fixture.center.user, id)).assignments as Array<{ id: string }>)[0]!.id;
        await fixture.act(fixture.center, id, 'grant_extension', { assignmentId, comment: '同意' });
        const extended = await unitClock(id, 'assignment.lead');
        assert.equal(extended.due, row.extended, extended.lines.join('\n'));
      }
    });
  }
});
