/**
 * Security review of the office routes unit by unit: a 联络员 of unit A naming unit B's case, file, notice, 议题,
 * 主动公开 entry, export or drill-down gets 404 (403 where the route is closed to the role) and never B's data; a
 * case A cannot see is in none of A's ledger, search, export, 待办 or metric drill-downs; a refused action writes
 * nothing; citizens' phone and 身份证 numbers (信访, 依申请公开) are masked wherever the reader may not reveal them,
 * and a reveal is audited; writes leave their audit row or trail. The role-by-role matrix is route-scope.offices.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { unzip } from '../../../test/office-files.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

type Session = Awaited<ReturnType<typeof actingAs>>;
let t: TestContext;
let unitA = '';
let unitB = '';
let clerk: Session;
let leader: Session;
let inspector: Session;
let liaisonA: Session;
let liaisonB: Session;
const ids = { mineA: '', onlyB: '', shared: '', petition: '', disclosure: '', item: '', notice: '', meeting: '', agendaB: '', publishedB: '', fileB: '', sharedFileB: '' };
const SECRET = '乙局独办绝密事项';
const PHONE = '13912345678';
const ID_NUMBER = '11010519491231002X';

const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.database.db.execute(query))[0]!.n;
const audits = (action: string) => count(sql`select count(*)::int as n from audit_log where action = ${action} and result = 'success'`);
const events = (caseId: string) => count(sql`select count(*)::int as n from case_events where case_id = ${caseId}`);
const ok = async (who: Session, url: string, body?: unknown) => {
  const response = await who.request('POST', url, body);
  assert.ok([200, 201].includes(response.statusCode), `${url}: ${response.body}`);
  return response.json() as { id: string };
};
const detailOf = async (who: Session, id: string) => (await who.request('GET', `/api/cases/${id}`)).json() as { version: number; assignments: Array<{ id: string; unitId: string }> };
const act = async (who: Session, id: string, action: string, body: Record<string, unknown> = {}) =>
  who.request('POST', `/api/cases/${id}/actions/${action}`, { version: (await detailOf(who, id)).version, ...body });
const done = async (who: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await act(who, id, action, body);
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};
const upload = async (who: Session, name: string) => {
  const boundary = 'reviewboundary';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ${name} ${Math.random()}\r\n--${boundary}--\r\n`)]);
  const response = await t.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { digest: string; name: string };
};
const instruction = async (title: string, units: Array<{ unitId: string; role: 'lead' | 'assist' }>) => {
  const { id } = await ok(clerk, '/api/cases', { kind: 'instruction', fields: { leaderId: leader.user.id, leaderName: '张明远', instructedOn: '2026-03-09', instruction: `请抓紧办理${title}。`, sourceTitle: title } });
  await done(clerk, id, 'assign', { units });
  return id;
};
const answer = async (who: Session, id: string, reply: string, file: { digest: string; name: string }) => {
  const assignmentId = (await detailOf(who, id)).assignments.find((row) => row.unitId === who.user.unitId)!.id;
  await done(who, id, 'sign', { assignmentId });
  await done(who, id, 'reply', { assignmentId, reply, attachments: [file] });
};

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-03-10T10:00:00+08:00'));
  const db = t.database.db;
  const office = (await buildUnit(db, { name: '市政府办公室', type: 'office' })).id;
  unitA = (await buildUnit(db, { name: '甲局', parentId: office })).id;
  unitB = (await buildUnit(db, { name: '乙局', parentId: office })).id;
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: office });
  leader = await actingAs(t.app, db, ['leader'], { unitId: office });
  inspector = await actingAs(t.app, db, ['inspector'], { unitId: office });
  liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA });
  liaisonB = await actingAs(t.app, db, ['liaison'], { unitId: unitB });

  ids.mineA = await instruction('甲局自办事项', [{ unitId: unitA, role: 'lead' }]);
  ids.onlyB = await instruction(SECRET, [{ unitId: unitB, role: 'lead' }]);
  ids.shared = await instruction('甲乙两局共办事项', [{ unitId: unitA, role: 'lead' }, { unitId: unitB, role: 'assist' }]);
  const fileB = await upload(liaisonB, '乙局答复.pdf');
  ids.fileB = fileB.digest;
  await answer(liaisonB, ids.onlyB, '乙局的答复全文', fileB);
  const sharedFileB = await upload(liaisonB, '乙局协办意见.pdf');
  ids.sharedFileB = sharedFileB.digest;
  await answer(liaisonB, ids.shared, '乙局协办意见全文', sharedFileB);

  ids.petition = (await ok(clerk, '/api/cases', { kind: 'petition', fields: { channel: '来信', petitionerName: '王建国', phone: PHONE, idNumber: ID_NUMBER, address: '示例市城东区幸福路 8 号', summary: `反映加装电梯补贴未发放，联系电话 ${PHONE}。`, receivedOn: '2026-03-09' } })).id;
  await done(clerk, ids.petition, 'accept');
  await done(clerk, ids.petition, 'assign', { units: [{ unitId: unitB, role: 'lead' }] });
  ids.disclosure = (await ok(clerk, '/api/cases', { kind: 'disclosure', fields: { channel: 'post', submittedOn: '2026-03-06', signedForOn: '2026-03-09', applicantType: 'natural', applicantName: '李四', phone: PHONE, idNumber: ID_NUMBER, address: '示例市和平路 8 号', subject: '老旧小区改造资金安排', preferredForm: 'paper' } })).id;

  ids.item = (await ok(inspector, '/api/supervision/items', { source: '重点工作', title: `${SECRET}督办`, measures: '按期完成', leadUnitId: unitB, helperUnitIds: [], openedOn: '2026-03-02', deadline: '2026-06-30', reportCycle: 'monthly', milestones: [] })).id;
  ids.notice = (await ok(inspector, `/api/supervision/items/${ids.item}/notices`, { replyBy: '2026-03-20' })).id;
  const room = await ok(clerk, '/api/records/meeting_room', { fields: { name: '第一会议室', capacity: 40 } });
  const meeting = await clerk.request('POST', '/api/meetings', { meetingType: '常务会议', subject: '市政府第 30 次常务会议', roomId: room.id, startsAt: '2026-03-20T09:00:00+08:00', endsAt: '2026-03-20T10:00:00+08:00', leaderIds: [leader.user.id], attendingUnitIds: [unitA, unitB] });
  assert.equal(meeting.statusCode, 201, meeting.body);
  ids.meeting = (meeting.json() as { meeting: { id: string } }).meeting.id;
  ids.agendaB = (await ok(liaisonB, `/api/meetings/${ids.meeting}/agenda-items`, { subject: `${SECRET}议题`, summary: '请审议', needsLegalReview: false })).id;
  ids.publishedB = (await ok(liaisonB, '/api/disclosure/published', { title: `${SECRET}公开办法`, category: '规章', channels: ['政府网站'], publishedOn: '2026-03-01' })).id;
});
after(() => t.close());

describe('security review (cases): a 联络员 of unit A and what was given to unit B', () => {
  test("B's case by id, and everything hung on it, is 404 for A and shows nothing of it", async () => {
    for (const url of [
      `/api/cases/${ids.onlyB}`,
      `/api/cases/${ids.onlyB}/records`,
      `/api/cases/${ids.onlyB}/assignment-due?role=lead`,
      `/api/cases/${ids.onlyB}/attachments/${ids.fileB}`,
      `/api/cases/${ids.onlyB}/document.docx`,
      `/api/cases/${ids.onlyB}/format-check`,
      `/api/cases/${ids.petition}`,
      `/api/cases/${ids.item}`,
      `/api/records/supervision_notice/${ids.notice}`,
      `/api/supervision/notices/${ids.notice}/document.docx`,
      `/api/records/agenda_item/${ids.agendaB}`,
    ]) {
      const response = await liaisonA.request('GET', url);
      assert.equal(response.statusCode, 404, `liaison A GET ${url}: ${response.body.slice(0, 200)}`);
      assert.doesNotMatch(response.body, new RegExp(`${SECRET}|乙局的答复|王建国|${PHONE}`), url);
    }
    // The same ids work for B (the test would pass vacuously on a wrong id otherwise).
    for (const url of [`/api/cases/${ids.onlyB}`, `/api/cases/${ids.onlyB}/attachments/${ids.fileB}`, `/api/records/supervision_notice/${ids.notice}`, `/api/records/agenda_item/${ids.agendaB}`]) {
      assert.equal((await liaisonB.request('GET', url)).statusCode, 200, `liaison B GET ${url}`);
    }
  });

  test("B's file through a case A shares, or through A's own case: 404; B and the office download it", async () => {
    assert.equal((await liaisonA.request('GET', `/api/cases/${ids.shared}`)).statusCode, 200);
    for (const [caseId, digest] of [[ids.shared, ids.sharedFileB], [ids.mineA, ids.fileB], [ids.mineA, ids.sharedFileB], [ids.shared, ids.fileB]]) {
      const response = await liaisonA.request('GET', `/api/cases/${caseId}/attachments/${digest}`);
      assert.equal(response.statusCode, 404, `A fetches ${digest} through ${caseId}`);
      assert.doesNotMatch(response.body, /%PDF/);
    }
    assert.equal((await liaisonB.request('GET', `/api/cases/${ids.shared}/attachments/${ids.sharedFileB}`)).statusCode, 200);
    assert.equal((await clerk.request('GET', `/api/cases/${ids.shared}/attachments/${ids.sharedFileB}`)).statusCode, 200);
    const shared = await liaisonA.request('GET', `/api/cases/${ids.shared}`);
    assert.doesNotMatch(shared.body, new RegExp(`乙局协办意见|${ids.sharedFileB}`), "B's reply and its file are not in A's view of the shared case");
  });

  test("B's cases are in none of A's ledgers, searches, exports, 待办 or drill-downs", async () => {
    const ledger = async (query: string) => ((await liaisonA.request('GET', `/api/cases?${query}`)).json() as { items: Array<{ id: string }> }).items.map((row) => row.id);
    assert.deepEqual((await ledger('kind=instruction')).sort(), [ids.mineA, ids.shared].sort());
    const namedB = await ledger(`unit=${unitB}`);
    assert.ok(namedB.every((id) => id === ids.shared), `naming B lists only the case A shares with B: ${namedB}`);
    assert.deepEqual(await ledger(`q=${encodeURIComponent(SECRET)}`), []);
    assert.deepEqual(await ledger(`kind=petition&unit=${unitB}`), []);
    for (const query of ['kind=instruction', `unit=${unitB}`, `q=${encodeURIComponent(SECRET)}`, `kind=petition&unit=${unitB}`]) {
      const response = await liaisonA.request('GET', `/api/cases/export.xlsx?${query}`);
      assert.equal(response.statusCode, 200, query);
      const text = [...unzip(response.rawPayload).values()].join('\n');
      assert.doesNotMatch(text, new RegExp(`${SECRET}|王建国|${PHONE}|乙局协办意见`), `export ${query}`);
      assert.doesNotMatch((await liaisonA.request('GET', `/api/cases?${query}`)).body, /乙局协办意见/, `ledger ${query}: B's reply to the shared case`);
    }
    const inbox = await liaisonA.request('GET', '/api/inbox');
    assert.equal(inbox.statusCode, 200);
    assert.doesNotMatch(inbox.body, new RegExp(`${ids.onlyB}|${SECRET}|${ids.petition}`));
    assert.doesNotMatch((await liaisonA.request('GET', '/api/notifications')).body, new RegExp(SECRET));
    const items = await liaisonA.request('GET', '/api/supervision/items');
    assert.deepEqual(items.json(), [], "B's 督办 item is not on A's board");
    assert.deepEqual(((await liaisonA.request('GET', '/api/records/supervision_notice')).json() as { items: unknown[] }).items, []);
    assert.deepEqual(((await liaisonA.request('GET', `/api/records/agenda_item?unit=${unitB}`)).json() as { items: unknown[] }).items, []);
    assert.doesNotMatch((await liaisonA.request('GET', `/api/meetings/${ids.meeting}`)).body, new RegExp(SECRET), "B's 议题 is not in A's view of the meeting");
    assert.doesNotMatch((await liaisonA.request('GET', `/api/meetings/${ids.meeting}/notice.docx`)).body, new RegExp(SECRET));
    const publishedB = await liaisonA.request('GET', `/api/disclosure/published?unit=${unitB}`);
    assert.equal(publishedB.statusCode, 404, publishedB.body);
    assert.doesNotMatch((await liaisonA.request('GET', '/api/disclosure/published')).body, new RegExp(SECRET));
    for (const url of [`/api/metrics/instructions.tracked/records?unit=${unitB}`, `/api/metrics/instructions.tracked?unit=${unitB}`, `/api/metrics/petitions.visits/records?unit=${unitB}`, `/api/disclosure/annual-report?year=2026&unit=${unitB}`]) {
      assert.equal((await liaisonA.request('GET', url)).statusCode, 404, url);
    }
    const drill = (await liaisonA.request('GET', '/api/metrics/instructions.tracked/records')).json() as { items: Array<{ id: string }> };
    assert.deepEqual(drill.items.map((item) => item.id).sort(), [ids.mineA, ids.shared].sort());
    // The same reads as B do show B's case: each check above could have caught a leak.
    const exportB = await liaisonB.request('GET', '/api/cases/export.xlsx?kind=instruction');
    assert.match([...unzip(exportB.rawPayload).values()].join('\n'), new RegExp(SECRET));
    assert.match((await liaisonB.request('GET', `/api/cases?q=${encodeURIComponent(SECRET)}`)).body, new RegExp(ids.onlyB));
    assert.match((await liaisonB.request('GET', '/api/supervision/items')).body, new RegExp(SECRET));
    assert.match((await liaisonB.request('GET', `/api/meetings/${ids.meeting}`)).body, new RegExp(SECRET));
    assert.match((await liaisonB.request('GET', '/api/inbox')).body, new RegExp(ids.petition));
  });

  test("org: B's unit, B's people and B's 联络员 as a stand-in are out of A's reach", async () => {
    assert.equal((await liaisonA.request('GET', `/api/units/${unitB}`)).statusCode, 404);
    // An account's admin view is user.read's (org.test): refused before the scope is looked at.
    assert.equal((await liaisonA.request('GET', `/api/users/${liaisonB.user.id}`)).statusCode, 403);
    assert.equal((await liaisonA.request('GET', `/api/units/${unitA}`)).statusCode, 200);
    const units = (await liaisonA.request('GET', '/api/units')).json() as Array<{ id: string }>;
    assert.ok(!units.some((unit) => unit.id === unitB), "B is not in A's unit list");
    for (const url of ['/api/colleagues', '/api/delegations/candidates']) {
      const people = (await liaisonA.request('GET', url)).json() as Array<{ id: string }>;
      assert.ok(!people.some((person) => person.id === liaisonB.user.id), `${url} offers nobody of B`);
    }
    const delegations = await count(sql`select count(*)::int as n from delegations`);
    const refused = await liaisonA.request('POST', '/api/delegations', { toUserId: liaisonB.user.id, startDate: '2026-03-10', endDate: '2026-03-20' });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(await count(sql`select count(*)::int as n from delegations`), delegations);
  });

  test('every write A aims at B is refused and writes nothing', async () => {
    const before = { onlyB: await events(ids.onlyB), petition: await events(ids.petition), urges: await count(sql`select count(*)::int as n from case_urges`), circulations: await count(sql`select count(*)::int as n from circulations`), links: await count(sql`select count(*)::int as n from case_links`), records: await count(sql`select count(*)::int as n from record_events`), published: await count(sql`select count(*)::int as n from published_items`) };
    const assignmentB = (await detailOf(clerk, ids.onlyB)).assignments[0]!.id;
    const attempts: Array<[string, unknown]> = [
      [`/api/cases/${ids.onlyB}/actions/reply`, { version: 1, assignmentId: assignmentB, reply: '甲局冒名答复' }],
      [`/api/cases/${ids.petition}/actions/sign`, { version: 1 }],
      [`/api/cases/${ids.onlyB}/urge`, { message: '请尽快' }],
      [`/api/cases/${ids.onlyB}/circulations`, { purpose: '请阅知', recipients: [{ unitId: unitA }] }],
      [`/api/cases/${ids.mineA}/links`, { toCaseId: ids.onlyB, type: 'related' }],
      [`/api/cases/${ids.petition}/personal/phone/reveal`, undefined],
      [`/api/supervision/items/${ids.item}/notices`, { replyBy: '2026-03-25' }],
      ['/api/disclosure/published', { title: '甲局替乙局登记的办法', category: '规章', channels: ['政府网站'], publishedOn: '2026-03-01', unitId: unitB }],
      [`/api/meetings/${ids.meeting}/agenda-items`, { subject: '甲局替乙局报送的议题', summary: '请审议', needsLegalReview: false, unitId: unitB }],
    ];
    for (const [url, body] of attempts) {
      const response = await liaisonA.request('POST', url, body);
      assert.ok([403, 404].includes(response.statusCode), `A POST ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      assert.doesNotMatch(response.body, new RegExp(`${SECRET}|${PHONE}`));
    }
    // On a case A and B share, A names B's assignment: A may not sign, return or answer for B.
    const both = await instruction('甲乙两局再共办事项', [{ unitId: unitA, role: 'lead' }, { unitId: unitB, role: 'assist' }]);
    const theirs = (await detailOf(clerk, both)).assignments.find((row) => row.unitId === unitB)!.id;
    const trail = await events(both);
    for (const [action, body] of [['sign', {}], ['unit_return', { reason: '不属于乙局职责' }], ['reply', { reply: '甲局替乙局答复' }]] as const) {
      const response = await act(liaisonA, both, action, { assignmentId: theirs, ...body });
      assert.ok([403, 404, 422].includes(response.statusCode), `A ${action} on B's assignment: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    assert.equal(await events(both), trail, "nothing written on B's behalf");
    const patched = await liaisonA.request('PATCH', `/api/disclosure/published/${ids.publishedB}`, { title: '甲局改写', category: '规章', channels: ['政府网站'], publishedOn: '2026-03-01', version: 1 });
    assert.equal(patched.statusCode, 404, patched.body);
    const repealed = await liaisonA.request('POST', `/api/disclosure/published/${ids.publishedB}/repeal`, { repealedOn: '2026-03-10', reason: '甲局废止', version: 1 });
    assert.equal(repealed.statusCode, 404, repealed.body);
    assert.deepEqual(
      { onlyB: await events(ids.onlyB), petition: await events(ids.petition), urges: await count(sql`select count(*)::int as n from case_urges`), circulations: await count(sql`select count(*)::int as n from circulations`), links: await count(sql`select count(*)::int as n from case_links`), records: await count(sql`select count(*)::int as n from record_events`), published: await count(sql`select count(*)::int as n from published_items`) },
      before,
    );
    const entry = (await liaisonB.request('GET', '/api/disclosure/published')).json() as Array<{ id: string; title: string }>;
    assert.equal(entry.find((row) => row.id === ids.publishedB)?.title, `${SECRET}公开办法`);
  });
});

describe("security review (cases): citizens' numbers and the trail", () => {
  test('信访 and 依申请公开: phone and 身份证 masked for every reader, shown in full only by an audited reveal', async () => {
    const fullNumber = new RegExp(`${PHONE}|${ID_NUMBER}|王建国|李四|幸福路 8 号|和平路 8 号`);
    for (const [who, caseId] of [[liaisonB, ids.petition], [leader, ids.petition], [clerk, ids.petition], [leader, ids.disclosure], [clerk, ids.disclosure]] as Array<[Session, string]>) {
      for (const url of [`/api/cases/${caseId}`, `/api/cases?q=${encodeURIComponent('电梯')}`, '/api/cases?kind=disclosure', '/api/inbox']) {
        const response = await who.request('GET', url);
        assert.equal(response.statusCode, 200, url);
        assert.doesNotMatch(response.body, fullNumber, `${url} shows a citizen in full`);
      }
      const exported = await who.request('GET', '/api/cases/export.xlsx?kind=petition');
      assert.doesNotMatch([...unzip(exported.rawPayload).values()].join('\n'), fullNumber, 'the export is masked');
    }
    const detail = (await liaisonB.request('GET', `/api/cases/${ids.petition}`)).json() as { personal: Array<{ field: string; masked: string; canReveal: boolean }> };
    assert.deepEqual(detail.personal.find((item) => item.field === 'phone'), { field: 'phone', label: '联系电话', masked: '139****5678', canReveal: false });
    const reveals = await audits('personal.reveal');
    for (const [who, caseId] of [[liaisonB, ids.petition], [leader, ids.petition], [leader, ids.disclosure]] as Array<[Session, string]>) {
      for (const field of ['phone', 'idNumber']) {
        const response = await who.request('POST', `/api/cases/${caseId}/personal/${field}/reveal`);
        assert.equal(response.statusCode, 403, `${field} of ${caseId}`);
        assert.doesNotMatch(response.body, fullNumber);
      }
    }
    const searched = await leader.request('POST', '/api/cases/person-search', { phone: PHONE });
    assert.equal(searched.statusCode, 403, 'a leader may not look a citizen up');
    assert.equal(await audits('personal.reveal'), reveals, 'no refused look is a reveal');
    const shown = await clerk.request('POST', `/api/cases/${ids.petition}/personal/idNumber/reveal`);
    assert.equal(shown.json().value, ID_NUMBER);
    assert.equal(await audits('personal.reveal'), reveals + 1);
    const found = (await clerk.request('POST', '/api/cases/person-search', { phone: PHONE })).json() as { items: Array<{ id: string }> };
    assert.deepEqual(found.items.map((item) => item.id).sort(), [ids.petition, ids.disclosure].sort());
    // The audit log the 审计管理员 reads records the look, never what was seen.
    const auditor = await actingAs(t.app, t.database.db, ['auditor']);
    const log = await auditor.request('GET', '/api/audit?limit=200');
    assert.equal(log.statusCode, 200, log.body);
    assert.match(log.body, /personal\.reveal/);
    assert.doesNotMatch(log.body, fullNumber);
    const [raw] = rowsOf<{ text: string }>(await t.database.db.execute(sql`select coalesce(string_agg(a::text, ' '), '') as text from audit_log a`));
    assert.doesNotMatch(raw!.text, fullNumber, 'no audit row holds a citizen in full');
    const duty = await actingAs(t.app, t.database.db, ['duty_staff']);
    const dutyFound = (await duty.request('POST', '/api/cases/person-search', { phone: PHONE })).json() as { items: unknown[] };
    assert.deepEqual(dutyFound.items, [], 'pii.reveal without sight of the kinds finds nobody');
    assert.equal((await duty.request('POST', `/api/cases/${ids.petition}/personal/phone/reveal`)).statusCode, 404);
    const drill = (await duty.request('GET', '/api/metrics/petitions.visits/records')).json() as { items: Array<{ id: string }> };
    assert.ok(!drill.items.some((item) => item.id === ids.petition), 'nor through a metric drill-down');
    assert.ok(((await clerk.request('GET', '/api/metrics/petitions.visits/records')).json() as { items: Array<{ id: string }> }).items.some((item) => item.id === ids.petition));
  });

  test('writes leave their trail or audit row', async () => {
    const trail = await events(ids.mineA);
    const assignmentId = (await detailOf(liaisonA, ids.mineA)).assignments.find((row) => row.unitId === unitA)!.id;
    await done(liaisonA, ids.mineA, 'sign', { assignmentId });
    assert.equal(await events(ids.mineA), trail + 1, 'an action appends one trail event');
    const [sealed] = rowsOf<{ hash: string | null }>(await t.database.db.execute(sql`select hash from case_events where case_id = ${ids.mineA} order by seq desc limit 1`));
    assert.ok(sealed?.hash, 'the event is sealed');
    const published = await audits('published_item.create');
    await ok(clerk, '/api/disclosure/published', { title: '示例市审计办法', category: '规章', channels: ['政府网站'], publishedOn: '2026-03-02' });
    assert.equal(await audits('published_item.create'), published + 1);
    const created = await audits('record.create');
    await ok(inspector, `/api/supervision/items/${ids.item}/notices`, { noticeType: '督办函', replyBy: '2026-03-27' });
    assert.ok((await audits('record.create')) > created, 'a notice is audited');
    const reserved = await audits('docnumber.reserve');
    const sysadmin = await actingAs(t.app, t.database.db, ['sysadmin']);
    await ok(sysadmin, '/api/issuer-codes', { code: '示审计发', label: '审计', issuerName: '示例市人民政府办公室', organName: '示例市人民政府办公室', printerName: '示例市人民政府办公室' });
    const number = await clerk.request('POST', '/api/doc-numbers/reserve', { issuerCode: '示审计发', until: '2026-03-20T00:00:00+08:00', note: '预留' });
    assert.equal(number.statusCode, 200, number.body);
    assert.equal(await audits('docnumber.reserve'), reserved + 1);
    const override = await audits('calendar.override_set');
    const calendar = await sysadmin.request('PUT', '/api/calendar/overrides/2026-04-06', { kind: 'workday', note: '调休上班', source: '国办发明电〔2026〕1号' });
    assert.equal(calendar.statusCode, 200, calendar.body);
    assert.equal(await audits('calendar.override_set'), override + 1);
  });
});
