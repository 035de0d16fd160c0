import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../db/schema/index.js';
import { buildUser, signIn, STRONG_PASSWORD } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

const auditOf = async (actorName: string) =>
  (await t.database.db.select().from(auditLog).where(eq(auditLog.actorName, actorName))).map((row) => `${row.action}:${row.result}`);

describe('sign-in', () => {
  test('sets an HttpOnly SameSite=Strict cookie and returns the user with permissions', async () => {
    const user = await buildUser(t.database.db, { roles: ['sysadmin'] });
    const response = await login(user.username, STRONG_PASSWORD);
    assert.equal(response.statusCode, 200);
    const cookie = response.cookies.find((c) => c.name === 'fuban_sid');
    assert.ok(cookie && cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Strict');
    assert.ok(cookie.value.length >= 40);
    const body = response.json();
    assert.equal(body.username, user.username);
    assert.ok(body.permissions.includes('user.manage'));
    assert.ok(!body.permissions.includes('audit.read'));
    assert.deepEqual(await auditOf(user.username), ['auth.login:success']);
  });

  test('unknown user and wrong password get the same answer and are audited', async () => {
    const user = await buildUser(t.database.db);
    const wrong = await login(user.username, 'Wrong#Pass1');
    const unknown = await login('nobody-here', 'Wrong#Pass1');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.equal(wrong.json().message, '用户名或密码错误');
    assert.deepEqual(await auditOf('nobody-here'), ['auth.login:failure']);
  });

  test('empty fields are a validation error in Chinese, not a crash', async () => {
    const response = await login('', '');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().code, 'VALIDATION');
    assert.match(response.json().message, /请输入用户名/);
  });

  test('a disabled account cannot sign in', async () => {
    const user = await buildUser(t.database.db);
    await t.database.db.execute(`update users set is_active = false where id = '${user.id}'` as never);
    assert.equal((await login(user.username, STRONG_PASSWORD)).statusCode, 401);
  });

  test('each sign-in gets a new session id, and a session cookie sent at sign-in is ended', async () => {
    const user = await buildUser(t.database.db);
    const first = await signIn(t.app, user.username);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first },
      payload: { username: user.username, password: STRONG_PASSWORD },
    });
    const second = `fuban_sid=${response.cookies.find((c) => c.name === 'fuban_sid')!.value}`;
    assert.notEqual(first, second);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: first } })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: second } })).statusCode, 200);
  });
});

describe('lockout', () => {
  test('five failures lock the account; the right password is then refused; it opens after 5 minutes', async () => {
    const user = await buildUser(t.database.db);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      assert.equal((await login(user.username, 'Wrong#Pass1')).statusCode, 401);
    }
    const fifth = await login(user.username, 'Wrong#Pass1');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json().code, 'ACCOUNT_LOCKED');
    const sixth = await login(user.username, STRONG_PASSWORD);
    assert.equal(sixth.statusCode, 423);
    assert.match(sixth.json().message, /已锁定/);
    const trail = await auditOf(user.username);
    assert.equal(trail.filter((entry) => entry === 'auth.login:failure').length, 6);
    assert.equal(trail.filter((entry) => entry === 'auth.lockout:success').length, 1);

    t.clock.advance(5 * 60_000 + 1_000);
    assert.equal((await login(user.username, STRONG_PASSWORD)).statusCode, 200);
  });

  test('after the lock runs out, counting starts again from zero', async () => {
    const user = await buildUser(t.database.db);
    for (let attempt = 0; attempt < 5; attempt += 1) await login(user.username, 'Wrong#Pass1');
    t.clock.advance(6 * 60_000);
    assert.equal((await login(user.username, 'Wrong#Pass1')).statusCode, 401); // 1st of a new count, not a new lock
    assert.equal((await login(user.username, STRONG_PASSWORD)).statusCode, 200);
  });

  test('the threshold and duration follow the security policy', async () => {
    const secadmin = await buildUser(t.database.db, { roles: ['secadmin'] });
    const cookie = await signIn(t.app, secadmin.username);
    const policy = (await t.app.inject({ url: '/api/security-policy', headers: { cookie } })).json();
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/security-policy',
      headers: { cookie },
      payload: { ...policy, lockoutThreshold: 3, lockoutMinutes: 10 },
    });
    assert.equal(changed.statusCode, 200);
    try {
      const user = await buildUser(t.database.db);
      for (let attempt = 0; attempt < 2; attempt += 1) await login(user.username, 'Wrong#Pass1');
      assert.equal((await login(user.username, 'Wrong#Pass1')).statusCode, 423);
      t.clock.advance(6 * 60_000);
      assert.equal((await login(user.username, STRONG_PASSWORD)).statusCode, 423);
    } finally {
      await t.app.inject({ method: 'PUT', url: '/api/security-policy', headers: { cookie }, payload: { ...policy, version: changed.json().version } });
    }
  });
});

