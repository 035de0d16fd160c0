/**
 * Security review of the routes of 12345 热线 (with 市长信箱 and Open311), 工作总结, 指标 and 建议提案, as every
 * role, through real requests: which roles read (200) and which are refused (403) on every GET; a refused write
 * changes nothing; a 联络员 of unit A naming unit B's id or case gets 404, never B's rows; citizens' names and
 * phones never appear in full where they are masked; the public routes show only what their caller owns; writes
 * leave an audit row or a trail; bad or oversized input is a 400 that writes nothing; a stale version is a 409.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { permissionsOf, Role, type Permission } from '../../../../common/access.js';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { solveChallenge } from '../hotline/mailbox/mailbox.pow.js';

type Session = Awaited<ReturnType<typeof actingAs>>;
let t: TestContext;
const unitA = { id: '', name: '' };
const unitB = { id: '', name: '' };
let center: Session;
let director: Session;
let inspector: Session;
let liaisonA: Session;
let liaisonB: Session;
const ids = { ticketA: '', ticketB: '', proposalB: '', summary: '', keyOne: '', keyTwo: '', requestOne: '' };
const PHONE = '13911112222';
const CALLER = '钱多多';
const MEETING_ON = '2026-03-10';

const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.database.db.execute(query))[0]!.n;
const audits = (action: string) => count(sql`select count(*)::int as n from audit_log where action = ${action}`);
const publicCall = (method: 'GET' | 'POST', url: string, payload?: unknown) => t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
const versionOf = async (who: Session, id: string) => ((await who.request('GET', `/api/cases/${id}`)).json() as { version: number }).version;
const act = async (who: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await who.request('POST', `/api/cases/${id}/actions/${action}`, { version: await versionOf(who, id), ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};
const ticketFor = async (unitId: string, content: string) => {
  const created = await center.request('POST', '/api/cases', {
    kind: 'ticket',
    fields: { channel: '电话', ticketType: '投诉', category: '城市管理/路灯照明', callerName: CALLER, callerPhone: PHONE, content },
  });
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().id as string;
  await act(center, id, 'assign', { units: [{ unitId, role: 'lead' }] });
  return id;
};

before(async () => {
  t = await startTestApp({ config: { publicRequestsPerMinute: 10_000 } });
  t.clock.set(new Date('2026-03-10T10:00:00+08:00'));
  const db = t.database.db;
  Object.assign(unitA, await buildUnit(db, { name: '甲局' }));
  Object.assign(unitB, await buildUnit(db, { name: '乙局' }));
  center = await actingAs(t.app, db, ['hotline_staff']);
  director = await actingAs(t.app, db, ['director']);
  inspector = await actingAs(t.app, db, ['inspector']);
  liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA.id });
  liaisonB = await actingAs(t.app, db, ['liaison'], { unitId: unitB.id });

  ids.ticketA = await ticketFor(unitA.id, '甲局门前路灯不亮。');
  ids.ticketB = await ticketFor(unitB.id, '乙局门前井盖缺失。');
  assert.equal((await center.request('POST', '/api/records/hotline_duty', { fields: { item: '乙局不管路灯' }, unitId: unitB.id })).statusCode, 201);

  const proposal = await inspector.request('POST', '/api/proposals', { body: 'npc', term: '十五届', session: 3, number: '7', title: '关于改善老旧小区停车的建议', leadName: '李明', leadPhone: '13800138000', content: '建议增加停车位。', receivedOn: '2026-02-20' });
  assert.equal(proposal.statusCode, 201, proposal.body);
  ids.proposalB = proposal.json().id as string;
  const meeting = await inspector.request('POST', '/api/proposals/assignment-meeting', { meetingOn: MEETING_ON, items: [{ caseId: ids.proposalB, version: await versionOf(inspector, ids.proposalB), leadUnitIds: [unitB.id] }] });
  assert.equal(meeting.statusCode, 200, meeting.body);
  await act(liaisonB, ids.proposalB, 'sign', { assignmentId: await assignmentOf(liaisonB, ids.proposalB) });
  await act(liaisonB, ids.proposalB, 'answer', { assignmentId: await assignmentOf(liaisonB, ids.proposalB), reply: '已新增停车位 200 个', answerClass: 'A', isPublishable: 'yes' });

  const summary = await director.request('POST', '/api/summaries', { templateKey: 'month', from: '2026-02-01', to: '2026-02-28' });
  assert.equal(summary.statusCode, 201, summary.body);
  ids.summary = summary.json().id as string;

  const one = await center.request('POST', '/api/hotline/open311-keys', { name: '省12345平台' });
  const two = await center.request('POST', '/api/hotline/open311-keys', { name: '城市APP' });
  assert.equal(one.statusCode, 200, one.body);
  ids.keyOne = one.json().apiKey as string;
  ids.keyTwo = two.json().apiKey as string;
  const services = (await publicCall('GET', '/api/public/open311/v2/services.json')).json() as Array<{ service_code: string; service_name: string }>;
  const light = services.find((item) => item.service_name === '路灯照明')!;
  const request = await publicCall('POST', '/api/public/open311/v2/requests.json', { api_key: ids.keyOne, service_code: light.service_code, description: '南街 3 号路灯不亮', first_name: '建国', last_name: '张', phone: '13955556666', email: 'zhang@example.org' });
  assert.equal(request.statusCode, 200, request.body);
  ids.requestOne = (request.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
});
after(() => t.close());

async function assignmentOf(who: Session, caseId: string): Promise<string> {
  const detail = (await who.request('GET', `/api/cases/${caseId}`)).json() as { assignments: Array<{ id: string; unitId: string; state: string }> };
  return detail.assignments.find((row) => row.unitId === who.user.unitId && row.state !== 'withdrawn')!.id;
}

/** Every GET of the four modules, with the permission it needs; `self` is the reader's own unit. */
const readRoutes = (self: string): Array<[string, Permission]> => [
  ['/api/hotline/tickets', 'hotline.read'],
  ['/api/hotline/categories', 'hotline.read'],
  ['/api/hotline/areas', 'hotline.read'],
  ['/api/hotline/answers?q=路灯', 'hotline.read'],
  ['/api/hotline/hotspots', 'hotline.read'],
  [`/api/hotline/duties/${self}`, 'hotline.read'],
  ['/api/hotline/rates?month=2026-03', 'hotline.read'],
  [`/api/hotline/rates/tickets?month=2026-03&by=unit&key=${self}&rate=response`, 'hotline.read'],
  ['/api/hotline/open311-keys', 'hotline.manage'],
  ['/api/summaries/templates', 'summary.read'],
  ['/api/summaries', 'summary.read'],
  [`/api/summaries/${ids.summary}`, 'summary.read'],
  [`/api/summaries/${ids.summary}/versions`, 'summary.read'],
  [`/api/summaries/${ids.summary}/document.docx`, 'summary.read'],
  ['/api/metrics', 'case.work'],
  ['/api/metrics/hotline.tickets', 'case.work'],
  ['/api/metrics/hotline.tickets/records', 'case.work'],
  ['/api/metrics/hotline.onTimeRate/records', 'case.work'],
  ['/api/metrics/info.score/entries', 'case.work'],
  ['/api/proposals', 'proposal.read'],
  [`/api/proposals/assignment-sheet.xlsx?meetingOn=${MEETING_ON}&unitId=${self}`, 'proposal.read'],
];

