import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type User = Awaited<ReturnType<typeof buildUser>>;
const at = (instant: string) => t.clock.set(new Date(`${instant}+08:00`));
const as = (user: User) => sessionFor(t.app, user);

const petition = (channel: string, extra: Record<string, unknown> = {}) => ({
  channel,
  petitionerName: '李四',
  phone: '13800001111',
  summary: `${channel}反映的诉求`,
  receivedOn: '2026-12-01',
  ...extra,
});

const register = async (who: User, fields: Record<string, unknown>) => {
  const response = await (await as(who)).request('POST', '/api/cases', { kind: 'petition', fields });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { id: string }).id;
};

const act = async (who: User, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const session = await as(who);
  const detail = (await session.request('GET', `/api/cases/${caseId}`)).json();
  const response = await session.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
  return detail;
};

test('petitions.visits counts 起 by source and 来访 人次; petitions.onTimeRate reads the 答复 clock', async () => {
  const db = t.database.db;
  const office = await buildUnit(db, { name: '信访科', type: 'section' });
  const unit = await buildUnit(db, { name: '环保局' });
  const clerk = await buildUser(db, { roles: ['clerk'], unitId: office.id });
  const liaison = await buildUser(db, { roles: ['liaison'], unitId: unit.id });

  // Registered 2026-09-01, answered late in December: it counts for the rate, not for December's 起.
  at('2026-09-01T09:00:00');
  const lateOne = await register(clerk, petition('来信', { receivedOn: '2026-09-01' }));

  at('2026-12-01T09:00:00');
  const smallVisit = await register(clerk, petition('来访', { visitors: 3 }));
  await register(clerk, petition('来访', { visitors: 6 }));
  await register(clerk, petition('来信'));
  await register(clerk, petition('网上'));
  await register(clerk, petition('转办', { referredBy: '巡视组转办' }));
  await register(clerk, petition('转办', { referredBy: '巡视组转办' }));
  await register(clerk, petition('转办', { referredBy: '环保督察交办', referralRef: '督办〔2026〕3号' }));

  const clerkSession = await as(clerk);
  const visits = (await clerkSession.request('GET', '/api/metrics/petitions.visits?from=2026-12-01&to=2026-12-31')).json();
  assert.equal(visits.value, 7);
  assert.deepEqual(visits.parts, { 来信: 1, 来访: 2, 网上: 1, 巡视组转办: 2, 环保督察交办: 1, 上级交办函: 0 });
  assert.deepEqual(visits.extra, { visitPeople: 9, collectiveVisits: 1, collectivePeople: 6 });
  const records = (await clerkSession.request('GET', '/api/metrics/petitions.visits/records?from=2026-12-01&to=2026-12-31')).json();
  assert.equal(records.total, 7);

  // Handled by the unit: one 答复 in time, the September one late (due 2026-11-02).
  for (const [caseId, acceptedAt] of [[lateOne, '2026-09-01T10:00:00'], [smallVisit, '2026-12-01T10:00:00']] as const) {
    at(acceptedAt);
    await act(clerk, caseId, 'accept');
    await act(clerk, caseId, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
  }
  at('2026-12-08T09:00:00');
  for (const caseId of [lateOne, smallVisit]) {
    await act(liaison, caseId, 'sign');
    await act(liaison, caseId, 'reply', { reply: '已办理' });
    const detail = (await (await as(clerk)).request('GET', `/api/cases/${caseId}`)).json();
    await act(clerk, caseId, 'accept_reply', { assignmentId: detail.assignments[0].id, satisfaction: 'satisfied' });
    await act(clerk, caseId, 'answer', { opinion: '答复意见' });
  }
  const rate = (await (await as(clerk)).request('GET', '/api/metrics/petitions.onTimeRate?from=2026-12-01&to=2026-12-31')).json();
  assert.equal(rate.value, 50);
  assert.deepEqual(rate.parts, { inTime: 1, late: 1 });
  assert.equal((await (await as(clerk)).request('GET', '/api/metrics/petitions.onTimeRate/records?from=2026-12-01&to=2026-12-31')).json().total, 2);

  // By unit: only the 信访件 given to the unit.
  const byUnit = (await (await as(clerk)).request('GET', `/api/metrics/petitions.visits?from=2026-12-01&to=2026-12-31&unit=${unit.id}`)).json();
  assert.equal(byUnit.value, 1);
  assert.equal(byUnit.parts['来访'], 1);
  assert.equal(byUnit.extra.visitPeople, 3);
});
