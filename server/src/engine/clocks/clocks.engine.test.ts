/**
 * Clocks run by the engine for a kind declared in a test (test/clock-kind.ts): computed in the
 * action's transaction, explained on the case page, re-timed by a calendar override with a trail
 * event naming it, reminded once per rung, and urged by hand (催办) with a message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseEvents, notifications } from '../../db/schema/index.js';
import { actingAs } from '../../../test/factories.js';
import { registerClockTestKind } from '../../../test/clock-kind.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { verifyCaseTrail } from '../cases/trail.js';
import { runReminderSweep } from '../reminders/sweep.js';

registerClockTestKind();
let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Actor = Awaited<ReturnType<typeof actingAs>>;
type Clock = { clockId: string; state: string; due: string | null; stoppedAt: string | null; isLate: boolean | null; lines: string[] };

const at = (instant: string) => t.clock.set(new Date(instant));
const detailOf = async (who: Actor, caseId: string) => (await who.request('GET', `/api/cases/${caseId}`)).json();
const clockOf = async (who: Actor, caseId: string, clockId: string): Promise<Clock> =>
  ((await detailOf(who, caseId)).clocks as Clock[]).find((clock) => clock.clockId === clockId)!;
const act = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = await detailOf(who, caseId);
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};
const register = async (clerk: Actor, receivedOn: string) => {
  const response = await clerk.request('POST', '/api/cases', { kind: 'clocktest', fields: { subject: `申请公开 ${receivedOn}`, receivedOn } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string };
};
const eventsOf = (caseId: string, action: string) =>
  t.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, action)));

describe('clocks a kind declares, run by the engine', () => {
  test('posted on Friday, signed for on Monday: 20 working days over 清明; 12 working hours from Friday 16:00; an override re-times with the trail naming it; pause and approved extension', async () => {
    const db = t.database.db;
    at('2026-03-06T16:00:00+08:00'); // a Friday, 16:00
    let clerk = await actingAs(t.app, db, ['clerk']);
    const created = await register(clerk, '2026-03-09'); // the Monday it was signed for

    // Mar 10–13 (4), 16–20 (9), 23–27 (14), 30–31 (16), Apr 1–3 (19), 清明 Apr 4–6 off, Apr 7 (20).
    const answer = await clockOf(clerk, created.id, 'answer');
    assert.equal(answer.state, 'running');
    assert.equal(answer.due, '2026-04-07');
    assert.ok(answer.lines.includes('依据：《政府信息公开条例》第三十三条'));
    assert.ok(answer.lines.some((line) => line.startsWith('起算：2026-03-09') && line.includes('当日不计入')));
    assert.ok(answer.lines.some((line) => line.startsWith('不计休息日：') && line.includes('清明')), answer.lines.join('\n'));
    // Fri 16:00–17:30 (1.5 h), Mon 3.5 + 4 h (9 h), Tue 08:30 + 3 h = 11:30.
    const triage = await clockOf(clerk, created.id, 'triage');
    assert.equal(triage.due, '2026-03-10 11:30');
    assert.ok(triage.lines.some((line) => line === '工作时间：工作日 08:30–12:00、13:30–17:30'));

    at('2026-03-09T10:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']); // sessions end; each day's people sign in that day
    assert.equal((await act(clerk, created.id, 'triage')).statusCode, 200);
    const stopped = await clockOf(clerk, created.id, 'triage');
    assert.equal(stopped.state, 'stopped');
    assert.equal(stopped.isLate, false);

    // A local closure on Friday 03-20, entered mid-case: the answer moves one working day, the trail says why.
    at('2026-03-12T09:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    const admin = await actingAs(t.app, db, ['sysadmin']);
    const override = await admin.request('PUT', '/api/calendar/overrides/2026-03-20', { kind: 'holiday', note: '本地停工', source: '市政府通知' });
    assert.equal(override.statusCode, 200, override.body);
    assert.equal((await clockOf(clerk, created.id, 'answer')).due, '2026-04-08');
    const [retimed] = await eventsOf(created.id, 'retime');
    assert.ok(retimed, 'a 时限调整 event');
    assert.match(retimed.comment ?? '', /「答复期限」到期由 2026-04-07 调整为 2026-04-08：2026-03-20 调整为休息日（本地停工）/);
    assert.equal((await detailOf(clerk, created.id)).dueDate, '2026-04-08');

    // A third party consulted Mon 03-23 to Fri 03-27: 4 working days not counted → Apr 9, 10, 13, 14.
    at('2026-03-23T09:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    assert.equal((await act(clerk, created.id, 'consult')).statusCode, 200);
    assert.equal((await clockOf(clerk, created.id, 'answer')).state, 'paused');
    at('2026-03-27T09:00:00+08:00');
    clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const admin2 = await actingAs(t.app, db, ['sysadmin']);
    assert.equal((await act(clerk, created.id, 'consulted')).statusCode, 200);
    const resumed = await clockOf(clerk, created.id, 'answer');
    assert.equal(resumed.due, '2026-04-14');
    assert.ok(resumed.lines.some((line) => line.includes('不计 4 个工作日')), resumed.lines.join('\n'));

    // An extension only the director approves, once: the clerk is refused and nothing changes.
    const before = await detailOf(clerk, created.id);
    const refused = await act(clerk, created.id, 'extend_answer', { extension: { amount: 20, reason: '需调取档案' } });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().message, /须经director批准/);
    assert.equal((await detailOf(clerk, created.id)).version, before.version);
    assert.equal((await act(director, created.id, 'extend_answer', { extension: { amount: 20, reason: '需调取档案' } })).statusCode, 200);
    const extended = await clockOf(clerk, created.id, 'answer');
    assert.ok(extended.due! > '2026-05-01', extended.due!);
    assert.ok(extended.lines.some((line) => line.startsWith('延长：2026-03-27 延长 20 个工作日（需调取档案，director批准）')), extended.lines.join('\n'));
    assert.equal((await act(director, created.id, 'extend_answer', { extension: { amount: 1, reason: '再延' } })).statusCode, 422);

    // Removing the override re-times again, and the trail names the removal.
    const saved = override.json() as { version: number };
    assert.equal((await admin2.request('DELETE', `/api/calendar/overrides/2026-03-20?version=${saved.version}`)).statusCode, 204);
    const events = await eventsOf(created.id, 'retime');
    assert.equal(events.length, 2);
    assert.match(events[1]!.comment ?? '', /撤销 2026-03-20 的日历调整（本地停工）/);
    assert.equal(await verifyCaseTrail(db, created.id), undefined);
  });

  test('补正 received restarts the answer clock from its date', async () => {
    at('2026-09-01T09:00:00+08:00');
    const created = await register(await actingAs(t.app, t.database.db, ['clerk']), '2026-09-01');
    at('2026-09-15T09:00:00+08:00');
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await act(clerk, created.id, 'corrected')).statusCode, 200);
    // From Tue 09-15, 20 working days again: across 中秋 and 国庆 (the explanation names them).
    const clock = await clockOf(clerk, created.id, 'answer');
    assert.ok(clock.lines.some((line) => line.startsWith('重新起算：2026-09-15')), clock.lines.join('\n'));
    assert.ok(clock.lines.some((line) => line.includes('国庆')), clock.lines.join('\n'));
  });

  test('each rung of the ladder is sent once: 临期, 逾期, then the director after 3 working days late', async () => {
    const db = t.database.db;
    at('2026-06-01T09:00:00+08:00');
    const clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const created = await register(clerk, '2026-06-01');
    await act(clerk, created.id, 'triage');
    const due = (await clockOf(clerk, created.id, 'answer')).due!;
    const sweep = async (instant: string) => {
      at(instant);
      await runReminderSweep({ db, now: t.clock.now() });
      await runReminderSweep({ db, now: t.clock.now() }); // idempotent
    };
    const rules = async () => (await eventsOf(created.id, 'remind')).map((event) => (event.data as { rule: string }).rule).sort();
    await sweep(`${due}T09:00:00+08:00`);
    assert.deepEqual(await rules(), ['due_soon']);
    const next = new Date(Date.parse(`${due}T09:00:00+08:00`) + 86_400_000).toISOString();
    await sweep(next);
    assert.deepEqual(await rules(), ['due_soon', 'overdue']);
    await sweep(new Date(Date.parse(`${due}T09:00:00+08:00`) + 8 * 86_400_000).toISOString());
    assert.deepEqual(await rules(), ['due_soon', 'escalate.director', 'overdue']);
    const toDirector = await db.select().from(notifications).where(and(eq(notifications.userId, director.user.id), eq(notifications.caseId, created.id)));
    assert.equal(toDirector.length, 1);
    assert.match(toDirector[0]!.title, /^逾期升级：/);
    // The director is asked to chase the unit, not to do the unit's work.
    assert.match(toDirector[0]!.body ?? '', /已逾期，请督促尽快办理。$/);
  });

  test('a manual 催办 with a message is kept, counted and in the trail; a 联络员 may not; an empty one is refused', async () => {
    const db = t.database.db;
    at('2026-06-02T09:00:00+08:00');
    const clerk = await actingAs(t.app, db, ['clerk']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    const created = await register(clerk, '2026-06-02');
    const countBefore = (await clerk.request('GET', '/api/urges/count')).json().total as number;
    assert.equal((await clerk.request('POST', `/api/cases/${created.id}/urge`, { message: '  ' })).statusCode, 400);
    assert.equal((await liaison.request('POST', `/api/cases/${created.id}/urge`, { message: '请抓紧' })).statusCode, 404);
    const urged = await clerk.request('POST', `/api/cases/${created.id}/urge`, { message: '请于本周内答复申请人' });
    assert.equal(urged.statusCode, 200, urged.body);
    assert.equal(urged.json().urgeCount, 1);
    const detail = await detailOf(clerk, created.id);
    assert.equal(detail.urgeCount, 1);
    const [event] = await eventsOf(created.id, 'urge');
    assert.equal(event?.comment, '请于本周内答复申请人');
    assert.equal((await clerk.request('GET', '/api/urges/count')).json().total, countBefore + 1);
    assert.equal(await verifyCaseTrail(db, created.id), undefined);
  });
});
