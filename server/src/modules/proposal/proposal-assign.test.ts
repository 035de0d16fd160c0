/**
 * 交办 of 建议提案: a 交办会 gives many at once (主办 + 会办, or 分办 to several 主办) with a 交办单 per unit;
 * a unit 退回s within the window and the office gives it again, past the window it cannot; the clocks —
 * 会办 1 month, 主办 3 months from 交办, extended by the office never beyond 6 months — run and stop each on its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { and, eq, isNotNull } from 'drizzle-orm';
import { caseClocks } from '../../db/schema/index.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
type Detail = { version: number; state: string; assignments: Array<{ id: string; unitId: string; role: string; state: string; dueDate: string | null }> };
const at = (instant: string) => t.clock.set(new Date(instant));
const detailOf = async (who: Session, id: string) => (await (await sessionFor(t.app, who.user)).request('GET', `/api/cases/${id}`)).json() as Detail;
/** Signed in afresh: the test clock jumps days, past the session's idle timeout. */
const act = async (who: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
  const fresh = await sessionFor(t.app, who.user);
  return fresh.request('POST', `/api/cases/${id}/actions/${action}`, { version: (await detailOf(fresh, id)).version, ...body });
};

let seq = 0;
const register = async (inspector: Session, title = '关于改善老旧小区停车的建议') => {
  seq += 1;
  const response = await inspector.request('POST', '/api/proposals', { body: 'npc', term: '十五届', session: 3, number: String(seq), title, leadName: '李明', content: '建议增加停车位。', receivedOn: '2026-02-20' });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id as string;
};

const clocksOf = async (caseId: string) =>
  t.database.db.select({ assignmentId: caseClocks.assignmentId, clockId: caseClocks.clockId, state: caseClocks.state, dueAt: caseClocks.dueAt }).from(caseClocks).where(and(eq(caseClocks.caseId, caseId), isNotNull(caseClocks.assignmentId)));

const cast = async () => {
  const db = t.database.db;
  const [lead, consultA, consultB, other, split] = await Promise.all([buildUnit(db), buildUnit(db), buildUnit(db), buildUnit(db), buildUnit(db)]);
  return {
    units: { lead: lead!, consultA: consultA!, consultB: consultB!, other: other!, split: split! },
    inspector: await actingAs(t.app, db, ['inspector']),
    leadLiaison: await actingAs(t.app, db, ['liaison'], { unitId: lead!.id }),
    consultALiaison: await actingAs(t.app, db, ['liaison'], { unitId: consultA!.id }),
    consultBLiaison: await actingAs(t.app, db, ['liaison'], { unitId: consultB!.id }),
    otherLiaison: await actingAs(t.app, db, ['liaison'], { unitId: other!.id }),
  };
};

