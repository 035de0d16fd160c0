/**
 * A session's 建议 list: the preview names the 4 bad rows and writes nothing, 'all' refuses the file, 'valid-only'
 * registers the rest (the lead deputy masked in the row), a second run adds nothing; single entry of a number
 * already in is refused (409); the board and permissions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { caseImportKeys, casePersonal, cases } from '../../db/schema/index.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { PROPOSAL_HEADERS, PROPOSAL_TITLE, sessionList } from '../../../test/proposal-fixtures.js';
import { multipartOf, workbookOf } from '../../../test/register-fixtures.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-02-10T09:00:00+08:00'));
});
after(() => t.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
const session = { body: 'npc', term: '十五届', session: '3', receivedOn: '2026-02-06' };
const upload = (who: Session, url: string, file: Buffer, fields: Record<string, string> = {}) => {
  const { payload, contentType } = multipartOf(file, { ...session, ...fields }, '建议目录.xlsx');
  return t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': contentType }, payload });
};
const proposalCount = async () => (await t.database.db.select({ n: count() }).from(cases).where(eq(cases.kind, 'proposal')))[0]!.n;

describe('建议提案 import and registration', () => {
  test('300 rows with 4 bad: preview names them, all refused, valid-only imports 296, again adds nothing', async () => {
    const list = sessionList(300);
    const file = await workbookOf({ headers: PROPOSAL_HEADERS, rows: list.rows, titleLine: PROPOSAL_TITLE, sheetName: '建议目录' });
    const inspector = await actingAs(t.app, t.database.db, ['inspector']);

    const preview = await upload(inspector, '/api/proposals/import/preview', file);
    assert.equal(preview.statusCode, 200, preview.body);
    const body = preview.json();
    assert.equal(body.rows, 300);
    assert.equal(body.valid, list.valid);
    assert.deepEqual(body.invalid.map((row: { row: number }) => row.row), list.bad);
    const messages = body.invalid.map((row: { errors: string[] }) => row.errors.join('；'));
    assert.match(messages[0], /缺少建议号\/提案号/);
    assert.match(messages[1], /缺少标题/);
    assert.match(messages[2], /缺少领衔代表/);
    assert.match(messages[3], /编号 5 与第 7 行重复/);
    assert.equal(body.sample[0].number, '1', '「001」 is number 1');
    assert.equal(await proposalCount(), 0, 'a preview writes nothing');

    const refused = await upload(inspector, '/api/proposals/import', file, { mode: 'all' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /有 4 行不符合要求/);
    assert.equal(await proposalCount(), 0);

    const imported = await upload(inspector, '/api/proposals/import', file, { mode: 'valid-only' });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().imported, list.valid);
    assert.equal(await proposalCount(), list.valid);

    const [first] = imported.json().caseIds as string[];
    const [row] = await t.database.db.select({ fields: cases.fields, state: cases.state }).from(cases).where(eq(cases.id, first!));
    assert.equal(row!.state, 'registered');
    assert.equal((row!.fields as { leadName: string }).leadName, '代**', 'the deputy is masked in the row');
    assert.equal((row!.fields as { term: string; session: number }).session, 3);
    const sealed = await t.database.db.select({ n: count() }).from(casePersonal).where(eq(casePersonal.caseId, first!));
    assert.equal(sealed[0]!.n, 1, 'the name is sealed aside');

    const again = await upload(inspector, '/api/proposals/import', file, { mode: 'valid-only' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().imported, 0);
    assert.equal(again.json().skippedDuplicates, list.valid);
    assert.equal(await proposalCount(), list.valid);

    // The same list as 政协提案 is another register: the key holds the body.
    const keys = await t.database.db.select({ n: count() }).from(caseImportKeys).where(and(eq(caseImportKeys.kind, 'proposal'), eq(caseImportKeys.key, 'npc|十五届|3|1')));
    assert.equal(keys[0]!.n, 1);
  });

  test('single entry: registered with its key, the same number again is 409; a 联络员 cannot register; the board filters', async () => {
    const inspector = await actingAs(t.app, t.database.db, ['inspector']);
    const leader = await actingAs(t.app, t.database.db, ['leader']);
    const input = { body: 'cppcc', term: '十三届', session: 4, number: '88', title: '关于发展夜间经济的提案', leadName: '王五', cosigners: ['赵六'], group: '经济界', category: '经济', content: '建议发展夜间经济。', receivedOn: '2026-03-01', isKey: true, keyLeaderId: leader.user.id };
    const created = await inspector.request('POST', '/api/proposals', input);
    assert.equal(created.statusCode, 201, created.body);
    const twice = await inspector.request('POST', '/api/proposals', input);
    assert.equal(twice.statusCode, 409, twice.body);
    assert.match(twice.json().message, /十三届4次会议第 88 号提案已登记/);

    const unit = await buildUnit(t.database.db);
    const liaison = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unit.id });
    assert.equal((await liaison.request('POST', '/api/proposals', { ...input, number: '89' })).statusCode, 403);
    assert.deepEqual((await liaison.request('GET', '/api/proposals')).json(), [], 'a 联络员 sees only what was given to their unit');

    const board = await leader.request('GET', '/api/proposals?body=cppcc&term=十三届');
    assert.equal(board.statusCode, 200, board.body);
    const [item] = board.json();
    assert.equal(item.number, '88');
    assert.equal(item.isKey, true);
    assert.equal(item.keyLeaderName, leader.user.displayName);
    assert.equal(item.leadName, '王*');
    assert.equal(item.stateLabel, '待交办');
  });

  test('领办领导: a leader of the system by name; an unknown name, or a leader on an item not marked 重点, is a named bad row', async () => {
    const inspector = await actingAs(t.app, t.database.db, ['inspector']);
    const leader = await actingAs(t.app, t.database.db, ['leader']);
    const file = await workbookOf({
      headers: ['提案号', '案由', '提案人', '界别', '是否重点', '领办领导'],
      rows: [
        ['1', '关于发展银发经济的提案', '周一', '经济界', '是', leader.user.displayName],
        ['2', '关于建设智慧社区的提案', '吴二', '科技界', '是', '不存在的领导'],
        ['3', '关于保护古村落的提案', '郑三', '文化界', '', leader.user.displayName],
      ],
    });
    const imported = await upload(inspector, '/api/proposals/import', file, { body: 'cppcc', term: '十三届', session: '6', mode: 'valid-only' });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().imported, 1);
    const errors = imported.json().invalid.map((row: { row: number; errors: string[] }) => [row.row, row.errors.join('；')]);
    assert.deepEqual(errors.map((error: [number, string]) => error[0]), [3, 4]);
    assert.match(errors[0][1], /领办领导「不存在的领导」不是系统中的政府领导/);
    assert.match(errors[1][1], /未标为重点件/);
    const [item] = (await leader.request('GET', '/api/proposals?body=cppcc&term=十三届&session=6')).json();
    assert.equal(item.keyLeaderName, leader.user.displayName);
    assert.equal(item.isKey, true);
  });
});

