import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { calendarCommand, type WithDatabase } from '../../cli/calendar-commands.js';
import { auditLog, calendarOverrides } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { actingAs, buildUser } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { calendarWarnings, forgetCachedCalendar, loadCalendar, setOverride } from './calendar.service.js';

let t: TestContext;
let app: FastifyInstance;
let db: Db;
before(async () => {
  forgetCachedCalendar();
  t = await startTestApp();
  app = t.app;
  db = t.database.db;
});
after(() => t.close());

/** A hand-made actor for calling use cases directly, as the session would build it. */
const calendarAdmin = async (): Promise<Actor> => {
  const user = await buildUser(db, { roles: ['sysadmin'] });
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    roles: ['sysadmin'],
    permissions: new Set(['calendar.manage']),
    scope: 'all',
    ip: null,
  };
};

const auditActions = async (date: string) =>
  (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, date))).map((row) => row.action);

describe('GET /api/calendar/:year', () => {
  test('any signed-in user reads every day of a year', async () => {
    const clerk = await actingAs(app, db, ['clerk']);
    const response = await clerk.request('GET', '/api/calendar/2026');
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json();
    assert.equal(view.hasOfficialData, true);
    assert.equal(view.days.length, 365);
    assert.deepEqual(view.days[273], { date: '2026-10-01', isWorkday: false, isWeekend: false, name: '国庆节', source: 'official' });
    assert.equal((await clerk.request('GET', '/api/calendar/2095')).json().hasOfficialData, false);
    assert.equal((await clerk.request('GET', '/api/calendar/abc')).statusCode, 400);
    assert.equal((await app.inject({ method: 'GET', url: '/api/calendar/2026' })).statusCode, 401);
  });
});