describe('建议提案 交办', () => {
  test('交办会: 主办 + two 会办 and a 分办 at once; the 交办单 per unit; 退回 in the window, 交办 again; too late refused', async () => {
    at('2026-03-02T09:00:00+08:00');
    const c = await cast();
    const first = await register(c.inspector);
    const second = await register(c.inspector, '关于建设城市绿道的建议');
    const meeting = await c.inspector.request('POST', '/api/proposals/assignment-meeting', {
      meetingOn: '2026-03-02',
      items: [
        { caseId: first, version: (await detailOf(c.inspector, first)).version, leadUnitIds: [c.units.lead.id], consultUnitIds: [c.units.consultA.id, c.units.consultB.id] },
        { caseId: second, version: (await detailOf(c.inspector, second)).version, leadUnitIds: [c.units.lead.id, c.units.other.id] },
      ],
    });
    assert.equal(meeting.statusCode, 200, meeting.body);
    assert.equal(meeting.json().assigned, 2);
    assert.deepEqual(meeting.json().units.find((unit: { unitId: string }) => unit.unitId === c.units.lead.id), { unitId: c.units.lead.id, unitName: c.units.lead.name, lead: 2, consult: 0 });

    // A stale version in a batch: nothing of the batch is written.
    const third = await register(c.inspector, '关于增设公交线路的建议');
    const stale = await c.inspector.request('POST', '/api/proposals/assignment-meeting', {
      meetingOn: '2026-03-02',
      items: [
        { caseId: third, version: (await detailOf(c.inspector, third)).version, leadUnitIds: [c.units.lead.id] },
        { caseId: first, version: 1, leadUnitIds: [c.units.lead.id] },
      ],
    });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal((await detailOf(c.inspector, third)).state, 'registered', 'the batch rolled back');

    // The 交办单: the lead unit's has both items (主办 and 分办); a 联络员 cannot take another unit's.
    const sheet = await c.leadLiaison.request('GET', `/api/proposals/assignment-sheet.xlsx?meetingOn=2026-03-02&unitId=${c.units.lead.id}`);
    assert.equal(sheet.statusCode, 200, sheet.body);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('交办单')!.getSheetValues().filter(Boolean) as unknown[][];
    const dataRows = rows.filter((row) => typeof row[1] === 'number');
    assert.deepEqual(dataRows.map((row) => row[7]).sort(), ['主办', '分办']);
    assert.equal(dataRows.find((row) => row[7] === '主办')![9], `${c.units.consultA.name}、${c.units.consultB.name}`);
    assert.equal(dataRows.find((row) => row[7] === '主办')![10], '2026-06-02', '主办: 3 months from 交办');
    assert.equal((await c.consultALiaison.request('GET', `/api/proposals/assignment-sheet.xlsx?meetingOn=2026-03-02&unitId=${c.units.lead.id}`)).statusCode, 404);

    // The 分办 unit that is not responsible returns it with a reason within 10 days; the office gives it to the right unit.
    at('2026-03-09T10:00:00+08:00');
    const returned = await act(c.otherLiaison, second, 'unit_return', { reason: '该事项不属于本单位职责' });
    assert.equal(returned.statusCode, 200, returned.body);
    const again = await act(c.inspector, second, 'assign', { units: [{ unitId: c.units.split.id, role: 'lead' }], comment: '改由该单位分办' });
    assert.equal(again.statusCode, 200, again.body);
    const given = (await detailOf(c.inspector, second)).assignments.find((a) => a.unitId === c.units.split.id)!;
    assert.equal(given.dueDate, '2026-06-09', 'the new unit has its 3 months from its own 交办');

    // Past 10 days from 交办, a 会办 unit can no longer return it.
    at('2026-03-13T10:00:00+08:00');
    const late = await act(c.consultBLiaison, first, 'unit_return', { reason: '不属于本单位职责' });
    assert.equal(late.statusCode, 422, late.body);
    assert.match(late.json().message, /已超过退回期限：应在交办之日（2026-03-02）起 10 日内退回/);
  });

  test('a 主办 with two 会办 has three clocks that run and stop on their own; extension to 6 months, never beyond', async () => {
    at('2026-04-01T09:00:00+08:00');
    const c = await cast();
    const id = await register(c.inspector);
    const assigned = await act(c.inspector, id, 'assign', { units: [{ unitId: c.units.lead.id, role: 'lead' }, { unitId: c.units.consultA.id, role: 'consult' }, { unitId: c.units.consultB.id, role: 'consult' }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const byUnit = async () => {
      const detail = await detailOf(c.inspector, id);
      const clocks = await clocksOf(id);
      return Object.fromEntries(detail.assignments.map((a) => [a.unitId, clocks.find((clock) => clock.assignmentId === a.id)!]));
    };
    let clocks = await byUnit();
    assert.equal(Object.keys(clocks).length, 3);
    assert.deepEqual([clocks[c.units.lead.id]!.clockId, clocks[c.units.lead.id]!.dueAt, clocks[c.units.lead.id]!.state], ['assignment.lead', '2026-07-01', 'running']);
    assert.deepEqual([clocks[c.units.consultA.id]!.clockId, clocks[c.units.consultA.id]!.dueAt], ['assignment.consult', '2026-05-06']);
    assert.equal(clocks[c.units.consultB.id]!.dueAt, '2026-05-06', '1 month, 05-01 to 05-05 a holiday: the next working day');

    // 会办 A sends its view: only its clock stops. A 会办 unit cannot 答复 for the 主办.
    at('2026-04-10T09:00:00+08:00');
    assert.equal((await act(c.consultALiaison, id, 'sign')).statusCode, 200);
    const wrongAnswer = await act(c.consultALiaison, id, 'answer', { reply: '答复', answerClass: 'A', isPublishable: 'yes' });
    assert.equal(wrongAnswer.statusCode, 422, wrongAnswer.body);
    assert.equal((await act(c.consultALiaison, id, 'reply', { reply: '建议结合旧改统筹停车位。' })).statusCode, 200);
    clocks = await byUnit();
    assert.equal(clocks[c.units.consultA.id]!.state, 'stopped');
    assert.equal(clocks[c.units.consultB.id]!.state, 'running');
    assert.equal(clocks[c.units.lead.id]!.state, 'running');

    // 会办 B is late: overdue on its own, while the 主办 is still in time.
    at('2026-05-08T09:00:00+08:00');
    assert.equal((await act(c.leadLiaison, id, 'sign')).statusCode, 200); // any action re-reads the clocks
    clocks = await byUnit();
    assert.equal(clocks[c.units.consultB.id]!.state, 'overdue');
    assert.equal(clocks[c.units.lead.id]!.state, 'running');

    // The office extends the 主办 by 2 months, then 1 more: 6 months from 交办. Beyond is refused.
    const leadAssignment = (await detailOf(c.inspector, id)).assignments.find((a) => a.unitId === c.units.lead.id)!;
    const extend = (amount: number) => act(c.inspector, id, 'extend', { assignmentId: leadAssignment.id, extension: { amount, reason: '涉及多部门协调，情况复杂' } });
    assert.equal((await extend(2)).statusCode, 200);
    assert.equal((await byUnit())[c.units.lead.id]!.dueAt, '2026-09-01');
    const beyond = await extend(2);
    assert.equal(beyond.statusCode, 422, beyond.body);
    assert.match(beyond.json().message, /延长期限合计不得超过 3/);
    assert.equal((await extend(1)).statusCode, 200);
    assert.equal((await byUnit())[c.units.lead.id]!.dueAt, '2026-10-08', '6 months from 04-01 is 10-01, in the National Day holiday: the next working day');
  });

  test('并案: two items on one matter are linked and given together, and each deputy gets their own answer', async () => {
    at('2026-06-01T09:00:00+08:00');
    const c = await cast();
    const main = await register(c.inspector, '关于治理城区噪声的建议');
    const merged = await register(c.inspector, '关于夜间施工噪声扰民的建议');
    const notProposal = (await c.inspector.request('POST', '/api/supervision/items', { source: '其他', title: '噪声治理', measures: '开展专项整治', leadUnitId: c.units.lead.id, openedOn: '2026-06-01', deadline: '2026-12-31', reportCycle: 'monthly' })).json().id as string;
    const wrong = await act(c.inspector, merged, 'merge', { mergedWith: notProposal });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal((await act(c.inspector, merged, 'merge', { mergedWith: merged })).statusCode, 400);
    const done = await act(c.inspector, merged, 'merge', { mergedWith: main, comment: '同一事项，并案办理' });
    assert.equal(done.statusCode, 200, done.body);
    const detail = (await (await sessionFor(t.app, c.inspector.user)).request('GET', `/api/cases/${merged}`)).json() as { fields: { mergedWith: string }; links: Array<{ caseId: string }> };
    assert.equal(detail.fields.mergedWith, main);
    assert.deepEqual(detail.links.map((link) => link.caseId), [main]);
    // Given at one 交办会 to the same unit; the unit answers each deputy separately.
    const meeting = await (await sessionFor(t.app, c.inspector.user)).request('POST', '/api/proposals/assignment-meeting', {
      meetingOn: '2026-06-01',
      items: await Promise.all([main, merged].map(async (caseId) => ({ caseId, version: (await detailOf(c.inspector, caseId)).version, leadUnitIds: [c.units.lead.id] }))),
    });
    assert.equal(meeting.statusCode, 200, meeting.body);
    for (const [id, text] of [[main, '已制定噪声治理方案'], [merged, '已加强夜间施工审批']] as const) {
      assert.equal((await act(c.leadLiaison, id, 'sign')).statusCode, 200);
      const answered = await act(c.leadLiaison, id, 'answer', { reply: text, answerClass: 'A', isPublishable: 'yes' });
      assert.equal(answered.statusCode, 200, answered.body);
    }
    const answers = async (id: string) => ((await (await sessionFor(t.app, c.inspector.user)).request('GET', `/api/cases/${id}`)).json() as { fields: { answers: Array<{ text: string }> } }).fields.answers.map((a) => a.text);
    assert.deepEqual(await answers(main), ['已制定噪声治理方案']);
    assert.deepEqual(await answers(merged), ['已加强夜间施工审批']);
  });
});

