import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, gt, sql } from 'drizzle-orm';
import { caseEvents, cases, docNumbers } from '../db/schema/index.js';
import { verifyAllTrails } from '../engine/cases/trail.js';
import { startTestApp, type TestContext } from '../../test/test-app.js';
import { seedDemoOffice } from './demo-office.js';
import { seedDemoOutgoing } from './demo-outgoing.js';

let t: TestContext;
before(async () => {
  t = await startTestApp(); // registers the kinds
});
after(() => t.close());

test('demo 发文: a year through the use cases — 文号 gap-free per 代字, every step present, nothing after now, trails intact', async () => {
  const db = t.database.db;
  const now = new Date('2026-11-20T10:00:00+08:00');
  assert.equal(await seedDemoOffice({ db, now: new Date('2026-01-01T00:00:00+08:00') }), true);
  assert.equal(await seedDemoOutgoing({ db, now, count: 24 }), 24);

  const rows = await db.select({ state: cases.state, fields: cases.fields }).from(cases).where(eq(cases.kind, 'outgoing'));
  assert.equal(rows.length, 24);
  const states = new Set(rows.map((row) => row.state));
  for (const state of ['archived', 'drafting', 'reviewing', 'signing', 'registering', 'printing']) assert.ok(states.has(state), `some demo 发文 wait at ${state}`);

  const numbers = await db.select({ code: docNumbers.issuerCode, no: docNumbers.no, status: docNumbers.status }).from(docNumbers);
  const byCode = new Map<string, number[]>();
  for (const n of numbers) byCode.set(n.code, [...(byCode.get(n.code) ?? []), n.no]);
  assert.ok(byCode.size >= 4, 'several 代字 used');
  for (const [code, list] of byCode) assert.deepEqual(list.sort((a, b) => a - b), list.map((_, i) => i + 1), `${code} numbers run 1..n`);
  assert.equal(rows.filter((row) => typeof (row.fields as { docNumber?: string }).docNumber === 'string').length, numbers.length);
  assert.ok(rows.some((row) => (row.fields as { numbered?: boolean; registeredOn?: string }).numbered === false && (row.fields as { registeredOn?: string }).registeredOn), 'an unnumbered document was registered');

  const [late] = await db.select({ n: sql<number>`count(*)::int` }).from(caseEvents).where(gt(caseEvents.at, now));
  assert.equal(late!.n, 0);
  const delivered = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.kind, 'incoming'), sql`${cases.fields} ? 'deliveredFrom'`));
  assert.ok(delivered.length > 0, '核发 delivered 收文 to the counties');
  assert.deepEqual((await verifyAllTrails(db)).breaks, []);
});
