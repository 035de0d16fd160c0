import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let clerk: Session;
let unitA = '';
let unitB = '';

/** Sessions time out when the fake clock jumps, so each dated step signs in afresh. */
const as = async (when: string, roles: Parameters<typeof actingAs>[2], unitId?: string) => {
  t.clock.set(new Date(when));
  return actingAs(t.app, t.database.db, roles, unitId ? { unitId } : {});
};

/** A meeting of `type` on `day`, noticed and held (or left planned / cancelled). */
const meeting = async (day: string, type: string, outcome: 'held' | 'planned' | 'cancelled', units: string[] = []) => {
  const office = await as(`${day}T08:00:00+08:00`, ['clerk']);
  const created = await office.request('POST', '/api/meetings', { meetingType: type, subject: `${type} ${day}`, location: '会议中心', startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T10:00:00+08:00`, attendingUnitIds: units });
  assert.equal(created.statusCode, 201, created.body);
  let detail = created.json();
  if (outcome === 'cancelled') return (await office.request('POST', `/api/meetings/${detail.meeting.id}/cancel`, { version: detail.meeting.version, reason: '改期' })).json();
  if (outcome === 'planned') return detail;
  if (units.length > 0) detail = (await office.request('POST', `/api/meetings/${detail.meeting.id}/notice`, { version: detail.meeting.version })).json();
  else detail = (await office.request('PUT', `/api/meetings/${detail.meeting.id}/schedule`, { schedule: { ...detail.meeting.fields, attendingUnitIds: [unitB] }, version: detail.meeting.version })).json();
  if (detail.meeting.state === 'planned') detail = (await office.request('POST', `/api/meetings/${detail.meeting.id}/notice`, { version: detail.meeting.version })).json();
  const held = await office.request('POST', `/api/meetings/${detail.meeting.id}/hold`, { version: detail.meeting.version });
  assert.equal(held.statusCode, 200, held.body);
  return held.json();
};

const value = async (id: string, query: string) => {
  const response = await clerk.request('GET', `/api/metrics/${id}?${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

before(async () => {
  t = await startTestApp();
  const root = await buildUnit(t.database.db, { name: '示例市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(t.database.db, { name: '示例市教育局', parentId: root.id })).id;
  unitB = (await buildUnit(t.database.db, { name: '示例市财政局', parentId: root.id })).id;
  // 2025: two 常务会议 held. 2026: three 常务会议 (one with unit A), one 专题会议 held; one planned, one cancelled.
  await meeting('2025-03-10', '常务会议', 'held');
  await meeting('2025-06-10', '常务会议', 'held');
  await meeting('2026-03-09', '常务会议', 'held', [unitA]);
  await meeting('2026-04-13', '常务会议', 'held');
  await meeting('2026-05-11', '常务会议', 'held');
  await meeting('2026-05-12', '专题会议', 'held');
  await meeting('2026-06-15', '常务会议', 'planned');
  await meeting('2026-06-16', '常务会议', 'cancelled');
  // 议题: two reviewed in 2026 (3 + 1 opinions), one submitted by unit A; one left unreviewed.
  const target = await meeting('2026-12-21', '常务会议', 'planned');
  const liaisonA = await as('2026-11-02T09:00:00+08:00', ['liaison'], unitA);
  const office = await actingAs(t.app, t.database.db, ['clerk']);
  const legal = await actingAs(t.app, t.database.db, ['legal_staff']);
  const a = (await liaisonA.request('POST', `/api/meetings/${target.meeting.id}/agenda-items`, { subject: '议题甲', needsLegalReview: true })).json();
  const b = (await office.request('POST', `/api/meetings/${target.meeting.id}/agenda-items`, { subject: '议题乙', needsLegalReview: true, unitId: unitB })).json();
  await office.request('POST', `/api/meetings/${target.meeting.id}/agenda-items`, { subject: '议题丙', needsLegalReview: false });
  assert.equal((await legal.request('POST', `/api/agenda-items/${a.id}/review`, { result: 'revise', opinion: '三处修改', opinionCount: 3, version: a.version })).statusCode, 200);
  assert.equal((await legal.request('POST', `/api/agenda-items/${b.id}/review`, { result: 'passed', opinion: '合法', opinionCount: 1, version: b.version })).statusCode, 200);
  // 会风会纪: one notice in 2026 naming unit B.
  assert.equal((await office.request('POST', '/api/records/discipline_notice', { fields: { issuedOn: '2026-11-02', subject: '关于常务会议迟到情况的通报', content: '…', unitIds: [unitB] } })).statusCode, 201);
  clerk = await as('2026-12-31T10:00:00+08:00', ['clerk']);
});
after(() => t.close());

describe('办会 metrics', () => {
  test('meetings.held counts held meetings by type; a unit counts the meetings it attended', async () => {
    const year = await value('meetings.held', 'from=2026-01-01&to=2026-12-31');
    assert.equal(year.value, 4);
    assert.deepEqual(year.parts, { 常务会议: 3, 专题会议: 1 });
    assert.equal(year.previous.value, 2);
    assert.equal((await value('meetings.held', `from=2026-01-01&to=2026-12-31&unit=${unitA}`)).value, 1);
    const drill = (await clerk.request('GET', '/api/metrics/meetings.held/records?from=2026-01-01&to=2026-12-31')).json();
    assert.equal(drill.total, 4);
    assert.equal(drill.registerPath, '/meetings');
  });

  test('meetings.yoyChange: +100 % on 2 last year', async () => {
    const result = await value('meetings.yoyChange', 'from=2026-01-01&to=2026-12-31');
    assert.equal(result.value, 100);
    assert.deepEqual(result.parts, { current: 4, previous: 2 });
    assert.equal(result.extra.absolute, 2);
    assert.equal((await value('meetings.yoyChange', 'from=2025-01-01&to=2025-12-31')).value, null);
  });

  test('agenda.legalReviewed counts reviewed 议题 and their opinions; meetings.disciplineNotices counts notices', async () => {
    const reviewed = await value('agenda.legalReviewed', 'from=2026-01-01&to=2026-12-31');
    assert.equal(reviewed.value, 2);
    assert.deepEqual(reviewed.parts, { passed: 1, revise: 1 });
    assert.equal(reviewed.extra.opinions, 4);
    assert.equal((await value('agenda.legalReviewed', `from=2026-01-01&to=2026-12-31&unit=${unitA}`)).extra.opinions, 3);
    assert.equal((await value('meetings.disciplineNotices', 'from=2026-01-01&to=2026-12-31')).value, 1);
    assert.equal((await value('meetings.disciplineNotices', `from=2026-01-01&to=2026-12-31&unit=${unitA}`)).value, 0);
    assert.equal((await value('meetings.disciplineNotices', `from=2026-01-01&to=2026-12-31&unit=${unitB}`)).value, 1);
  });
});