describe('security review: routes × roles', () => {
  test('every GET: 200 for a role with its permission, 403 for every other role (the 三员 included)', async () => {
    const db = t.database.db;
    for (const role of Role.options) {
      const who = await actingAs(t.app, db, [role]);
      const granted = new Set(permissionsOf([role]));
      for (const [url, permission] of readRoutes(who.user.unitId)) {
        const response = await who.request('GET', url);
        assert.equal(response.statusCode, granted.has(permission) ? 200 : 403, `${role} GET ${url}: ${response.body.slice(0, 200)}`);
      }
    }
  });

  test('every write refused for a role without its permission is a 403 that writes nothing', async () => {
    const db = t.database.db;
    const writes: Array<{ method: 'POST' | 'PUT'; url: string; body: unknown; permission: Permission; rows: () => Promise<number> }> = [
      { method: 'POST', url: '/api/hotline/open311-keys', body: { name: '越权系统' }, permission: 'hotline.manage', rows: () => count(sql`select count(*)::int as n from open311_keys`) },
      { method: 'POST', url: '/api/summaries', body: { templateKey: 'month', from: '2026-01-01', to: '2026-01-31' }, permission: 'summary.write', rows: () => count(sql`select count(*)::int as n from records where type = 'work_summary'`) },
      { method: 'PUT', url: '/api/summaries/template-defaults', body: { periodKind: 'month', templateKey: 'month' }, permission: 'summary.template', rows: () => count(sql`select count(*)::int as n from record_events`) },
      { method: 'POST', url: '/api/metrics/info.score/entries', body: { from: '2025-01-01', to: '2025-12-31', value: 95, source: '省政府办公厅通报' }, permission: 'metric.enter', rows: () => count(sql`select count(*)::int as n from records where type = 'metric_entry'`) },
      { method: 'POST', url: '/api/proposals', body: { body: 'cppcc', term: '十五届', session: 3, number: '99', title: '越权登记的提案', leadName: '王芳', content: '内容', receivedOn: '2026-02-20' }, permission: 'proposal.manage', rows: () => count(sql`select count(*)::int as n from cases where kind = 'proposal'`) },
      { method: 'POST', url: `/api/proposals/${ids.proposalB}/survey-link`, body: undefined, permission: 'proposal.manage', rows: () => count(sql`select count(*)::int as n from audit_log where action = 'proposal.survey_link'`) },
    ];
    for (const role of Role.options) {
      const granted = new Set(permissionsOf([role]));
      const who = await actingAs(t.app, db, [role]);
      for (const write of writes.filter((candidate) => !granted.has(candidate.permission))) {
        const before = await write.rows();
        const response = await who.request(write.method, write.url, write.body);
        assert.equal(response.statusCode, 403, `${role} ${write.method} ${write.url}: ${response.body.slice(0, 200)}`);
        assert.equal(await write.rows(), before, `${role} ${write.method} ${write.url} wrote nothing`);
      }
    }
  });
});

