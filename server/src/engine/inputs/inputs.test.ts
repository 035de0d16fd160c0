import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { assignments, caseEvents, cases } from '../../db/schema/index.js';
import { followUpKind } from '../../../test/declared-kind.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { registerKind } from '../kinds/registry.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { longText, unitAssignments } from './fields.js';

let t: TestContext;
before(async () => {
  registerKind(followUpKind); // the test's own kind: nothing outside server/test declares it
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00')); // a Monday
});
after(() => t.close());

type Actor = Awaited<ReturnType<typeof actingAs>>;

const create = async (clerk: Actor, kind: string, fields: Record<string, unknown>) => {
  const response = await clerk.request('POST', '/api/cases', { kind, fields });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string; version: number };
};
const act = (who: Actor, caseId: string, action: string, version: number, body: Record<string, unknown>) =>
  who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version, ...body });

/** The case row's version and its trail length: what a refused action must leave as it was. */
const stateOf = async (caseId: string) => {
  const db = t.database.db;
  const [row] = await db.select({ version: cases.version, state: cases.state, fields: cases.fields }).from(cases).where(eq(cases.id, caseId));
  const [events] = await db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, caseId));
  return { ...row!, events: events!.n };
};

const validVisit = { visitedOn: '2026-11-02', channel: 'phone', attitude: 'good', result: 'fair', minutes: 12, note: '  群众表示满意  ' };

