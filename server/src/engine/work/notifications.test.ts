/**
 * 待阅 and 催办 notifications: 全部标为已读 marks the user's own unread ones of the tab, nobody else's, and counts them;
 * each notice says what its 查看 opens.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { notifications, recordEvents, records } from '../../db/schema/index.js';
import { actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('全部标为已读: the user’s unread notices of one type, not another type, not another user’s; then nothing more', async () => {
  const db = t.database.db;
  const director = await actingAs(t.app, db, ['director']);
  const other = await actingAs(t.app, db, ['director']);
  const notice = (userId: string, type: 'toread' | 'remind', index: number) => ({ userId, type, title: `逾期催办：测试 ${index}`, body: '请尽快办理。', createdAt: new Date() });
  await db.insert(notifications).values([
    ...Array.from({ length: 250 }, (_, index) => notice(director.user.id, 'remind', index)),
    notice(director.user.id, 'toread', 1),
    notice(other.user.id, 'remind', 1),
  ]);
  assert.equal((await director.request('GET', '/api/inbox/counts')).json().remind, 250);

  const marked = await director.request('POST', '/api/notifications/read-all?type=remind');
  assert.equal(marked.statusCode, 200, marked.body);
  assert.deepEqual(marked.json(), { marked: 250 }, 'all of them, not only the 200 the tab lists');
  assert.deepEqual((await director.request('GET', '/api/inbox/counts')).json(), { todo: 0, toread: 1, remind: 0 });
  const unreadOf = async (userId: string) => (await db.select().from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))).map((row) => row.type);
  assert.deepEqual(await unreadOf(other.user.id), ['remind'], 'another user’s notice is untouched');
  assert.deepEqual((await director.request('POST', '/api/notifications/read-all?type=remind')).json(), { marked: 0 });

  assert.equal((await director.request('POST', '/api/notifications/read-all?type=everything')).statusCode, 400);
  assert.deepEqual(await unreadOf(director.user.id), ['toread']);
});

test('每条待阅 opens what it refers to: a 传阅 its case (with the kind for the page), a 会议通知 sent before 0042 its meeting', async () => {
  const db = t.database.db;
  const clerk = await actingAs(t.app, db, ['clerk']);
  const leader = await actingAs(t.app, db, ['leader']);
  const created = await clerk.request('POST', '/api/cases', {
    kind: 'instruction',
    fields: { leaderId: leader.user.id, instructedOn: '2026-11-01', instruction: '请研究。', sourceTitle: '关于道路维修的来信' },
  });
  assert.equal(created.statusCode, 200, created.body);
  const caseId: string = created.json().id;
  const circulated = await clerk.request('POST', `/api/cases/${caseId}/circulations`, { recipients: [{ userId: leader.user.id }], purpose: '请阅知' });
  assert.equal(circulated.statusCode, 200, circulated.body);

  // A meeting noticed before notices carried their record: the row as sendMeetingNotice wrote it then, beside the
  // meeting's 'notice' event of the same instant; 0042's fill gives it the meeting.
  const at = new Date('2026-10-20T09:00:00+08:00');
  const [meeting] = await db.insert(records).values({ type: 'meeting', title: '第 9 次常务会议', state: 'noticed', fields: { subject: '第 9 次常务会议' } }).returning({ id: records.id });
  await db.insert(recordEvents).values({ recordId: meeting!.id, seq: 1, action: 'notice', details: {}, actorName: '秘书科', at, mac: 'test' });
  await db.insert(notifications).values({ userId: leader.user.id, type: 'toread', title: '会议通知：第 9 次常务会议', body: '…', createdAt: at });
  const migration = await readFile(new URL('../../db/migrations/0042_notification_records.sql', import.meta.url), 'utf8');
  await db.execute(sql.raw(migration.split('--> statement-breakpoint').at(-1)!));

  const listed: Array<{ title: string; target: unknown }> = (await leader.request('GET', '/api/notifications?type=toread')).json();
  const targetOf = (prefix: string) => listed.find((item) => item.title.startsWith(prefix))?.target;
  assert.deepEqual(targetOf('传阅：'), { type: 'case', id: caseId, kind: 'instruction' });
  assert.deepEqual(targetOf('会议通知：'), { type: 'record', id: meeting!.id, recordType: 'meeting' });
});