describe('security review: a 联络员 sees only what was given to their unit', () => {
  test('12345: the ledger, a ticket, the drill-down, the duty list and the hotspots of another unit are out of sight', async () => {
    const ledger = (await liaisonA.request('GET', `/api/hotline/tickets?unitId=${unitB.id}`)).json() as { total: number; rows: unknown[] };
    assert.deepEqual([ledger.total, ledger.rows.length], [0, 0], "naming unit B's id lists none of B's tickets");
    const own = (await liaisonA.request('GET', '/api/hotline/tickets')).json() as { rows: Array<{ id: string }> };
    assert.deepEqual(own.rows.map((row) => row.id), [ids.ticketA]);
    assert.equal((await liaisonA.request('GET', `/api/cases/${ids.ticketB}`)).statusCode, 404);
    for (const drill of [`by=unit&key=${unitB.id}`, 'by=all', 'by=area&key=甲街道']) {
      assert.equal((await liaisonA.request('GET', `/api/hotline/rates/tickets?month=2026-03&rate=response&${drill}`)).statusCode, 404, drill);
    }
    const mine = (await liaisonA.request('GET', `/api/hotline/rates/tickets?month=2026-03&rate=response&by=unit&key=${unitA.id}`)).json() as { rows: Array<{ caseId: string }> };
    assert.ok(mine.rows.every((row) => row.caseId === ids.ticketA));
    assert.equal((await liaisonA.request('GET', `/api/hotline/duties/${unitB.id}`)).statusCode, 404);
    assert.deepEqual((await center.request('GET', `/api/hotline/duties/${unitB.id}`)).json(), ['乙局不管路灯']);
    const hot = JSON.stringify((await liaisonA.request('GET', '/api/hotline/hotspots')).json());
    assert.doesNotMatch(hot, /井盖/, "B's ticket's words are not among A's hot words");
    assert.match(JSON.stringify((await center.request('GET', '/api/hotline/hotspots')).json()), /井盖/, 'the center sees the word');
  });

  test('指标: another unit, or its records, is 404; without a unit the 联络员 gets their own', async () => {
    for (const url of [`/api/metrics/hotline.tickets?unit=${unitB.id}`, `/api/metrics/hotline.tickets/records?unit=${unitB.id}`, `/api/metrics/hotline.onTimeRate/records?unit=${unitB.id}`, `/api/metrics/proposals.replyRate/records?unit=${unitB.id}`]) {
      assert.equal((await liaisonA.request('GET', url)).statusCode, 404, url);
    }
    const value = (await liaisonA.request('GET', '/api/metrics/hotline.tickets')).json() as { scopeUnit: { id: string }; value: number };
    assert.equal(value.scopeUnit.id, unitA.id);
    assert.equal(value.value, 1);
    const records = (await liaisonA.request('GET', '/api/metrics/hotline.tickets/records')).json() as { items: Array<{ id: string }> };
    assert.deepEqual(records.items.map((item) => item.id), [ids.ticketA]);
    const whole = (await center.request('GET', '/api/metrics/hotline.tickets')).json() as { scopeUnit: null; value: number };
    assert.equal(whole.scopeUnit, null);
    assert.ok(whole.value >= 3);
  });

  test('建议提案: the board, the 交办单 and the 答复函 of another unit are out of sight', async () => {
    const board = (await liaisonA.request('GET', `/api/proposals?unitId=${unitB.id}`)).json() as unknown[];
    assert.equal(board.length, 0);
    assert.equal(((await liaisonB.request('GET', '/api/proposals')).json() as unknown[]).length, 1);
    assert.equal((await liaisonA.request('GET', `/api/proposals/assignment-sheet.xlsx?meetingOn=${MEETING_ON}&unitId=${unitB.id}`)).statusCode, 404);
    assert.equal((await liaisonA.request('GET', `/api/proposals/${ids.proposalB}/answer-letter.docx?unitId=${unitB.id}`)).statusCode, 404);
    assert.equal((await liaisonB.request('GET', `/api/proposals/${ids.proposalB}/answer-letter.docx?unitId=${unitB.id}`)).statusCode, 200);
    assert.equal((await liaisonA.request('POST', `/api/proposals/${ids.proposalB}/survey-link`)).statusCode, 403);
  });

  test('office staff who may reveal personal data but not read the 12345 or 建议提案 see none of them', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const before = await audits('personal.reveal');
    assert.equal((await clerk.request('GET', `/api/proposals/${ids.proposalB}/answer-letter.docx?unitId=${unitB.id}`)).statusCode, 404);
    assert.equal((await clerk.request('POST', `/api/cases/${ids.ticketA}/personal/callerPhone/reveal`)).statusCode, 404);
    assert.equal(await audits('personal.reveal'), before, 'no look at a deputy or a caller');
    const counted = (await clerk.request('GET', '/api/metrics/hotline.tickets/records')).json() as { total: number; hiddenCount: number; items: unknown[] };
    assert.ok(counted.total >= 2);
    assert.deepEqual([counted.hiddenCount, counted.items.length], [counted.total, 0], 'tickets are counted, never listed');
    const rate = (await clerk.request('GET', '/api/metrics/hotline.onTimeRate/records')).json() as { total: number; hiddenCount: number; entries: unknown[]; registerPath: string | null };
    assert.deepEqual([rate.hiddenCount, rate.entries.length, rate.registerPath], [rate.total, 0, null]);
  });
});

