/** 回访 on the 信访件 itself: 态度 and 结果 each rated, kept on the case and in the trail. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseEvents } from '../../db/schema/index.js';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-06-01T09:00:00+08:00'));
});
after(() => t.close());

type User = Awaited<ReturnType<typeof buildUser>>;
const as = (user: User) => sessionFor(t.app, user);
const detailOf = async (who: User, caseId: string) => (await (await as(who)).request('GET', `/api/cases/${caseId}`)).json();
const act = async (who: User, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const session = await as(who);
  const detail = (await session.request('GET', `/api/cases/${caseId}`)).json();
  return session.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};
const ok = async (who: User, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await act(who, caseId, action, body);
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};

/** A 信访件 accepted, handled by one unit and answered: the point where the petitioner is called back. */
const answeredPetition = async () => {
  const db = t.database.db;
  const office = await buildUnit(db, { name: '信访科', type: 'section' });
  const unit = await buildUnit(db, { name: `住建局${Math.random().toString(16).slice(2, 6)}` });
  const clerk = await buildUser(db, { roles: ['clerk'], unitId: office.id });
  const liaison = await buildUser(db, { roles: ['liaison'], unitId: unit.id });
  const created = await (await as(clerk)).request('POST', '/api/cases', {
    kind: 'petition',
    fields: { channel: '来信', petitionerName: '李秀英', phone: '13812345678', summary: '反映小区路灯长期不亮。', receivedOn: '2026-06-01' },
  });
  assert.equal(created.statusCode, 200, created.body);
  const caseId = created.json().id as string;
  await ok(clerk, caseId, 'accept');
  await ok(clerk, caseId, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
  await ok(liaison, caseId, 'sign');
  await ok(liaison, caseId, 'reply', { reply: '已修复路灯。' });
  const assignmentId = (await detailOf(clerk, caseId)).assignments[0].id;
  await ok(clerk, caseId, 'accept_reply', { assignmentId });
  return { caseId, clerk, liaison };
};

describe('回访 on a 信访件', () => {
  test('after the answer: one rating per dimension and what was said, on the case and in the trail', async () => {
    const { caseId, clerk } = await answeredPetition();
    const early = await act(clerk, caseId, 'revisit', { ratings: { attitude: 'satisfied', result: 'satisfied' } });
    assert.equal(early.statusCode, 422, '回访 follows the answer');
    await ok(clerk, caseId, 'answer', { opinion: '经核查，路灯已修复，答复如上。' });
    const form = (await detailOf(clerk, caseId)).actions.find((item: { action: string }) => item.action === 'revisit').form;
    assert.deepEqual(
      form.map((field: { name: string[]; label: string; widget: string }) => [field.name.join('.'), field.label, field.widget]),
      [['ratings.attitude', '态度', 'rating'], ['ratings.result', '结果', 'rating'], ['comment', '回访情况', 'longText']],
    );

    await ok(clerk, caseId, 'revisit', { ratings: { attitude: 'satisfied', result: 'basically_satisfied' }, comment: '电话回访，信访人认可处理结果。' });
    const detail = await detailOf(clerk, caseId);
    assert.equal(detail.state, 'answered');
    assert.equal(detail.fields.revisits.length, 1);
    assert.deepEqual(detail.fields.revisits[0].ratings, { attitude: 'satisfied', result: 'basically_satisfied' });
    assert.equal(detail.fields.revisits[0].comment, '电话回访，信访人认可处理结果。');
    const [event] = await t.database.db.select({ data: caseEvents.data, comment: caseEvents.comment }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'revisit')));
    assert.deepEqual((event!.data as { revisit: { ratings: unknown } }).revisit.ratings, { attitude: 'satisfied', result: 'basically_satisfied' });
    assert.equal(event!.comment, '电话回访，信访人认可处理结果。');
    // A second 回访 is kept beside the first.
    await ok(clerk, caseId, 'revisit', { ratings: { attitude: 'satisfied', result: 'satisfied' } });
    assert.equal((await detailOf(clerk, caseId)).fields.revisits.length, 2);
    assert.equal(await verifyCaseTrail(t.database.db, caseId), undefined);
  });

  test('a 联络员 cannot 回访; a missing or unknown rating is 400 and a stale version 409, writing nothing', async () => {
    const { caseId, clerk, liaison } = await answeredPetition();
    await ok(clerk, caseId, 'answer', { opinion: '答复意见。' });
    assert.equal((await act(liaison, caseId, 'revisit', { ratings: { attitude: 'satisfied', result: 'satisfied' } })).statusCode, 403);
    const before = await detailOf(clerk, caseId);
    const missing = await act(clerk, caseId, 'revisit', { ratings: { attitude: 'satisfied' } });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().message, /结果/);
    assert.equal((await act(clerk, caseId, 'revisit', { ratings: { attitude: 'great', result: 'satisfied' } })).statusCode, 400);
    assert.equal((await act(clerk, caseId, 'revisit', {})).statusCode, 400);
    const stale = await (await as(clerk)).request('POST', `/api/cases/${caseId}/actions/revisit`, { version: before.version - 1, ratings: { attitude: 'satisfied', result: 'satisfied' } });
    assert.equal(stale.statusCode, 409);
    const after = await detailOf(clerk, caseId);
    assert.equal(after.version, before.version);
    assert.equal(after.events.length, before.events.length);
    assert.equal(after.fields.revisits, undefined);
  });
});
