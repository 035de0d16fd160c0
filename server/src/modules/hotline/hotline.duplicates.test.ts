/**
 * 重复工单: the same caller (by the phone's blind index: the row holds only its mask) or the same address, in
 * the same category, within 7 days, is linked and the agent told; outside the window or another category it
 * is not. 归并 closes it as 已归并 and the tickets metric counts it once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Actor = Awaited<ReturnType<typeof actingAs>>;
let center: Actor;
before(async () => {
  t = await startTestApp();
  center = await actingAs(t.app, t.database.db, ['hotline_staff']);
});
after(() => t.close());

const register = async (at: string, fields: Record<string, unknown>) => {
  t.clock.set(new Date(at));
  center = await sessionFor(t.app, center.user);
  const response = await center.request('POST', '/api/cases', {
    kind: 'ticket',
    fields: { channel: '电话', ticketType: '投诉', category: '城市管理/路灯照明', callerName: '赵六', content: '路灯不亮', ...fields },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string; serialNo: string; warnings: string[] };
};

describe('重复工单 and 归并', () => {
  test('same caller or address, same category, within the window: linked and told; merged: counted once', async () => {
    const first = await register('2026-05-04T09:00:00+08:00', { callerPhone: '13800001111', address: '南街 8 号' });
    assert.deepEqual(first.warnings, []);
    const sameCaller = await register('2026-05-08T09:00:00+08:00', { callerPhone: '138-0000-1111', content: '南街路灯还是不亮' });
    assert.equal(sameCaller.warnings.length, 1);
    assert.match(sameCaller.warnings[0]!, new RegExp(`${first.serialNo}（同一来电人）`));
    const sameAddress = await register('2026-05-09T09:00:00+08:00', { callerPhone: '13900002222', address: '南街 8 号' });
    assert.match(sameAddress.warnings[0] ?? '', new RegExp(`${first.serialNo}（同一地址）`));
    const otherCategory = await register('2026-05-09T10:00:00+08:00', { callerPhone: '13800001111', category: '生态环境/噪声扰民' });
    assert.deepEqual(otherCategory.warnings, []);
    const lateCaller = await register('2026-05-20T09:00:00+08:00', { callerPhone: '13800001111', address: '北街 1 号' });
    assert.deepEqual(lateCaller.warnings, [], 'past the 7 days of the first; the others are of another caller, address or category');

    const detail = (await center.request('GET', `/api/cases/${sameCaller.id}`)).json();
    assert.ok(JSON.stringify(detail.links).includes(first.id), 'linked to the earlier ticket');
    const merge = (into: string) => center.request('POST', `/api/cases/${sameCaller.id}/actions/merge`, { version: detail.version, into, comment: '同一来电人重复反映' });
    assert.equal((await merge(sameCaller.id)).statusCode, 400);
    assert.equal((await merge('00000000-0000-4000-8000-000000000000')).statusCode, 400);
    const merged = await merge(first.id);
    assert.equal(merged.statusCode, 200, merged.body);
    const after = (await center.request('GET', `/api/cases/${sameCaller.id}`)).json();
    assert.equal(after.state, 'merged');
    assert.equal(after.isClosed, true);
    assert.equal(after.fields.mergedInto.serialNo, first.serialNo);

    const tickets = (await center.request('GET', '/api/metrics/hotline.tickets?from=2026-05-01&to=2026-05-31')).json();
    assert.equal(tickets.value, 4, 'five registered, one merged: counted once');
    assert.equal(tickets.extra.merged, 1);
    // A ticket merged away takes no more tickets into it.
    const intoMerged = (await center.request('GET', `/api/cases/${sameAddress.id}`)).json();
    const refused = await center.request('POST', `/api/cases/${sameAddress.id}/actions/merge`, { version: intoMerged.version, into: sameCaller.id });
    assert.equal(refused.statusCode, 422);
  });
});