describe('security review: personal data', () => {
  test('a caller is masked on every list and drill-down; 显示 needs pii.reveal and is audited', async () => {
    for (const who of [center, liaisonA, director]) {
      for (const url of ['/api/hotline/tickets', `/api/hotline/rates/tickets?month=2026-03&rate=response&by=unit&key=${unitA.id}`, '/api/metrics/hotline.tickets/records', `/api/cases/${ids.ticketA}`]) {
        const response = await who.request('GET', url);
        if (response.statusCode !== 200) continue;
        assert.doesNotMatch(response.body, new RegExp(`${PHONE}|${CALLER}`), `${url} shows the caller in full`);
      }
    }
    const detail = (await liaisonA.request('GET', `/api/cases/${ids.ticketA}`)).json() as { personal: Array<{ field: string; masked: string; canReveal: boolean }> };
    assert.deepEqual(detail.personal.find((item) => item.field === 'callerPhone'), { field: 'callerPhone', label: '联系电话', masked: '139****2222', canReveal: false });
    const before = await audits('personal.reveal');
    assert.equal((await liaisonA.request('POST', `/api/cases/${ids.ticketA}/personal/callerPhone/reveal`)).statusCode, 403);
    assert.equal(await audits('personal.reveal'), before);
    const shown = await center.request('POST', `/api/cases/${ids.ticketA}/personal/callerPhone/reveal`);
    assert.equal(shown.json().value, PHONE);
    assert.equal(await audits('personal.reveal'), before + 1);
  });

  test("a deputy's name and phone: masked on the board and in the 交办单 and 答复函 for a reader without pii.reveal", async () => {
    const board = (await liaisonB.request('GET', '/api/proposals')).body;
    assert.doesNotMatch(board, /李明|13800138000/);
    const sheet = await liaisonB.request('GET', `/api/proposals/assignment-sheet.xlsx?meetingOn=${MEETING_ON}&unitId=${unitB.id}`);
    assert.equal(sheet.statusCode, 200);
    const before = await audits('personal.reveal');
    await liaisonB.request('GET', `/api/proposals/${ids.proposalB}/answer-letter.docx?unitId=${unitB.id}`);
    assert.equal(await audits('personal.reveal'), before, 'no reveal for a reader without pii.reveal');
    assert.equal((await inspector.request('GET', `/api/proposals/${ids.proposalB}/answer-letter.docx?unitId=${unitB.id}`)).statusCode, 200);
    assert.equal(await audits('personal.reveal'), before + 1, "the inspector's full name is an audited look");
  });
});

