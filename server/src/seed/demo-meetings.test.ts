import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { records } from '../db/schema/index.js';
import { startTestApp, type TestContext } from '../../test/test-app.js';
import { seedDemoMeetings } from './demo-meetings.js';
import { seedDemoOffice } from './demo-office.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('demo meetings: two rooms, a year of meetings through the use cases, none double-booked, none held in the future', async () => {
  const db = t.database.db;
  const now = new Date('2026-11-20T10:00:00+08:00');
  assert.equal(await seedDemoOffice({ db, now: new Date('2025-01-01T00:00:00+08:00') }), true);
  const made = await seedDemoMeetings({ db, now });
  assert.ok(made >= 40, `made ${made}`);
  const rows = await db.select().from(records);
  assert.equal(rows.filter((row) => row.type === 'meeting_room').length, 2);
  const meetings = rows.filter((row) => row.type === 'meeting');
  assert.equal(meetings.length, made);
  const byState = (state: string) => meetings.filter((row) => row.state === state);
  assert.ok(byState('held').length > 30);
  assert.equal(byState('cancelled').length, 1);
  assert.ok(byState('planned').length + byState('noticed').length >= 1);
  assert.ok(byState('held').every((row) => row.endsAt! <= now));
  assert.equal(new Set(meetings.map((row) => row.fields.meetingType)).size, 6);
  const live = meetings.filter((row) => row.state !== 'cancelled' && row.fields.roomId);
  for (const a of live) for (const b of live) if (a.id < b.id && a.fields.roomId === b.fields.roomId) assert.ok(a.endsAt! <= b.startsAt! || b.endsAt! <= a.startsAt!, `${a.title} / ${b.title}`);
  const items = await db.select().from(records).where(eq(records.type, 'agenda_item'));
  assert.ok(items.some((row) => row.state === 'scheduled' && row.fields.needsLegalReview === true && (row.fields.review as { result: string }).result === 'passed'));
  assert.equal(rows.filter((row) => row.type === 'discipline_notice').length, 2);
});
