/**
 * The edge: bad input is the client's 400 (never a 500, never half-written), and a state-changing
 * request from another origin is refused before it touches anything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq, ne } from 'drizzle-orm';
import { appSettings, attachments, auditLog, cases, delegations } from '../db/schema/index.js';
import { actingAs } from '../../test/factories.js';
import { startTestApp, type TestContext } from '../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

const rowsOf = async (table: typeof cases | typeof delegations | typeof auditLog | typeof attachments | typeof appSettings) =>
  (await t.database.db.select({ n: count() }).from(table))[0]!.n;

/** Audit rows other than refusals (every 403 is audited as access.denied, by design). */
const changeAuditRows = async () =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(ne(auditLog.action, 'access.denied')))[0]!.n;
const refusalAuditRows = async () =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'access.denied')))[0]!.n;

const incoming = (overrides: Record<string, unknown> = {}) => ({
  fromOrg: '省人民政府办公厅',
  docType: '通知',
  title: '关于做好冬季安全生产工作的通知',
  receivedOn: '2026-11-02',
  ...overrides,
});

describe('bad input is a 400', () => {
  test('a NUL byte or control character anywhere, even at the unauthenticated login', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } });
    assert.equal(login.statusCode, 400, login.body);
    assert.equal(login.json().code, 'VALIDATION');
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const before = await rowsOf(cases);
    const inField = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: incoming({ remarks: 'a\u0000b' }) });
    assert.equal(inField.statusCode, 400, inField.body);
    const inKey = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: { ...incoming(), 'x\u0007': 1 } });
    assert.equal(inKey.statusCode, 400, inKey.body);
    const inQuery = await clerk.request('GET', `/api/cases?q=${encodeURIComponent('1380013\u00008000')}`);
    assert.equal(inQuery.statusCode, 400, inQuery.body);
    const lineBreakInTitle = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: incoming({ title: '关于\n通知' }) });
    assert.equal(lineBreakInTitle.statusCode, 400, lineBreakInTitle.body);
    const lineBreakInRemarks = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: incoming({ remarks: '第一行\n第二行\t备注' }) });
    assert.equal(lineBreakInRemarks.statusCode, 200, lineBreakInRemarks.body);
    assert.equal(await rowsOf(cases), before + 1);
  });

  test('dates that do not exist are refused in 收文, 批示件 and AB角, and a forged cursor too', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const deputy = await actingAs(t.app, db, ['leader']);
    const before = await rowsOf(cases);
    for (const date of ['2025-13-45', '2025-02-30', '2025-2-3', '99999-01-01']) {
      const received = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: incoming({ receivedOn: date }) });
      assert.equal(received.statusCode, 400, `${date}: ${received.body}`);
      const instructed = await clerk.request('POST', '/api/cases', {
        kind: 'instruction',
        fields: { leaderId: leader.user.id, leaderName: '张明远', instructedOn: date, instruction: '请研究办理。', sourceTitle: '关于城东片区改造的请示' },
      });
      assert.equal(instructed.statusCode, 400, `${date}: ${instructed.body}`);
      const delegated = await leader.request('POST', '/api/delegations', { toUserId: deputy.user.id, startDate: '2026-11-02', endDate: date });
      assert.equal(delegated.statusCode, 400, `${date}: ${delegated.body}`);
    }
    assert.equal(await rowsOf(cases), before);
    for (const cursor of [
      'garbage',
      Buffer.from(JSON.stringify({ id: 'not-a-uuid' })).toString('base64url'),
      Buffer.from(JSON.stringify({ id: '6f1c1b8e-3b5a-4c51-9a43-2f0e6c7d8e9f', createdAt: 'yesterday' })).toString('base64url'),
      Buffer.from(JSON.stringify({ id: '6f1c1b8e-3b5a-4c51-9a43-2f0e6c7d8e9f', dueDate: '2025-13-45' })).toString('base64url'),
    ]) {
      for (const sort of ['created_desc', 'due_asc']) {
        const page = await clerk.request('GET', `/api/cases?sort=${sort}&cursor=${cursor}`);
        assert.equal(page.statusCode, 400, `${cursor}: ${page.body}`);
      }
    }
  });

  test('a version above 2³¹ or below 0 is refused', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const created = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: incoming() });
    for (const version of [2 ** 31, 2 ** 53, -1, 1.5]) {
      const response = await clerk.request('POST', `/api/cases/${created.json().id}/actions/withdraw`, { version });
      assert.equal(response.statusCode, 400, `${version}: ${response.body}`);
    }
  });

  test('only known settings keys, refused before any write', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const [settingsBefore, auditBefore] = [await rowsOf(appSettings), await rowsOf(auditLog)];
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'reminder.unknown']) {
      const response = await admin.request('PUT', `/api/settings/${key}`, { value: 3, version: 0 });
      assert.equal(response.statusCode, 400, `${key}: ${response.body}`);
    }
    assert.equal(await rowsOf(appSettings), settingsBefore);
    assert.equal(await rowsOf(auditLog), auditBefore);
    const known = await admin.request('PUT', '/api/settings/incoming.requestReplyDays', { value: 12, version: 0 });
    assert.equal(known.statusCode, 200, known.body);
    assert.equal(known.json().label, '基层请示答复时限（工作日）');
    const [row] = await t.database.db.select().from(appSettings).where(eq(appSettings.key, 'incoming.requestReplyDays'));
    assert.equal(row?.value, '12');
  });
});

describe('CSRF', () => {
  const boundary = 'fubanedgeboundary';
  const multipart = (name: string, content: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    );
  const upload = (cookie: string, headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
      payload: multipart('说明.txt', `内容 ${Math.random()}`),
    });

  test('a cross-origin multipart POST with a valid cookie is refused and changes nothing; same-origin works', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const [filesBefore, auditBefore, refusalsBefore] = [await rowsOf(attachments), await changeAuditRows(), await refusalAuditRows()];
    const refusals: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:8080' }, // same site, another origin: SameSite cookies do not stop it
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of refusals) {
      const response = await upload(clerk.cookie, headers);
      assert.equal(response.statusCode, 403, `${JSON.stringify(headers)}: ${response.body}`);
      assert.equal(response.json().code, 'FORBIDDEN');
    }
    const crossImport = await t.app.inject({
      method: 'POST',
      url: '/api/incoming/import',
      headers: { cookie: clerk.cookie, origin: 'https://evil.example', 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart('register.xlsx', 'x'),
    });
    assert.equal(crossImport.statusCode, 403, crossImport.body);
    const crossJson = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: clerk.cookie, origin: 'https://evil.example' } });
    assert.equal(crossJson.statusCode, 403);
    assert.equal(await rowsOf(attachments), filesBefore);
    assert.equal(await changeAuditRows(), auditBefore);
    assert.equal(await refusalAuditRows(), refusalsBefore + refusals.length + 2, 'each cross-origin refusal is audited once');

    const allowed: Record<string, string>[] = [{ origin: 'http://localhost:80' }, { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' }, {}];
    for (const headers of allowed) {
      const response = await upload(clerk.cookie, headers);
      assert.equal(response.statusCode, 200, `${JSON.stringify(headers)}: ${response.body}`);
    }
    const read = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: clerk.cookie, origin: 'https://evil.example' } });
    assert.notEqual(read.statusCode, 403, 'reads are not state-changing');
  });
});
