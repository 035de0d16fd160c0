/**
 * A kind's free texts (personalText) through the routes: the numbers a citizen wrote into them are masked in the
 * row, its title, its search text, the ledger, the export and the trail; the clear text is sealed and shown by the
 * audited 显示, refused to whoever has no need; a text without numbers seals nothing; an edit masks again and
 * keeps the numbers whose masks the editor left.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../db/schema/index.js';
import { rowsOf } from '../../platform/db.js';
import { actingAs } from '../../../test/factories.js';
import { registerPersonalTextTestKind } from '../../../test/personal-kinds.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { verifyCaseTrail } from '../cases/trail.js';

const MOBILE = '13812345678';
const ID_NUMBER = '110101199003071234';
const LANDLINE = '0315-1234567';
const BODY = `来电人电话${MOBILE}，身份证${ID_NUMBER}，家中座机${LANDLINE}，邮箱 zhang.san@example.com，反映小区路灯不亮`;
const MASKED_BODY = '来电人电话138****5678，身份证1101**********1234，家中座机031****4567，邮箱 z***@example.com，反映小区路灯不亮';
const CLEAR = [MOBILE, ID_NUMBER, LANDLINE, '03151234567', 'zhang.san'];

let context: TestContext;
before(async () => {
  registerPersonalTextTestKind();
  context = await startTestApp();
});
after(() => context.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
const register = async (who: Session, fields: Record<string, unknown>) => {
  const response = await who.request('POST', '/api/cases', { kind: 'test_letter', fields });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string };
};
const edit = async (who: Session, caseId: string, document: Record<string, unknown>) => {
  const { version } = (await who.request('GET', `/api/cases/${caseId}`)).json() as { version: number };
  const response = await who.request('POST', `/api/cases/${caseId}/actions/edit`, { version, document });
  assert.equal(response.statusCode, 200, response.body);
};
const reveal = (who: Session, caseId: string, field: string) => who.request('POST', `/api/cases/${caseId}/personal/${field}/reveal`);
const holdsClear = (text: string) => CLEAR.some((value) => text.includes(value));

describe('personal texts', () => {
  test('masked in the row, title, search text, detail, ledger, export and trail; the clear digits find nothing', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const created = await register(clerk, { subject: `请回电${MOBILE}`, writerPhone: '13900001111', body: BODY });

    const detail = (await clerk.request('GET', `/api/cases/${created.id}`)).json();
    assert.equal(detail.fields.body, MASKED_BODY);
    assert.equal(detail.fields.subject, '请回电138****5678');
    assert.equal(detail.title, '来信：请回电138****5678');
    assert.deepEqual(
      detail.personal.map((item: { field: string; canReveal: boolean; isText?: boolean }) => [item.field, item.canReveal, item.isText ?? false]),
      [
        ['writerPhone', true, false],
        ['subject', true, true],
        ['body', true, true],
      ],
    );
    const page = await clerk.request('GET', '/api/cases?kind=test_letter');
    assert.match(page.body, /来信：请回电138\*\*\*\*5678/);
    assert.ok(!holdsClear(JSON.stringify(detail) + page.body), 'nothing in clear on the page or the ledger');
    assert.ok(!JSON.stringify(detail).includes('sm4cbc1.'), 'no sealed value is handed out');
    assert.equal((await clerk.request('GET', `/api/cases?kind=test_letter&q=${MOBILE}`)).json().total.count, 0, 'the clear number finds nothing');
    assert.equal((await clerk.request('GET', `/api/cases?kind=test_letter&q=${encodeURIComponent('路灯不亮')}`)).json().total.count, 1, 'the words still do');

    const exported = await clerk.request('GET', '/api/cases/export.xlsx?kind=test_letter');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    assert.ok(cells.some((cell) => cell.includes('请回电138****5678')) && !holdsClear(cells.join('\n')));

    for (const table of ['cases', 'case_events', 'audit_log', 'work_items']) {
      const [row] = rowsOf<{ found: number }>(
        await db.execute(sql`select count(*)::int as found from ${sql.identifier(table)} t where ${sql.join(CLEAR.map((value) => sql`t::text like ${`%${value}%`}`), sql` or `)}`),
      );
      assert.equal(row?.found, 0, `${table} holds a number in clear`);
    }
    const [stored] = rowsOf<{ search_text: string; fields: { body: string } }>(await db.execute(sql`select search_text, fields from cases where id = ${created.id}`));
    assert.ok(stored!.search_text.includes('138****5678') && stored!.fields.body === MASKED_BODY);
    const sealed = rowsOf<{ field: string }>(await db.execute(sql`select field from case_personal where case_id = ${created.id} order by field`));
    assert.deepEqual(sealed.map((row) => row.field), ['body', 'subject', 'writerPhone']);
    const indexed = rowsOf<{ field: string }>(await db.execute(sql`select field from person_index where case_id = ${created.id}`));
    assert.deepEqual(indexed.map((row) => row.field), ['writerPhone'], 'a number in a text is not indexed');
    assert.equal(await verifyCaseTrail(db, created.id), undefined);
  });

  test('显示 gives the clear text to the office and writes an audit row; a leader is refused, and that is audited too', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const leader = await actingAs(context.app, db, ['leader']);
    const created = await register(clerk, { subject: '路灯不亮', body: BODY });

    const shown = await reveal(clerk, created.id, 'body');
    assert.equal(shown.statusCode, 200, shown.body);
    assert.deepEqual(shown.json(), { field: 'body', value: BODY });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'personal.reveal'), eq(auditLog.objectId, created.id)));
    assert.deepEqual(audits.map((row) => [row.actorId, row.details]), [[clerk.user.id, { field: 'body', label: '来信内容' }]]);
    assert.ok(!holdsClear(JSON.stringify(audits)), 'the audit row names the field, not the text');

    const seen = (await leader.request('GET', `/api/cases/${created.id}`)).json();
    assert.equal(seen.fields.body, MASKED_BODY, 'the leader sees the case, masked');
    assert.equal(seen.personal.find((item: { field: string }) => item.field === 'body').canReveal, false);
    const refused = await reveal(leader, created.id, 'body');
    assert.equal(refused.statusCode, 403);
    assert.ok(!holdsClear(refused.body));
    const denied = await db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, leader.user.id)));
    assert.equal(denied.length, 1);
    // The subject had no number: nothing sealed, nothing to show.
    const subject = (await clerk.request('GET', `/api/cases/${created.id}`)).json().personal.find((item: { field: string }) => item.field === 'subject');
    assert.deepEqual(subject, { field: 'subject', label: '来信标题', masked: '路灯不亮', canReveal: false, isText: true });
    assert.equal((await reveal(clerk, created.id, 'subject')).statusCode, 404);
  });

  test('an edit masks again, keeps the numbers whose masks it left, and one without numbers leaves nothing sealed', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const created = await register(clerk, { subject: '路灯不亮', body: BODY });
    const masked = (await clerk.request('GET', `/api/cases/${created.id}`)).json().fields.body as string;

    // The clerk edits the masked text he sees, and adds a number the citizen gave later.
    await edit(clerk, created.id, { body: `${masked}；补充：另一联系人电话139-8765-4321`, subject: '路灯不亮，请联系13700001111' });
    const detail = (await clerk.request('GET', `/api/cases/${created.id}`)).json();
    assert.equal(detail.fields.body, `${MASKED_BODY}；补充：另一联系人电话139****4321`);
    assert.equal(detail.title, '来信：路灯不亮，请联系137****1111');
    assert.ok(!holdsClear(JSON.stringify(detail)) && !JSON.stringify(detail).includes('139-8765-4321'));
    assert.equal((await reveal(clerk, created.id, 'body')).json().value, `${BODY}；补充：另一联系人电话139-8765-4321`, 'the earlier numbers are kept');
    assert.equal((await reveal(clerk, created.id, 'subject')).json().value, '路灯不亮，请联系13700001111');
    const [events] = rowsOf<{ found: number }>(await db.execute(sql`select count(*)::int as found from case_events where case_id = ${created.id} and (data::text like '%8765-4321%' or data::text like '%13700001111%')`));
    assert.equal(events?.found, 0, 'the trail holds the edit sealed');

    // The numbers taken out: the text is stored as written and its sealed copy goes.
    await edit(clerk, created.id, { body: '反映小区路灯不亮，已电话联系' });
    assert.equal((await clerk.request('GET', `/api/cases/${created.id}`)).json().fields.body, '反映小区路灯不亮，已电话联系');
    assert.equal((await reveal(clerk, created.id, 'body')).statusCode, 404);
    assert.equal((await reveal(clerk, created.id, 'subject')).statusCode, 200, 'the untouched subject is still sealed');
    assert.equal(await verifyCaseTrail(db, created.id), undefined);
  });
});
