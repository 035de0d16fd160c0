import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { notifications, records } from '../../db/schema/index.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { unzip } from '../../../test/office-files.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { nextMeetingState } from './meeting.flow.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let clerk: Session;
let leader: Session;
let legal: Session;
let liaisonA: Session;
let liaisonB: Session;
let unitA = '';
let unitB = '';
let roomId = '';
let room2Id = '';

const at = (time: string) => `2026-11-18T${time}:00+08:00`;
const schedule = (overrides: Record<string, unknown> = {}) => ({
  meetingType: '常务会议',
  subject: '市政府第 30 次常务会议',
  roomId,
  startsAt: at('09:00'),
  endsAt: at('10:00'),
  leaderIds: [leader.user.id],
  attendingUnitIds: [unitA],
  submissionDeadline: at('08:00'),
  ...overrides,
});
const book = (overrides: Record<string, unknown> = {}) => clerk.request('POST', '/api/meetings', schedule(overrides));
const meetingCount = async () => (await t.database.db.select({ id: records.id }).from(records).where(eq(records.type, 'meeting'))).length;

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-16T10:00:00+08:00'));
  const root = await buildUnit(t.database.db, { name: '示例市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(t.database.db, { name: '示例市教育局', parentId: root.id })).id;
  unitB = (await buildUnit(t.database.db, { name: '示例市财政局', parentId: root.id })).id;
  clerk = await actingAs(t.app, t.database.db, ['clerk'], { unitId: root.id });
  leader = await actingAs(t.app, t.database.db, ['leader'], { unitId: root.id });
  legal = await actingAs(t.app, t.database.db, ['legal_staff'], { unitId: root.id });
  liaisonA = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitA });
  liaisonB = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitB });
  const room = await clerk.request('POST', '/api/records/meeting_room', { fields: { name: '第一会议室', location: '市政府大楼 3 楼', capacity: 40 } });
  assert.equal(room.statusCode, 201, room.body);
  roomId = room.json().id;
  room2Id = (await clerk.request('POST', '/api/records/meeting_room', { fields: { name: '第二会议室', capacity: 20 } })).json().id;
});
after(() => t.close());

describe('meeting states', () => {
  test('the transition table', () => {
    assert.deepEqual(nextMeetingState('planned', 'notice'), { to: 'noticed' });
    assert.deepEqual(nextMeetingState('noticed', 'hold'), { to: 'held' });
    assert.deepEqual(nextMeetingState('noticed', 'reschedule'), { to: 'noticed' });
    assert.ok('refused' in nextMeetingState('planned', 'hold'));
    assert.ok('refused' in nextMeetingState('held', 'cancel'));
    assert.ok('refused' in nextMeetingState('cancelled', 'notice'));
  });
});

describe('rooms are booked without double booking', () => {
  test('bad input is a 400 naming the field, and nothing is stored', async () => {
    const before = await meetingCount();
    const backwards = await book({ startsAt: at('11:00'), endsAt: at('10:00') });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.json().message, /结束时间应晚于开始时间/);
    const unknownType = await book({ meetingType: '茶话会' });
    assert.equal(unknownType.statusCode, 400);
    assert.match(unknownType.json().message, /会议类型/);
    assert.equal((await liaisonA.request('POST', '/api/meetings', schedule())).statusCode, 403);
    assert.equal(await meetingCount(), before);
  });

  test('an overlapping booking of the same room is refused; touching times and other rooms are not', async () => {
    const first = await book({ startsAt: at('14:00'), endsAt: at('15:00'), subject: '专题会议甲', meetingType: '专题会议' });
    assert.equal(first.statusCode, 201, first.body);
    const overlap = await book({ startsAt: at('14:30'), endsAt: at('15:30'), subject: '专题会议乙' });
    assert.equal(overlap.statusCode, 409);
    assert.match(overlap.json().message, /已被预订：专题会议甲/);
    assert.equal((await book({ startsAt: at('15:00'), endsAt: at('16:00'), subject: '紧接着的会' })).statusCode, 201);
    assert.equal((await book({ startsAt: at('14:30'), endsAt: at('15:30'), roomId: room2Id, subject: '另一间' })).statusCode, 201);
    // Cancelling frees the room.
    const detail = first.json();
    const cancelled = await clerk.request('POST', `/api/meetings/${detail.meeting.id}/cancel`, { version: detail.meeting.version, reason: '领导另有安排' });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal((await book({ startsAt: at('14:00'), endsAt: at('14:30'), subject: '改在此时' })).statusCode, 201);
  });

  test('two concurrent bookings of one free slot: exactly one wins, the other is a 409', async () => {
    const slot = { startsAt: '2026-11-19T09:00:00+08:00', endsAt: '2026-11-19T11:00:00+08:00' };
    const results = await Promise.all([book({ ...slot, subject: '并发甲' }), book({ ...slot, subject: '并发乙', startsAt: '2026-11-19T10:00:00+08:00' })]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
    const onThatDay = await t.database.db.select().from(records).where(and(eq(records.type, 'meeting')));
    assert.equal(onThatDay.filter((row) => row.title.startsWith('并发')).length, 1);
  });

  test('rescheduling onto a booked time is refused; a stale version is a 409', async () => {
    const a = (await book({ startsAt: '2026-11-20T09:00:00+08:00', endsAt: '2026-11-20T10:00:00+08:00', subject: '改期甲' })).json();
    const b = (await book({ startsAt: '2026-11-20T10:00:00+08:00', endsAt: '2026-11-20T11:00:00+08:00', subject: '改期乙' })).json();
    const onto = await clerk.request('PUT', `/api/meetings/${b.meeting.id}/schedule`, { schedule: schedule({ subject: '改期乙', startsAt: '2026-11-20T09:30:00+08:00', endsAt: '2026-11-20T10:30:00+08:00' }), version: b.meeting.version });
    assert.equal(onto.statusCode, 409);
    const moved = await clerk.request('PUT', `/api/meetings/${a.meeting.id}/schedule`, { schedule: schedule({ subject: '改期甲', startsAt: '2026-11-20T08:00:00+08:00', endsAt: '2026-11-20T09:00:00+08:00' }), version: a.meeting.version });
    assert.equal(moved.statusCode, 200, moved.body);
    const stale = await clerk.request('PUT', `/api/meetings/${a.meeting.id}/schedule`, { schedule: schedule({ subject: '改期甲' }), version: a.meeting.version });
    assert.equal(stale.statusCode, 409);
  });
});

