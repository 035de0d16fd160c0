/**
 * The 建议提案 metrics on a fixture built for the test: five items in every state (one reworked and turned
 * satisfied), counted exactly — for the office and for each unit — with the drill-down listing the items.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import { actorOf, buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { performAction } from '../../engine/cases/perform-action.js';
import { registerProposal } from './proposal.service.js';
import { issueSurveyLink, submitSurvey } from './survey.service.js';
import type { Role } from '../../../../common/access.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-03-10T09:00:00+08:00'));
});
after(() => t.close());

type User = Awaited<ReturnType<typeof buildUser>>;

test('proposals.* count the fixture exactly, for the office and per unit, with drill-down', async () => {
  const db = t.database.db;
  const now = () => t.clock.now();
  const [unitA, unitB] = [await buildUnit(db, { name: '住建局' }), await buildUnit(db, { name: '民政局' })];
  const inspector = await buildUser(db, { roles: ['inspector'] });
  const liaisonA = await buildUser(db, { roles: ['liaison'], unitId: unitA.id });
  const liaisonB = await buildUser(db, { roles: ['liaison'], unitId: unitB.id });
  const roles = new Map<User, Role[]>([[inspector, ['inspector']], [liaisonA, ['liaison']], [liaisonB, ['liaison']]]);
  const act = async (who: User, caseId: string, action: string, input: Record<string, unknown> = {}) => {
    const [row] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
    const version = row!.version;
    await performAction({ db, actor: actorOf(who, roles.get(who)!), caseId, action, input: { version, ...input }, now: now() });
  };
  const office = actorOf(inspector, ['inspector']);
  let number = 0;
  const item = async (body: 'npc' | 'cppcc', isKey = false) => {
    number += 1;
    return (await registerProposal({ db, actor: office, input: { body, term: '十五届', session: 3, number: String(number), title: `第${number}件`, leadName: '代表', content: '内容', receivedOn: '2026-03-09', isKey }, now: now() })).id;
  };
  const survey = async (caseId: string, attitude: string, result: string) => {
    const { token } = await issueSurveyLink({ db, actor: office, caseId, now: now() });
    await submitSurvey({ db, token, input: { attitude, onPoint: 'satisfied', result }, ip: null, now: now() });
  };
  const answer = (cls: string, contacts: Record<string, number>, extra: Record<string, unknown> = {}) => ({ reply: '答复', answerClass: cls, isPublishable: 'yes', contacts, ...extra });

  const p1 = await item('npc');
  await act(inspector, p1, 'assign', { units: [{ unitId: unitA.id, role: 'lead' }] });
  await act(liaisonA, p1, 'sign');
  await act(liaisonA, p1, 'answer', answer('A', { faceToFace: 2 }));
  await act(inspector, p1, 'conclude');
  await survey(p1, 'satisfied', 'satisfied');
  await act(inspector, p1, 'close');

  const p2 = await item('npc');
  await act(inspector, p2, 'assign', { units: [{ unitId: unitA.id, role: 'lead' }, { unitId: unitB.id, role: 'consult' }] });
  await act(liaisonA, p2, 'sign');
  await act(liaisonA, p2, 'answer', answer('B', { phone: 1 }, { promiseYear: 2026 }));
  await act(inspector, p2, 'conclude');
  await survey(p2, 'satisfied', 'unsatisfied');
  await act(inspector, p2, 'rework', { reason: '不满意' });
  await act(liaisonA, p2, 'rework_answer', answer('A', { visit: 3 }));
  await act(inspector, p2, 'conclude_rework');
  await survey(p2, 'basically_satisfied', 'satisfied');

  const p3 = await item('cppcc', true);
  await act(inspector, p3, 'assign', { units: [{ unitId: unitB.id, role: 'lead' }] });
  await act(liaisonB, p3, 'sign');
  await act(liaisonB, p3, 'answer', answer('C', { forum: 4 }));
  await act(inspector, p3, 'conclude');

  const p4 = await item('cppcc');
  await act(inspector, p4, 'assign', { units: [{ unitId: unitB.id, role: 'lead' }] });
  await item('npc'); // p5: not yet assigned

  const session = await sessionFor(t.app, inspector);
  const metric = async (id: string, unit?: string) => {
    const response = await session.request('GET', `/api/metrics/${id}?from=2026-03-01&to=2026-03-31${unit ? `&unit=${unit}` : ''}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { value: number | null; parts: Record<string, number>; extra?: Record<string, number | null> };
  };
  assert.deepEqual(await metric('proposals.npc').then((m) => [m.value, m.parts]), [3, { key: 0, assigned: 2, answered: 2, closed: 1 }]);
  assert.deepEqual(await metric('proposals.cppcc').then((m) => [m.value, m.parts]), [2, { key: 1, assigned: 2, answered: 1, closed: 0 }]);
  assert.deepEqual(await metric('proposals.replyRate').then((m) => [m.value, m.parts]), [75, { answered: 3, open: 1 }]);
  assert.deepEqual(await metric('proposals.closedRate').then((m) => [m.value, m.parts]), [25, { closed: 1, open: 3 }]);
  const satisfaction = await metric('proposals.satisfactionRate');
  assert.deepEqual([satisfaction.value, satisfaction.parts, satisfaction.extra?.satisfiedOrBasic], [50, { satisfied: 1, basically_satisfied: 1, unsatisfied: 0 }, 100]);
  assert.deepEqual(await metric('proposals.classA').then((m) => [m.value, m.parts]), [66.7, { A: 2, B: 0, C: 1, D: 0 }]);
  assert.deepEqual(await metric('proposals.reworked').then((m) => [m.value, m.parts]), [1, { turnedSatisfied: 1, stillUnsatisfied: 0, awaiting: 0 }]);
  assert.deepEqual(await metric('proposals.deputiesInvolved').then((m) => [m.value, m.parts]), [10, { 面商: 2, 电话: 1, 座谈: 4, 视察: 3 }]);

  // Per unit: what the unit leads (住建局 p1, p2; 民政局 p3, p4 — its 会办 on p2 not counted).
  assert.equal((await metric('proposals.npc', unitA.id)).value, 2);
  assert.equal((await metric('proposals.npc', unitB.id)).value, 0);
  assert.equal((await metric('proposals.cppcc', unitB.id)).value, 2);
  assert.equal((await metric('proposals.replyRate', unitA.id)).value, 100);
  assert.equal((await metric('proposals.replyRate', unitB.id)).value, 50);
  assert.equal((await metric('proposals.classA', unitB.id)).value, 0);
  assert.equal((await metric('proposals.deputiesInvolved', unitA.id)).value, 6);
  assert.equal((await metric('proposals.deputiesInvolved', unitB.id)).value, 4);

  // Drill-down: the items behind the number.
  const drill = await session.request('GET', '/api/metrics/proposals.reworked/records?from=2026-03-01&to=2026-03-31');
  assert.equal(drill.statusCode, 200, drill.body);
  const body = drill.json() as { total: number; items?: Array<{ id: string }>; rows?: Array<{ id: string }> };
  assert.equal(body.total, 1);
});
