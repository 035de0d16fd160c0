/**
 * 收文 deadlines, case by case. The 《党政机关公文处理工作条例》 (第二十四条) asks that urgent documents carry a
 * time limit but fixes no number; the office's own rule does, as settings in working days from the 交办 (the day
 * itself not counted): 特急 1, 加急 3, 平急 10, unless the 交办 names its own days. A 请示 from below is answered
 * within 10 working days of its 收文登记 (or the days it was registered with).
 * Calendars: 2026 元旦 01-01…03 off, 01-04 (Sun) worked; 春节 02-15…23 off, 02-14 and 02-28 (Sat) worked;
 * 劳动节 05-01…05 off, 05-09 (Sat) worked; 中秋 09-25…27; 国庆 10-01…07 off, 09-20 (Sun) and 10-10 (Sat) worked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUnit, buildUser } from '../../../test/factories.js';
import { deadlineSteps, type Person } from '../../../test/deadline-cases.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
let steps: ReturnType<typeof deadlineSteps>;
let clerk: Person;
let leader: Person;
let unitId = '';
before(async () => {
  t = await startTestApp();
  steps = deadlineSteps(t);
  const db = t.database.db;
  clerk = await buildUser(db, { roles: ['clerk'] });
  leader = await buildUser(db, { roles: ['leader'] });
  unitId = (await buildUnit(db, { name: '应急管理局' })).id;
});
after(() => t.close());

let seq = 0;
const document = (receivedOn: string, overrides: Record<string, unknown> = {}) => {
  seq += 1;
  return { fromOrg: '省人民政府办公厅', docNumber: `省政办发〔2026〕${seq}号`, docType: '通知', title: '关于做好安全生产工作的通知', urgency: '平急', copies: 2, pages: 6, receivedOn, ...overrides };
};

/** Registered, 拟办, 批示 and 交办 at `assignedAt` (dueDays: the 交办's own days). */
const assigned = async (assignedAt: string, urgency: string, dueDays?: number): Promise<string> => {
  steps.at(assignedAt);
  const id = await steps.register(clerk, 'incoming', document(assignedAt.slice(0, 10), { urgency }));
  await steps.ok(clerk, id, 'accept');
  await steps.ok(clerk, id, 'propose', { comment: '拟请领导阅示。', leaders: [leader.id], leaderMode: 'sequential' });
  await steps.ok(leader, id, 'instruct', { comment: '请应急局办理。' });
  await steps.ok(clerk, id, 'assign', { units: [{ unitId, role: 'lead', ...(dueDays === undefined ? {} : { dueDays }) }] });
  return id;
};

describe('收文：承办 by urgency, working days from 交办', () => {
  const rows: Array<{ name: string; assignedAt: string; urgency: string; dueDays?: number; due: string }> = [
    // 特急 1: the 调休 Saturday 02-14 is the next working day.
    { name: '特急 given Friday 02-13 at 17:00: due the 调休 Saturday 02-14', assignedAt: '2026-02-13T17:00', urgency: '特急', due: '2026-02-14' },
    // 特急 given in 国庆 (duty): the first working day after, 10-08.
    { name: '特急 given during 国庆 (10-02): due 10-08', assignedAt: '2026-10-02T09:00', urgency: '特急', due: '2026-10-08' },
    // 加急 3: 10-08 (1), 10-09 (2), Sat 10-10 (3).
    { name: '加急 given 09-30, the eve of 国庆: 10-08, 10-09 and the 调休 Saturday 10-10', assignedAt: '2026-09-30T16:00', urgency: '加急', due: '2026-10-10' },
    // 平急 10: Sun 09-20 (1), 09-21…24 (5), 09-28…30 (8), 10-08 (9), 10-09 (10).
    { name: '平急 given Friday evening 09-18 → 10-09', assignedAt: '2026-09-18T18:00', urgency: '平急', due: '2026-10-09' },
    // The 交办's own 5 days: Sun 01-04 (1), 01-05…08 (5).
    { name: '交办 names 5 days on 12-31: the 调休 Sunday 01-04 is day 1 → 2026-01-08', assignedAt: '2025-12-31T15:00', urgency: '平急', dueDays: 5, due: '2026-01-08' },
    // 加急 3 before 春节: Sat 02-14 (1), 02-24 (2), 02-25 (3).
    { name: '加急 given Friday 02-13: day 1 the 调休 Saturday, then 春节 → 02-25', assignedAt: '2026-02-13T10:00', urgency: '加急', due: '2026-02-25' },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      const id = await assigned(row.assignedAt, row.urgency, row.dueDays);
      const [assignment] = (await steps.detailOf(clerk, id)).assignments as Array<{ dueDate: string }>;
      assert.equal(assignment!.dueDate, row.due);
      assert.equal((await steps.assignmentClock(clerk, id, 'assignment.lead')).due, row.due);
    });
  }
});

describe('收文：基层请示 answered in working days from 收文登记', () => {
  const rows: Array<{ name: string; registeredAt: string; replyDueDays?: number; due: string }> = [
    // 劳动节 05-01…05; 05-06…08 (3), Sat 05-09 (4), 05-11…15 (9), 05-18 (10).
    { name: '请示 registered 04-30 with the default 10 days → 05-18', registeredAt: '2026-04-30T15:00', due: '2026-05-18' },
    // 3 days: Sat 02-14 (1), 春节 02-15…23, 02-24 (2), 02-25 (3).
    { name: '请示 registered Friday 02-13 at 17:00 with 3 days → 02-25', registeredAt: '2026-02-13T17:00', replyDueDays: 3, due: '2026-02-25' },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      steps.at(row.registeredAt);
      const id = await steps.register(clerk, 'incoming', document(row.registeredAt.slice(0, 10), {
        fromOrg: '西山县人民政府', docType: '请示', title: '关于解决青石镇防汛资金的请示', isRequestFromBelow: true, ...(row.replyDueDays ? { replyDueDays: row.replyDueDays } : {}),
      }));
      assert.equal((await steps.clockOf(clerk, id, 'incoming.request_reply')).due, row.due);
    });
  }
});
