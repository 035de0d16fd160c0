import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, desc, eq, gt, max } from 'drizzle-orm';
import { auditLog, units, userRoles, users } from '../../db/schema/index.js';
import { grantAdmin, revokeAdmin } from '../../cli/admin-commands.js';
import { actingAs, buildUnit, buildUser, signIn } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const lastAuditId = async () => (await t.database.db.select({ id: max(auditLog.id) }).from(auditLog))[0]!.id ?? 0;

describe('units', () => {
  test('the system administrator creates, edits and disables a unit, each change audited', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const root = await buildUnit(t.database.db, { type: 'other' });
    const created = await admin.request('POST', '/api/units', {
      parentId: root.id,
      name: '示例市审计局',
      code: 'sjj-test',
      type: 'department',
      sortOrder: 5,
    });
    assert.equal(created.statusCode, 200, created.body);
    const unit = created.json();
    assert.equal(unit.version, 1);
    const renamed = await admin.request('PATCH', `/api/units/${unit.id}`, { version: 1, name: '示例市审计局（新）' });
    assert.equal(renamed.json().name, '示例市审计局（新）');
    const stale = await admin.request('PATCH', `/api/units/${unit.id}`, { version: 1, isActive: false });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'CONFLICT');
    const disabled = await admin.request('PATCH', `/api/units/${unit.id}`, { version: 2, isActive: false });
    assert.equal(disabled.json().isActive, false);
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, unit.id))).map((r) => r.action);
    assert.deepEqual(actions, ['unit.create', 'unit.update', 'unit.update']);
  });

  test('bad input is refused with a Chinese message and writes nothing', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const before = await t.database.db.select({ n: count() }).from(units);
    const bad = await admin.request('POST', '/api/units', { parentId: null, name: '局', code: '空 格', type: 'planet' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'VALIDATION');
    assert.match(bad.json().message, /输入有误/);
    assert.ok(Array.isArray(bad.json().details.fields));
    const after = await t.database.db.select({ n: count() }).from(units);
    assert.deepEqual(after, before);
  });

  test('a duplicate unit code is a conflict', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const existing = await buildUnit(t.database.db);
    const clash = await admin.request('POST', '/api/units', { parentId: null, name: '重复单位', code: existing.code, type: 'other' });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.json().message, /已被使用/);
  });

  test('a unit cannot be moved under its own descendant', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const parent = await buildUnit(t.database.db, { type: 'district' });
    const child = await buildUnit(t.database.db, { type: 'township', parentId: parent.id });
    const loop = await admin.request('PATCH', `/api/units/${parent.id}`, { version: parent.version, parentId: child.id });
    assert.equal(loop.statusCode, 400);
    assert.match(loop.json().message, /下级单位/);
  });
});

describe('unit scope', () => {
  test('a 联络员 sees only their own unit and its people; another unit is 404', async () => {
    const own = await buildUnit(t.database.db);
    const other = await buildUnit(t.database.db);
    const colleague = await buildUser(t.database.db, { unitId: own.id });
    const stranger = await buildUser(t.database.db, { unitId: other.id });
    const liaison = await actingAs(t.app, t.database.db, ['liaison'], { unitId: own.id });

    const list = (await liaison.request('GET', '/api/units')).json();
    assert.deepEqual(list.map((u: { id: string }) => u.id), [own.id]);
    assert.equal((await liaison.request('GET', `/api/units/${own.id}`)).statusCode, 200);
    const hidden = await liaison.request('GET', `/api/units/${other.id}`);
    assert.equal(hidden.statusCode, 404);
    assert.equal(hidden.json().code, 'NOT_FOUND');
    // An account's admin view needs user.read, as the list does: a 联络员 reads their own, not a colleague's.
    assert.equal((await liaison.request('GET', `/api/users/${liaison.user.id}`)).statusCode, 200);
    assert.equal((await liaison.request('GET', `/api/users/${colleague.id}`)).statusCode, 403);
    assert.equal((await liaison.request('GET', `/api/users/${stranger.id}`)).statusCode, 403);
    const admin = await actingAs(t.app, t.database.db, ['sysadmin'], { unitId: own.id });
    assert.equal((await admin.request('GET', `/api/users/${colleague.id}`)).statusCode, 200);
    assert.equal((await liaison.request('GET', '/api/users/00000000-0000-4000-8000-000000000000')).statusCode, 403);
  });

  test('office staff see every unit', async () => {
    const other = await buildUnit(t.database.db);
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await clerk.request('GET', `/api/units/${other.id}`)).statusCode, 200);
  });
});

