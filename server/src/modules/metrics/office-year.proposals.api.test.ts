/**
 * An office-year of 建议提案 through the HTTP API (test/office-year.ts), as the 督查室 and the units' 联络员 run it,
 * with the deputies' 征询意见表 through their public one-time link: last year's item closed this January, two items
 * merged (并案: each still its own item and answer), one reworked after a 不满意 and turned 基本满意, one split
 * between two lead units (分办) that answer A and C, one returned by a unit as not its duty and given to another,
 * one never answered, one registered in December and not yet given out. The tally is the test's own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { officeYear, YEAR, type YearUser } from '../../../test/office-year.js';

let t: TestContext;
let y: ReturnType<typeof officeYear>;
before(async () => {
  t = await startTestApp();
  y = officeYear(t);
});
after(() => t.close());

describe('建议提案 over a year', () => {
  let inspector: YearUser;
  let liaisonA: YearUser;
  const units = { a: '', b: '' };

  before(async () => {
    y.at('2025-02-10T09:00');
    const office = await y.unit('督查室', 'section');
    const a = await y.unit('住房城乡建设局');
    const b = await y.unit('民政局');
    Object.assign(units, { a: a.id, b: b.id });
    inspector = await y.user(['inspector'], office.id);
    liaisonA = await y.user(['liaison'], a.id);
    const liaisonOf = { [a.id]: liaisonA, [b.id]: await y.user(['liaison'], b.id) };

    let number = 0;
    const register = async (body: 'npc' | 'cppcc', receivedOn: string, isKey = false) => {
      number += 1;
      const response = await (await y.as(inspector)).request('POST', '/api/proposals', {
        body, term: '十五届', session: body === 'npc' ? 3 : 4, number: String(number), title: `关于第${number}项民生工作的建议`, leadName: `代表${number}`, content: '建议内容', receivedOn, isKey,
      });
      assert.equal(response.statusCode, 201, response.body);
      return (response.json() as { id: string }).id;
    };
    const give = (caseId: string, given: Array<[string, 'lead' | 'consult']>) => y.act(inspector, caseId, 'assign', { units: given.map(([unitId, role]) => ({ unitId, role })) });
    const answer = async (caseId: string, unitId: string, answerClass: string, contacts: Record<string, number>, action = 'answer') => {
      const liaison = liaisonOf[unitId]!;
      if (action === 'answer') await y.act(liaison, caseId, 'sign');
      await y.act(liaison, caseId, action, { reply: '答复如下……', answerClass, isPublishable: 'yes', contacts, ...(answerClass === 'B' ? { promiseYear: 2027 } : {}) });
    };
    /** The deputy fills in the 征询意见表 through the link the office sends. */
    const survey = async (caseId: string, attitude: string, result: string) => {
      const link = await (await y.as(inspector)).request('POST', `/api/proposals/${caseId}/survey-link`, {});
      assert.equal(link.statusCode, 200, link.body);
      const response = await t.app.inject({ method: 'POST', url: `/api/public/proposal-survey/${(link.json() as { token: string }).token}`, payload: { attitude, onPoint: 'satisfied', result } });
      assert.equal(response.statusCode, 200, response.body);
    };

    // Q0: last year's, answered in 2025, closed in January: last year's figures only.
    const q0 = await register('npc', '2025-02-08');
    await give(q0, [[a.id, 'lead']]);
    y.at('2025-05-06T09:00');
    await answer(q0, a.id, 'A', { faceToFace: 1 });
    await y.act(inspector, q0, 'conclude');
    await survey(q0, 'satisfied', 'satisfied');
    y.at('2026-01-10T09:00');
    await y.act(inspector, q0, 'close');

    // This year's session: registered 01-20/22, given out at the 交办会 of 02-05.
    y.at('2026-01-20T09:00');
    const n1 = await register('npc', '2026-01-20');
    const n2 = await register('npc', '2026-01-20');
    const n3 = await register('npc', '2026-01-20', true);
    await y.act(inspector, n2, 'merge', { mergedWith: n1, comment: '同一事项，并案办理' });
    y.at('2026-01-22T09:00');
    const c1 = await register('cppcc', '2026-01-22');
    const c2 = await register('cppcc', '2026-01-22');
    y.at('2026-02-05T09:00');
    await give(n1, [[a.id, 'lead']]);
    await give(n2, [[a.id, 'lead']]);
    await give(n3, [[a.id, 'lead'], [b.id, 'lead']]); // 分办
    await give(c1, [[b.id, 'lead']]);
    await give(c2, [[b.id, 'lead']]);
    y.at('2026-02-09T09:00');
    await y.act(liaisonOf[b.id]!, c1, 'unit_return', { reason: '非本单位职责，建议交住建局' });
    await give(c1, [[a.id, 'lead']]);

    y.at('2026-04-20T09:00');
    await answer(n1, a.id, 'A', { faceToFace: 2 });
    await y.act(inspector, n1, 'conclude');
    await answer(n2, a.id, 'B', { phone: 1 });
    await y.act(inspector, n2, 'conclude');
    await answer(n3, a.id, 'A', { forum: 1 });
    await answer(n3, b.id, 'C', { faceToFace: 1 });
    await y.act(inspector, n3, 'conclude');
    await answer(c1, a.id, 'A', { phone: 2 });
    await y.act(inspector, c1, 'conclude');

    y.at('2026-05-15T09:00');
    await survey(n1, 'satisfied', 'satisfied');
    await y.act(inspector, n1, 'close');
    await survey(n2, 'satisfied', 'unsatisfied');
    await survey(n3, 'satisfied', 'unsatisfied');
    y.at('2026-05-18T09:00');
    await y.act(inspector, n2, 'rework', { reason: '代表对办理结果不满意' });
    y.at('2026-06-10T09:00');
    await answer(n2, a.id, 'A', { visit: 3 }, 'rework_answer');
    await y.act(inspector, n2, 'conclude_rework');
    y.at('2026-06-25T09:00');
    await survey(n2, 'basically_satisfied', 'satisfied');
    await y.act(inspector, n2, 'close');

    // A suggestion received in December (闭会期间), not yet given out.
    y.at('2026-12-20T09:00');
    await register('npc', '2026-12-20');
    y.at('2027-03-01T09:00');
  });

  test('counts by body: key, given out, answered, closed', async () => {
    const npc = await y.metric(inspector, 'proposals.npc', ...YEAR);
    assert.deepEqual([npc.value, npc.parts], [4, { key: 1, assigned: 3, answered: 3, closed: 2 }]); // N1 N2 (merged: still two) N3 N4
    const cppcc = await y.metric(inspector, 'proposals.cppcc', ...YEAR);
    assert.deepEqual([cppcc.value, cppcc.parts], [2, { key: 0, assigned: 2, answered: 1, closed: 0 }]);
    assert.equal(await y.recordsTotal(inspector, 'proposals.npc', ...YEAR), 4);
    assert.equal((await y.metric(inspector, 'proposals.npc', '2025-01-01', '2025-12-31')).value, 1);
    assert.equal((await y.metric(inspector, 'proposals.npc', '2026-01-01', '2026-03-31')).value, 3);
  });

  test('办复率, 办结率, 满意率 (the last 征询意见表), A 类, 重新办理 and 联系代表人次', async () => {
    const reply = await y.metric(inspector, 'proposals.replyRate', ...YEAR);
    assert.deepEqual([reply.value, reply.parts], [80, { answered: 4, open: 1 }]); // of the five given out, C2 unanswered
    const closed = await y.metric(inspector, 'proposals.closedRate', ...YEAR);
    assert.deepEqual([closed.value, closed.parts], [40, { closed: 2, open: 3 }]);
    const satisfaction = await y.metric(inspector, 'proposals.satisfactionRate', ...YEAR);
    assert.deepEqual([satisfaction.value, satisfaction.parts, satisfaction.extra?.satisfiedOrBasic], [33.3, { satisfied: 1, basically_satisfied: 1, unsatisfied: 1 }, 66.7]);
    const classA = await y.metric(inspector, 'proposals.classA', ...YEAR);
    assert.deepEqual([classA.value, classA.parts], [75, { A: 3, B: 0, C: 1, D: 0 }]); // N2 by its second answer; N3 by the weaker of A and C
    const reworked = await y.metric(inspector, 'proposals.reworked', ...YEAR);
    assert.deepEqual([reworked.value, reworked.parts], [1, { turnedSatisfied: 1, stillUnsatisfied: 0, awaiting: 0 }]);
    const deputies = await y.metric(inspector, 'proposals.deputiesInvolved', ...YEAR);
    assert.deepEqual([deputies.value, deputies.parts], [10, { 面商: 3, 电话: 3, 座谈: 1, 视察: 3 }]);
  });

  test('per unit: the items it leads (a returned one is the new unit\'s), its own answers\' 人次', async () => {
    assert.equal((await y.metric(inspector, 'proposals.npc', ...YEAR, units.a)).value, 3);
    assert.equal((await y.metric(inspector, 'proposals.cppcc', ...YEAR, units.a)).value, 1); // C1 after 民政局 returned it
    assert.equal((await y.metric(inspector, 'proposals.npc', ...YEAR, units.b)).value, 1); // N3 分办
    assert.equal((await y.metric(inspector, 'proposals.cppcc', ...YEAR, units.b)).value, 1); // C2
    assert.equal((await y.metric(inspector, 'proposals.replyRate', ...YEAR, units.a)).value, 100);
    assert.equal((await y.metric(inspector, 'proposals.replyRate', ...YEAR, units.b)).value, 50);
    assert.equal((await y.metric(inspector, 'proposals.deputiesInvolved', ...YEAR, units.a)).value, 9);
    assert.equal((await y.metric(inspector, 'proposals.deputiesInvolved', ...YEAR, units.b)).value, 1);
    // The unit's 联络员 asks without naming a unit and gets their own; another unit's figure is not theirs to see.
    assert.deepEqual((await y.metric(liaisonA, 'proposals.npc', ...YEAR)).value, 3);
    const others = await (await y.as(liaisonA)).request('GET', `/api/metrics/proposals.npc?from=${YEAR[0]}&to=${YEAR[1]}&unit=${units.b}`);
    assert.equal(others.statusCode, 404);
  });

  test('the 驾驶舱 and the 年度工作总结 read the same figures', async () => {
    const director = await y.user(['director'], (await y.unit('办公室', 'section')).id);
    assert.equal((await y.headline(director, 2026))['proposals.replyRate'], 80);
    assert.deepEqual(await y.ranking(director, 'proposals.replyRate', 2026), { [units.a]: 100, [units.b]: 50 });
    const summary = await y.summaryTokens(director, ['{{proposals.npc}}', '{{proposals.npc|同比}}', '{{proposals.cppcc}}', '{{proposals.replyRate}}', '{{proposals.satisfactionRate}}', '{{proposals.deputiesInvolved}}'], ...YEAR);
    assert.deepEqual(summary, {
      'proposals.npc|值': '4件',
      'proposals.npc|同比': '，同比增长300%', // 2025: Q0
      'proposals.cppcc|值': '2件',
      'proposals.replyRate|值': '80%',
      'proposals.satisfactionRate|值': '33.3%',
      'proposals.deputiesInvolved|值': '10人次',
    });
  });
});
