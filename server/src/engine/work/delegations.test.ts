import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import type { Role } from '../../../../common/access.js';
import { auditLog, cases, delegations, workItems } from '../../db/schema/index.js';
import { actingAs, actorOf, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { caseVisibility, identitiesOf } from '../cases/access.js';
import { createCase } from '../cases/create-case.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00')); // a Monday
});
after(() => t.close());

type Person = Awaited<ReturnType<typeof actingAs>>;

const person = (who: Person, roles: Role[]) => actorOf(who.user, roles);

/** How many cases the person sees today, AB角 included: what the ledger filters by. */
const visibleCount = async (who: Person, roles: Role[]) => {
  const identities = await identitiesOf({ db: t.database.db, actor: person(who, roles), today: '2026-11-02' });
  const [row] = await t.database.db.select({ n: count() }).from(cases).where(caseVisibility(identities));
  return Number(row!.n);
};

const register = async (clerk: Person, leader: Person, title = '关于加快推进城东片区改造的请示') => {
  const response = await clerk.request('POST', '/api/cases', {
    kind: 'instruction',
    fields: { leaderId: leader.user.id, leaderName: leader.user.displayName, instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle: title },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string };
};

const assign = async (clerk: Person, caseId: string, unitId: string) => {
  const detail = (await clerk.request('GET', `/api/cases/${caseId}`)).json();
  const response = await clerk.request('POST', `/api/cases/${caseId}/actions/assign`, { version: detail.version, units: [{ unitId, role: 'lead' }] });
  assert.equal(response.statusCode, 200, response.body);
};

const delegationsOf = async (userId: string) => t.database.db.select().from(delegations).where(eq(delegations.fromUserId, userId));

describe('AB角 and 批量移交 never widen what anyone sees', () => {
  test('a clerk cannot delegate to another unit’s 联络员 or to an administrator; the 联络员 sees no more', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    const sysadmin = await actingAs(t.app, db, ['sysadmin']);
    await register(clerk, leader);
    const seenBefore = await visibleCount(liaison, ['liaison']);

    const toLiaison = await clerk.request('POST', '/api/delegations', { toUserId: liaison.user.id, startDate: '2026-11-01', endDate: '2026-11-30' });
    assert.equal(toLiaison.statusCode, 400, toLiaison.body);
    assert.match(toLiaison.json().message, /府办的工作只能交给府办工作人员/);
    const toAdmin = await clerk.request('POST', '/api/delegations', { toUserId: sysadmin.user.id, startDate: '2026-11-01', endDate: '2026-11-30' });
    assert.equal(toAdmin.statusCode, 400, toAdmin.body);
    assert.match(toAdmin.json().message, /管理员账号/);

    assert.equal((await delegationsOf(clerk.user.id)).length, 0);
    assert.equal(await visibleCount(liaison, ['liaison']), seenBefore);
    // A 联络员 may still be covered by a colleague of their own unit, and by no one else.
    const colleague = await actingAs(t.app, db, ['liaison'], { unitId: liaison.user.unitId });
    const stranger = await actingAs(t.app, db, ['liaison']);
    assert.equal((await liaison.request('POST', '/api/delegations', { toUserId: colleague.user.id, startDate: '2026-11-01', endDate: '2026-11-30' })).statusCode, 200);
    const refused = await liaison.request('POST', '/api/delegations', { toUserId: stranger.user.id, startDate: '2026-11-01', endDate: '2026-11-30' });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().message, /联络员的工作只能交给本单位的联络员/);
  });

  test('批量移交 refuses a 联络员 or an administrator as receiver and moves nothing', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    const admin = await actingAs(t.app, db, ['sysadmin']);
    const auditor = await actingAs(t.app, db, ['auditor']);
    const created = await register(clerk, leader);
    const seenBefore = await visibleCount(liaison, ['liaison']);

    for (const receiver of [liaison, admin, auditor]) {
      const moved = await admin.request('POST', '/api/work/transfer', { fromUserId: clerk.user.id, toUserId: receiver.user.id, reason: '工作调动' });
      assert.equal(moved.statusCode, 400, moved.body);
      assert.match(moved.json().message, /^不能移交给/);
    }
    const [row] = await db.select({ handlerId: cases.handlerId }).from(cases).where(eq(cases.id, created.id));
    assert.equal(row!.handlerId, clerk.user.id);
    assert.equal(await visibleCount(liaison, ['liaison']), seenBefore);
    assert.equal((await db.select().from(auditLog).where(and(eq(auditLog.action, 'work.transfer'), eq(auditLog.objectId, clerk.user.id)))).length, 0);
  });

  test('a bad delegation row written straight into the database grants nothing', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    const otherLiaison = await actingAs(t.app, db, ['liaison']);
    const created = await register(clerk, leader);
    await assign(clerk, created.id, otherLiaison.user.unitId);
    const seenBefore = await visibleCount(liaison, ['liaison']);

    // Rows the use case would refuse: office work to a 联络员, and another unit's work to a 联络员.
    await db.insert(delegations).values([
      { fromUserId: clerk.user.id, toUserId: liaison.user.id, startDate: '2026-11-01', endDate: '2026-11-30' },
      { fromUserId: otherLiaison.user.id, toUserId: liaison.user.id, startDate: '2026-11-01', endDate: '2026-11-30' },
    ]);
    assert.equal((await identitiesOf({ db, actor: person(liaison, ['liaison']), today: '2026-11-02' })).length, 1);
    assert.equal(await visibleCount(liaison, ['liaison']), seenBefore);
    assert.equal((await liaison.request('GET', `/api/cases/${created.id}`)).statusCode, 404);
    const inbox = (await liaison.request('GET', '/api/inbox')).json() as Array<{ caseId: string }>;
    assert.ok(!inbox.some((item) => item.caseId === created.id));
    const acted = await liaison.request('POST', `/api/cases/${created.id}/actions/sign`, { version: 2, onBehalfOf: otherLiaison.user.id });
    assert.equal(acted.statusCode, 404, acted.body);
  });
});

