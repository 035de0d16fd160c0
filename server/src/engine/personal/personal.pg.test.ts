// Runs only against a PostgreSQL server (TEST_DATABASE_URL): pg_dump of the whole test database, after cases with
// personal data were registered, corrected, handed to a unit, revealed and searched, holds no phone, ID number or name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { registerPersonalTestKind } from '../../../test/personal-kinds.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let context: TestContext;
before(async () => {
  registerPersonalTestKind();
  context = await startTestApp();
});
after(() => context.close());

const people = [
  { petitionerName: '欧阳修远', phone: '13812340001', idNumber: '110105199001010013', address: '上海市浦东新区花木路100弄5号' },
  { petitionerName: '诸葛明亮', phone: '15912340002', idNumber: '31011519850606123X', address: '广州市天河区体育西路88号' },
];

test('pg_dump of the database holds no personal value in clear, only sealed values and masks', async () => {
  const db = context.database.db;
  const url = context.database.url;
  assert.ok(url, 'a PostgreSQL test database');
  const clerk = await actingAs(context.app, db, ['clerk']);
  const unit = await buildUnit(db);
  for (const [index, person] of people.entries()) {
    const created = await clerk.request('POST', '/api/cases', { kind: 'test_petition', fields: { subject: `反映事项${index}`, ...person } });
    assert.equal(created.statusCode, 200, created.body);
    const { id, version } = created.json() as { id: string; version: number };
    const assigned = await clerk.request('POST', `/api/cases/${id}/actions/assign`, { version, units: [{ unitId: unit.id, role: 'lead' }], comment: `请按期办理，办前先电话联系来访人${person.phone}` });
    assert.equal(assigned.statusCode, 200, assigned.body);
    // Corrected to the same person's other spelling of the number: a new sealed value in the row and the trail.
    const corrected = await clerk.request('POST', `/api/cases/${id}/actions/correct`, { version: version + 1, document: { phone: `+86 ${person.phone}` } });
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.equal((await clerk.request('POST', `/api/cases/${id}/personal/phone/reveal`)).json().value, `+86 ${person.phone}`);
    assert.equal((await clerk.request('POST', '/api/cases/person-search', { idNumber: person.idNumber })).json().items.length, 1);
  }
  const dump = execFileSync('pg_dump', ['--no-owner', '--data-only', url!], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.match(dump, /COPY public\.case_personal/, 'the dump holds the personal table');
  assert.match(dump, /sm4cbc1\./, 'with its sealed values');
  assert.match(dump, /138\*\*\*\*0001/, 'and the cases with their masks');
  for (const person of people) {
    for (const value of Object.values(person)) assert.ok(!dump.includes(value), `the dump holds ${value.slice(0, 3)}… in clear`);
  }
  // No 11-digit mobile or 18-character ID number of anyone written out whole, whatever table it might sit in. A run of
  // digits inside a hex digest or a sealed value (…f18276416601c…, base64) is no number anyone wrote: only whole tokens count.
  const numbers = [
    ...(dump.match(/(?<![0-9A-Za-z+/])1[3-9]\d{9}(?![0-9A-Za-z+/=])/g) ?? []),
    ...(dump.match(/(?<![0-9A-Za-z+/])\d{17}[\dXx](?![0-9A-Za-z+/=])/g) ?? []),
  ];
  assert.deepEqual(numbers, []);
});
