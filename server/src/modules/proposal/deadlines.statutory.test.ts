/**
 * 建议提案 deadlines, case by case, as an examiner would check them. The rules (the 办理工作办法 of the
 * research; local, but everywhere alike): the 主办 unit answers within 3 个月 of 交办, extended by the office
 * to at most 6 个月 from 交办; a 会办 unit sends its views to the 主办 within 1 个月; a unit that is not
 * responsible returns the item within 10 日 of 交办. No rule in the research shortens the period for a
 * 重点 item (重点 means a leader 领办 it, not a shorter deadline), so a 重点 item has the same 3 个月.
 * Months are counted as the 民法典 counts them (第二百零二条): to the same day-number of the final month, or
 * its last day when it has none (11-30 + 3 个月 = 02-28, or 02-29 in a leap year); a last day on a rest day
 * moves to the next working day (第二百零三条), and a 调休 Saturday is a working day.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUnit, buildUser } from '../../../test/factories.js';
import { deadlineSteps, type Person } from '../../../test/deadline-cases.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { sessionFor } from '../../../test/factories.js';
import { buildCalendar } from '../../engine/calendar/calendar.js';
import type { ClockSpec } from '../../engine/clocks/clock.types.js';
import { computeClock } from '../../engine/clocks/compute.js';
import { proposalKind } from './proposal.kind.js';

let t: TestContext;
let steps: ReturnType<typeof deadlineSteps>;
let inspector: Person;
let leadLiaison: Person;
let consultLiaison: Person;
let leadUnitId = '';
let consultUnitId = '';
before(async () => {
  t = await startTestApp();
  steps = deadlineSteps(t);
  const db = t.database.db;
  const lead = await buildUnit(db, { name: '住建局' });
  const consult = await buildUnit(db, { name: '交通局' });
  leadUnitId = lead.id;
  consultUnitId = consult.id;
  inspector = await buildUser(db, { roles: ['inspector'] });
  leadLiaison = await buildUser(db, { roles: ['liaison'], unitId: lead.id });
  consultLiaison = await buildUser(db, { roles: ['liaison'], unitId: consult.id });
});
after(() => t.close());

let seq = 0;
/** Registered and given (交办) at `assignedAt` to a 主办 and a 会办 unit. */
const assigned = async (assignedAt: string, extra: Record<string, unknown> = {}): Promise<string> => {
  steps.at(assignedAt);
  seq += 1;
  const session = await sessionFor(t.app, inspector);
  const response = await session.request('POST', '/api/proposals', {
    body: 'npc', term: '十五届', session: 3, number: String(seq), title: '关于改善老旧小区停车的建议', leadName: '李明', content: '建议增加停车位。', receivedOn: assignedAt.slice(0, 10), ...extra,
  });
  assert.equal(response.statusCode, 201, response.body);
  const id = response.json().id as string;
  await steps.ok(inspector, id, 'assign', { units: [{ unitId: leadUnitId, role: 'lead' }, { unitId: consultUnitId, role: 'consult' }] });
  return id;
};

const dueOf = async (id: string, unitId: string): Promise<string | null> =>
  ((await steps.detailOf(inspector, id)).assignments as Array<{ unitId: string; dueDate: string | null }>).find((row) => row.unitId === unitId)!.dueDate;

