/**
 * The log of a server at debug level, while personal data is registered, corrected, shown and searched (and a
 * search is refused for bad input), holds no phone, ID number or name: not in request lines, not in errors.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { readConfig } from '../../platform/config.js';
import { actingAs } from '../../../test/factories.js';
import { registerPersonalTestKind } from '../../../test/personal-kinds.js';
import { createClock } from '../../../test/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.js';

let database: TestDatabase;
let app: FastifyInstance;
const lines: string[] = [];

before(async () => {
  registerPersonalTestKind();
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

test('personal values never reach the log', async () => {
  const clerk = await actingAs(app, database.db, ['clerk']);
  const liaison = await actingAs(app, database.db, ['liaison']);
  const fields = { subject: '噪音扰民', petitionerName: '司马光明', phone: '13912345678', idNumber: '11010519491231002X', address: '北京市东城区某某街道1号' };
  const created = await clerk.request('POST', '/api/cases', { kind: 'test_petition', fields });
  assert.equal(created.statusCode, 200, created.body);
  const { id, version } = created.json() as { id: string; version: number };
  const statuses = [
    (await clerk.request('POST', `/api/cases/${id}/actions/correct`, { version, document: { phone: '13912345679' } })).statusCode,
    (await clerk.request('POST', `/api/cases/${id}/personal/phone/reveal`)).statusCode,
    (await liaison.request('POST', `/api/cases/${id}/personal/idNumber/reveal`)).statusCode,
    (await clerk.request('POST', '/api/cases/person-search', { phone: '13912345679' })).statusCode,
    (await clerk.request('POST', '/api/cases/person-search', { phone: '13912345679', idNumber: '11010519491231002X' })).statusCode,
    (await clerk.request('POST', '/api/cases', { kind: 'test_petition', fields: { ...fields, subject: '' } })).statusCode,
  ];
  assert.deepEqual(statuses, [200, 200, 403, 200, 400, 400]);
  const output = lines.join('');
  assert.match(output, /person-search/, 'the requests were logged');
  for (const value of ['13912345678', '13912345679', '11010519491231002X', '司马光明']) assert.ok(!output.includes(value), `${value.slice(0, 3)}… in the log`);
  assert.ok(!output.includes('sm4cbc1.'), 'no sealed value in the log either');
});