describe('a 联络员 moved to another unit takes none of the old unit’s work along', () => {
  test('open cases go back to the unit’s other 联络员, delegations end, the old unit’s cases are out of sight', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const admin = await actingAs(t.app, db, ['sysadmin']);
    const oldUnit = await buildUnit(db);
    const newUnit = await buildUnit(db);
    const mover = await actingAs(t.app, db, ['liaison'], { unitId: oldUnit.id });
    const colleague = await actingAs(t.app, db, ['liaison'], { unitId: oldUnit.id });
    // Work of the old unit: a case handled by the mover (a 收文 delivered to the unit) and an assignment.
    const delivered = await createCase({
      db,
      actor: person(clerk, ['clerk']),
      kindId: 'incoming',
      now: t.clock.now(),
      placement: { ownerUnitId: oldUnit.id, handlerId: mover.user.id },
      fields: { fromOrg: '市政府办公室', docType: '通知', title: '关于做好冬季安全生产工作的通知', receivedOn: '2026-11-02', deliveredFrom: clerk.user.id },
    });
    const assigned = await register(clerk, leader);
    await assign(clerk, assigned.id, oldUnit.id);
    await ok(colleague.request('POST', '/api/delegations', { toUserId: mover.user.id, startDate: '2026-11-01', endDate: '2026-11-30' }));
    assert.equal((await mover.request('GET', `/api/cases/${assigned.id}`)).statusCode, 200);

    const current = (await admin.request('GET', `/api/users/${mover.user.id}`)).json();
    await ok(admin.request('PATCH', `/api/users/${mover.user.id}`, { version: current.version, unitId: newUnit.id }));

    const [handled] = await db.select({ handlerId: cases.handlerId }).from(cases).where(eq(cases.id, delivered.id));
    assert.equal(handled!.handlerId, colleague.user.id);
    assert.equal((await db.select().from(workItems).where(eq(workItems.userId, mover.user.id))).length, 0);
    assert.ok((await db.select().from(workItems).where(and(eq(workItems.userId, colleague.user.id), eq(workItems.caseId, delivered.id)))).length > 0);
    assert.ok((await delegationsOf(colleague.user.id)).every((row) => row.isRevoked));
    const trail = (await colleague.request('GET', `/api/cases/${delivered.id}`)).json().events;
    assert.equal(trail.at(-1).action, 'transfer');
    for (const id of [delivered.id, assigned.id]) assert.equal((await mover.request('GET', `/api/cases/${id}`)).statusCode, 404);
    assert.equal((await mover.request('GET', '/api/inbox')).json().length, 0);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.update'), eq(auditLog.objectId, mover.user.id)));
    assert.deepEqual((audit!.details as { released: unknown }).released, { handedOverTo: colleague.user.displayName, cases: 1, revokedDelegations: 1 });
  });

  test('with nobody left in the old unit to take the open work, the move is refused and nothing changes', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const admin = await actingAs(t.app, db, ['sysadmin']);
    const oldUnit = await buildUnit(db);
    const newUnit = await buildUnit(db);
    const mover = await actingAs(t.app, db, ['liaison'], { unitId: oldUnit.id });
    await createCase({
      db,
      actor: person(clerk, ['clerk']),
      kindId: 'incoming',
      now: t.clock.now(),
      placement: { ownerUnitId: oldUnit.id, handlerId: mover.user.id },
      fields: { fromOrg: '市政府办公室', docType: '通知', title: '关于做好冬季防火工作的通知', receivedOn: '2026-11-02', deliveredFrom: clerk.user.id },
    });
    const current = (await admin.request('GET', `/api/users/${mover.user.id}`)).json();
    const refused = await admin.request('PATCH', `/api/users/${mover.user.id}`, { version: current.version, unitId: newUnit.id });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().message, /原单位没有其他在职联络员/);
    assert.equal((await admin.request('GET', `/api/users/${mover.user.id}`)).json().unitId, oldUnit.id);
  });
});

const ok = async (pending: Promise<{ statusCode: number; body: string }>) => {
  const response = await pending;
  assert.equal(response.statusCode, 200, response.body);
  return response;
};