describe('建议提案：主办 3 个月, 会办 1 个月 from 交办', () => {
  const rows: Array<{ name: string; assignedAt: string; lead: string; consult: string; isKey?: boolean }> = [
    // 11-30 + 3 个月: February has no 30th → 02-28, the 调休 Saturday (worked), so it stays. 1 个月: 12-30 (Tue).
    { name: '交办 2025-11-30: February has no 30th → 02-28, a 调休 Saturday, a working day', assignedAt: '2025-11-30T10:00', lead: '2026-02-28', consult: '2025-12-30' },
    // Leap year: 2023-11-30 + 3 个月 → 2024-02-29 (Thu). 1 个月 → 2023-12-30 (Sat), 12-31 (Sun), 元旦 2024-01-01 → 01-02.
    { name: 'leap year: 交办 2023-11-30 → 2024-02-29; the 会办 month ends on a Saturday before 元旦 → 2024-01-02', assignedAt: '2023-11-30T10:00', lead: '2024-02-29', consult: '2024-01-02' },
    // Friday 03-13 → 06-13, a Saturday → Mon 06-15. 1 个月 → 04-13 (Mon).
    { name: '交办 Friday 03-13: the third month ends on Saturday 06-13 → 06-15', assignedAt: '2026-03-13T16:00', lead: '2026-06-15', consult: '2026-04-13' },
    // 07-01 → 10-01, 国庆 (10-01…07) → 10-08. 1 个月 → 08-01, a Saturday → Mon 08-03.
    { name: '交办 07-01: day 10-01 is 国庆 → 10-08; the 会办 month ends on Saturday 08-01 → 08-03', assignedAt: '2026-07-01T10:00', lead: '2026-10-08', consult: '2026-08-03' },
    // 08-31 → 11-30 (Mon; November has no 31st). 1 个月 → 09-30 (Wed; September has no 31st).
    { name: '交办 08-31: months without a 31st end on their last day (11-30, 09-30)', assignedAt: '2026-08-31T10:00', lead: '2026-11-30', consult: '2026-09-30' },
    // 2025-10-31 → 2026-01-31 (Sat) → Mon 02-02. 1 个月 → 11-30 (Sun) → Mon 12-01.
    { name: '交办 2025-10-31: both ends on a weekend, across the year end', assignedAt: '2025-10-31T10:00', lead: '2026-02-02', consult: '2025-12-01' },
    // 重点: no shorter period in the rules. 2026-03-31 → 06-30 (Tue); 1 个月 → 04-30 (Thu).
    { name: 'a 重点 item has the same 3 个月: 交办 03-31 → 06-30', assignedAt: '2026-03-31T10:00', lead: '2026-06-30', consult: '2026-04-30', isKey: true },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      const id = await assigned(row.assignedAt, row.isKey ? { isKey: true } : {});
      assert.equal(await dueOf(id, leadUnitId), row.lead);
      assert.equal(await dueOf(id, consultUnitId), row.consult);
    });
  }

  test('extended by 3 个月: 6 个月 from 交办 (2025-11-30 → 2026-05-30, a Saturday → 06-01), not 3 more from the moved 02-28', async () => {
    const id = await assigned('2025-11-30T10:00');
    steps.at('2026-02-20T10:00');
    const assignmentId = ((await steps.detailOf(inspector, id)).assignments as Array<{ id: string; unitId: string }>).find((row) => row.unitId === leadUnitId)!.id;
    await steps.ok(inspector, id, 'extend', { assignmentId, extension: { amount: 3, reason: '涉及多部门协调，情况复杂' } });
    assert.equal(await dueOf(id, leadUnitId), '2026-06-01');
  });
});

describe('建议提案：退回 within 10 日 of 交办', () => {
  // 09-24 + 10 日 = 10-04, inside 国庆 (10-01…07): the window ends on the next working day, 10-08 (民法典第二百零三条).
  test('交办 Thursday 09-24: day 10 falls in 国庆, so a 退回 on 10-08 is in time and one on 10-09 is late', async () => {
    const late = await assigned('2026-09-24T10:00');
    steps.at('2026-10-09T10:00');
    const refused = await steps.act(consultLiaison, late, 'unit_return', { reason: '不属于本单位职责' });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().message, /2026-10-08/);

    const inTime = await assigned('2026-09-24T10:00');
    steps.at('2026-10-08T10:00');
    const returned = await steps.act(consultLiaison, inTime, 'unit_return', { reason: '不属于本单位职责' });
    assert.equal(returned.statusCode, 200, returned.body);
  });

  // 03-02 + 10 日 = 03-12 (Thu), a working day: 03-13 is late, as before.
  test('交办 Monday 03-02: day 10 is Thursday 03-12, a 退回 on 03-13 is late', async () => {
    const id = await assigned('2026-03-02T10:00');
    steps.at('2026-03-13T10:00');
    const refused = await steps.act(leadLiaison, id, 'unit_return', { reason: '不属于本单位职责' });
    assert.equal(refused.statusCode, 422, refused.body);
  });
});

describe('建议提案：重新办理 within 1 个月 of the decision', () => {
  // The kind's declared clock on the seeded calendar (the walk to 不满意 is proposal-survey.test.ts's).
  const calendar = buildCalendar({ overrides: [] });
  const rework = (decidedAt: string) => {
    const spec = (proposalKind.clocks as readonly ClockSpec[]).find((clock) => clock.id === 'rework')!;
    return computeClock({ spec, events: [{ action: 'rework', at: decidedAt }], calendar }).due;
  };
  // 08-31 + 1 个月: September has no 31st → 09-30 (Wed).
  test('decided 08-31 → 09-30', () => assert.equal(rework('2026-08-31T10:00:00+08:00'), '2026-09-30'));
  // 09-01 + 1 个月 = 10-01, 国庆 → 10-08.
  test('decided 09-01 → 10-01 in 国庆 → 10-08', () => assert.equal(rework('2026-09-01T10:00:00+08:00'), '2026-10-08'));
  // 2026-01-31 + 1 个月 → 02-28, the 调休 Saturday: stays.
  test('decided 01-31 → 02-28, a 调休 Saturday', () => assert.equal(rework('2026-01-31T10:00:00+08:00'), '2026-02-28'));
});
