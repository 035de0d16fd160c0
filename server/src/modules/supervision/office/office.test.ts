/**
 * What the 督查室 sends and records, through the routes: 督办通知 numbered per year and printed as a 信函,
 * seen by the units it is addressed to only; a 督查通报 compiled, edited (409 on a stale version), issued and
 * printed; 实地督查 linked to the items; 督查建议; and each counted by its metric.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs, buildUnit } from '../../../../test/factories.js';
import { unzip } from '../../../../test/office-files.js';
import { startTestApp, type TestContext } from '../../../../test/test-app.js';

let t: TestContext;
type Who = Awaited<ReturnType<typeof actingAs>>;
let inspector: Who;
let liaisonA: Who;
let liaisonC: Who;
let unitA = '';
let unitB = '';
let itemId = '';

const metric = async (id: string, unit?: string) => {
  const response = await inspector.request('GET', `/api/metrics/${id}?from=2026-01-01&to=2026-12-31${unit ? `&unit=${unit}` : ''}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-06-01T09:00:00+08:00'));
  const db = t.database.db;
  const root = await buildUnit(db, { name: '测试市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(db, { name: '测试市教育局', parentId: root.id })).id;
  unitB = (await buildUnit(db, { name: '测试市财政局', parentId: root.id })).id;
  const unitC = (await buildUnit(db, { name: '测试市民政局', parentId: root.id })).id;
  inspector = await actingAs(t.app, db, ['inspector'], { unitId: root.id });
  liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA });
  liaisonC = await actingAs(t.app, db, ['liaison'], { unitId: unitC });
  const created = await inspector.request('POST', '/api/supervision/items', {
    source: '重点工作', title: '城区学前教育扩容工程', measures: '新建、改扩建公办幼儿园，新增学位 3000 个',
    leadUnitId: unitA, helperUnitIds: [unitB], openedOn: '2026-03-02', deadline: '2026-06-30', reportCycle: 'monthly',
  });
  assert.equal(created.statusCode, 201, created.body);
  itemId = created.json().id;
});
after(() => t.close());

describe('督办通知', () => {
  test('numbered per year, worded from the item, printed as a 信函, seen by its units only, counted', async () => {
    const first = await inspector.request('POST', `/api/supervision/items/${itemId}/notices`, { replyBy: '2026-06-10' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().title, '督办通知〔2026〕1号：城区学前教育扩容工程');
    assert.match(first.json().fields.text, /重点工作事项「城区学前教育扩容工程」.*于2026年3月2日立项督办/);
    assert.match(first.json().fields.text, /于2026年6月10日前将办理进展/);
    const second = await inspector.request('POST', `/api/supervision/items/${itemId}/notices`, { noticeType: '督办函', replyBy: '2026-06-12', text: '请于6月12日前报送幼儿园建设进度。' });
    assert.equal(second.json().fields.no, 2);

    const docx = await inspector.request('GET', `/api/supervision/notices/${first.json().id}/document.docx`);
    assert.equal(docx.statusCode, 200);
    const xml = unzip(docx.rawPayload).get('word/document.xml')!;
    for (const text of ['督办〔2026〕1号', '关于督促办理“城区学前教育扩容工程”的通知', '测试市教育局、测试市财政局：', '测试市人民政府办公室']) assert.ok(xml.includes(text), text);

    assert.equal((await liaisonA.request('GET', '/api/records/supervision_notice')).json().items.length, 2);
    assert.equal((await liaisonC.request('GET', '/api/records/supervision_notice')).json().items.length, 0);
    assert.equal((await liaisonC.request('GET', `/api/supervision/notices/${first.json().id}/document.docx`)).statusCode, 404);
    assert.equal((await liaisonA.request('POST', `/api/supervision/items/${itemId}/notices`, { replyBy: '2026-06-10' })).statusCode, 403);
    const past = await inspector.request('POST', `/api/supervision/items/${itemId}/notices`, { replyBy: '2026-05-30' });
    assert.equal(past.statusCode, 400);

    const notices = await metric('supervision.notices');
    assert.deepEqual([notices.value, notices.parts], [2, { 督办通知: 1, 督办函: 1 }]);
    assert.equal((await metric('supervision.notices', unitB)).value, 2, 'a helper unit is addressed too');
    const records = (await inspector.request('GET', `/api/cases/${itemId}/records`)).json();
    assert.equal(records.filter((record: { relation: string }) => record.relation === 'notice').length, 2);
  });
});

describe('督查通报', () => {
  test('compiled from the items, edited with its version, issued, printed and counted', async () => {
    const draft = await inspector.request('POST', '/api/supervision/bulletins', { from: '2026-05-01', to: '2026-05-31' });
    assert.equal(draft.statusCode, 201, draft.body);
    const bulletin = draft.json();
    assert.deepEqual([bulletin.state, bulletin.fields.issueNo, bulletin.fields.year], ['draft', 1, 2026]);
    const text = bulletin.fields.body.map((block: { text?: string }) => block.text ?? '').join('\n');
    assert.match(text, /本期督办事项共 1 项，已办结 0 项/);

    const body = [...bulletin.fields.body, { level: 0, prefix: '', text: '请各单位对照整改。' }];
    const stale = await inspector.request('PATCH', `/api/supervision/bulletins/${bulletin.id}`, { version: bulletin.version + 1, title: '督查通报', body });
    assert.equal(stale.statusCode, 409);
    const edited = await inspector.request('PATCH', `/api/supervision/bulletins/${bulletin.id}`, { version: bulletin.version, title: '2026年5月督办事项办理情况通报', body });
    assert.equal(edited.statusCode, 200, edited.body);
    // A draft is not counted: with none issued yet the register holds nothing, which reads as no data rather than 0.
    const beforeIssue = await metric('supervision.bulletins');
    assert.deepEqual([beforeIssue.value, beforeIssue.hasData], [null, false], 'a draft is not counted');
    const issued = await inspector.request('POST', `/api/supervision/bulletins/${bulletin.id}/issue`, { version: edited.json().version });
    assert.equal(issued.json().state, 'issued');
    assert.equal((await inspector.request('PATCH', `/api/supervision/bulletins/${bulletin.id}`, { version: issued.json().version, title: '改过的标题', body })).statusCode, 409);
    assert.equal((await metric('supervision.bulletins')).value, 1);

    const xml = unzip((await inspector.request('GET', `/api/supervision/bulletins/${bulletin.id}/document.docx`)).rawPayload).get('word/document.xml')!;
    for (const part of ['督查通报', '2026年第1期', '2026年5月督办事项办理情况通报', '请各单位对照整改。']) assert.ok(xml.includes(part), part);
    assert.equal((await inspector.request('POST', '/api/supervision/bulletins', { from: '2026-05-01', to: '2026-05-31' })).json().fields.issueNo, 2);
    assert.equal((await inspector.request('POST', '/api/supervision/bulletins', { from: '2026-06-01', to: '2026-05-01' })).statusCode, 400);
    assert.equal((await liaisonA.request('POST', '/api/supervision/bulletins', { from: '2026-05-01', to: '2026-05-31' })).statusCode, 403);
  });
});

describe('实地督查 and 督查建议', () => {
  test('a check is linked to the items it checked; advice is recorded; both counted', async () => {
    const check = await inspector.request('POST', '/api/supervision/field-checks', {
      checkedOn: '2026-05-28', place: '城东新区第三幼儿园工地', people: '督查室 王强、李娜', method: '实地', findings: '主体结构完成 60%，进度滞后约两周。', caseIds: [itemId],
    });
    assert.equal(check.statusCode, 201, check.body);
    assert.ok((await inspector.request('GET', `/api/cases/${itemId}/records`)).json().some((record: { relation: string }) => record.relation === 'field_check'));
    assert.equal((await inspector.request('POST', '/api/supervision/field-checks', { checkedOn: '2026-06-02', place: '某地', people: '某人', findings: '未来' })).statusCode, 400);
    assert.equal((await inspector.request('POST', '/api/supervision/field-checks', { checkedOn: '2026-05-28', place: '某地', people: '某人', findings: '发现', caseIds: ['00000000-0000-4000-8000-000000000000'] })).statusCode, 404);
    const checks = await metric('supervision.fieldChecks');
    assert.deepEqual([checks.value, checks.parts], [1, { 实地: 1 }]);

    const advice = await inspector.request('POST', '/api/records/inspection_advice', { fields: { givenOn: '2026-05-29', toUnitName: '测试市教育局', subject: '加快幼儿园建设审批', text: '建议实行并联审批。', isAdopted: true } });
    assert.equal(advice.statusCode, 201, advice.body);
    assert.equal((await liaisonA.request('POST', '/api/records/inspection_advice', { fields: { givenOn: '2026-05-29', toUnitName: '甲', subject: '乙乙', text: '丙丙' } })).statusCode, 403);
    const recommendations = await metric('supervision.recommendations');
    assert.deepEqual([recommendations.value, recommendations.extra.adopted], [1, 1]);
  });
});