describe('security review: public routes', () => {
  test('Open311: a key sees only its own requests, without the caller; a wrong key is 401 and audited', async () => {
    const mine = await publicCall('GET', `/api/public/open311/v2/requests.json?api_key=${encodeURIComponent(ids.keyOne)}`);
    assert.equal(mine.statusCode, 200);
    assert.deepEqual((mine.json() as Array<{ service_request_id: string }>).map((row) => row.service_request_id), [ids.requestOne]);
    assert.doesNotMatch(mine.body, /13955556666|139\*\*\*\*6666|张建国|建国|zhang@example/);
    const other = await publicCall('GET', `/api/public/open311/v2/requests.json?api_key=${encodeURIComponent(ids.keyTwo)}&service_request_id=${ids.requestOne}`);
    assert.deepEqual(other.json(), [], "another system's request is not listed even by its id");
    assert.equal((await publicCall('GET', `/api/public/open311/v2/requests/${ids.requestOne}.json?api_key=${encodeURIComponent(ids.keyTwo)}`)).statusCode, 404);
    const failures = () => count(sql`select count(*)::int as n from audit_log where action like 'open311.%' and result = 'failure'`);
    const refused = await failures();
    assert.equal((await publicCall('GET', '/api/public/open311/v2/requests.json?api_key=wrong')).statusCode, 401);
    assert.equal((await publicCall('GET', '/api/public/open311/v2/requests.json')).statusCode, 401);
    assert.equal(await failures(), refused + 2, 'each refused call is audited');
    // The ticket it became is the center's, with the caller sealed.
    const [row] = rowsOf<{ fields: Record<string, unknown> }>(await t.database.db.execute(sql`select fields from cases where serial_no = ${ids.requestOne}`));
    assert.equal(row!.fields.callerPhone, '139****6666');
    assert.doesNotMatch(JSON.stringify(row!.fields), /zhang@example/, 'the e-mail is not kept');
  });

  test('市长信箱: the query code shows only that letter and only a public reply, never the writer', async () => {
    const issued = (await publicCall('GET', '/api/public/mailbox/challenge')).json() as { challenge: string; bits: number };
    const letter = { challenge: issued.challenge, nonce: solveChallenge(issued.challenge, issued.bits), name: '赵大海', phone: '13700001111', ticketType: '投诉', category: '城市管理/路灯照明', subject: '西街路灯不亮', content: '西街 8 号到 20 号一段的路灯已经一周不亮。', mayPublish: true };
    const written = await publicCall('POST', '/api/public/mailbox/letters', letter);
    assert.equal(written.statusCode, 200, written.body);
    const status = await publicCall('POST', '/api/public/mailbox/query', { code: written.json().queryCode });
    assert.equal(status.statusCode, 200);
    assert.deepEqual(Object.keys(status.json()).sort(), ['isFinished', 'receivedOn', 'reply', 'status', 'subject']);
    assert.doesNotMatch(status.body, /赵|13700001111|1111/);
    assert.equal((await publicCall('POST', '/api/public/mailbox/query', { code: 'AAAA-BBBB-CCCC-DDDD' })).statusCode, 404);
  });

  test('a survey link that is unknown is 404 and shows nothing', async () => {
    const response = await publicCall('GET', '/api/public/proposal-survey/not-a-token');
    assert.equal(response.statusCode, 404);
    assert.doesNotMatch(response.body, /李明|停车/);
  });
});

