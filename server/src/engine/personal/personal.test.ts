/**
 * Personal data on cases through the routes: masked for every reader in every view (detail, ledger, export,
 * trail, ledger search), 显示 audited and refused to a 联络员, a person's earlier cases found by phone or ID
 * number only among the cases the user may see, a corrected number re-indexed, nothing in clear in the rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../db/schema/index.js';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { registerPersonalTestKind } from '../../../test/personal-kinds.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { verifyCaseTrail } from '../cases/trail.js';

const PHONE = '13912345678';
const ID_NUMBER = '11010519491231002X';
const OTHER_PHONE = '13698765432';

let context: TestContext;
before(async () => {
  registerPersonalTestKind();
  context = await startTestApp();
});
after(() => context.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
const register = async (who: Session, fields: Record<string, unknown>) => {
  const response = await who.request('POST', '/api/cases', { kind: 'test_petition', fields });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string; version: number };
};
const act = async (who: Session, caseId: string, action: string, input: Record<string, unknown>) => {
  const detail = (await who.request('GET', `/api/cases/${caseId}`)).json() as { version: number };
  const response = await who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...input });
  assert.equal(response.statusCode, 200, response.body);
};
const petition = { subject: '小区噪音扰民', petitionerName: '张三丰', phone: PHONE, idNumber: ID_NUMBER, address: '北京市东城区某某街道1号院2楼301' };

describe('personal fields', () => {
  test('masked in the detail, ledger, ledger search, export and trail for the office and for a 联络员', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const unit = await buildUnit(db);
    const liaison = await actingAs(context.app, db, ['liaison'], { unitId: unit.id });
    const created = await register(clerk, petition);
    await act(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });

    for (const who of [clerk, liaison]) {
      const detail = (await who.request('GET', `/api/cases/${created.id}`)).json();
      assert.equal(detail.fields.phone, '139****5678');
      assert.equal(detail.fields.idNumber, '1101**********002X');
      assert.equal(detail.fields.petitionerName, '张**');
      assert.equal(detail.fields.address, '北京市东城区****');
      assert.equal(detail.title, '张**反映：小区噪音扰民');
      assert.deepEqual(
        detail.personal.map((item: { field: string; masked: string; canReveal: boolean }) => [item.field, item.masked, item.canReveal]),
        [
          ['petitionerName', '张**', who === clerk],
          ['phone', '139****5678', who === clerk],
          ['idNumber', '1101**********002X', who === clerk],
          ['address', '北京市东城区****', who === clerk],
        ],
      );
      const createEvent = detail.events.find((event: { action: string }) => event.action === 'create');
      assert.equal(createEvent.data.personal.phone, '139****5678', 'the trail shows the masked form');
      const page = await who.request('GET', '/api/cases?kind=test_petition');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /张\*\*反映/);
      const everything = JSON.stringify(detail) + page.body;
      assert.ok(!everything.includes(PHONE) && !everything.includes(ID_NUMBER) && !everything.includes('张三丰'), 'nothing in clear');
      assert.ok(!everything.includes('sm4cbc1.'), 'no sealed value is handed out');
      // The ledger's text search cannot find a person by number: that is what the audited person search is for.
      const searched = (await who.request('GET', `/api/cases?kind=test_petition&q=${PHONE}`)).json();
      assert.equal(searched.total.count, 0);
    }
    const exported = await clerk.request('GET', '/api/cases/export.xlsx?kind=test_petition');
    assert.equal(exported.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    assert.ok(cells.some((cell) => cell.includes('张**反映')), 'the export lists the case');
    assert.ok(!cells.join('\n').includes(PHONE) && !cells.join('\n').includes('张三丰'));
    assert.equal(await verifyCaseTrail(db, created.id), undefined, 'the trail with its sealed values verifies');
  });

  test('显示 gives the value to the office, writes an audit row naming the field, and is refused to a 联络员', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const unit = await buildUnit(db);
    const liaison = await actingAs(context.app, db, ['liaison'], { unitId: unit.id });
    const created = await register(clerk, petition);
    await act(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });

    const revealed = await clerk.request('POST', `/api/cases/${created.id}/personal/phone/reveal`);
    assert.equal(revealed.statusCode, 200, revealed.body);
    assert.deepEqual(revealed.json(), { field: 'phone', value: PHONE });
    const idRevealed = await clerk.request('POST', `/api/cases/${created.id}/personal/idNumber/reveal`);
    assert.equal(idRevealed.json().value, ID_NUMBER);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'personal.reveal'), eq(auditLog.objectId, created.id)));
    assert.deepEqual(audits.map((row) => [row.actorId, (row.details as { field: string }).field]).sort(), [[clerk.user.id, 'idNumber'], [clerk.user.id, 'phone']].sort());
    assert.ok(!JSON.stringify(audits).includes(PHONE), 'the audit row names the field, not the value');

    const refused = await liaison.request('POST', `/api/cases/${created.id}/personal/phone/reveal`);
    assert.equal(refused.statusCode, 403);
    assert.ok(!refused.body.includes(PHONE));
    const denied = await db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, liaison.user.id)));
    assert.equal(denied.length, 1, 'the refusal is audited');
    // Not a personal field, or a case out of sight: not found, and no audit row.
    assert.equal((await clerk.request('POST', `/api/cases/${created.id}/personal/subject/reveal`)).statusCode, 404);
    const stranger = await actingAs(context.app, db, ['leader']);
    assert.equal((await stranger.request('POST', `/api/cases/${created.id}/personal/phone/reveal`)).statusCode, 403, 'a leader has no need');
  });

  test('person search finds earlier cases by phone (any spelling) or ID number, only those the user may see', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const hotline = await actingAs(context.app, db, ['hotline_staff']);
    const first = await register(clerk, { ...petition, phone: '13511112222', idNumber: '110105198001010019' });
    const second = await register(hotline, { ...petition, subject: '再次反映噪音', phone: '135 1111 2222' });
    const unrelated = await register(clerk, { ...petition, phone: '13533334444', idNumber: '110105198001010035' });

    const byPhone = await clerk.request('POST', '/api/cases/person-search', { phone: '+86 135-1111-2222' });
    assert.equal(byPhone.statusCode, 200, byPhone.body);
    const ids = byPhone.json().items.map((item: { id: string }) => item.id);
    assert.deepEqual(ids.sort(), [first.id, second.id].sort());
    assert.ok(!ids.includes(unrelated.id));
    assert.equal(byPhone.json().items[0].masked, '135****2222');
    const byId = (await clerk.request('POST', '/api/cases/person-search', { idNumber: '110105198001010019' })).json();
    assert.deepEqual(byId.items.map((item: { id: string; matchedLabel: string }) => [item.id, item.matchedLabel]), [[first.id, '身份证号码']]);

    // A corrected number: the case is found by the new one, no longer by the old; the trail keeps the change masked.
    await act(clerk, unrelated.id, 'correct', { document: { phone: OTHER_PHONE } });
    assert.equal((await clerk.request('POST', '/api/cases/person-search', { phone: '13533334444' })).json().items.length, 0);
    assert.deepEqual((await clerk.request('POST', '/api/cases/person-search', { phone: OTHER_PHONE })).json().items.map((item: { id: string }) => item.id), [unrelated.id]);
    const detail = (await clerk.request('GET', `/api/cases/${unrelated.id}`)).json();
    assert.equal(detail.fields.phone, '136****5432');
    assert.equal(detail.fields.idNumber, '1101**********0035', 'an untouched (masked) field stays as it was');
    assert.equal((await clerk.request('POST', `/api/cases/${unrelated.id}/personal/idNumber/reveal`)).json().value, '110105198001010035');
    assert.equal(detail.events.at(-1).data.personal.phone, '136****5432');

    // Scope: a 联络员 may not search at all; bad input is a 400.
    const unit = await buildUnit(db);
    const liaison = await actingAs(context.app, db, ['liaison'], { unitId: unit.id });
    assert.equal((await liaison.request('POST', '/api/cases/person-search', { phone: '13511112222' })).statusCode, 403);
    assert.equal((await clerk.request('POST', '/api/cases/person-search', { phone: '13511112222', idNumber: '110105198001010019' })).statusCode, 400);
    assert.equal((await clerk.request('POST', '/api/cases/person-search', { idNumber: '123' })).statusCode, 400);
    const searches = await db.select().from(auditLog).where(and(eq(auditLog.action, 'personal.search'), eq(auditLog.actorId, clerk.user.id)));
    assert.ok(searches.length >= 4);
    assert.ok(!JSON.stringify(searches).includes('13511112222'));
  });

  test('the database holds no phone, ID number or name in clear: not in cases, search text, trail or audit', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    await register(clerk, { ...petition, phone: '13800001111', idNumber: '110105199001010013', petitionerName: '欧阳修远' });
    const tables = ['cases', 'case_events', 'audit_log', 'case_personal', 'person_index', 'work_items', 'notifications'];
    for (const table of tables) {
      const [row] = rowsOf<{ found: number }>(
        await db.execute(sql`select count(*)::int as found from ${sql.identifier(table)} t where t::text like '%13800001111%' or t::text like '%110105199001010013%' or t::text like '%欧阳修远%'`),
      );
      assert.equal(row?.found, 0, `${table} holds a personal value in clear`);
    }
    const [sealed] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from case_personal where sealed like 'sm4cbc1.%'`));
    assert.ok((sealed?.n ?? 0) >= 4);
  });
});
