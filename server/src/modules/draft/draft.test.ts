import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { countCharacters } from './draft.kind.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('字数 counts Chinese characters and digits only', () => {
  assert.equal(countCharacters('2026年，全市GDP增长6.5%。'), 11); // 2026 (4) 年 (1) 全市 (2) 增长 (2) 6 5 (2)
  assert.equal(countCharacters('同志们：'), 3);
  assert.equal(countCharacters('ABC, def!'), 0);
  assert.equal(countCharacters('１２３'), 3);
});

test('a speech: versions with their 字数, sent for review, sent back, final', async () => {
  const writer = await actingAs(t.app, t.database.db, ['clerk']);
  const director = await actingAs(t.app, t.database.db, ['director']);
  const created = (await writer.request('POST', '/api/cases', { kind: 'draft', fields: { title: '在全市经济工作会议上的讲话', draftType: '讲话稿', forWhom: '市长', occasion: '全市经济工作会议' } })).json();
  const act = async (who: typeof writer, action: string, body: Record<string, unknown> = {}) => {
    const detail = (await who.request('GET', `/api/cases/${created.id}`)).json();
    return who.request('POST', `/api/cases/${created.id}/actions/${action}`, { version: detail.version, ...body });
  };
  assert.equal((await act(writer, 'submit')).statusCode, 422);
  assert.equal((await act(writer, 'add_version', { text: 'Hello' })).statusCode, 400);
  assert.equal((await act(writer, 'add_version', { text: '同志们：今年以来，全市经济稳中向好。', comment: '初稿' })).statusCode, 200);
  assert.equal((await act(writer, 'submit')).statusCode, 200);
  assert.equal((await act(director, 'revise', {})).statusCode, 400);
  assert.equal((await act(director, 'revise', { comment: '请补充重点项目情况' })).statusCode, 200);
  assert.equal((await act(writer, 'add_version', { text: '同志们：今年以来，全市经济稳中向好，32个重点项目全部开工。', comment: '二稿' })).statusCode, 200);
  await act(writer, 'submit');
  assert.equal((await act(director, 'approve')).statusCode, 200);
  const detail = (await writer.request('GET', `/api/cases/${created.id}`)).json();
  assert.equal(detail.state, 'final');
  assert.deepEqual(detail.fields.versions.map((v: { chars: number }) => v.chars), [15, 26]);
  assert.equal(detail.fields.chars, 26);
});

test('常用意见: defaults on first use, add, remove; each user sees only their own', async () => {
  const leader = await actingAs(t.app, t.database.db, ['leader']);
  const other = await actingAs(t.app, t.database.db, ['leader']);
  const first = (await leader.request('GET', '/api/phrases')).json();
  assert.equal(first[0].text, '同意');
  const added = (await leader.request('POST', '/api/phrases', { text: '请发改委牵头研究' })).json();
  assert.ok((await leader.request('GET', '/api/phrases')).json().some((p: { id: string }) => p.id === added.id));
  assert.equal((await other.request('DELETE', `/api/phrases/${added.id}`)).statusCode, 404);
  assert.equal((await leader.request('DELETE', `/api/phrases/${added.id}`)).statusCode, 204);
  assert.equal((await leader.request('POST', '/api/phrases', { text: '' })).statusCode, 400);
});
