import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, passwordResets, users } from '../../db/schema/index.js';
import { resetPasswordFromCli } from '../../cli/admin-commands.js';
import { actingAs, buildUser, STRONG_PASSWORD } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('password reset under the two-person rule', () => {
  test('the request alone changes nothing; after approval each half alone fails, both together sign in', async () => {
    const sysadmin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const secadmin = await actingAs(t.app, t.database.db, ['secadmin']);
    const leader = await buildUser(t.database.db, { roles: ['leader'] });

    const requested = await sysadmin.request('POST', `/api/users/${leader.id}/password-resets`, { reason: '领导忘记密码' });
    assert.equal(requested.statusCode, 200, requested.body);
    const first = requested.json().half as string;
    assert.equal(requested.json().request.status, 'pending');
    // Nothing the sysadmin holds signs in: the old password still works, the half does not.
    assert.equal((await login(leader.username, first)).statusCode, 401);
    assert.equal((await login(leader.username, STRONG_PASSWORD)).statusCode, 200);
    const [stillOld] = await t.database.db.select().from(users).where(eq(users.id, leader.id));
    assert.equal(stillOld!.mustChangePassword, false);
    // The sysadmin cannot approve, and a second request for the same user waits for the first.
    assert.equal((await sysadmin.request('POST', `/api/password-resets/${requested.json().request.id}/approve`)).statusCode, 403);
    assert.equal((await sysadmin.request('POST', `/api/users/${leader.id}/password-resets`, { reason: '再次申请' })).statusCode, 409);

    const pending = (await secadmin.request('GET', '/api/password-resets')).json();
    const listed = pending.find((row: { id: string }) => row.id === requested.json().request.id);
    assert.equal(listed.requestedByName, sysadmin.user.displayName);
    assert.equal(listed.reason, '领导忘记密码');
    assert.ok(!JSON.stringify(pending).includes(first), 'the list never shows the first half');

    const approved = await secadmin.request('POST', `/api/password-resets/${listed.id}/approve`);
    assert.equal(approved.statusCode, 200, approved.body);
    const second = approved.json().half as string;
    assert.ok(!approved.body.includes(first), 'the approval answer holds no first half');
    for (const alone of [first, second, STRONG_PASSWORD]) assert.equal((await login(leader.username, alone)).statusCode, 401, alone);
    const signedIn = await login(leader.username, `${first}${second}`);
    assert.equal(signedIn.statusCode, 200);
    const me = signedIn.json();
    assert.equal(me.mustChangePassword, true);
    assert.deepEqual(
      { via: me.passwordReset.via, requestedByName: me.passwordReset.requestedByName, approvedByName: me.passwordReset.approvedByName },
      { via: 'approval', requestedByName: sysadmin.user.displayName, approvedByName: secadmin.user.displayName },
    );
    // Forced change before anything else, then the notice is gone.
    const cookie = `fuban_sid=${signedIn.cookies.find((c) => c.name === 'fuban_sid')!.value}`;
    assert.equal((await t.app.inject({ url: '/api/leaders', headers: { cookie } })).statusCode, 403);
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: `${first}${second}`, newPassword: 'Leader#New2026' } });
    assert.equal(changed.statusCode, 204, changed.body);
    const after = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
    assert.equal(after.passwordReset, null);
    assert.equal(after.mustChangePassword, false);

    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, leader.id))).map((r) => r.action);
    assert.deepEqual(actions.filter((a) => a.startsWith('user.password_reset')), ['user.password_reset_request', 'user.password_reset_approve']);
    const [row] = await t.database.db.select().from(passwordResets).where(eq(passwordResets.id, listed.id));
    assert.equal(row!.requesterHalf, null);
    assert.equal(row!.status, 'completed');
  });

  test('a rejected request changes nothing; a request older than 72 hours lapses', async () => {
    const sysadmin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const secadmin = await actingAs(t.app, t.database.db, ['secadmin']);
    const user = await buildUser(t.database.db, { roles: ['clerk'] });
    const first = (await sysadmin.request('POST', `/api/users/${user.id}/password-resets`, { reason: '测试拒绝' })).json();
    const rejected = await secadmin.request('POST', `/api/password-resets/${first.request.id}/reject`);
    assert.equal(rejected.json().status, 'rejected');
    assert.equal((await secadmin.request('POST', `/api/password-resets/${first.request.id}/approve`)).statusCode, 422);
    assert.equal((await login(user.username, STRONG_PASSWORD)).statusCode, 200);

    const second = (await sysadmin.request('POST', `/api/users/${user.id}/password-resets`, { reason: '过期' })).json();
    await t.database.db
      .update(passwordResets)
      .set({ requestedAt: new Date(Date.now() - 73 * 3_600_000) })
      .where(eq(passwordResets.id, second.request.id));
    const lapsed = await secadmin.request('POST', `/api/password-resets/${second.request.id}/approve`);
    assert.equal(lapsed.statusCode, 422);
    assert.match(lapsed.json().message, /72 小时/);
    const [row] = await t.database.db.select().from(passwordResets).where(eq(passwordResets.id, second.request.id));
    assert.deepEqual({ status: row!.status, half: row!.requesterHalf }, { status: 'expired', half: null });
  });

  test('the command-line reset is the audited break-glass path, and the user is told', async () => {
    const user = await buildUser(t.database.db, { roles: ['clerk'] });
    await resetPasswordFromCli({ db: t.database.db, username: user.username, password: 'Break#Glass2026' });
    const me = (await login(user.username, 'Break#Glass2026')).json();
    assert.equal(me.mustChangePassword, true);
    assert.equal(me.passwordReset.via, 'cli');
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, user.id), eq(auditLog.action, 'user.password_reset')));
    assert.equal(audits[0]!.actorName, 'fuban-cli');
  });
});