describe('users', () => {
  test('create → the new user must change the initial password; lock and unlock are audited', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const unit = await buildUnit(t.database.db);
    const created = await admin.request('POST', '/api/users', {
      username: 'wang.fang',
      displayName: '王芳',
      unitId: unit.id,
      phone: '13812345678',
      initialPassword: 'Init#Pass2026',
    });
    assert.equal(created.statusCode, 200, created.body);
    const user = created.json();
    assert.equal(user.mustChangePassword, true);
    assert.equal(user.phone, '13812345678'); // the account manager sees it whole

    const locked = await admin.request('POST', `/api/users/${user.id}/lock`, { version: 1 });
    assert.equal(locked.json().isLocked, true);
    const signInLocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang.fang', password: 'Init#Pass2026' } });
    assert.equal(signInLocked.statusCode, 423);
    const unlocked = await admin.request('POST', `/api/users/${user.id}/unlock`, { version: 2 });
    assert.equal(unlocked.json().isLocked, false);
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, user.id))).map((r) => r.action);
    assert.deepEqual(actions, ['user.create', 'user.lock', 'user.unlock']);
  });

  test('a duplicate username is a conflict', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const existing = await buildUser(t.database.db);
    const clash = await admin.request('POST', '/api/users', {
      username: existing.username,
      displayName: '重名',
      unitId: existing.unitId,
      initialPassword: 'Init#Pass2026',
    });
    assert.equal(clash.statusCode, 409);
  });

  test('phone numbers are masked for readers who do not manage accounts', async () => {
    const target = await buildUser(t.database.db, { phone: '13912345678' });
    const secadmin = await actingAs(t.app, t.database.db, ['secadmin']);
    assert.equal((await secadmin.request('GET', `/api/users/${target.id}`)).json().phone, '139****5678');
  });

  test('search by name, unit and role', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const unit = await buildUnit(t.database.db);
    const a = await buildUser(t.database.db, { unitId: unit.id, roles: ['inspector'] });
    await buildUser(t.database.db, { unitId: unit.id, roles: ['clerk'] });
    const page = (await admin.request('GET', `/api/users?unitId=${unit.id}&role=inspector`)).json();
    assert.equal(page.total, 1);
    assert.equal(page.items[0].id, a.id);
    const byName = (await admin.request('GET', `/api/users?q=${encodeURIComponent(a.username)}`)).json();
    assert.deepEqual(byName.items.map((u: { id: string }) => u.id), [a.id]);
  });

  test('a disabled account loses its sessions at once', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const target = await buildUser(t.database.db);
    const cookie = await signIn(t.app, target.username);
    await admin.request('PATCH', `/api/users/${target.id}`, { version: target.version, isActive: false });
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode, 401);
  });
});