describe('a kind declared in a test, with its own action input', () => {
  test('its form is served as widgets and as JSON Schema', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const response = await clerk.request('GET', '/api/kinds/follow_up/actions');
    assert.equal(response.statusCode, 200, response.body);
    const [visit] = response.json() as Array<{ action: string; form: Array<{ name: string[]; widget: string; isRequired: boolean; label: string }>; schema: { properties: Record<string, unknown>; required?: string[] } }>;
    assert.equal(visit!.action, 'visit');
    assert.deepEqual(
      visit!.form.map((field) => [field.name.join('.'), field.widget, field.isRequired]),
      [
        ['visitedOn', 'date', true],
        ['channel', 'choice', true],
        ['attitude', 'rating', false],
        ['result', 'rating', false],
        ['minutes', 'number', false],
        ['note', 'longText', false],
        ['photos', 'files', false],
      ],
    );
    assert.deepEqual(Object.keys(visit!.schema.properties), ['visitedOn', 'channel', 'attitude', 'result', 'minutes', 'note', 'photos']);
    assert.deepEqual(visit!.schema.required, ['visitedOn', 'channel']);
    assert.deepEqual((visit!.schema.properties.channel as { enum: string[] }).enum, ['phone', 'visit']);

    const created = await create(clerk, 'follow_up', { subject: '回访张某' });
    const detail = (await clerk.request('GET', `/api/cases/${created.id}`)).json() as { actions: Array<{ action: string; form: Array<{ label: string }> }> };
    assert.deepEqual(detail.actions.find((action) => action.action === 'visit')!.form.map((field) => field.label), ['回访日期', '回访方式', '态度', '结果', '通话时长', '回访记录', '照片']);
    assert.equal((await clerk.request('GET', '/api/kinds/no_such_kind/actions')).statusCode, 404);
  });

  test('a valid input is checked, cleaned and reaches the kind', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const created = await create(clerk, 'follow_up', { subject: '回访李某' });
    const response = await act(clerk, created.id, 'visit', created.version, validVisit);
    assert.equal(response.statusCode, 200, response.body);
    const after = await stateOf(created.id);
    assert.equal(after.state, 'visited');
    // Trimmed by the declared longText; absent optional inputs stay absent.
    assert.deepEqual((after.fields as { visit: unknown }).visit, { ...validVisit, note: '群众表示满意' });
  });

  test('bad input is a 400 naming the field, and nothing changes', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const created = await create(clerk, 'follow_up', { subject: '回访王某' });
    const before = await stateOf(created.id);
    const cases: Array<[Record<string, unknown>, RegExp, string]> = [
      [{ ...validVisit, visitedOn: undefined }, /请选择回访日期/, 'visitedOn'],
      [{ ...validVisit, visitedOn: '2026-02-30' }, /「回访日期」/, 'visitedOn'],
      [{ ...validVisit, channel: 'letter' }, /「回访方式」/, 'channel'],
      [{ ...validVisit, attitude: 'excellent' }, /「态度」/, 'attitude'],
      [{ ...validVisit, minutes: 601 }, /「通话时长」不能大于 600/, 'minutes'],
      [{ ...validVisit, minutes: 1.5 }, /「通话时长」应为整数/, 'minutes'],
      [{ ...validVisit, note: 'x'.repeat(501) }, /「回访记录」/, 'note'],
      [{ ...validVisit, photos: [{ digest: 'nothex', name: 'a.jpg' }] }, /「照片」/, 'photos.0.digest'],
      [{ ...validVisit, satisfaction: 'satisfied' }, /不接受/, 'satisfaction'],
    ];
    for (const [body, message, path] of cases) {
      const response = await act(clerk, created.id, 'visit', created.version, body);
      assert.equal(response.statusCode, 400, `${path}: ${response.body}`);
      const error = response.json() as { message: string; details: { fields: Array<{ path: string }> } };
      assert.match(error.message, message);
      assert.equal(error.details.fields[0]!.path, path);
      // The field by its label only: neither its key nor its path (photos.0.digest, satisfaction) reaches the clerk.
      for (const key of path.split('.').filter((part) => !/^\d+$/.test(part))) assert.ok(!error.message.includes(key), `${path}: ${error.message}`);
    }
    assert.deepEqual(await stateOf(created.id), before);
  });

  test('one who may not act at all is refused (403) before the input is looked at', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const created = await create(clerk, 'follow_up', { subject: '回访赵某' });
    const response = await act(director, created.id, 'visit', created.version, { channel: 'letter' });
    assert.equal(response.statusCode, 403, response.body);
    assert.equal((await stateOf(created.id)).state, 'open');
  });

  test('the 交办 preview follows the deadline the kind declares for each role', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const created = await create(clerk, 'follow_up', { subject: '回访孙某' });
    const preview = async (role: string) => (await clerk.request('GET', `/api/cases/${created.id}/assignment-due?role=${role}`)).json() as { due: string; amount: number; unit: string };
    // From Monday 2026-11-02: 3 months → 2027-02-02 (a Tuesday, working); 1 month → 2026-12-02 (a Wednesday).
    assert.deepEqual(await preview('lead'), { due: '2027-02-02', amount: 3, unit: '个月', isDefault: true });
    assert.deepEqual(await preview('consult'), { due: '2026-12-02', amount: 1, unit: '个月', isDefault: true });
    const [lead, consult] = [await buildUnit(db), await buildUnit(db)];
    const ok = await act(clerk, created.id, 'assign', created.version, { units: [{ unitId: lead.id, role: 'lead' }, { unitId: consult.id, role: 'consult' }] });
    assert.equal(ok.statusCode, 200, ok.body);
    const rows = await db.select({ unitId: assignments.unitId, dueDate: assignments.dueDate }).from(assignments).where(eq(assignments.caseId, created.id));
    assert.deepEqual(new Map(rows.map((row) => [row.unitId, row.dueDate])), new Map([[lead.id, '2027-02-02'], [consult.id, '2026-12-02']]));
  });

  test('the registry refuses a kind whose effect reads an input it does not declare', () => {
    const broken: KindDefinition = {
      ...followUpKind,
      id: 'broken_follow_up',
      transitions: [{ action: 'assign', label: '交办', from: ['open'], to: 'open', actor: { roles: ['clerk'] }, effect: 'assign', input: { units: longText({ label: '单位' }) } }],
    };
    assert.throws(() => registerKind(broken), /effect assign needs input units \(unitAssignments\)/);
  });

  test('the registry refuses personal inputs that name no text input: they would protect nothing', () => {
    const transitions: KindDefinition['transitions'] = [
      { action: 'note', label: '备注', from: ['open'], to: 'open', actor: { roles: ['clerk'] }, input: { comment: longText({ label: '意见' }), units: unitAssignments({ label: '单位', roles: { lead: '主办' } }) } },
    ];
    const kindWith = (personalInputs: string[]): KindDefinition => ({ ...followUpKind, id: `personal_inputs_${personalInputs.join('_')}`, transitions, personalInputs });
    assert.doesNotThrow(() => registerKind(kindWith(['comment'])));
    // A row's 交办意见 in a list of units: named with [], and only a text the rows have.
    assert.doesNotThrow(() => registerKind(kindWith(['units[].instruction'])));
    for (const name of ['reason', 'units', 'comment.text', 'units.instruction.text', 'units.instruction', 'units[].unitId', 'comment[].text', 'units[]']) {
      assert.throws(() => registerKind(kindWith([name])), (error: Error) => error.message.includes(`personalInputs names ${name},`), name);
    }
  });
});

