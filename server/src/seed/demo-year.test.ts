import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { assignments, caseEvents, cases, docNumbers, workItems } from '../db/schema/index.js';
import { loadCalendar } from '../engine/calendar/calendar.service.js';
import { verifyAllTrails } from '../engine/cases/trail.js';
import { startTestApp, type TestContext } from '../../test/test-app.js';
import { seedDemoOffice } from './demo-office.js';
import { countDemoCases, seedDemoYear, type DemoCounts } from './demo-year.js';

let t: TestContext;
let counts: DemoCounts;
const now = new Date('2026-11-20T10:00:00+08:00');
const wanted = { incoming: 120, outgoing: 30, instructions: 20, drafts: 8, disclosures: 20, petitions: 30, proposals: 60, tickets: 30 };
const groupBy = <T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};
const dateOf = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

before(async () => {
  t = await startTestApp(); // registers the kinds
  assert.equal(await seedDemoOffice({ db: t.database.db, now: new Date('2026-01-01T00:00:00+08:00') }), true);
  counts = await seedDemoYear({ db: t.database.db, now, counts: wanted });
});
after(() => t.close());

test('demo year: the counts it gives are what the database holds, and what was asked for', async () => {
  assert.deepEqual(counts, await countDemoCases(t.database.db));
  assert.equal(counts.incoming, wanted.incoming);
  assert.equal(counts.outgoing, wanted.outgoing);
  assert.equal(counts.instructions, wanted.instructions);
  assert.equal(counts.drafts, wanted.drafts);
  assert.equal(counts.disclosures, wanted.disclosures);
  assert.equal(counts.petitions, wanted.petitions);
  assert.equal(counts.proposals, wanted.proposals);
  assert.ok(counts.delivered > 0, '核发 delivered 收文 to units in Fuban');
});

test('demo year: every register (the office\'s and each unit\'s) runs 1..n in date order; delivered copies are numbered by their unit', async () => {
  const rows = await t.database.db
    .select({ series: cases.series, seq: cases.seq, serialNo: cases.serialNo, createdAt: cases.createdAt, owner: cases.ownerUnitId, delivered: sql<boolean>`${cases.fields} ? 'deliveredFrom'` })
    .from(cases)
    .where(eq(cases.kind, 'incoming'))
    .orderBy(cases.series, cases.seq);
  const bySeries = groupBy(rows, (row) => row.series);
  assert.ok(bySeries.size >= 3, `the office's register and at least two units' (${bySeries.size})`);
  for (const [series, list] of bySeries) {
    assert.deepEqual(list.map((row) => row.seq), list.map((_, i) => i + 1), `register ${series || 'office'} runs 1..n`);
    for (let i = 1; i < list.length; i += 1) assert.ok(list[i]!.createdAt >= list[i - 1]!.createdAt, `${list[i]!.serialNo} is not dated before ${list[i - 1]!.serialNo}`);
    for (const row of list) {
      assert.equal(row.delivered, series !== '', `${row.serialNo}: only delivered copies are outside the office's register`);
      if (series) assert.equal(row.owner, series);
      if (series) assert.doesNotMatch(row.serialNo, /^收/, 'a unit\'s number names its unit');
    }
  }
});