describe('roles and the separation of the three administrators (三员分立)', () => {
  test('only the security administrator assigns roles, never to themself', async () => {
    const target = await buildUser(t.database.db);
    const sysadmin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const secadmin = await actingAs(t.app, t.database.db, ['secadmin']);
    assert.equal((await sysadmin.request('PUT', `/api/users/${target.id}/roles`, { version: 1, roles: ['clerk'] })).statusCode, 403);
    const granted = await secadmin.request('PUT', `/api/users/${target.id}/roles`, { version: 1, roles: ['clerk', 'inspector'] });
    assert.equal(granted.statusCode, 200);
    assert.deepEqual(granted.json().roles.sort(), ['clerk', 'inspector']);
    const self = await secadmin.request('PUT', `/api/users/${secadmin.user.id}/roles`, { version: 1, roles: ['secadmin', 'leader'] });
    assert.equal(self.statusCode, 403);
  });

  test('two administrator roles, or an administrator role with a business role, cannot share an account', async () => {
    const target = await buildUser(t.database.db);
    const secadmin = await actingAs(t.app, t.database.db, ['secadmin']);
    const two = await secadmin.request('PUT', `/api/users/${target.id}/roles`, { version: 1, roles: ['sysadmin', 'auditor'] });
    assert.equal(two.statusCode, 400);
    assert.match(two.json().message, /不能由同一账号兼任/);
    const mixed = await secadmin.request('PUT', `/api/users/${target.id}/roles`, { version: 1, roles: ['auditor', 'leader'] });
    assert.equal(mixed.statusCode, 400);
  });

  test('the system administrator cannot read the audit log nor touch the other administrators’ accounts', async () => {
    const sysadmin = await actingAs(t.app, t.database.db, ['sysadmin']);
    assert.equal((await sysadmin.request('GET', '/api/audit')).statusCode, 403);
    const auditorAccount = await buildUser(t.database.db, { roles: ['auditor'] });
    const reset = await sysadmin.request('POST', `/api/users/${auditorAccount.id}/password-resets`, { reason: '忘记密码' });
    assert.equal(reset.statusCode, 403);
  });

  test('no HTTP route grants or revokes an administrator role, nor touches an administrator account', async () => {
    const secadmin = await actingAs(t.app, t.database.db, ['secadmin']);
    const sysadmin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const auditorAccount = await buildUser(t.database.db, { roles: ['auditor'] });
    const otherSysadmin = await buildUser(t.database.db, { roles: ['sysadmin'] });
    const plain = await buildUser(t.database.db);
    const revoke = await secadmin.request('PUT', `/api/users/${auditorAccount.id}/roles`, { version: 1, roles: [] });
    assert.equal(revoke.statusCode, 403);
    assert.match(revoke.json().message, /命令行/);
    for (const role of ['sysadmin', 'secadmin', 'auditor']) {
      const grant = await secadmin.request('PUT', `/api/users/${plain.id}/roles`, { version: 1, roles: [role] });
      assert.equal(grant.statusCode, 403, role);
    }
    const attempts = [
      sysadmin.request('PATCH', `/api/users/${otherSysadmin.id}`, { version: 1, isActive: false }),
      sysadmin.request('POST', `/api/users/${otherSysadmin.id}/lock`, { version: 1 }),
      sysadmin.request('PATCH', `/api/users/${auditorAccount.id}`, { version: 1, displayName: '改名' }),
      sysadmin.request('POST', `/api/users/${auditorAccount.id}/lock`, { version: 1 }),
    ];
    for (const response of await Promise.all(attempts)) assert.equal(response.statusCode, 403, response.body);
    const rolesOf = async (id: string) => (await t.database.db.select().from(userRoles).where(eq(userRoles.userId, id))).map((r) => r.role);
    assert.deepEqual(await rolesOf(auditorAccount.id), ['auditor']);
    assert.deepEqual(await rolesOf(plain.id), []);
    const [auditorRow] = await t.database.db.select().from(users).where(eq(users.id, auditorAccount.id));
    assert.equal(auditorRow!.version, 1);
    assert.equal(auditorRow!.isActive, true);
  });

  test('the command line grants and revokes the administrator roles, audited', async () => {
    const account = await buildUser(t.database.db);
    await grantAdmin({ db: t.database.db, username: account.username, role: 'auditor' });
    await assert.rejects(grantAdmin({ db: t.database.db, username: account.username, role: 'secadmin' }), /已有角色/);
    await revokeAdmin({ db: t.database.db, username: account.username });
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, account.id))).map((r) => `${r.action}:${r.actorName}`);
    assert.deepEqual(actions, ['admin.grant:fuban-cli', 'admin.revoke:fuban-cli']);
  });

  test('the audit administrator reads the audit log and can change nothing', async () => {
    const auditor = await actingAs(t.app, t.database.db, ['auditor']);
    const page = await auditor.request('GET', `/api/audit?actor=${auditor.user.username}`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().items[0].action, 'auth.login');
    const unit = await buildUnit(t.database.db);
    const target = await buildUser(t.database.db, { unitId: unit.id });
    const before = await lastAuditId();
    const attempts = [
      auditor.request('POST', '/api/units', { parentId: null, name: '审计员建的单位', code: 'by-auditor', type: 'other' }),
      auditor.request('PATCH', `/api/units/${unit.id}`, { version: 1, name: '改名' }),
      auditor.request('POST', '/api/users', { username: 'by.auditor', displayName: '某某', unitId: unit.id, initialPassword: 'Init#Pass2026' }),
      auditor.request('PATCH', `/api/users/${target.id}`, { version: 1, displayName: '改名' }),
      auditor.request('POST', `/api/users/${target.id}/password-resets`, { reason: '忘记密码' }),
      auditor.request('POST', `/api/users/${target.id}/lock`, { version: 1 }),
      auditor.request('PUT', `/api/users/${target.id}/roles`, { version: 1, roles: ['clerk'] }),
      auditor.request('PUT', '/api/security-policy', { minLength: 8, requireCharClasses: 3, rejectCommonPasswords: true, maxAgeDays: 90, lockoutThreshold: 5, lockoutMinutes: 5, idleTimeoutMinutes: 30, absoluteTimeoutHours: 8, version: 1 }),
    ];
    for (const response of await Promise.all(attempts)) assert.equal(response.statusCode, 403, response.body);
    // Nor does the auditor see business data such as the unit tree and the people in it.
    assert.equal((await auditor.request('GET', '/api/units')).statusCode, 403);
    assert.equal((await auditor.request('GET', `/api/users/${target.id}`)).statusCode, 403);
    // Each refusal leaves one row of its own, and nothing else was written.
    const written = await t.database.db.select().from(auditLog).where(gt(auditLog.id, before));
    assert.equal(written.length, attempts.length + 2);
    assert.ok(written.every((row) => row.action === 'access.denied' && row.result === 'failure' && row.actorId === auditor.user.id));
    const [row] = await t.database.db.select().from(users).where(eq(users.id, target.id));
    assert.equal(row!.version, 1);
  });

  test('no route lets anyone edit or delete an audit record, and the database refuses it too', async () => {
    const refused = (error: Error & { cause?: Error }) => /append-only/.test(error.cause?.message ?? error.message);
    await assert.rejects(t.database.db.update(auditLog).set({ result: 'failure' }), refused);
    await assert.rejects(t.database.db.delete(auditLog), refused);
  });
});

