/**
 * No personal data in the log: requests carrying phone and ID numbers — on normal paths, on paths
 * the database refuses, and on ones that fail inside it — leave none of them in what the app logs.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { readConfig } from './config.js';
import { actingAs } from '../../test/factories.js';
import { createClock } from '../../test/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';

/** Scans text for mainland mobile numbers and 18-character resident ID numbers, written out whole. */
export const findPersonalNumbers = (text: string): string[] => [
  ...(text.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g) ?? []),
  ...(text.match(/(?<![\dXx])\d{17}[\dXx](?![\dXx])/g) ?? []),
];

let database: TestDatabase;
let app: FastifyInstance;
const lines: string[] = [];

before(async () => {
  database = await createTestDatabase();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    config: { ...readConfig({}), isProduction: false, logLevel: 'debug' },
    clock: createClock(new Date('2026-11-02T09:00:00+08:00')).now,
    logStream: sink,
  });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.close();
});

const MOBILE = '13912345678';
const OUT_OF_RANGE_MOBILE = '13712345678';
const ID_NUMBER = '11010519491231002X';

test('phone and ID numbers in requests that succeed, are refused or fail in the database never reach the log', async () => {
  const db = database.db;
  // Constraints that make the database itself fail on these values: one as a data error (22003, the
  // value cast to integer, its message quoting the value), the others as a check violation (a 500).
  await db.execute(sql.raw(`alter table users add constraint log_probe_phone check (phone is null or phone not like '139%')`));
  await db.execute(sql.raw(`alter table users add constraint log_probe_range check (phone is null or phone not like '137%' or phone::integer > 0)`));
  await db.execute(sql.raw(`alter table cases add constraint log_probe_search check (position('${ID_NUMBER}' in search_text) = 0)`));

  const admin = await actingAs(app, db, ['sysadmin']);
  const clerk = await actingAs(app, db, ['clerk']);
  const unitId = admin.user.unitId;
  const newUser = (phone: string) => ({ username: `p${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`, displayName: '王小明', unitId, phone, initialPassword: 'Gov#Office2026' });

  const statuses: number[] = [];
  const send = async (response: Promise<{ statusCode: number }>) => statuses.push((await response).statusCode);
  await send(admin.request('POST', '/api/users', newUser('13512345678'))); // normal
  await send(admin.request('POST', '/api/users', newUser(MOBILE))); // check violation: 500
  await send(admin.request('POST', '/api/users', newUser(OUT_OF_RANGE_MOBILE))); // data error: 400
  await send(admin.request('GET', `/api/users?q=${MOBILE}`));
  await send(clerk.request('GET', `/api/cases?q=${ID_NUMBER}`));
  await send(clerk.request('GET', `/api/cases?q=${encodeURIComponent(`${MOBILE}\u0000`)}`));
  await send(clerk.request('POST', '/api/cases', { kind: 'incoming', fields: { fromOrg: '市公安局', docType: '通知', title: `关于${ID_NUMBER}的通知`, receivedOn: '2026-11-02' } }));
  await send(clerk.request('POST', '/api/cases', { kind: 'incoming', fields: { fromOrg: '市公安局', docType: '通知', title: `关于${MOBILE}来电的通知`, receivedOn: '2026-11-02' } }));
  await send(app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: MOBILE, password: ID_NUMBER } }));
  await send(app.inject({ method: 'GET', url: `/api/nowhere?phone=${MOBILE}` }));

  assert.deepEqual(statuses, [200, 500, 400, 200, 200, 400, 500, 200, 401, 404]);
  const output = lines.join('');
  assert.match(output, /"sqlState":"23514"/, 'the failure inside the database is logged, by its SQLSTATE');
  assert.match(output, /"sqlState":"22003"/, 'the refused value is logged by its SQLSTATE');
  assert.deepEqual(findPersonalNumbers(output), []);
});
