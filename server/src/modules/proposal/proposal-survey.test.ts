/**
 * From 答复 to the deputy's view: the 主办 answers class B with its contacts (会办 view first), the office
 * confirms (办复) and the promise becomes a 督办 item; the deputy answers 不满意 by a one-time link with no
 * account; 重新办理 runs its own clock; a second answer and a second link; 满意 → 办结. A link works once,
 * for its own item only, not after it expires, and shows nothing but the item and its answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { caseClocks, caseLinks, cases, workItems } from '../../db/schema/index.js';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { unzip } from '../../../test/office-files.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
const at = (instant: string) => t.clock.set(new Date(instant));
const fresh = (who: Session) => sessionFor(t.app, who.user);
const detailOf = async (who: Session, id: string) => (await (await fresh(who)).request('GET', `/api/cases/${id}`)).json() as { version: number; state: string; fields: Record<string, unknown> };
const act = async (who: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
  const session = await fresh(who);
  const response = await session.request('POST', `/api/cases/${id}/actions/${action}`, { version: (await detailOf(who, id)).version, ...body });
  return response;
};
const ok = async (promise: Promise<{ statusCode: number; body: string }>) => {
  const response = await promise;
  assert.equal(response.statusCode, 200, response.body);
  return response;
};
const publicGet = (token: string) => t.app.inject({ method: 'GET', url: `/api/public/proposal-survey/${token}` });
const publicPost = (token: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/public/proposal-survey/${token}`, payload });
const link = async (who: Session, id: string) => {
  const response = await (await fresh(who)).request('POST', `/api/proposals/${id}/survey-link`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { token: string; path: string; round: number };
};
const clockOf = async (caseId: string, clockId: string) => (await t.database.db.select().from(caseClocks).where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.clockId, clockId), isNull(caseClocks.assignmentId))))[0];

let number = 0;
const answered = async () => {
  const db = t.database.db;
  const [leadUnit, consultUnit] = [await buildUnit(db), await buildUnit(db)];
  const inspector = await actingAs(t.app, db, ['inspector']);
  const lead = await actingAs(t.app, db, ['liaison'], { unitId: leadUnit.id });
  const consult = await actingAs(t.app, db, ['liaison'], { unitId: consultUnit.id });
  number += 1;
  const created = await inspector.request('POST', '/api/proposals', { body: 'cppcc', term: '十三届', session: 5, number: String(number), title: '关于建设社区嵌入式养老服务设施的提案', leadName: '张秀兰', leadPhone: '13912345678', content: '建议在老旧小区嵌入养老服务设施。', receivedOn: '2026-02-25' });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  await ok(act(inspector, id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead' }, { unitId: consultUnit.id, role: 'consult' }] }));
  await ok(act(consult, id, 'sign'));
  await ok(act(consult, id, 'reply', { reply: '民政部门可统筹养老服务补贴。' }));
  await ok(act(lead, id, 'sign'));
  return { id, inspector, lead, consult, leadUnit };
};

describe('建议提案 答复 and the deputy survey', () => {
  test('B answer → 督办 item; 不满意 by link → 重新办理 with its own clock → second answer → second link 满意 → 办结', async () => {
    at('2026-03-02T09:00:00+08:00');
    const c = await answered();
    const missingYear = await act(c.lead, c.id, 'answer', { reply: '已列入计划。', answerClass: 'B', isPublishable: 'yes' });
    assert.equal(missingYear.statusCode, 400, missingYear.body);
    assert.match(missingYear.json().message, /B类答复请填写列入计划的年度/);
    at('2026-04-20T10:00:00+08:00');
    await ok(act(c.lead, c.id, 'answer', { reply: '已将社区嵌入式养老设施建设列入 2026 年民生实事计划。', answerClass: 'B', isPublishable: 'yes', contacts: { faceToFace: 2, phone: 1 }, promiseYear: 2026 }));
    const closeTooEarly = await act(c.inspector, c.id, 'close');
    assert.equal(closeTooEarly.statusCode, 422, 'not answered yet: 办结 is for an answered item');
    await ok(act(c.inspector, c.id, 'conclude', { comment: '已办复' }));

    let detail = await detailOf(c.inspector, c.id);
    assert.equal(detail.state, 'answered');
    const answers = detail.fields.answers as Array<{ answerClass: string; contacts: unknown; isPublishable: boolean }>;
    assert.deepEqual(answers.map((a) => [a.answerClass, a.isPublishable, a.contacts]), [['B', true, [{ method: '面商', people: 2 }, { method: '电话', people: 1 }]]]);
    // The promise is a 督办 item of the answering unit, derived from the 提案.
    const promiseId = detail.fields.promiseItemId as string;
    const [promise] = await t.database.db.select({ kind: cases.kind, fields: cases.fields }).from(cases).where(eq(cases.id, promiseId));
    assert.equal(promise!.kind, 'supervision');
    assert.equal((promise!.fields as { source: string }).source, '建议提案');
    assert.equal((promise!.fields as { leadUnitId: string }).leadUnitId, c.leadUnit.id);
    assert.equal((promise!.fields as { deadline: string }).deadline, '2026-12-31');
    const [linked] = await t.database.db.select().from(caseLinks).where(and(eq(caseLinks.fromCaseId, promiseId), eq(caseLinks.toCaseId, c.id)));
    assert.equal(linked!.type, 'derived_from');

    // The link: the item and its answer, nothing more — not the deputy's name or phone.
    const first = await link(c.inspector, c.id);
    assert.equal(first.path, `/survey/${first.token}`);
    const shown = await publicGet(first.token);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.equal(shown.json().title, '关于建设社区嵌入式养老服务设施的提案');
    assert.equal(shown.json().answerClass, 'B');
    assert.doesNotMatch(shown.body, /张|13912345678|139\*/);
    assert.deepEqual(Object.keys(shown.json()).sort(), ['answerClass', 'answerText', 'bodyLabel', 'expiresAt', 'number', 'round', 'title', 'unitNames']);

    const unhappy = await publicPost(first.token, { attitude: 'satisfied', onPoint: 'basically_satisfied', result: 'unsatisfied', comment: '希望尽快落地' });
    assert.equal(unhappy.statusCode, 200, unhappy.body);
    assert.equal(unhappy.json().overall, 'unsatisfied');
    assert.equal((await publicPost(first.token, { attitude: 'satisfied', onPoint: 'satisfied', result: 'satisfied' })).statusCode, 404, 'a link works once');
    assert.equal((await publicGet(first.token)).statusCode, 404);
    const [waiting] = await t.database.db.select({ label: workItems.label }).from(workItems).where(eq(workItems.caseId, c.id));
    assert.equal(waiting!.label, '重新办理', 'the office is asked to send it back');
    const refusedClose = await act(c.inspector, c.id, 'close');
    assert.equal(refusedClose.statusCode, 422);
    assert.match(refusedClose.json().message, /不满意，应先重新办理/);

    // 重新办理 with its own clock of one month; the second answer stops it.
    await ok(act(c.inspector, c.id, 'rework', { reason: '代表对办理结果不满意，请重新研究' }));
    assert.deepEqual([(await clockOf(c.id, 'rework'))!.state, (await clockOf(c.id, 'rework'))!.dueAt], ['running', '2026-05-20']);
    at('2026-05-12T10:00:00+08:00');
    await ok(act(c.lead, c.id, 'rework_answer', { reply: '已确定 3 处设施选址，年内建成。', answerClass: 'A', isPublishable: 'yes', contacts: { visit: 3 } }));
    assert.equal((await clockOf(c.id, 'rework'))!.state, 'stopped');
    await ok(act(c.inspector, c.id, 'conclude_rework'));
    const second = await link(c.inspector, c.id);
    assert.equal(second.round, 2);
    assert.equal((await publicGet(second.token)).json().answerClass, 'A');
    assert.equal((await publicPost(second.token, { attitude: 'satisfied', onPoint: 'satisfied', result: 'satisfied' })).json().overall, 'satisfied');
    await ok(act(c.inspector, c.id, 'close', { comment: '代表满意' }));
    detail = await detailOf(c.inspector, c.id);
    assert.equal(detail.state, 'closed');
    assert.deepEqual((detail.fields.surveys as Array<{ round: number; overall: string }>).map((s) => [s.round, s.overall]), [[1, 'unsatisfied'], [2, 'satisfied']]);
    assert.equal(await verifyCaseTrail(t.database.db, c.id), undefined, 'the trail, with the deputy\'s answers, verifies');
  });

  test('a link is for its own item only, expires, is revoked by a new one; a made-up token and the rest of the API stay closed', async () => {
    at('2026-06-01T09:00:00+08:00');
    const one = await answered();
    const other = await answered();
    for (const c of [one, other]) {
      await ok(act(c.lead, c.id, 'answer', { reply: '已解决。', answerClass: 'A', isPublishable: 'no' }));
      await ok(act(c.inspector, c.id, 'conclude'));
    }
    // The 答复函 as a 信函: the office (who may reveal) sees the member's full name; the unit the mask.
    const letterUrl = `/api/proposals/${one.id}/answer-letter.docx?round=1&unitId=${one.leadUnit.id}`;
    const letter = await (await fresh(one.inspector)).request('GET', letterUrl);
    assert.equal(letter.statusCode, 200, letter.body);
    const xml = unzip(letter.rawPayload).get('word/document.xml')!;
    assert.match(xml, /关于十三届5次会议第\d+号提案的答复/);
    assert.match(xml, /张秀兰委员：/);
    assert.match(xml, /（A类）/);
    const masked = unzip((await (await fresh(one.lead)).request('GET', letterUrl)).rawPayload).get('word/document.xml')!;
    assert.match(masked, /张\*\*委员：/);
    assert.equal((await (await fresh(one.lead)).request('GET', `/api/proposals/${one.id}/answer-letter.docx?round=2&unitId=${one.leadUnit.id}`)).statusCode, 404);

    const stale = await link(one.inspector, one.id);
    const current = await link(one.inspector, one.id);
    assert.equal((await publicGet(stale.token)).statusCode, 404, 'a new link revokes the old');
    const otherLink = await link(other.inspector, other.id);
    assert.equal((await publicPost(current.token, { attitude: 'satisfied', onPoint: 'satisfied', result: 'satisfied' })).statusCode, 200);
    assert.deepEqual((await detailOf(other.inspector, other.id)).fields.surveys, [], 'the other item is untouched');
    assert.equal((await publicGet('A'.repeat(43))).statusCode, 404);
    assert.equal((await publicGet('../../api/proposals')).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/proposals' })).statusCode, 401, 'no session: nothing else');
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${other.id}` })).statusCode, 401);
    // Past 30 days the other item's link has expired.
    at('2026-07-02T09:00:00+08:00');
    assert.equal((await publicGet(otherLink.token)).statusCode, 404);
    assert.equal((await publicPost(otherLink.token, { attitude: 'satisfied', onPoint: 'satisfied', result: 'satisfied' })).statusCode, 404);
    // A 联络员 cannot send links.
    assert.equal((await (await fresh(other.lead)).request('POST', `/api/proposals/${other.id}/survey-link`)).statusCode, 403);
  });
});
