/**
 * 知识库: answers kept by the center with validity dates; the agent is offered those valid today that share
 * words with what is typed (or are of the chosen category), an expired or not-yet-valid one never.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Actor = Awaited<ReturnType<typeof actingAs>>;
let center: Actor;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-05-10T10:00:00+08:00'));
  center = await actingAs(t.app, t.database.db, ['hotline_staff']);
  const add = async (fields: Record<string, unknown>, status = 201) => {
    const response = await center.request('POST', '/api/records/hotline_answer', { fields });
    assert.equal(response.statusCode, status, response.body);
  };
  await add({ category: '政务服务/政策咨询', question: '住房公积金怎么提取', answer: '购房、租房、退休可提取，凭身份证到公积金中心或线上办理。', validFrom: '2026-01-01' });
  await add({ category: '政务服务/政策咨询', question: '公积金提取额度（旧政策）', answer: '每年提取不超过 1.2 万元。', validFrom: '2025-01-01', validTo: '2026-03-31' });
  await add({ category: '政务服务/政策咨询', question: '公积金新政（12 月起）', answer: '租房提取额度提高。', validFrom: '2026-12-01' });
  await add({ category: '劳动社保/社保医保', question: '异地就医怎么备案', answer: '在国家医保服务平台 App 备案。', validFrom: '2026-01-01' });
  await add({ category: '劳动社保/社保医保', question: '日期不对', answer: '失效早于生效', validFrom: '2026-05-01', validTo: '2026-04-01' }, 400);
});
after(() => t.close());

const search = async (who: Actor, query: string) => {
  const response = await who.request('GET', `/api/hotline/answers?${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as Array<{ question: string }>).map((answer) => answer.question);
};

describe('the center keeps its category tree', () => {
  test('hotline.manage adds and stops categories; the intake form’s tree follows; a 联络员 may not edit it', async () => {
    const tree = async () => (await center.request('GET', '/api/hotline/categories')).json() as Array<{ name: string; children: string[] }>;
    assert.ok((await tree()).find((node) => node.name === '城市管理')!.children.includes('路灯照明'), 'seeded by migration 0026');
    const added = await center.request('POST', '/api/records/hotline_category', { fields: { name: '井盖缺失', parent: '城市管理' } });
    assert.equal(added.statusCode, 201, added.body);
    assert.ok((await tree()).find((node) => node.name === '城市管理')!.children.includes('井盖缺失'));
    const record = added.json() as { id: string; version: number; fields: Record<string, unknown> };
    const stopped = await center.request('PATCH', `/api/records/hotline_category/${record.id}`, { fields: { ...record.fields, isActive: false }, version: record.version });
    assert.equal(stopped.statusCode, 200, stopped.body);
    assert.ok(!(await tree()).find((node) => node.name === '城市管理')!.children.includes('井盖缺失'));
    const ticket = await center.request('POST', '/api/cases', { kind: 'ticket', fields: { channel: '电话', ticketType: '求助', category: '城市管理/井盖缺失', callerName: '匿名', content: '井盖丢了' } });
    assert.equal(ticket.statusCode, 400, 'a stopped category is refused at registration');
    const liaison = await actingAs(t.app, t.database.db, ['liaison']);
    assert.equal((await liaison.request('POST', '/api/records/hotline_category', { fields: { name: '随便', parent: '城市管理' } })).statusCode, 403);
  });
});

describe('知识库', () => {
  test('valid today and matching the typed words or the category; never expired or future answers', async () => {
    assert.deepEqual(await search(center, `q=${encodeURIComponent('我想问一下公积金怎么提取')}`), ['住房公积金怎么提取']);
    assert.deepEqual(await search(center, `q=&category=${encodeURIComponent('劳动社保/社保医保')}`), ['异地就医怎么备案']);
    // The category's answers first, then those sharing words.
    assert.deepEqual(await search(center, `q=${encodeURIComponent('备案 公积金')}&category=${encodeURIComponent('劳动社保/社保医保')}`), ['异地就医怎么备案', '住房公积金怎么提取']);
    assert.deepEqual(await search(center, `q=${encodeURIComponent('路灯不亮')}`), []);
    const liaison = await actingAs(t.app, t.database.db, ['liaison']);
    assert.deepEqual(await search(liaison, `q=${encodeURIComponent('公积金提取')}`), ['住房公积金怎么提取']);
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await clerk.request('GET', '/api/hotline/answers?q=公积金')).statusCode, 403);
  });
});
