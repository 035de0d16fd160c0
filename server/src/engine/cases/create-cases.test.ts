/**
 * createCases (many cases of a kind at once) against createCase (one): the same rows — sealed personal values and
 * their blind index, the 登记 event sealed and chained (the trail verifies), the 待办 — in a number of statements
 * that does not grow with the cases (the cases, then everything beside them in one); the caller's own writes in the
 * same transaction (alsoInTransaction), a throw there keeping nothing. On both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { searchVectorOf } from '../../platform/search.js';
import { actorOf, buildUser } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/test-db.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { registerPersonalTestKind } from '../../../test/personal-kinds.js';
import { reserveSerials } from './cases.repository.js';
import { createCase } from './create-case.js';
import { createCases } from './create-cases.js';
import { verifyCaseTrail } from './trail.js';

let recording: string[] | undefined;
let t: TestContext;
before(async () => {
  registerPersonalTestKind();
  const database = await createTestDatabase({ onQuery: (text: string) => recording?.push(text.replace(/\s+/g, ' ')) });
  t = await startTestApp({ database });
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(async () => {
  await t.close();
  await t.database.close();
});

const fields = (n: number) => ({ subject: `来访反映第 ${n} 件事`, petitionerName: '王某某', phone: '13912345678', idNumber: '110101199003071234', address: `北街 ${n} 号` });

type Stored = { id: string; serial_no: string; version: number; search_text: string; vector: string; due_status: string; is_closed: boolean; fields: Record<string, unknown>; personal: string[]; digests: string[]; waiting: string[]; events: Array<{ seq: number; action: string; case_version: number; data: Record<string, unknown> }> };
const storedOf = async (ids: readonly string[]): Promise<Stored[]> =>
  rowsOf<Stored>(
    await t.database.db.execute(sql`select c.id, c.serial_no, c.version, c.fields, c.search_text, c.search_vector::text as vector, c.due_status, c.is_closed,
        (select coalesce(json_agg(p.field order by p.field), '[]') from case_personal p where p.case_id = c.id) as personal,
        (select coalesce(json_agg(i.type || ':' || i.digest order by i.field), '[]') from person_index i where i.case_id = c.id) as digests,
        (select coalesce(json_agg(w.label || ':' || coalesce(w.user_id::text, w.unit_id::text) order by w.label), '[]') from work_items w where w.case_id = c.id) as waiting,
        (select coalesce(json_agg(json_build_object('seq', e.seq, 'action', e.action, 'case_version', e.case_version, 'data', e.data) order by e.seq), '[]') from case_events e where e.case_id = c.id) as events
      from cases c where c.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) order by c.serial_no`),
  );

/** An event with its number left out and each sealed value only as the cipher it is sealed with (every seal has its own IV). */
const eventShape = (event: Stored['events'][number]) => {
  const personal = event.data.personal as Record<string, { masked: string; sealed: string }>;
  const sealed = Object.fromEntries(Object.entries(personal).map(([field, value]) => [field, { masked: value.masked, sealed: value.sealed.split('.')[0] }]));
  return { ...event, data: { ...event.data, serialNo: undefined, personal: sealed } };
};

