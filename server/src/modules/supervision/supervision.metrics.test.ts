/**
 * The 督查督办 metrics on a fixture built for the test (exact counts), the 批示件/督办 no-double-count
 * rule, and 立项 inside a caller's transaction (the 分工方案 import): all items or none.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import { actorOf, buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { createSupervisionItem } from './supervision.service.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type User = Awaited<ReturnType<typeof buildUser>>;
const at = (instant: string) => t.clock.set(new Date(`${instant}+08:00`));
const as = (user: User) => sessionFor(t.app, user);

const upload = async (who: User) => {
  const boundary = 'fubanboundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ${Math.random()}\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: (await as(who)).cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  assert.equal(response.statusCode, 200, response.body);
  return { digest: (response.json() as { digest: string }).digest, name: 'evidence.pdf' };
};

const act = async (who: User, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const session = await as(who);
  const detail = (await session.request('GET', `/api/cases/${caseId}`)).json();
  const response = await session.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};

const metric = async (who: User, id: string, query = 'from=2026-12-01&to=2026-12-31') => {
  const response = await (await as(who)).request('GET', `/api/metrics/${id}?${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { value: number | null; parts: Record<string, number>; extra?: Record<string, number> };
};

test('supervision.opened, closedRate, onTimeRate and livelihood.projects count the fixture exactly; a 批示件 and its 督办 count once', async () => {
  const db = t.database.db;
  const unitA = await buildUnit(db, { name: '教育局' });
  const unitB = await buildUnit(db, { name: '住建局' });
  const inspector = await buildUser(db, { roles: ['inspector'] });
  const leader = await buildUser(db, { roles: ['leader'] });
  const liaisonA = await buildUser(db, { roles: ['liaison'], unitId: unitA.id });
  const liaisonB = await buildUser(db, { roles: ['liaison'], unitId: unitB.id });
  const open = async (input: Record<string, unknown>) => {
    const response = await (await as(inspector)).request('POST', '/api/supervision/items', {
      title: '督办事项',
      measures: '具体措施',
      leadUnitId: unitA.id,
      openedOn: '2026-12-01',
      deadline: '2027-02-28',
      reportCycle: 'monthly',
      ...input,
    });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { id: string }).id;
  };

  // November: outside the range.
  at('2026-11-20T09:00:00');
  await open({ source: '重点工作', openedOn: '2026-11-20' });

  at('2026-12-01T09:00:00');
  const instruction = await (await as(inspector)).request('POST', '/api/cases', {
    kind: 'instruction',
    fields: { leaderId: leader.id, instructedOn: '2026-11-30', instruction: '请抓紧落实。', sourceTitle: '关于学位供给的报告' },
  });
  assert.equal(instruction.statusCode, 200, instruction.body);
  await open({ source: '领导批示', sourceCaseId: instruction.json().id }); // derived: counted with its 批示件
  await open({ source: '领导批示' }); // a leader's note with no 批示件 registered
  const keyTask = await open({ source: '重点工作', leadUnitId: unitB.id, deadline: '2026-12-05' });
  const meeting = await open({ source: '会议议定事项' });
  const kindergartens = await open({ source: '民生实事', livelihood: { target: 10, measure: '所' } });
  await open({ source: '民生实事', livelihood: { target: 5, measure: '个' } });

  at('2026-12-10T09:00:00');
  await act(liaisonA, kindergartens, 'record_actual', { value: 12 });
  await act(liaisonA, kindergartens, 'claim', { comment: '已建成 12 所', evidence: [await upload(liaisonA)] });
  await act(inspector, kindergartens, 'close');
  await act(liaisonB, keyTask, 'claim', { comment: '已完成', evidence: [await upload(liaisonB)] }); // after its 12-05 deadline
  await act(inspector, keyTask, 'close');
  await act(liaisonA, meeting, 'claim', { comment: '已完成', evidence: [await upload(liaisonA)] });

  const opened = await metric(inspector, 'supervision.opened');
  assert.equal(opened.value, 6);
  assert.deepEqual(opened.parts, { 领导批示: 2, 会议议定事项: 1, 重点工作: 1, 上级交办: 0, 建议提案: 0, '12345线索': 0, 民生实事: 2, 其他: 0 });
  const records = (await (await as(inspector)).request('GET', '/api/metrics/supervision.opened/records?from=2026-12-01&to=2026-12-31')).json();
  assert.equal(records.total, 6);

  const closedRate = await metric(inspector, 'supervision.closedRate');
  assert.equal(closedRate.value, 33.3); // 2 of the 6 items opened in December
  assert.deepEqual(closedRate.parts, { closed: 2, claimed: 1, open: 3 });

  const onTime = await metric(inspector, 'supervision.onTimeRate');
  assert.equal(onTime.value, 50);
  assert.deepEqual(onTime.parts, { inTime: 1, late: 1 });

  const livelihood = await metric(inspector, 'livelihood.projects');
  assert.equal(livelihood.value, 2);
  assert.deepEqual(livelihood.parts, { done: 1, early: 1, overTarget: 1 });
  assert.deepEqual(livelihood.extra, { monthsEarly: 2 }); // done in December, due February

  const byUnit = await metric(inspector, 'supervision.opened', `from=2026-12-01&to=2026-12-31&unit=${unitB.id}`);
  assert.equal(byUnit.value, 1);
  assert.equal(byUnit.parts['重点工作'], 1);
});

test('立项 inside the caller’s transaction: one bad item rolls back the others', async () => {
  const db = t.database.db;
  at('2026-12-01T09:00:00');
  const unit = await buildUnit(db);
  const inspector = await buildUser(db, { roles: ['inspector'] });
  const actor = actorOf(inspector, ['inspector']);
  const input = { source: '重点工作' as const, title: '分工方案第 1 项', measures: '措施', leadUnitId: unit.id, openedOn: '2026-12-01', deadline: '2026-12-31', milestones: [{ label: '完成方案', due: '2026-12-15' }] };
  const before = (await db.select({ n: count() }).from(cases).where(eq(cases.kind, 'supervision')))[0]!.n;
  await assert.rejects(
    db.transaction(async (tx) => {
      await createSupervisionItem({ db: tx, actor, input, now: t.clock.now() });
      await createSupervisionItem({ db: tx, actor, input: { ...input, leadUnitId: crypto.randomUUID() }, now: t.clock.now() });
    }),
    /不存在或已停用/,
  );
  assert.equal((await db.select({ n: count() }).from(cases).where(eq(cases.kind, 'supervision')))[0]!.n, before);
  const created = await db.transaction(async (tx) => [
    await createSupervisionItem({ db: tx, actor, input, now: t.clock.now() }),
    await createSupervisionItem({ db: tx, actor, input: { ...input, title: '分工方案第 2 项' }, now: t.clock.now() }),
  ]);
  assert.equal(created.length, 2);
  assert.equal((await db.select({ n: count() }).from(cases).where(eq(cases.kind, 'supervision')))[0]!.n, before + 2);
});