describe('the API surface', () => {
  test('every route but sign-in and health needs a session', async () => {
    for (const url of ['/api/units', '/api/users', '/api/roles', '/api/audit', '/api/security-policy', '/api/auth/me']) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 401, url);
      assert.equal(response.json().code, 'UNAUTHENTICATED');
    }
    assert.equal((await t.app.inject({ url: '/api/health' })).statusCode, 200);
  });

  test('errors never carry a stack trace, and security headers are set', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{broken' });
    assert.equal(response.statusCode, 400);
    assert.doesNotMatch(response.body, /at .*\.(js|ts)/);
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });

  test('the OpenAPI document lists the routes with their schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    assert.ok(doc.paths['/api/auth/login'].post.requestBody);
    assert.ok(doc.paths['/api/users/{id}/roles'].put);
    assert.equal((await t.app.inject({ url: '/api/docs/' })).statusCode, 200);
  });
});

describe('refusals', () => {
  test('the audit administrator may not read the staff directory, and the refusal is audited', async () => {
    const auditor = await actingAs(t.app, t.database.db, ['auditor']);
    const refused = await auditor.request('GET', '/api/colleagues');
    assert.equal(refused.statusCode, 403);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, auditor.user.id)));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.result, 'failure');
    assert.deepEqual(
      { route: rows[0]!.details?.route, method: rows[0]!.details?.method, permission: rows[0]!.details?.permission },
      { route: '/api/colleagues', method: 'GET', permission: 'case.work' },
    );
    assert.ok(rows[0]!.ip);
  });

  test('every 403 writes exactly one audit row, also when a use case refuses inside its transaction', async () => {
    const secadmin = await actingAs(t.app, t.database.db, ['secadmin']);
    const before = await lastAuditId();
    // Refused by a route guard (no permission) and by a use case (roles for oneself).
    const guard = await secadmin.request('POST', '/api/units', { parentId: null, name: '安全员建的单位', code: 'by-sec', type: 'other' });
    const self = await secadmin.request('PUT', `/api/users/${secadmin.user.id}/roles`, { version: 1, roles: ['clerk'] });
    assert.equal(guard.statusCode, 403);
    assert.equal(self.statusCode, 403);
    const written = await t.database.db.select().from(auditLog).where(gt(auditLog.id, before)).orderBy(desc(auditLog.id));
    assert.deepEqual(written.map((row) => row.action), ['access.denied', 'access.denied']);
    assert.equal(written[1]!.details?.permission, 'unit.manage');
    assert.equal(written[0]!.objectId, secadmin.user.id);
  });
});

describe('pickers', () => {
  test('leaders for a 批示; a 联络员’s colleagues are in their unit only, and never administrators', async () => {
    const leader = await buildUser(t.database.db, { roles: ['leader'] });
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const leaders = (await clerk.request('GET', '/api/leaders')).json();
    assert.ok(leaders.some((p: { id: string }) => p.id === leader.id));

    const unit = await buildUnit(t.database.db);
    const mate = await buildUser(t.database.db, { unitId: unit.id, roles: ['liaison'] });
    const outsider = await buildUser(t.database.db, { roles: ['liaison'] });
    const admin = await buildUser(t.database.db, { unitId: unit.id, roles: ['sysadmin'] });
    const liaison = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unit.id });
    const ids = (await liaison.request('GET', '/api/colleagues')).json().map((p: { id: string }) => p.id);
    assert.ok(ids.includes(mate.id));
    assert.ok(!ids.includes(outsider.id));
    assert.ok(!ids.includes(admin.id));
    assert.ok(!ids.includes(liaison.user.id));
  });
});