test('demo year: nothing stale in any 待办 — deliveries signed for, every open item recent, only a few units late', async () => {
  const db = t.database.db;
  const calendar = await loadCalendar({ db });
  const items = await db.select({ label: workItems.label, since: workItems.since, assignmentId: workItems.assignmentId, caseId: workItems.caseId }).from(workItems);
  const open = await db.select({ id: assignments.id, dueDate: assignments.dueDate }).from(assignments).where(isNull(assignments.repliedAt));
  const late = new Set(open.filter((row) => row.dueDate !== null && row.dueDate < dateOf(now)).map((row) => row.id));
  const inTime = new Set(open.filter((row) => row.dueDate !== null && row.dueDate >= dateOf(now)).map((row) => row.id));
  assert.ok(items.length > 0, 'some recent work is open');
  for (const item of items) {
    const age = calendar.workdaysBetween(dateOf(item.since), dateOf(now));
    // A unit within its own time (a 信访件's 60 日) is not stale; one genuinely late may wait longer; nothing else
    // may sit for more than ten working days.
    if (item.assignmentId && inTime.has(item.assignmentId)) continue;
    const limit = item.assignmentId && late.has(item.assignmentId) ? 25 : 10;
    assert.ok(age <= limit, `${item.label} waiting ${age} working days (${item.caseId})`);
  }
  const stale = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(and(eq(cases.kind, 'incoming'), sql`${cases.state} in ('to_sign', 'registered')`, sql`${cases.createdAt} < ${new Date(now.getTime() - 14 * 86_400_000)}`));
  assert.equal(stale[0]!.n, 0, 'no 待签收 or 待初审 older than two weeks');
  const signed = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(and(eq(cases.kind, 'incoming'), eq(cases.state, 'signed')));
  assert.ok(signed[0]!.n > 0, 'units signed for their copies');
  const overdue = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(and(eq(cases.kind, 'incoming'), eq(cases.dueStatus, 'red'), eq(cases.isClosed, false)));
  assert.ok(overdue[0]!.n >= 1 && overdue[0]!.n <= 5, `a few 收文 genuinely overdue (${overdue[0]!.n})`);
});

test('demo year: breakdowns are uneven, 文号 gap-free per 代字, nothing after now, trails intact', async () => {
  const db = t.database.db;
  const byMonth = await db.select({ month: sql<string>`to_char(${cases.createdAt} at time zone 'Asia/Shanghai', 'MM')`, n: sql<number>`count(*)::int` }).from(cases).where(and(eq(cases.kind, 'incoming'), sql`not (${cases.fields} ? 'deliveredFrom')`)).groupBy(sql`1`);
  const byUnit = await db.select({ unit: assignments.unitId, n: sql<number>`count(*)::int` }).from(assignments).innerJoin(cases, eq(cases.id, assignments.caseId)).where(eq(cases.kind, 'incoming')).groupBy(assignments.unitId);
  const byType = await db.select({ type: sql<string>`${cases.fields}->>'docType'`, n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.kind, 'incoming')).groupBy(sql`1`);
  for (const [name, breakdown] of [['month', byMonth], ['unit', byUnit], ['文种', byType]] as const) {
    const values = breakdown.map((row) => row.n);
    assert.ok(values.length >= 3 && Math.max(...values) >= Math.min(...values) * 1.5, `${name}: ${values.join('/')} is uneven`);
  }
  const states = new Set((await db.select({ state: cases.state }).from(cases).where(eq(cases.kind, 'outgoing'))).map((row) => row.state));
  assert.ok(states.has('archived') && states.size >= 2, `发文 archived and partway (${[...states].join(',')})`);
  const numbers = await db.select({ code: docNumbers.issuerCode, no: docNumbers.no }).from(docNumbers);
  for (const [code, list] of groupBy(numbers, (row) => row.code)) assert.deepEqual(list.map((row) => row.no).sort((a, b) => a - b), list.map((_, i) => i + 1), `${code} numbers run 1..n`);
  const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(caseEvents).where(and(gt(caseEvents.at, now), sql`${caseEvents.action} <> 'remind'`));
  assert.equal(after!.n, 0);
  assert.deepEqual((await verifyAllTrails(db)).breaks, []);
});

test('demo year: the 建议提案 session is in every state, some re-handled after 不满意, some late, B promises tracked as 督办', async () => {
  const rows = await t.database.db.select({ state: cases.state, fields: cases.fields, dueDate: cases.dueDate }).from(cases).where(eq(cases.kind, 'proposal'));
  const states = new Set(rows.map((row) => row.state));
  for (const state of ['closed', 'handling']) assert.ok(states.has(state), `some in ${state}`);
  assert.ok(rows.some((row) => (row.fields as { round: number }).round === 2), 'some re-handled');
  const late = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(caseEvents).innerJoin(cases, eq(cases.id, caseEvents.caseId)).where(and(eq(cases.kind, 'proposal'), eq(caseEvents.action, 'answer'), sql`${caseEvents.data}->>'isLate' = 'true'`));
  assert.ok(late[0]!.n > 0, 'some answered late');
  const promised = rows.filter((row) => typeof (row.fields as { promiseItemId?: string }).promiseItemId === 'string');
  assert.ok(promised.length > 0, 'B promises opened 督办 items');
});
