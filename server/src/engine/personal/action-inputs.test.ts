/**
 * An action's free text that a kind lists as personalInputs (交办意见, 退回理由, 延期理由 …) through the routes: the
 * citizen's numbers typed into it are masked in the trail, the event's data and the database; the clear text is
 * sealed in the event, where the trail's chain still verifies, and 显示 on the event gives it to the office with an
 * audit row — never to a 联络员, never for an event that hid nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { registerPersonalTestKind } from '../../../test/personal-kinds.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { verifyCaseTrail } from '../cases/trail.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { openActionInputs, protectActionInputs } from './action-inputs.js';

const MOBILE = '13812345678';
const OLD_ID = '110105491231002'; // a first-generation 15-digit 身份证
const COMMENT = `请尽快联系来访人（电话${MOBILE}，老身份证${OLD_ID}）`;
const MASKED_COMMENT = '请尽快联系来访人（电话138****5678，老身份证1101*******1002）';
const REASON = '需要现场核实，来访人另留电话 139-8765-4321';
const CLEAR = [MOBILE, OLD_ID, '139-8765-4321', '13987654321'];

let context: TestContext;
before(async () => {
  registerPersonalTestKind();
  context = await startTestApp();
});
after(() => context.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
type Event = { seq: number; action: string; comment: string | null; data: Record<string, unknown> | null };
const detailOf = async (who: Session, caseId: string) => (await who.request('GET', `/api/cases/${caseId}`)).json() as { version: number; events: Event[]; assignments: Array<{ id: string }> };
const act = async (who: Session, caseId: string, action: string, input: Record<string, unknown>) => {
  const response = await who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: (await detailOf(who, caseId)).version, ...input });
  assert.equal(response.statusCode, 200, response.body);
};
const holdsClear = (text: string) => CLEAR.some((value) => text.includes(value));

describe('personal numbers in an action’s free text', () => {
  test('the listed inputs are masked, inside a group too; other inputs and values are left alone, the given values unchanged', () => {
    const kind = { personalInputs: ['comment', 'extension.reason', 'missing', 'units[].instruction'] } as unknown as KindDefinition;
    const units = [{ unitId: 'u' }, { unitId: 'v', instruction: '请按职责办理' }, { unitId: 'w', instruction: REASON }];
    const values = { comment: COMMENT, extension: { amount: 3, reason: REASON }, other: MOBILE, units };
    const given = structuredClone(values);
    const { values: masked, sealed } = protectActionInputs({ kind, caseId: '00000000-0000-4000-8000-000000000001', values });
    assert.deepEqual(values, given);
    const maskedReason = '需要现场核实，来访人另留电话 139****4321';
    assert.deepEqual(masked, {
      comment: MASKED_COMMENT,
      extension: { amount: 3, reason: maskedReason },
      other: MOBILE,
      // Each row's 交办意见 on its own: the row without a number is kept as written, and nothing of it is sealed.
      units: [{ unitId: 'u' }, { unitId: 'v', instruction: '请按职责办理' }, { unitId: 'w', instruction: maskedReason }],
    });
    assert.deepEqual(Object.keys(sealed!), ['comment', 'extension.reason', 'units.2.instruction']);
    assert.deepEqual(openActionInputs('00000000-0000-4000-8000-000000000001', sealed!), { comment: COMMENT, 'extension.reason': REASON, 'units.2.instruction': REASON });
    // A sealed text opens only on its own case: moved to another, it is refused.
    assert.throws(() => openActionInputs('00000000-0000-4000-8000-000000000002', sealed!));
    assert.deepEqual(protectActionInputs({ kind, caseId: 'x', values: { comment: '无号码' } }), { values: { comment: '无号码' }, sealed: undefined });
  });

  test('masked in the trail, its data and the database; sealed in the event; the chain verifies', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const unit = await buildUnit(db);
    const liaison = await actingAs(context.app, db, ['liaison'], { unitId: unit.id });
    const created = (await clerk.request('POST', '/api/cases', { kind: 'test_petition', fields: { subject: '小区噪音扰民', petitionerName: '张三丰', phone: '13900001111' } })).json() as { id: string };
    await act(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead', dueDays: 5, instruction: `核实后回电 ${MOBILE}` }], comment: COMMENT });
    const [given] = (await detailOf(clerk, created.id)).assignments as Array<{ id: string; instruction?: string | null }>;
    assert.equal(given?.instruction, '核实后回电 138****5678', 'the unit\'s 交办意见 stored masked');
    const assignmentId = given.id;
    await act(liaison, created.id, 'unit_return', { assignmentId, reason: REASON });
    await act(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }], comment: '请按职责办理' });

    const detail = await detailOf(clerk, created.id);
    const [assign, again] = detail.events.filter((event) => event.action === 'assign');
    assert.equal(assign!.comment, MASKED_COMMENT);
    assert.deepEqual(assign!.data?.personalInputs, ['comment', 'units.0.instruction']);
    const returned = detail.events.find((event) => event.action === 'unit_return')!;
    assert.equal(returned.data?.reason, '需要现场核实，来访人另留电话 139****4321', 'the effect stored the masked reason');
    assert.deepEqual(returned.data?.personalInputs, ['reason']);
    // A text with no number in it is kept as written, and nothing is sealed.
    assert.equal(again!.comment, '请按职责办理');
    assert.equal(again!.data?.personalInputs, undefined);

    const page = JSON.stringify(detail) + JSON.stringify(await detailOf(liaison, created.id));
    assert.ok(!holdsClear(page), 'nothing in clear on the page, for the office or the unit');
    assert.ok(!page.includes('sm4cbc1.'), 'no sealed value is handed out');
    for (const table of ['cases', 'case_events', 'assignments', 'audit_log', 'work_items', 'notifications']) {
      const [row] = rowsOf<{ found: number }>(
        await db.execute(sql`select count(*)::int as found from ${sql.identifier(table)} t where ${sql.join(CLEAR.map((value) => sql`t::text like ${`%${value}%`}`), sql` or `)}`),
      );
      assert.equal(row!.found, 0, `${table} holds no clear number`);
    }
    assert.equal(await verifyCaseTrail(db, created.id), undefined, 'the trail with its sealed texts verifies');
    const shown = await clerk.request('POST', `/api/cases/${created.id}/events/${assign!.seq}/reveal`);
    assert.deepEqual(shown.json(), { seq: assign!.seq, texts: { comment: COMMENT, 'units.0.instruction': `核实后回电 ${MOBILE}` } });
  });

  test('显示 on an event gives the office the texts in full with an audit row; a 联络员 and an event that hid nothing get no text', async () => {
    const db = context.database.db;
    const clerk = await actingAs(context.app, db, ['clerk']);
    const unit = await buildUnit(db);
    const liaison = await actingAs(context.app, db, ['liaison'], { unitId: unit.id });
    const created = (await clerk.request('POST', '/api/cases', { kind: 'test_petition', fields: { subject: '占道经营', petitionerName: '李四', phone: '13900002222' } })).json() as { id: string };
    await act(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }], comment: COMMENT });
    const { events } = await detailOf(clerk, created.id);
    const assign = events.find((event) => event.action === 'assign')!;
    const registered = events.find((event) => event.action === 'create')!;

    const shown = await clerk.request('POST', `/api/cases/${created.id}/events/${assign.seq}/reveal`);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.deepEqual(shown.json(), { seq: assign.seq, texts: { comment: COMMENT } });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'personal.reveal'), eq(auditLog.objectId, created.id)));
    assert.equal(audits.length, 1);
    assert.deepEqual(audits[0]!.details, { event: assign.seq, inputs: ['comment'] });
    assert.ok(!holdsClear(JSON.stringify(audits)), 'the audit row names the event, not the text');

    const byLiaison = await liaison.request('POST', `/api/cases/${created.id}/events/${assign.seq}/reveal`);
    assert.equal(byLiaison.statusCode, 403);
    assert.ok(!holdsClear(byLiaison.body));
    assert.equal((await clerk.request('POST', `/api/cases/${created.id}/events/${registered.seq}/reveal`)).statusCode, 404, 'nothing hidden in that event');
    assert.equal((await clerk.request('POST', `/api/cases/${created.id}/events/999/reveal`)).statusCode, 404);
    assert.equal((await clerk.request('POST', `/api/cases/${created.id}/events/0/reveal`)).statusCode, 400);
    assert.equal((await clerk.request('POST', `/api/cases/${created.id}/events/abc/reveal`)).statusCode, 400);
    // Another office's user who may not see the case learns nothing of it.
    const stranger = await actingAs(context.app, db, ['liaison'], { unitId: (await buildUnit(db)).id });
    assert.equal((await stranger.request('POST', `/api/cases/${created.id}/events/${assign.seq}/reveal`)).statusCode, 403);
  });
});