describe('createCases', () => {
  test('each case as createCase registers one: sealed values, blind index, 登记 event (the trail verifies), 待办', async () => {
    const db = t.database.db;
    const clerk = await buildUser(db, { roles: ['clerk'] });
    const actor = actorOf(clerk, ['clerk']);
    const now = t.clock.now();
    const one = await createCase({ db, actor, kindId: 'test_petition', fields: fields(0), now });
    const first = await reserveSerials(db, { kind: 'test_petition', year: 2026, count: 3 });
    const many = await createCases({ db, actor, kindId: 'test_petition', items: [1, 2, 3].map(fields), now, firstSeq: first });
    assert.deepEqual(many.map((item) => item.serialNo), [0, 1, 2].map((offset) => `测访〔2026〕${first + offset}号`), 'the reserved numbers, in the order of the items');
    const [reference, ...created] = await storedOf([one.id, ...many.map((item) => item.id)]);
    assert.equal(created.length, 3);
    for (const [index, row] of created.entries()) {
      assert.deepEqual([row.version, row.due_status, row.is_closed], [reference!.version, reference!.due_status, reference!.is_closed]);
      assert.equal(row.search_text, reference!.search_text.replace(reference!.serial_no, row.serial_no).replaceAll('第 0 件事', `第 ${index + 1} 件事`), 'the search text as createCase writes it');
      const [expected] = rowsOf<{ vector: string }>(await db.execute(sql`select ${searchVectorOf(row.search_text)}::text as vector`));
      assert.equal(row.vector, expected!.vector, 'the search words as createCase stores them');
      assert.equal(row.fields.phone, reference!.fields.phone, 'masked as createCase masks');
      assert.notEqual(row.fields.phone, '13912345678');
      assert.deepEqual(row.personal, reference!.personal, 'the same fields sealed');
      assert.deepEqual(row.digests, reference!.digests, 'the same blind index: one caller, found as one');
      assert.deepEqual(row.waiting, reference!.waiting, 'the same 待办');
      assert.equal(row.events.length, 1);
      assert.deepEqual(eventShape(row.events[0]!), eventShape(reference!.events[0]!), 'the same 登记 event (each sealed value with its own IV)');
      assert.equal(row.events[0]!.data.serialNo, many[index]!.serialNo);
      assert.equal(await verifyCaseTrail(db, row.id), undefined, `${row.serial_no}: the trail verifies (chain and seal)`);
    }
  });

  test('three cases and thirty cost the same statements: the cases, then everything beside them in one', async () => {
    const db = t.database.db;
    const actor = actorOf(await buildUser(db, { roles: ['clerk'] }), ['clerk']);
    const count = async (size: number) => {
      const first = await reserveSerials(db, { kind: 'test_petition', year: 2026, count: size });
      recording = [];
      await createCases({ db, actor, kindId: 'test_petition', items: Array.from({ length: size }, (_, n) => fields(100 + n)), now: t.clock.now(), firstSeq: first });
      const seen = recording.filter((text) => !/^(begin|commit|rollback)\b/i.test(text));
      recording = undefined;
      return seen;
    };
    await count(2); // warms the caches
    const [three, thirty] = [await count(3), await count(30)];
    assert.equal(thirty.length, three.length, thirty.join('\n'));
    assert.ok(thirty.length <= 2, `${thirty.length} statements:\n${thirty.join('\n')}`);
  });

  test('the caller\'s writes in the same transaction, given the cases in order; a throw there keeps nothing', async () => {
    const db = t.database.db;
    const actor = actorOf(await buildUser(db, { roles: ['clerk'] }), ['clerk']);
    const countOf = async (database: typeof db) => rowsOf<{ n: number }>(await database.execute(sql`select count(*)::int as n from cases where kind = 'test_petition'`))[0]!.n;
    const before = await countOf(db);
    let seen: Array<{ id: string; serialNo: string }> = [];
    const first = await reserveSerials(db, { kind: 'test_petition', year: 2026, count: 2 });
    const created = await createCases({
      db, actor, kindId: 'test_petition', items: [fields(200), fields(201)], now: t.clock.now(), firstSeq: first,
      alsoInTransaction: async (tx, rows) => {
        seen = [...rows];
        // Inside the transaction: the cases are there to be written beside.
        assert.equal(await countOf(tx), before + 2);
      },
    });
    assert.deepEqual(seen, created.map(({ id, serialNo }) => ({ id, serialNo })));
    const again = await reserveSerials(db, { kind: 'test_petition', year: 2026, count: 2 });
    await assert.rejects(
      createCases({ db, actor, kindId: 'test_petition', items: [fields(202), fields(203)], now: t.clock.now(), firstSeq: again, alsoInTransaction: async () => { throw new Error('the caller failed'); } }),
      /the caller failed/,
    );
    assert.equal(await countOf(db), before + 2, 'the failed call kept no case');
    const orphans = rowsOf<{ n: number }>(await db.execute(sql`select (select count(*) from case_events e where not exists (select 1 from cases c where c.id = e.case_id))::int
      + (select count(*) from case_personal p where not exists (select 1 from cases c where c.id = p.case_id))::int as n`));
    assert.equal(orphans[0]!.n, 0);
  });
});
