/** SM4 sealing, the blind index, masking, and the key: made once with 0600, bound to the database, another refused. */
import assert from 'node:assert/strict';
import { createDecipheriv } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, TEST_PERSONAL_KEY, type TestDatabase } from '../../../test/test-db.js';
import { blindIndex, openPersonal, SealBrokenError, sealPersonal, usePersonalKey } from './cipher.js';
import { maskPersonal, normalisePersonal } from './mask.js';
import { bindPersonalKey, loadPersonalKey, PersonalKeyError } from './personal-key.js';

let database: TestDatabase;
let dataDir: string;
before(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuban-pii-key-'));
});
after(async () => {
  usePersonalKey(TEST_PERSONAL_KEY);
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const here = { caseId: '00000000-0000-4000-8000-000000000001', field: 'phone' };

test('SM4 block cipher matches the GB/T 32907-2016 example (the primitive under the sealing)', () => {
  // Appendix A.1: key = plaintext = 0123456789abcdeffedcba9876543210, ciphertext 681edf34d206965e86b3e94f536e4246.
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const decipher = createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const clear = Buffer.concat([decipher.update(Buffer.from('681edf34d206965e86b3e94f536e4246', 'hex')), decipher.final()]);
  assert.equal(clear.toString('hex'), '0123456789abcdeffedcba9876543210');
});

test('a sealed value opens only where it was sealed, unaltered, under the same key; each sealing differs', () => {
  usePersonalKey(TEST_PERSONAL_KEY);
  const sealed = sealPersonal(here, '13912345678');
  assert.match(sealed, /^sm4cbc1\.[\w-]+\.[\w-]+\.[0-9a-f]{64}$/);
  assert.ok(!sealed.includes('13912345678'));
  assert.notEqual(sealPersonal(here, '13912345678'), sealed, 'a random IV: equal values do not look equal');
  assert.equal(openPersonal(here, sealed), '13912345678');
  assert.throws(() => openPersonal({ ...here, field: 'idNumber' }, sealed), SealBrokenError, 'moved to another field');
  assert.throws(() => openPersonal({ ...here, caseId: '00000000-0000-4000-8000-000000000002' }, sealed), SealBrokenError, 'moved to another case');
  const [version, iv, body, mac] = sealed.split('.');
  const flipped = `${body!.slice(0, -2)}${body!.endsWith('AA') ? 'AB' : 'AA'}`;
  assert.throws(() => openPersonal(here, [version, iv, flipped, mac].join('.')), SealBrokenError, 'altered');
  usePersonalKey(Buffer.from('another-personal-key-0123456789abcdef'));
  assert.throws(() => openPersonal(here, sealed), SealBrokenError, 'another key');
  usePersonalKey(TEST_PERSONAL_KEY);
});

test('the blind index matches normalised spellings, differs by type and by key', () => {
  usePersonalKey(TEST_PERSONAL_KEY);
  const digest = blindIndex('phone', '13912345678');
  assert.equal(blindIndex('phone', '+86 139-1234-5678'), digest);
  assert.equal(blindIndex('phone', '0086 139 1234 5678'), digest);
  assert.notEqual(blindIndex('phone', '13912345679'), digest);
  assert.equal(blindIndex('idNumber', '11010519491231002x'), blindIndex('idNumber', '11010519491231002X'));
  assert.notEqual(blindIndex('idNumber', '13912345678'), digest);
  usePersonalKey(Buffer.from('another-personal-key-0123456789abcdef'));
  assert.notEqual(blindIndex('phone', '13912345678'), digest);
  usePersonalKey(TEST_PERSONAL_KEY);
  assert.equal(normalisePersonal('phone', '(+86) 139 1234 5678'), '13912345678');
});

test('masks: phone 139****5678, ID 1101**********002X, name 张*, address to the district; short values never whole', () => {
  assert.equal(maskPersonal('phone', '13912345678'), '139****5678');
  assert.equal(maskPersonal('phone', '010-6512 3456'), '010****3456');
  assert.equal(maskPersonal('phone', '12345'), '*****');
  assert.equal(maskPersonal('idNumber', '11010519491231002X'), '1101**********002X');
  assert.equal(maskPersonal('idNumber', '110105491231002'), '1101*******1002');
  assert.equal(maskPersonal('name', '张三'), '张*');
  assert.equal(maskPersonal('name', '欧阳修远'), '欧***');
  assert.equal(maskPersonal('name', '张'), '张*');
  assert.equal(maskPersonal('address', '北京市东城区某某街道1号'), '北京市东城区****');
  assert.equal(maskPersonal('address', '东城区'), '东城****');
});

test('the key file is made once with mode 0600, the database is bound to it, and another key is refused', async () => {
  const first = loadPersonalKey({ envKey: undefined, dataDir });
  const file = path.join(dataDir, 'pii.key');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const text = fs.readFileSync(file, 'utf8');
  await bindPersonalKey({ db: database.db, source: first.source });
  const again = loadPersonalKey({ envKey: undefined, dataDir });
  assert.equal(fs.readFileSync(file, 'utf8'), text, 'an existing key is never replaced');
  await bindPersonalKey({ db: database.db, source: again.source });
  assert.throws(() => loadPersonalKey({ envKey: 'short', dataDir }), PersonalKeyError);
  loadPersonalKey({ envKey: 'another-key-of-at-least-32-characters!!', dataDir });
  await assert.rejects(bindPersonalKey({ db: database.db, source: 'FUBAN_PII_KEY' }), (error: Error) => error instanceof PersonalKeyError && /拒绝启动/.test(error.message));
});
