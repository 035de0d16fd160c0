/** 督查督办 through its routes: 立项 → 调度 reports each with its clock → 节点完成 → 申报办结 → 退回 / 销号; the light on the way. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { caseClocks, caseLinks, cases } from '../../db/schema/index.js';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Actor = Awaited<ReturnType<typeof actingAs>>;
const at = (instant: string) => t.clock.set(new Date(instant));

const cast = async () => {
  const db = t.database.db;
  const leadUnit = await buildUnit(db, { name: `教育局${Math.random().toString(16).slice(2, 6)}` });
  const helperUnit = await buildUnit(db);
  const otherUnit = await buildUnit(db);
  return {
    leadUnit,
    helperUnit,
    inspector: await actingAs(t.app, db, ['inspector']),
    leader: await actingAs(t.app, db, ['leader']),
    clerk: await actingAs(t.app, db, ['clerk']),
    lead: await actingAs(t.app, db, ['liaison'], { unitId: leadUnit.id }),
    helper: await actingAs(t.app, db, ['liaison'], { unitId: helperUnit.id }),
    stranger: await actingAs(t.app, db, ['liaison'], { unitId: otherUnit.id }),
  };
};

const upload = async (who: Actor, name: string) => {
  const boundary = 'fubanboundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  assert.equal(response.statusCode, 200, response.body);
  const { digest } = response.json() as { digest: string };
  return { digest, name };
};

const act = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: who.cookie } })).json();
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};

type Item = { id: string; light: string; reasons: string[]; state: string; milestonesDone: number; livelihood: unknown };
const listOf = async (who: Actor, query = '') => {
  const response = await who.request('GET', `/api/supervision/items${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as Item[];
};
const itemOf = async (who: Actor, id: string) => (await listOf(who)).find((item) => item.id === id);

const clockState = async (caseId: string, clockId: string) => {
  const [row] = await t.database.db.select({ state: caseClocks.state, dueAt: caseClocks.dueAt }).from(caseClocks).where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.clockId, clockId)));
  return row;
};

const itemInput = (leadUnitId: string, helperUnitIds: string[]) => ({
  source: '重点工作',
  title: '城区学前教育扩容工程',
  measures: '新建、改扩建公办幼儿园，新增学位 3000 个',
  leadUnitId,
  helperUnitIds,
  openedOn: '2026-03-02',
  deadline: '2026-06-30',
  reportCycle: 'monthly',
  milestones: [
    { label: '完成选址和立项', due: '2026-04-30' },
    { label: '主体工程开工', due: '2026-03-31' },
  ],
});

describe('督查督办 from 立项 to 销号', () => {
  test('立项 gives the item to its units; monthly reports each stop their own clock; a missing one turns it yellow then red', async () => {
    at('2026-03-02T09:00:00+08:00'); // a Monday
    const people = await cast();
    const { leadUnit, helperUnit, stranger, clerk } = people;
    let { inspector, lead, helper } = people;
    // Weeks pass between the steps: each step signs in afresh (sessions time out).
    const later = async (instant: string) => {
      at(instant);
      inspector = await sessionFor(t.app, people.inspector.user);
      lead = await sessionFor(t.app, people.lead.user);
      helper = await sessionFor(t.app, people.helper.user);
    };

    // Only the 督查室 opens items; a bad body is refused naming the field and writes nothing.
    const byUnit = await lead.request('POST', '/api/supervision/items', itemInput(leadUnit.id, []));
    assert.equal(byUnit.statusCode, 403, byUnit.body);
    const before = await t.database.db.select({ n: count() }).from(cases).where(eq(cases.kind, 'supervision'));
    const bad = await inspector.request('POST', '/api/supervision/items', { ...itemInput(leadUnit.id, []), deadline: '2026-02-30' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /deadline/);
    const noTarget = await inspector.request('POST', '/api/supervision/items', { ...itemInput(leadUnit.id, []), source: '民生实事' });
    assert.equal(noTarget.statusCode, 400);
    assert.match(noTarget.body, /livelihood/);
    const after = await t.database.db.select({ n: count() }).from(cases).where(eq(cases.kind, 'supervision'));
    assert.equal(after[0]!.n, before[0]!.n);

    const created = await inspector.request('POST', '/api/supervision/items', itemInput(leadUnit.id, [helperUnit.id]));
    assert.equal(created.statusCode, 201, created.body);
    const { id, serialNo } = created.json() as { id: string; serialNo: string };
    assert.match(serialNo, /^督〔2026〕\d+号$/);
    const detail = (await inspector.request('GET', `/api/cases/${id}`)).json();
    assert.equal(detail.state, 'handling');
    assert.deepEqual(detail.assignments.map((a: { unitId: string; role: string }) => [a.unitId, a.role]).sort(), [[leadUnit.id, 'lead'], [helperUnit.id, 'assist']].sort());
    // Nodes keyed in date order: m1 is the earlier one whatever order they were typed in.
    assert.deepEqual(detail.fields.milestones.map((m: { key: string; due: string }) => [m.key, m.due]), [['m1', '2026-03-31'], ['m2', '2026-04-30']]);
    assert.equal((await clockState(id, 'report.2026-03'))?.dueAt, '2026-03-31');
    assert.equal((await clockState(id, 'milestone.m1'))?.dueAt, '2026-03-31');

    // Unit scope: the lead and helper units see it, another unit does not; the clerk has no such page.
    assert.ok(await itemOf(lead, id));
    assert.ok(await itemOf(helper, id));
    assert.equal(await itemOf(stranger, id), undefined);
    assert.equal((await clerk.request('GET', '/api/supervision/items')).statusCode, 403);
    assert.equal((await itemOf(inspector, id))?.light, 'green');
    assert.equal((await lead.request('GET', '/api/supervision/items?light=purple')).statusCode, 400);

    // March: the lead unit reports; the helper unit may not. The report stops March's clock only.
    await later('2026-03-20T10:00:00+08:00');
    const byHelper = await act(helper, id, 'report', { comment: '配合完成' });
    assert.equal(byHelper.statusCode, 403, byHelper.body);
    assert.equal((await act(lead, id, 'report', { comment: '已完成 5 所选址' })).statusCode, 200);
    assert.equal((await clockState(id, 'report.2026-03'))?.state, 'stopped');
    assert.equal((await clockState(id, 'report.2026-04'))?.state, 'running');
    const twice = await act(lead, id, 'report', { comment: '再报一次' });
    assert.equal(twice.statusCode, 422, twice.body); // April has not begun: nothing to report yet

    // 节点完成 m1 with evidence, on time.
    const evidence = await upload(lead, '开工报告.pdf');
    assert.equal((await act(lead, id, 'complete_milestone', { comment: '' })).statusCode, 400); // evidence is required
    assert.equal((await act(lead, id, 'complete_milestone', { evidence: [evidence], comment: '3 所已开工' })).statusCode, 200);
    assert.equal((await clockState(id, 'milestone.m1'))?.state, 'stopped');

    // April goes unreported: yellow days after the month ends, red beyond ten days.
    await later('2026-05-04T09:00:00+08:00');
    let item = await itemOf(inspector, id);
    assert.equal(item?.light, 'yellow', JSON.stringify(item));
    assert.ok(item!.reasons.some((reason) => reason.includes('2026年4月调度进展未报送')));
    assert.ok((await listOf(inspector, '?light=yellow')).some((row) => row.id === id));
    assert.ok(!(await listOf(inspector, '?light=green')).some((row) => row.id === id));
    await later('2026-05-12T09:00:00+08:00');
    item = await itemOf(inspector, id);
    assert.equal(item?.light, 'red', JSON.stringify(item)); // April missing 12 days; node m2 (04-30) 12 days late
    // The late report fills the oldest missing period.
    assert.equal((await act(lead, id, 'report', { comment: '4 月进展' })).statusCode, 200);
    assert.equal((await clockState(id, 'report.2026-04'))?.state, 'stopped');

    // 申报办结 waits for every node; then 退回 by the 督查室, claim again, 销号.
    const claimEvidence = await upload(lead, '验收报告.pdf');
    const early = await act(lead, id, 'claim', { comment: '已全部完成', evidence: [claimEvidence] });
    assert.equal(early.statusCode, 422);
    assert.match(early.json().message, /1 个时间节点未完成/);
    assert.equal((await act(lead, id, 'complete_milestone', { evidence: [await upload(lead, '选址批复.pdf')] })).statusCode, 200);
    assert.equal((await act(lead, id, 'claim', { comment: '已全部完成', evidence: [claimEvidence] })).statusCode, 200);
    assert.equal((await itemOf(inspector, id))?.light, 'green');
    assert.equal((await act(lead, id, 'close')).statusCode, 403); // only the 督查室 销号s
    assert.equal((await act(inspector, id, 'return', {})).statusCode, 400);
    assert.equal((await act(inspector, id, 'return', { reason: '佐证材料不全' })).statusCode, 200);
    let fields = (await inspector.request('GET', `/api/cases/${id}`)).json().fields;
    assert.equal(fields.claim, undefined);
    assert.equal((await act(lead, id, 'claim', { comment: '补充验收材料', evidence: [claimEvidence, evidence] })).statusCode, 200);
    assert.equal((await act(inspector, id, 'close', { comment: '同意销号' })).statusCode, 200);
    fields = (await inspector.request('GET', `/api/cases/${id}`)).json().fields;
    assert.equal(fields.claim.on, '2026-05-12');
    assert.equal((await itemOf(inspector, id))?.light, 'done');
    assert.equal(await verifyCaseTrail(t.database.db, id), undefined);
  });

  test('an item derived from a 批示件 keeps the link; the source must be a 批示件 the 督查室 sees', async () => {
    at('2026-03-02T09:00:00+08:00');
    const { leadUnit, inspector, leader } = await cast();
    const instruction = await inspector.request('POST', '/api/cases', {
      kind: 'instruction',
      fields: { leaderId: leader.user.id, instructedOn: '2026-03-01', instruction: '请教育局牵头抓好落实。', sourceTitle: '关于学前教育扩容的报告' },
    });
    assert.equal(instruction.statusCode, 200, instruction.body);
    const instructionId = instruction.json().id as string;
    const wrongSource = await inspector.request('POST', '/api/supervision/items', { ...itemInput(leadUnit.id, []), sourceCaseId: instructionId });
    assert.equal(wrongSource.statusCode, 400);
    const created = await inspector.request('POST', '/api/supervision/items', { ...itemInput(leadUnit.id, []), source: '领导批示', sourceCaseId: instructionId, leaderId: leader.user.id });
    assert.equal(created.statusCode, 201, created.body);
    const links = await t.database.db.select().from(caseLinks).where(eq(caseLinks.fromCaseId, created.json().id));
    assert.deepEqual(links.map((link) => [link.toCaseId, link.type]), [[instructionId, 'derived_from']]);
    const unknown = await inspector.request('POST', '/api/supervision/items', { ...itemInput(leadUnit.id, []), source: '领导批示', sourceCaseId: crypto.randomUUID() });
    assert.equal(unknown.statusCode, 404);
  });

  test('an item registered on the ledger without its 交办 takes its units from the 交办 on the case page', async () => {
    at('2026-03-02T09:00:00+08:00');
    const { leadUnit, helperUnit, inspector } = await cast();
    const registered = await inspector.request('POST', '/api/cases', { kind: 'supervision', fields: { ...itemInput(helperUnit.id, []), reportCycle: 'monthly', milestones: [] } });
    assert.equal(registered.statusCode, 200, registered.body);
    const id = registered.json().id as string;
    assert.equal((await inspector.request('GET', `/api/cases/${id}`)).json().state, 'registered');
    const assigned = await act(inspector, id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead' }, { unitId: helperUnit.id, role: 'assist' }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const detail = (await inspector.request('GET', `/api/cases/${id}`)).json();
    assert.equal(detail.state, 'handling');
    assert.equal(detail.fields.leadUnitId, leadUnit.id);
    assert.match(detail.fields.leadUnitName, /^教育局/);
    assert.deepEqual(detail.fields.helperUnitIds, [helperUnit.id]);
  });

  test('民生实事: monthly actuals; 提前 and 超额 come out of the figures, not typed', async () => {
    at('2026-01-05T09:00:00+08:00');
    const { leadUnit, inspector: office, lead: unit } = await cast();
    // Months pass between the steps: each step signs in afresh (sessions time out).
    let [inspector, lead] = [office, unit];
    const later = async (instant: string) => {
      at(instant);
      [inspector, lead] = [await sessionFor(t.app, office.user), await sessionFor(t.app, unit.user)];
    };
    const created = await inspector.request('POST', '/api/supervision/items', {
      ...itemInput(leadUnit.id, []),
      source: '民生实事',
      title: '新建 10 所幼儿园',
      openedOn: '2026-01-05',
      deadline: '2026-12-31',
      milestones: [],
      livelihood: { target: 10, measure: '所' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    await later('2026-07-20T09:00:00+08:00');
    const six = await act(lead, id, 'record_actual', { value: 6 });
    assert.equal(six.statusCode, 200, six.body);
    await later('2026-10-10T09:00:00+08:00');
    assert.equal((await act(lead, id, 'record_actual', { value: 11 })).statusCode, 200);
    assert.equal((await act(lead, id, 'record_actual', { value: 12 })).statusCode, 200); // the month's latest figure replaces the earlier
    assert.equal((await act(lead, id, 'claim', { comment: '提前完成', evidence: [await upload(lead, '验收.pdf')] })).statusCode, 200);
    const item = await itemOf(inspector, id);
    assert.deepEqual(item?.livelihood, { target: 10, measure: '所', actual: 12, percent: 120, isOverTarget: true, completedOn: '2026-10-10', monthsEarly: 2 });
  });
});