describe('议题, 合法性审查 and the agenda', () => {
  test('from 议题 to agenda, notice, 回执 and sign-in on the day', async () => {
    const created = (await book({ startsAt: '2026-11-23T09:00:00+08:00', endsAt: '2026-11-23T11:00:00+08:00', submissionDeadline: '2026-11-17T17:30:00+08:00', attendingUnitIds: [unitA] })).json();
    const meetingId = created.meeting.id;
    const submitted = await liaisonA.request('POST', `/api/meetings/${meetingId}/agenda-items`, { subject: '关于调整学前教育收费标准的议题', summary: '拟调整…', materials: ['收费标准（送审稿）'], needsLegalReview: true });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const item = submitted.json();
    assert.equal(item.unitId, unitA);
    const plain = (await liaisonA.request('POST', `/api/meetings/${meetingId}/agenda-items`, { subject: '教育工作情况汇报', needsLegalReview: false })).json();
    // Another unit's 联络员 does not see unit A's 议题.
    assert.equal((await liaisonB.request('GET', `/api/records/agenda_item/${item.id}`)).statusCode, 404);
    assert.equal((await liaisonB.request('GET', `/api/meetings/${meetingId}`)).json().items.length, 0);

    // Not reviewed: refused on the agenda with the article named, and nothing changes.
    let meeting = (await clerk.request('GET', `/api/meetings/${meetingId}`)).json();
    const unreviewed = await leader.request('PUT', `/api/meetings/${meetingId}/agenda`, { itemIds: [item.id, plain.id], version: meeting.meeting.version });
    assert.equal(unreviewed.statusCode, 409);
    assert.match(unreviewed.json().message, /未经合法性审查.*第二十五条/);
    assert.equal((await clerk.request('PUT', `/api/meetings/${meetingId}/agenda`, { itemIds: [plain.id], version: meeting.meeting.version })).statusCode, 403);

    // Reviewed as unlawful: still refused.
    const failed = await legal.request('POST', `/api/agenda-items/${item.id}/review`, { result: 'failed', opinion: '收费依据不足', opinionCount: 2, version: item.version });
    assert.equal(failed.statusCode, 200, failed.body);
    assert.match((await leader.request('PUT', `/api/meetings/${meetingId}/agenda`, { itemIds: [item.id], version: meeting.meeting.version })).json().message, /审查未通过/);
    assert.equal((await liaisonA.request('POST', `/api/agenda-items/${item.id}/review`, { result: 'passed', opinion: 'x', opinionCount: 0, version: 2 })).statusCode, 403);
    const passed = await legal.request('POST', `/api/agenda-items/${item.id}/review`, { result: 'passed', opinion: '已按意见修改，合法', opinionCount: 1, version: failed.json().version });
    assert.equal(passed.statusCode, 200, passed.body);
    const agenda = await leader.request('PUT', `/api/meetings/${meetingId}/agenda`, { itemIds: [item.id, plain.id], version: meeting.meeting.version });
    assert.equal(agenda.statusCode, 200, agenda.body);
    meeting = agenda.json();
    assert.deepEqual(meeting.items.map((row: { id: string; state: string }) => [row.id, row.state]), [[item.id, 'scheduled'], [plain.id, 'scheduled']]);

    // Past the cut-off no more 议题.
    const closed = (await book({ startsAt: '2026-11-24T09:00:00+08:00', endsAt: '2026-11-24T10:00:00+08:00', submissionDeadline: '2026-11-16T09:00:00+08:00', subject: '截止已过的会' })).json();
    const late = await liaisonA.request('POST', `/api/meetings/${closed.meeting.id}/agenda-items`, { subject: '迟到的议题', needsLegalReview: false });
    assert.equal(late.statusCode, 409);
    assert.match(late.json().message, /已过议题报送截止时间/);

    // Notice: the attending unit's 联络员 and the leader are told; only an attending unit returns a 回执.
    assert.equal((await liaisonA.request('POST', `/api/meetings/${meetingId}/receipt`, { attendees: ['王芳'] })).statusCode, 422);
    const noticed = await clerk.request('POST', `/api/meetings/${meetingId}/notice`, { version: meeting.meeting.version });
    assert.equal(noticed.statusCode, 200, noticed.body);
    const told = await t.database.db.select().from(notifications).where(eq(notifications.title, '会议通知：市政府第 30 次常务会议'));
    assert.deepEqual(new Set(told.map((row) => row.userId)), new Set([liaisonA.user.id, leader.user.id]));
    // In 待阅 the notice opens its meeting (查看): it names the meeting, not a case.
    const [toRead] = (await liaisonA.request('GET', '/api/notifications?type=toread')).json();
    assert.deepEqual([toRead.title, toRead.caseId, toRead.target], ['会议通知：市政府第 30 次常务会议', null, { type: 'record', id: meetingId, recordType: 'meeting' }]);
    assert.equal((await liaisonB.request('POST', `/api/meetings/${meetingId}/receipt`, { attendees: ['李四'] })).statusCode, 403);
    const receipt = await liaisonA.request('POST', `/api/meetings/${meetingId}/receipt`, { attendees: ['王芳', '赵强'] });
    assert.equal(receipt.statusCode, 200, receipt.body);
    assert.deepEqual(receipt.json().meeting.fields.receipts[unitA].attendees, ['王芳', '赵强']);

    // The notice as a 信函 .docx: title, addressee and the agenda as set.
    const docx = await liaisonA.request('GET', `/api/meetings/${meetingId}/notice.docx`);
    assert.equal(docx.statusCode, 200);
    const text = unzip(docx.rawPayload).get('word/document.xml')!.replace(/<[^>]+>/g, '');
    assert.match(text, /关于召开市政府第 30 次常务会议的通知/);
    assert.match(text, /示例市教育局：/);
    assert.match(text, /关于调整学前教育收费标准的议题（示例市教育局汇报）/);

    // Sign-in: only on the day, only with the meeting's code; twice is once.
    const path: string = noticed.json().signInPath;
    const token = new URL(path, 'http://x').searchParams.get('t')!;
    assert.equal((await liaisonA.request('POST', `/api/meetings/${meetingId}/sign-in`, { token })).statusCode, 422);
    // (New sessions on the day: the earlier ones have timed out by then.)
    t.clock.set(new Date('2026-11-23T08:50:00+08:00'));
    const dayLiaison = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitA });
    const dayClerk = await actingAs(t.app, t.database.db, ['clerk']);
    const dayLeader = await actingAs(t.app, t.database.db, ['leader']);
    assert.equal((await dayLiaison.request('POST', `/api/meetings/${meetingId}/sign-in`, { token: 'a'.repeat(64) })).statusCode, 403);
    const signed = await dayLiaison.request('POST', `/api/meetings/${meetingId}/sign-in`, { token });
    assert.equal(signed.statusCode, 200, signed.body);
    assert.equal(signed.json().isNew, true);
    assert.equal((await dayLiaison.request('POST', `/api/meetings/${meetingId}/sign-in`, { token })).json().isNew, false);
    const absent = await dayClerk.request('POST', `/api/meetings/${meetingId}/attendance`, { name: '赵强', unitId: unitA, status: 'absent', reason: '出差', substitute: '钱进' });
    assert.equal(absent.statusCode, 200, absent.body);
    const attendance = absent.json().meeting.fields.attendance;
    assert.deepEqual(attendance.map((row: { status: string; via: string }) => [row.status, row.via]), [['present', 'qr'], ['absent', 'clerk']]);
    assert.equal(attendance[1].substitute, '钱进');

    // The leaders' week shows it on its Monday.
    const week = (await dayLeader.request('GET', '/api/meetings/leader-week?week=2026-11-25')).json();
    assert.equal(week.from, '2026-11-23');
    assert.ok(week.meetings.some((row: { id: string; leaderIds: string[] }) => row.id === meetingId && row.leaderIds.includes(leader.user.id)));
    t.clock.set(new Date('2026-11-16T10:00:00+08:00'));
  });
});
