/** 待阅 and 催办 notifications: 全部标为已读 marks the user's own unread ones of the tab, nobody else's, and counts them. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.js';
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
