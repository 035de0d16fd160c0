import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00')); // a Monday
});
after(() => t.close());

type Person = Awaited<ReturnType<typeof actingAs>>;
type Listed = { id: string; displayName: string; openCases: number };

const registerFor = async (clerk: Person, leader: Person) => {
  const response = await clerk.request('POST', '/api/cases', {
    kind: 'instruction',
    fields: { leaderId: leader.user.id, leaderName: leader.user.displayName, instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle: '关于城东片区改造的请示' },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string };
};

const ids = (people: Listed[]) => new Set(people.map((person) => person.id));

describe('choices offered by the holding rule', () => {
  test('AB角 candidates are exactly the colleagues the delegation would accept', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    const sysadmin = await actingAs(t.app, db, ['sysadmin']);
    const response = await clerk.request('GET', '/api/delegations/candidates');
    assert.equal(response.statusCode, 200, response.body);
    const offered = ids(response.json());
    assert.ok(offered.has(director.user.id));
    for (const excluded of [clerk, liaison, sysadmin]) assert.ok(!offered.has(excluded.user.id), excluded.user.username);
    // What is offered is accepted: no choice leads to a refusal.
    const accepted = await clerk.request('POST', '/api/delegations', { toUserId: director.user.id, startDate: '2026-11-02', endDate: '2026-11-06' });
    assert.equal(accepted.statusCode, 200, accepted.body);

    // A 联络员 is offered only the 联络员 of their own unit.
    const colleague = await actingAs(t.app, db, ['liaison'], { unitId: liaison.user.unitId });
    const forLiaison = ids((await liaison.request('GET', '/api/delegations/candidates')).json());
    assert.deepEqual([...forLiaison], [colleague.user.id]);
    assert.equal((await sysadmin.request('GET', '/api/delegations/candidates')).statusCode, 403);
  });

  test('批量移交 lists holders with their open cases and, for each, only receivers the transfer accepts', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const colleague = await actingAs(t.app, db, ['clerk']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    const admin = await actingAs(t.app, db, ['sysadmin']);
    const secadmin = await actingAs(t.app, db, ['secadmin']);
    await registerFor(clerk, leader);
    await registerFor(clerk, leader);

    const holders = await admin.request('GET', '/api/work/holders');
    assert.equal(holders.statusCode, 200, holders.body);
    const listed = (holders.json() as Listed[]).find((person) => person.id === clerk.user.id);
    assert.equal(listed?.openCases, 2);
    assert.ok(!(holders.json() as Listed[]).some((person) => person.id === colleague.user.id), 'nobody without open work is offered');

    const receivers = await admin.request('GET', `/api/work/receivers?fromUserId=${clerk.user.id}`);
    assert.equal(receivers.statusCode, 200, receivers.body);
    const offered = ids(receivers.json());
    assert.ok(offered.has(colleague.user.id));
    for (const excluded of [clerk, liaison, admin, secadmin]) assert.ok(!offered.has(excluded.user.id), excluded.user.username);

    const moved = await admin.request('POST', '/api/work/transfer', { fromUserId: clerk.user.id, toUserId: colleague.user.id, reason: '调任其他岗位' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().moved, 2);
    const after = (await admin.request('GET', '/api/work/holders')).json() as Listed[];
    assert.ok(!after.some((person) => person.id === clerk.user.id));
    assert.equal(after.find((person) => person.id === colleague.user.id)?.openCases, 2);

    assert.equal((await clerk.request('GET', '/api/work/holders')).statusCode, 403);
    assert.equal((await clerk.request('GET', `/api/work/receivers?fromUserId=${clerk.user.id}`)).statusCode, 403);
    assert.equal((await admin.request('GET', '/api/work/receivers?fromUserId=00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await admin.request('GET', '/api/work/receivers?fromUserId=x')).statusCode, 400);
  });

  test('the user list says per row what the reader may do; nobody is offered the other administrators’ accounts', async () => {
    const db = t.database.db;
    const sysadmin = await actingAs(t.app, db, ['sysadmin']);
    const secadmin = await actingAs(t.app, db, ['secadmin']);
    const auditor = await actingAs(t.app, db, ['auditor']);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const actionsOf = async (reader: Person, target: Person) => {
      const response = await reader.request('GET', `/api/users?q=${target.user.username}`);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json().items as Array<{ id: string; allowedActions: string[] }>).find((row) => row.id === target.user.id)?.allowedActions;
    };
    assert.deepEqual(await actionsOf(sysadmin, clerk), ['edit', 'reset_password', 'lock', 'deactivate']);
    assert.deepEqual(await actionsOf(sysadmin, secadmin), []);
    assert.deepEqual(await actionsOf(sysadmin, auditor), []);
    assert.deepEqual(await actionsOf(sysadmin, sysadmin), []);
    assert.deepEqual(await actionsOf(secadmin, clerk), ['roles']);
    assert.deepEqual(await actionsOf(secadmin, sysadmin), []);
    // The rule behind the list is the rule the use case enforces.
    const secadminRow = (await sysadmin.request('GET', `/api/users/${secadmin.user.id}`)).json();
    const refused = await sysadmin.request('PATCH', `/api/users/${secadmin.user.id}`, { version: secadminRow.version, displayName: '改名测试' });
    assert.equal(refused.statusCode, 403, refused.body);
  });

  test('a 待办 names who sent it on: the author of the step that made it wait', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    const { id } = await registerFor(clerk, leader);
    const detail = (await clerk.request('GET', `/api/cases/${id}`)).json();
    const assigned = await clerk.request('POST', `/api/cases/${id}/actions/assign`, { version: detail.version, units: [{ unitId: liaison.user.unitId, role: 'lead' }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const inbox = (await liaison.request('GET', '/api/inbox')).json() as Array<{ caseId: string; label: string; fromName: string | null; isFromMe: boolean }>;
    const item = inbox.find((entry) => entry.caseId === id);
    assert.equal(item?.label, '签收');
    assert.equal(item?.fromName, clerk.user.displayName);
    assert.equal(item?.isFromMe, false);
    // Once the 联络员 has signed, the 答复 that waits is there by their own step: the page says 本人.
    const after = (await liaison.request('GET', `/api/cases/${id}`)).json();
    const signed = await liaison.request('POST', `/api/cases/${id}/actions/sign`, { version: after.version, assignmentId: after.assignments[0].id });
    assert.equal(signed.statusCode, 200, signed.body);
    const next = ((await liaison.request('GET', '/api/inbox')).json() as Array<{ caseId: string; fromName: string | null; isFromMe: boolean }>).find((entry) => entry.caseId === id);
    assert.deepEqual([next?.fromName, next?.isFromMe], [liaison.user.displayName, true]);
  });
});

describe('the 待办 page', () => {
  test('limit and offset walk the same order as the whole inbox; a bad limit is refused naming the field', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    for (let n = 0; n < 3; n += 1) await registerFor(clerk, leader);
    const whole = (await clerk.request('GET', '/api/inbox')).json() as Array<{ caseId: string; label: string; unitName: string | null }>;
    assert.equal(whole.length, 3);
    const first = (await clerk.request('GET', '/api/inbox?limit=2')).json() as typeof whole;
    const rest = (await clerk.request('GET', '/api/inbox?limit=2&offset=2')).json() as typeof whole;
    assert.deepEqual([...first, ...rest].map((item) => item.caseId), whole.map((item) => item.caseId));
    const refused = await clerk.request('GET', '/api/inbox?limit=0');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /每页条数/);
  });
});