describe('the existing kinds on declared inputs', () => {
  const registerInstruction = async (clerk: Actor, leader: Actor) =>
    create(clerk, 'instruction', { leaderId: leader.user.id, leaderName: '领导', instructedOn: '2026-11-01', instruction: '请研究办理。', sourceTitle: '关于某事的请示' });

  test('交办 and 延期 refuse bad input by name (a group input by its path) and write nothing', async () => {
    const db = t.database.db;
    const unit = await buildUnit(db);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const created = await registerInstruction(clerk, leader);
    const before = await stateOf(created.id);
    const noUnits = await act(clerk, created.id, 'assign', created.version, { comment: '请办理' });
    assert.equal(noUnits.statusCode, 400);
    assert.match(noUnits.json().message, /请至少选择一个承办单位/);
    const badRole = await act(clerk, created.id, 'assign', created.version, { units: [{ unitId: unit.id, role: 'boss' }] });
    assert.equal(badRole.statusCode, 400);
    assert.match(badRole.json().message, /「承办单位」/);
    assert.deepEqual(await stateOf(created.id), before);
    const [assigned] = await db.select({ n: count() }).from(assignments).where(eq(assignments.caseId, created.id));
    assert.equal(assigned!.n, 0);

    const ok = await act(clerk, created.id, 'assign', created.version, { units: [{ unitId: unit.id, role: 'lead' }] });
    assert.equal(ok.statusCode, 200, ok.body);
    const detail = (await clerk.request('GET', `/api/cases/${created.id}`)).json() as { version: number; assignments: Array<{ id: string }>; actions: Array<{ action: string; form: Array<{ name: string[] }> }> };
    assert.deepEqual(detail.actions.find((action) => action.action === 'extend')!.form.map((field) => field.name.join('.')), ['extension.amount', 'extension.reason']);
    const assignmentId = detail.assignments[0]!.id;
    const beforeExtend = await stateOf(created.id);
    const noReason = await act(clerk, created.id, 'extend', detail.version, { assignmentId, extension: { amount: 3 } });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /请填写延期理由/);
    assert.equal(noReason.json().details.fields[0].path, 'extension.reason');
    assert.deepEqual(await stateOf(created.id), beforeExtend);
  });

  test('one who sees the case but may not 交办 gets 403 even with a malformed body, not 400', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const created = await registerInstruction(clerk, leader);
    // The leader sees the case (as its instructing leader) but may not 交办.
    const response = await act(leader, created.id, 'assign', created.version, { units: 'not a list' });
    assert.equal(response.statusCode, 403, response.body);
  });

  test('the 交办 preview gives the date 交办 then writes, by default and with days typed', async () => {
    const db = t.database.db;
    const [first, second] = [await buildUnit(db), await buildUnit(db)];
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const created = await registerInstruction(clerk, leader);
    const preview = async (query: string) => {
      const response = await clerk.request('GET', `/api/cases/${created.id}/assignment-due?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { due: string; amount: number; unit: string; isDefault: boolean };
    };
    const byDefault = await preview('role=lead');
    const typed = await preview('role=assist&days=3');
    assert.equal(byDefault.isDefault, true);
    assert.equal(byDefault.amount, 10);
    // Monday 2026-11-02 + 10 working days (the start day not counted) = Monday 2026-11-16; + 3 = Thursday 11-05.
    assert.equal(byDefault.due, '2026-11-16');
    assert.deepEqual(typed, { due: '2026-11-05', amount: 3, unit: '个工作日', isDefault: false });
    assert.equal((await clerk.request('GET', `/api/cases/${created.id}/assignment-due?role=lead&days=0`)).statusCode, 400);

    const ok = await act(clerk, created.id, 'assign', created.version, { units: [{ unitId: first.id, role: 'lead' }, { unitId: second.id, role: 'assist', dueDays: 3 }] });
    assert.equal(ok.statusCode, 200, ok.body);
    const rows = await db.select({ unitId: assignments.unitId, dueDate: assignments.dueDate }).from(assignments).where(eq(assignments.caseId, created.id));
    assert.equal(rows.find((row) => row.unitId === first.id)!.dueDate, byDefault.due);
    assert.equal(rows.find((row) => row.unitId === second.id)!.dueDate, typed.due);

    const stranger = await actingAs(t.app, db, ['liaison'], { unitId: (await buildUnit(db)).id });
    assert.equal((await stranger.request('GET', `/api/cases/${created.id}/assignment-due?role=lead`)).statusCode, 404);
  });
});
