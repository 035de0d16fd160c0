/**
 * Security review of what a record shows of the cases linked to it. A meeting is read by every 联络员 (meeting.read,
 * not unit-scoped); the 纪要 issued for it opens a 督办 item per 议定事项 and links each, and the 纪要 itself, to the
 * meeting and to the 议题 it settled. A reader of the meeting or the 议题 sees only the linked cases they may see:
 * neither the link (serial, title, id) nor its trail line names a case that is out of their sight.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

type Session = Awaited<ReturnType<typeof actingAs>>;
let t: TestContext;
let unitA = '';
let unitB = '';
let clerk: Session;
let director: Session;
let mayor: Session;
let liaisonA: Session;
let liaisonB: Session;
let meetingId = '';
let agendaA = '';
const opened = { minutes: '', forA: '', forB: '' };
const CODE = '审纪要';
const ONLY_B = '市财政局单独研究供暖补贴资金缺口';

const detailOf = async (who: Session, id: string) => (await who.request('GET', `/api/cases/${id}`)).json();
const act = async (who: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await who.request('POST', `/api/cases/${id}/actions/${action}`, { version: (await detailOf(who, id)).version, ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-16T08:30:00+08:00'));
  const db = t.database.db;
  const root = await buildUnit(db, { name: '测试市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(db, { name: '测试市住房和城乡建设局', parentId: root.id })).id;
  unitB = (await buildUnit(db, { name: '测试市财政局', parentId: root.id })).id;
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: root.id });
  director = await actingAs(t.app, db, ['director'], { unitId: root.id });
  mayor = await actingAs(t.app, db, ['leader'], { unitId: root.id });
  liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA });
  liaisonB = await actingAs(t.app, db, ['liaison'], { unitId: unitB });
  const sysadmin = await actingAs(t.app, db, ['sysadmin'], { unitId: root.id });
  const issuer = await sysadmin.request('POST', '/api/issuer-codes', { code: CODE, label: '常务会议纪要', issuerName: '测试市人民政府常务会议纪要', organName: '测试市人民政府', printerName: '测试市人民政府办公室', format: 'minutes', principalId: mayor.user.id });
  assert.equal(issuer.statusCode, 200, issuer.body);
  const chain = await sysadmin.request('POST', '/api/approval-chains', { name: '常务会议纪要', issuerCode: CODE, steps: [{ label: '核稿', type: 'review', roles: ['director'] }, { label: '签发', type: 'sign', roles: ['leader'] }] });
  assert.equal(chain.statusCode, 200, chain.body);
  const room = await clerk.request('POST', '/api/records/meeting_room', { fields: { name: '第一会议室', capacity: 40 } });
  const meeting = await clerk.request('POST', '/api/meetings', {
    meetingType: '常务会议', subject: '市政府第 30 次常务会议', roomId: room.json().id,
    startsAt: '2026-11-16T09:00:00+08:00', endsAt: '2026-11-16T11:00:00+08:00', leaderIds: [mayor.user.id], attendingUnitIds: [unitA, unitB],
  });
  assert.equal(meeting.statusCode, 201, meeting.body);
  meetingId = meeting.json().meeting.id;
  const agenda = await liaisonA.request('POST', `/api/meetings/${meetingId}/agenda-items`, { subject: '今冬供暖保障方案', summary: '请审议', needsLegalReview: false });
  assert.equal(agenda.statusCode, 201, agenda.body);
  agendaA = agenda.json().id;

  t.clock.set(new Date('2026-11-17T09:00:00+08:00'));
  // A day later the sessions have idled out: everyone signs in again.
  clerk = await sessionFor(t.app, clerk.user);
  director = await sessionFor(t.app, director.user);
  mayor = await sessionFor(t.app, mayor.user);
  liaisonA = await sessionFor(t.app, liaisonA.user);
  liaisonB = await sessionFor(t.app, liaisonB.user);
  const created = await clerk.request('POST', '/api/cases', {
    kind: 'outgoing',
    fields: {
      issuerCode: CODE, docType: '纪要', direction: '下行文', title: '市政府第 30 次常务会议纪要', signerId: mayor.user.id, meetingId, meetingOn: '2026-11-16',
      body: [{ level: 0, text: '11月16日，市长主持召开市政府第 30 次常务会议，研究冬季供暖保障等事项。' }],
      decisions: [
        { text: '市住建局制定今冬供暖保障方案', leadUnitId: unitA, helperUnitIds: [], deadline: '2026-12-15', agendaItemId: agendaA },
        { text: ONLY_B, leadUnitId: unitB, helperUnitIds: [], deadline: '2027-01-31', agendaItemId: agendaA },
      ],
    },
  });
  assert.equal(created.statusCode, 200, created.body);
  opened.minutes = created.json().id;
  await act(clerk, opened.minutes, 'submit');
  await act(director, opened.minutes, 'approve');
  await act(mayor, opened.minutes, 'sign_off', { comment: '同意印发。' });
  for (const action of ['check', 'register', 'print', 'distribute']) await act(clerk, opened.minutes, action);
  const items = (await detailOf(clerk, opened.minutes)).fields.decisionItems as Array<{ caseId: string }>;
  [opened.forA, opened.forB] = items.map((item) => item.caseId) as [string, string];
});
after(() => t.close());

type RecordDetail = { links: Array<{ caseId: string | null; title: string }>; events: Array<{ comment: string | null }> };
const serialOf = async (id: string) => (await detailOf(clerk, id)).serialNo as string;

describe('security review (links): a record shows only the linked cases its reader may see', () => {
  test("the meeting and A's 议题 name neither B's 督办 item nor the 纪要 to A's 联络员; the office and B see theirs", async () => {
    const [serialB, serialMinutes] = [await serialOf(opened.forB), await serialOf(opened.minutes)];
    assert.equal((await liaisonA.request('GET', `/api/cases/${opened.forB}`)).statusCode, 404, 'the item is out of sight');
    assert.equal((await liaisonA.request('GET', `/api/cases/${opened.minutes}`)).statusCode, 404, 'the 纪要 is out of sight');
    const hidden = new RegExp([opened.forB, opened.minutes, ONLY_B, serialB, serialMinutes].map((text) => text.replace(/[〔〕]/g, '.')).join('|'));
    for (const url of [`/api/meetings/${meetingId}`, `/api/records/meeting/${meetingId}`, `/api/records/agenda_item/${agendaA}`, `/api/meetings/${meetingId}/notice.docx`]) {
      const response = await liaisonA.request('GET', url);
      assert.equal(response.statusCode, 200, url);
      assert.doesNotMatch(response.body, hidden, `${url} names a case A may not see`);
    }
    const own = (await liaisonA.request('GET', `/api/records/meeting/${meetingId}`)).json() as RecordDetail;
    assert.deepEqual(own.links.flatMap((link) => (link.caseId ? [link.caseId] : [])), [opened.forA], "A's own item stays linked");
    const seenByB = (await liaisonB.request('GET', `/api/records/meeting/${meetingId}`)).json() as RecordDetail;
    assert.deepEqual(seenByB.links.flatMap((link) => (link.caseId ? [link.caseId] : [])), [opened.forB]);
    const office = (await clerk.request('GET', `/api/records/meeting/${meetingId}`)).json() as RecordDetail;
    assert.deepEqual(office.links.flatMap((link) => (link.caseId ? [link.caseId] : [])).sort(), [opened.forA, opened.forB, opened.minutes].sort());
    assert.ok(office.events.some((event) => event.comment?.includes(serialB)), 'the office reads the whole trail');
  });
});
