/**
 * 领导批示件 deadlines, case by case. No statute sets them: the default is the local rule the kind quotes
 * (《示例市领导批示件督办工作规定》第八条: 一般批示件自交办之日起 10 个工作日内办结并答复), counted from the
 * 交办 day (not counted) in working days: Saturdays, Sundays and statutory holidays skipped, 调休 days worked.
 * A unit may ask for more time twice, 20 working days in all, each granted by the office.
 * Calendars: 2026 元旦 01-01…03 off, 01-04 (Sun) worked; 春节 02-15…23 off, 02-14 and 02-28 (Sat) worked;
 * 劳动节 05-01…05 off, 05-09 (Sat) worked; 中秋 09-25…27; 国庆 10-01…07 off, 09-20 (Sun) and 10-10 (Sat) worked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { act, assignedCase, assignmentOf, castOf, clockOf, detailOf, moveTo, ok, type Cast } from './assignment-fixture.js';

let t: TestContext;
let cast: Cast;
before(async () => {
  t = await startTestApp();
  cast = await castOf(t);
});
after(() => t.close());

const rows: Array<{ name: string; assignedAt: string; due: string }> = [
  // Sun 09-20 worked (1), 09-21…24 (5), 中秋 09-25…27, 09-28…30 (8), 国庆, 10-08 (9), 10-09 (10).
  { name: '交办 Friday evening 09-18, before 中秋 and 国庆 → 10-09', assignedAt: '2026-09-18T18:30:00', due: '2026-10-09' },
  // Sat 02-14 worked (1), 春节 02-15…23, 02-24…27 (5), Sat 02-28 (6), 03-02…05 (10).
  { name: '交办 Friday 02-13, before 春节: both 调休 Saturdays count → 03-05', assignedAt: '2026-02-13T16:00:00', due: '2026-03-05' },
  // 元旦 01-01…03, Sun 01-04 (1), 01-05…09 (6), 01-12…15 (10).
  { name: '交办 on 12-31: the 调休 Sunday 01-04 is day 1 → 2026-01-15', assignedAt: '2025-12-31T10:00:00', due: '2026-01-15' },
  // 交办 on a holiday (by the duty office): 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12…16 (8), 10-19, 10-20 (10).
  { name: '交办 during 国庆 (10-05): counted from the first working day → 10-20', assignedAt: '2026-10-05T11:00:00', due: '2026-10-20' },
  // 劳动节 05-01…05; 05-06…08 (3), Sat 05-09 (4), 05-11…15 (9), 05-18 (10).
  { name: '交办 04-30, the eve of 劳动节: the 调休 Saturday 05-09 counts → 05-18', assignedAt: '2026-04-30T17:00:00', due: '2026-05-18' },
  // 交办 on the 调休 Saturday itself (not counted): 05-11…15 (5), 05-18…22 (10).
  { name: '交办 on the 调休 Saturday 05-09 → 05-22', assignedAt: '2026-05-09T10:00:00', due: '2026-05-22' },
];

describe('领导批示件：办结 10 个工作日 from 交办', () => {
  for (const row of rows) {
    test(row.name, async () => {
      await moveTo(t, cast, row.assignedAt);
      const caseId = await assignedCase(cast);
      const detail = await detailOf(cast.clerk, caseId);
      const assignment = assignmentOf(detail, cast.unitA.id);
      assert.equal(assignment.dueDate, row.due);
      assert.equal(clockOf(detail, assignment.id).due, row.due);
    });
  }

  test('extended twice, 5 then 15 (20 in all, the cap): 05-18 → 05-25 → 06-15; a third request is refused', async () => {
    await moveTo(t, cast, '2026-04-30T17:00:00');
    const caseId = await assignedCase(cast);
    await ok(cast.liaisonA, caseId, 'sign');
    const assignmentId = assignmentOf(await detailOf(cast.clerk, caseId), cast.unitA.id).id;
    await moveTo(t, cast, '2026-05-12T10:00:00');
    await ok(cast.liaisonA, caseId, 'ask_extension', { extension: { amount: 5, reason: '需补充实地调研' } });
    await ok(cast.clerk, caseId, 'grant_extension', { assignmentId, comment: '同意' });
    // 05-18 (10) + 5: 05-19…22 (14), 05-25 (15).
    assert.equal(assignmentOf(await detailOf(cast.clerk, caseId), cast.unitA.id).dueDate, '2026-05-25');
    await ok(cast.liaisonA, caseId, 'ask_extension', { extension: { amount: 15, reason: '涉及多部门会商' } });
    await ok(cast.clerk, caseId, 'grant_extension', { assignmentId, comment: '同意' });
    // + 15: 05-26…29 (19), 06-01…05 (24), 06-08…12 (29), 06-15 (30).
    assert.equal(assignmentOf(await detailOf(cast.clerk, caseId), cast.unitA.id).dueDate, '2026-06-15');
    const third = await act(cast.liaisonA, caseId, 'ask_extension', { extension: { amount: 1, reason: '再延' } });
    assert.equal(third.statusCode, 422, third.body);
  });
});