describe('overrides', () => {
  test('set → audited and visible at once → 409 on a stale version → delete', async () => {
    const admin = await actingAs(app, db, ['sysadmin']);
    const date = '2098-03-10';
    const url = `/api/calendar/overrides/${date}`;
    const created = await admin.request('PUT', url, { kind: 'holiday', note: '地方假日', source: '市政府通知' });
    assert.equal(created.statusCode, 200, created.body);
    assert.equal(created.json().version, 1);
    assert.equal(created.json().updatedBy, admin.user.id);
    assert.deepEqual(await auditActions(date), ['calendar.override_set']);
    // This process forgets its cached calendar on a change: the next read sees it.
    const year = (await admin.request('GET', '/api/calendar/2098')).json();
    assert.equal(year.hasOfficialData, true);
    assert.deepEqual(year.days.find((day: { date: string }) => day.date === date), {
      date,
      isWorkday: false,
      isWeekend: false,
      name: '地方假日',
      source: 'override',
    });

    const again = await admin.request('PUT', url, { kind: 'workday', note: '重复', source: '市政府通知' });
    assert.equal(again.statusCode, 409);
    const changed = await admin.request('PUT', url, { kind: 'normal', note: '取消', source: '市政府通知', version: 1 });
    assert.equal(changed.json().version, 2);
    const stale = await admin.request('PUT', url, { kind: 'holiday', note: '过时', source: '市政府通知', version: 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'CONFLICT');

    const listed = (await admin.request('GET', '/api/calendar/overrides')).json();
    assert.ok(listed.some((row: { date: string; kind: string }) => row.date === date && row.kind === 'normal'));

    assert.equal((await admin.request('DELETE', `${url}?version=1`)).statusCode, 409);
    assert.equal((await admin.request('DELETE', `${url}?version=2`)).statusCode, 204);
    assert.equal((await admin.request('DELETE', `${url}?version=2`)).statusCode, 404);
    assert.deepEqual(await auditActions(date), ['calendar.override_set', 'calendar.override_set', 'calendar.override_delete']);
    assert.equal((await loadCalendar({ db })).describeDay(date).source, 'weekday');
  });

  test('only calendar.manage may list or change overrides; bad input is a 400', async () => {
    const clerk = await actingAs(app, db, ['clerk']);
    assert.equal((await clerk.request('GET', '/api/calendar/overrides')).statusCode, 403);
    assert.equal((await clerk.request('PUT', '/api/calendar/overrides/2098-04-01', { kind: 'holiday', note: 'x', source: 'y' })).statusCode, 403);
    const admin = await actingAs(app, db, ['sysadmin']);
    assert.equal((await admin.request('PUT', '/api/calendar/overrides/2098-02-30', { kind: 'holiday', note: 'x', source: 'y' })).statusCode, 400);
    const badKind = await admin.request('PUT', '/api/calendar/overrides/2098-04-01', { kind: 'vacation', note: 'x', source: 'y' });
    assert.equal(badKind.statusCode, 400);
    const noSource = await admin.request('PUT', '/api/calendar/overrides/2098-04-01', { kind: 'holiday', note: 'x', source: ' ' });
    assert.match(noSource.json().message, /依据/);
    assert.equal((await db.select().from(calendarOverrides).where(eq(calendarOverrides.date, '2098-04-01'))).length, 0);
  });
});

describe('the cached calendar and its warnings', () => {
  test('a change made by another process is seen once the short cache expires', async (context) => {
    const first = await loadCalendar({ db });
    assert.equal(await loadCalendar({ db }), first);
    await db.insert(calendarOverrides).values({ date: '2097-05-06', kind: 'holiday', note: '他处录入', source: 'x' });
    context.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      assert.equal((await loadCalendar({ db })).isWorkday('2097-05-06'), true); // still cached
      context.mock.timers.tick(11_000);
      assert.equal((await loadCalendar({ db })).isWorkday('2097-05-06'), false);
    } finally {
      context.mock.timers.reset();
    }
  });

  test('warnings name the current and next year (Asia/Shanghai) that have no arrangement', async () => {
    assert.deepEqual(await calendarWarnings({ db, now: new Date('2025-06-01T00:00:00Z') }), []);
    // 2098-12-31 16:30 UTC is already 2099 in Shanghai.
    const warnings = await calendarWarnings({ db, now: new Date('2098-12-31T16:30:00Z') });
    assert.deepEqual(warnings, [
      '2099 年尚无国务院办公厅节假日安排数据，请在「工作日历」中录入，否则该年的期限按普通周末计算',
      '2100 年尚无国务院办公厅节假日安排数据，请在「工作日历」中录入，否则该年的期限按普通周末计算',
    ]);
    t.clock.set(new Date('2098-12-31T16:30:00Z'));
    assert.deepEqual((await app.inject({ method: 'GET', url: '/api/health' })).json().warnings, warnings);
    await setOverride({ db, actor: await calendarAdmin(), date: '2100-01-01', input: { kind: 'holiday', note: '元旦', source: '国办发明电' }, now: new Date() });
    assert.equal((await calendarWarnings({ db, now: new Date('2098-12-31T16:30:00Z') })).length, 1);
  });
});

describe('fuban calendar', () => {
  const withDatabase: WithDatabase = (work) => work(db);

  test('add-workdays, between and check read the same calendar', async () => {
    assert.equal(await calendarCommand(['add-workdays', '2026-09-30', '3'], withDatabase), '2026-10-10');
    assert.equal(await calendarCommand(['add-workdays', '2026-02-24', '-1'], withDatabase), '2026-02-14');
    assert.match(await calendarCommand(['between', '2026-09-30', '2026-10-10'], withDatabase), /^2026-09-30 至 2026-10-10：3 个工作日/);
    assert.match(await calendarCommand(['check', '2026'], withDatabase), /2026 年已有/);
    assert.match(await calendarCommand(['check', '2096'], withDatabase), /2096 年尚无.*\n处理办法/);
    await assert.rejects(calendarCommand(['add-workdays', '2026-09-30', 'x'], withDatabase), /非零整数/);
    await assert.rejects(calendarCommand(['weekday'], withDatabase), /未知的 calendar 子命令/);
  });
});