describe('security review: audit, bad input, races', () => {
  test('key management is audited; revoking a key stops it', async () => {
    const issued = await audits('open311.key_issue');
    const key = (await center.request('POST', '/api/hotline/open311-keys', { name: '临时系统' })).json() as { id: string; apiKey: string };
    assert.equal(await audits('open311.key_issue'), issued + 1);
    const revoked = await audits('open311.key_revoke');
    assert.equal((await center.request('POST', `/api/hotline/open311-keys/${key.id}/revoke`)).statusCode, 200);
    assert.equal(await audits('open311.key_revoke'), revoked + 1);
    assert.equal((await publicCall('GET', `/api/public/open311/v2/requests.json?api_key=${encodeURIComponent(key.apiKey)}`)).statusCode, 401);
    assert.equal((await liaisonA.request('POST', `/api/hotline/open311-keys/${key.id}/revoke`)).statusCode, 403);
  });

  test('bad or oversized input is a clear 400 and writes nothing', async () => {
    const snapshot = () =>
      count(sql`select (select count(*) from cases) + (select count(*) from records) + (select count(*) from open311_keys) + (select count(*) from mailbox_letters) as n`);
    const before = await snapshot();
    const bad: Array<[Session | null, 'GET' | 'POST' | 'PUT', string, unknown]> = [
      [center, 'POST', '/api/hotline/open311-keys', { name: 'x'.repeat(61) }],
      [center, 'POST', '/api/hotline/open311-keys', { name: 7 }],
      [center, 'POST', '/api/hotline/open311-keys/not-a-uuid/revoke', undefined],
      [center, 'GET', '/api/hotline/tickets?pageSize=100000', undefined],
      [center, 'GET', '/api/hotline/tickets?from=2026-02-30', undefined],
      [center, 'GET', '/api/hotline/rates?month=2026-13', undefined],
      [center, 'GET', '/api/hotline/rates/tickets?month=2026-03&by=unit&rate=response', undefined],
      [center, 'GET', '/api/hotline/duties/not-a-uuid', undefined],
      [director, 'GET', '/api/metrics/hotline.tickets?from=2026-03-10&to=2026-03-01', undefined],
      [director, 'POST', '/api/metrics/info.score/entries', { from: '2025-01-01', to: '2025-12-31', value: 'ninety', source: '通报' }],
      [director, 'POST', '/api/summaries', { templateKey: 'month', from: '2026-03-31', to: '2026-03-01' }],
      [director, 'POST', '/api/summaries/token-values', { tokens: ['x'.repeat(100_000)], from: '2026-01-01', to: '2026-01-31' }],
      [director, 'PUT', `/api/summaries/${ids.summary}`, { version: 1, title: 'x'.repeat(1000), sections: 'nope' }],
      [inspector, 'POST', '/api/proposals', { body: 'npc', term: '十五届', session: 'three', number: '8', title: '标题', leadName: '李明', content: '内容', receivedOn: '2026-02-20' }],
      [inspector, 'POST', '/api/proposals', { body: 'npc', term: '十五届', session: 3, number: '8', title: '标题', leadName: '李明', content: 'x'.repeat(20_001), receivedOn: '2026-02-20' }],
      [null, 'POST', '/api/public/open311/v2/requests.json', { api_key: ids.keyOne, service_code: 'nope', description: '路灯' }],
      [null, 'POST', '/api/public/open311/v2/requests.json', { api_key: ids.keyOne, description: 'x'.repeat(5000) }],
      [null, 'GET', `/api/public/open311/v2/requests.json?api_key=${encodeURIComponent(ids.keyOne)}&start_date=yesterday`, undefined],
      [null, 'POST', '/api/public/open311/v2/requests/batch.json', { api_key: ids.keyOne, requests: 'all of them' }],
      [null, 'POST', '/api/public/open311/v2/requests/batch.json', { api_key: ids.keyOne, requests: Array.from({ length: 1001 }, () => ({ service_code: 'x', description: '路灯' })) }],
      [null, 'POST', '/api/public/mailbox/letters', { name: '赵大海', content: 'x'.repeat(100_000) }],
      [null, 'POST', '/api/public/mailbox/query', { code: 'x'.repeat(10_000) }],
      [null, 'POST', '/api/public/proposal-survey/not-a-token', { overall: 7 }],
    ];
    for (const [who, method, url, body] of bad) {
      const response = who ? await who.request(method, url, body) : await publicCall(method as 'GET' | 'POST', url, body);
      assert.equal(response.statusCode, 400, `${method} ${url.slice(0, 80)}: ${response.body.slice(0, 200)}`);
      const message = url.includes('/open311/') ? (response.json() as Array<{ description: string }>)[0]!.description : (response.json() as { message: string }).message;
      assert.ok(typeof message === 'string' && message.length > 0 && !/at .*\.ts:\d+/.test(message), `a clear message without a stack: ${message}`);
    }
    // A token longer than any the office issues is refused before routing (Fastify's maxParamLength): 414.
    assert.equal((await publicCall('POST', `/api/public/proposal-survey/${'x'.repeat(101)}`, { overall: '满意' })).statusCode, 414);
    assert.equal(await snapshot(), before, 'nothing was written');
  });

  test('a lost race is a 409 and keeps the winner: summary drafts and templates by version', async () => {
    const view = (await director.request('GET', `/api/summaries/${ids.summary}`)).json() as { version: number; sections: Array<{ heading: string; paragraphs: Array<{ source: string }> }> };
    const current = { version: view.version, sections: view.sections.map((section) => ({ heading: section.heading, paragraphs: section.paragraphs.map((paragraph) => paragraph.source) })) };
    const winner = await director.request('PUT', `/api/summaries/${ids.summary}`, { version: current.version, title: '二月工作总结（定稿）', sections: current.sections });
    assert.equal(winner.statusCode, 200, winner.body);
    const loser = await director.request('PUT', `/api/summaries/${ids.summary}`, { version: current.version, title: '二月工作总结（迟到的修改）', sections: current.sections });
    assert.equal(loser.statusCode, 409, loser.body);
    assert.equal(((await director.request('GET', `/api/summaries/${ids.summary}`)).json() as { title: string }).title, '二月工作总结（定稿）');
    // Two saves racing from the same version: one wins, the other is told (409).
    const again = (await director.request('GET', `/api/summaries/${ids.summary}`)).json() as { version: number };
    const raced = await Promise.all(['甲稿', '乙稿'].map((title) => director.request('PUT', `/api/summaries/${ids.summary}`, { version: again.version, title: `二月工作总结${title}`, sections: current.sections })));
    assert.deepEqual(raced.map((response) => response.statusCode).sort(), [200, 409]);
    const stale = await inspector.request('POST', '/api/proposals/assignment-meeting', { meetingOn: MEETING_ON, items: [{ caseId: ids.proposalB, version: 1, leadUnitIds: [unitA.id] }] });
    assert.equal(stale.statusCode, 409, stale.body);
  });

  test('two figures entered at once for one period: one stays current, the other is kept as what it corrected', async () => {
    const entries = Array.from({ length: 4 }, (_, index) => ({ from: '2024-01-01', to: '2024-12-31', value: 90 + index, source: `省政府办公厅通报第${index + 1}版` }));
    const responses = await Promise.all(entries.map((entry) => director.request('POST', '/api/metrics/info.rank/entries', entry)));
    assert.deepEqual(responses.map((response) => response.statusCode), [201, 201, 201, 201]);
    const states = rowsOf<{ state: string; n: number }>(
      await t.database.db.execute(sql`select state, count(*)::int as n from records where type = 'metric_entry' and fields->>'metricId' = 'info.rank' and fields->>'from' = '2024-01-01' group by state order by state`),
    );
    assert.deepEqual(states, [{ state: 'current', n: 1 }, { state: 'superseded', n: 3 }]);
  });

  test('one 建议 registered twice at once: one case, the other told it lost (409)', async () => {
    const item = { body: 'npc', term: '十五届', session: 3, number: '42', title: '关于增设社区食堂的建议', leadName: '周红', content: '建议增设社区食堂。', receivedOn: '2026-02-21' };
    const raced = await Promise.all([0, 1].map(() => inspector.request('POST', '/api/proposals', item)));
    assert.deepEqual(raced.map((response) => response.statusCode).sort(), [201, 409]);
    assert.equal(await count(sql`select count(*)::int as n from cases where kind = 'proposal' and fields->>'number' = '42'`), 1);
  });

  test('a key revoked twice at once: one revocation, the other told it lost (409), one audit row', async () => {
    const key = (await center.request('POST', '/api/hotline/open311-keys', { name: '将停用的系统' })).json() as { id: string };
    const before = await audits('open311.key_revoke');
    const raced = await Promise.all([0, 1].map(() => center.request('POST', `/api/hotline/open311-keys/${key.id}/revoke`)));
    assert.deepEqual(raced.map((response) => response.statusCode).sort(), [200, 409]);
    assert.equal(await audits('open311.key_revoke'), before + 1);
    assert.equal((await center.request('POST', '/api/hotline/open311-keys/00000000-0000-4000-8000-000000000000/revoke')).statusCode, 404, 'an unknown key is not found');
  });

  test('a survey link answered twice at once: one answer is kept, the other refused, one audit row', async () => {
    await act(inspector, ids.proposalB, 'conclude', { comment: '已办复' });
    const link = await inspector.request('POST', `/api/proposals/${ids.proposalB}/survey-link`);
    assert.equal(link.statusCode, 200, link.body);
    const before = await audits('proposal.survey');
    const answer = { attitude: 'satisfied', onPoint: 'satisfied', result: 'basically_satisfied' };
    const raced = await Promise.all([0, 1].map(() => publicCall('POST', `/api/public/proposal-survey/${link.json().token}`, answer)));
    assert.deepEqual(raced.map((response) => response.statusCode).sort(), [200, 404]);
    assert.equal(await audits('proposal.survey'), before + 1);
    assert.equal((await publicCall('GET', `/api/public/proposal-survey/${link.json().token}`)).statusCode, 404, 'a spent link shows nothing');
  });
});