describe('sessions', () => {
  test('idle for 30 minutes ends the session, and the row is deleted', async () => {
    const user = await buildUser(t.database.db);
    const cookie = await signIn(t.app, user.username);
    t.clock.advance(29 * 60_000);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode, 200);
    t.clock.advance(29 * 60_000); // activity above restarted the idle count
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode, 200);
    t.clock.advance(31 * 60_000);
    const expired = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    assert.equal(expired.statusCode, 401);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    assert.equal(rows.length, 0);
  });

  test('a session ends after 8 hours even when active', async () => {
    const user = await buildUser(t.database.db);
    const cookie = await signIn(t.app, user.username);
    const me = () => t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    for (let step = 0; step < 23; step += 1) {
      t.clock.advance(20 * 60_000); // never idle: 23 × 20 min = 7 h 40 min
      assert.equal((await me()).statusCode, 200);
    }
    t.clock.advance(19 * 60_000); // 7 h 59 min
    assert.equal((await me()).statusCode, 200);
    t.clock.advance(2 * 60_000); // 8 h 1 min
    const ended = await me();
    assert.equal(ended.statusCode, 401);
    assert.match(ended.json().message, /登录时间已满/);
  });

  test('logout deletes the session: replaying the old cookie gets 401', async () => {
    const user = await buildUser(t.database.db);
    const cookie = await signIn(t.app, user.username);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode, 401);
    assert.deepEqual(await auditOf(user.username), ['auth.login:success', 'auth.logout:success']);
  });
});

describe('own password', () => {
  test('an initial password must be changed before anything else; the policy applies', async () => {
    const user = await buildUser(t.database.db, { roles: ['sysadmin'], mustChangePassword: true });
    const cookie = await signIn(t.app, user.username);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    assert.equal(me.json().mustChangePassword, true);
    const blocked = await t.app.inject({ url: '/api/units', headers: { cookie } });
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().code, 'PASSWORD_CHANGE_REQUIRED');
    // What the new password must be is there before the first try, during the forced change too; not without a session.
    const rules = await t.app.inject({ url: '/api/auth/password-rules', headers: { cookie } });
    assert.equal(rules.statusCode, 200, rules.body);
    assert.deepEqual(rules.json(), { minLength: 8, requireCharClasses: 3, rejectCommonPasswords: true });
    assert.equal((await t.app.inject({ url: '/api/auth/password-rules' })).statusCode, 401);

    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword, newPassword } });
    assert.equal((await change('Wrong#Pass1', 'New#Password99')).json().message, '原密码不正确');
    assert.match((await change(STRONG_PASSWORD, 'short')).json().message, /不得少于 8 位/);
    assert.match((await change(STRONG_PASSWORD, 'alllowercase')).json().message, /至少 3 类/);
    assert.match((await change(STRONG_PASSWORD, 'P@ssw0rd')).json().message, /过于常见/);
    assert.equal((await change(STRONG_PASSWORD, 'New#Password99')).statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/units', headers: { cookie } })).statusCode, 200);
    assert.equal((await login(user.username, 'New#Password99')).statusCode, 200);
  });

  test('a password older than 90 days must be changed', async () => {
    const old = new Date(Date.now() - 91 * 86_400_000);
    const user = await buildUser(t.database.db, { roles: ['clerk'], passwordChangedAt: old });
    const cookie = await signIn(t.app, user.username);
    const me = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
    assert.equal(me.mustChangePassword, true);
    assert.equal((await t.app.inject({ url: '/api/units', headers: { cookie } })).statusCode, 403);
  });

  test('changing the password ends the user’s other sessions', async () => {
    const user = await buildUser(t.database.db);
    const laptop = await signIn(t.app, user.username);
    const phone = await signIn(t.app, user.username);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: laptop },
      payload: { currentPassword: STRONG_PASSWORD, newPassword: 'Another#Pass77' },
    });
    assert.equal(changed.statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: laptop } })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: phone } })).statusCode, 401);
  });
});

describe('password history', () => {
  test('the last 5 passwords are refused with a clear message; an older one is accepted again', async () => {
    const user = await buildUser(t.database.db);
    const cookie = await signIn(t.app, user.username);
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword, newPassword } });
    const chosen = ['Hist#Pass2026a', 'Hist#Pass2026b', 'Hist#Pass2026c', 'Hist#Pass2026d', 'Hist#Pass2026e'];
    let current = STRONG_PASSWORD;
    for (const next of chosen) {
      const response = await change(current, next);
      assert.equal(response.statusCode, 204, response.body);
      current = next;
    }
    // The current one and the four before it: each refused, in Chinese, and nothing changes.
    for (const reused of chosen.slice(0, 4)) {
      const refused = await change(current, reused);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json().message, /不能与最近 5 次使用过的密码相同/);
    }
    assert.equal((await login(user.username, current)).statusCode, 200);
    // The password before those five has left the history.
    assert.equal((await change(current, STRONG_PASSWORD)).statusCode, 204);
  });
});
