/**
 * A walk over the modules' write routes with bodies a clerk's slip (or a careless client) could send: every 400's
 * message names the field as the forms do, never as a dotted path (fields.docNumber, mainTo.0.name) or a bare
 * key (docNumber), and in Chinese — the message is shown to the clerk as it is. The paths stay in details.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Role } from '../../../common/access.js';
import { actingAs } from '../../test/factories.js';
import { startTestApp, type TestContext } from '../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

type Refusal = { roles: Role[]; method: 'POST' | 'PUT' | 'PATCH'; url: string; body: Record<string, unknown>; label?: RegExp };

const refusals: Refusal[] = [
  // 收文 registration: the kind's own fields, checked in the use case (the kind's labels).
  { roles: ['clerk'], method: 'POST', url: '/api/cases', body: { kind: 'incoming', fields: { fromOrg: '示例市教育局', docNumber: '教'.repeat(61), docType: '通知', title: '关于开展校园安全检查的通知', receivedOn: '2026-11-02' } }, label: /「来文字号」/ },
  { roles: ['clerk'], method: 'POST', url: '/api/cases', body: { kind: 'incoming', fields: { fromOrg: '示例市教育局', docType: '通知', title: '关于开展校园安全检查的通知', receivedOn: '2026-02-30', copies: 'three' } }, label: /「份数」/ },
  // The route schema itself: the envelope, then a nested field.
  { roles: ['clerk'], method: 'POST', url: '/api/cases', body: { kind: 'incoming', fields: 'none' }, label: /「内容」/ },
  { roles: ['clerk'], method: 'POST', url: '/api/meetings', body: { meetingType: '专题会议', subject: '', startsAt: 'tomorrow', endsAt: 5, leaderIds: ['x'], attendingUnitIds: [] } },
  { roles: ['clerk'], method: 'POST', url: '/api/doc-numbers/reserve', body: { issuerCode: '', year: 'this', until: 'soon', note: 7 } },
  { roles: ['clerk'], method: 'POST', url: '/api/delegations', body: { toUserId: 'someone', startDate: '2026-02-30', endDate: 'later' } },
  { roles: ['clerk'], method: 'POST', url: '/api/records/meeting_room', body: { fields: { title: '', capacity: 'many' } } },
  { roles: ['inspector'], method: 'POST', url: '/api/supervision/items', body: { source: '领导批示', title: '', measures: 3, leadUnitId: 'lead', helperUnitIds: ['a'], openedOn: 'today', milestones: [{ due: 'soon' }] } },
  { roles: ['inspector'], method: 'POST', url: '/api/supervision/field-checks', body: { checkedOn: 'yesterday', caseIds: ['x'], findings: 1 } },
  { roles: ['inspector'], method: 'POST', url: '/api/proposals', body: { body: 'npc', session: 'first', receivedOn: '2026-13-01' } },
  { roles: ['clerk'], method: 'POST', url: '/api/disclosure/published', body: { title: '', publishedOn: 'today', channels: 'web' } },
  { roles: ['sysadmin'], method: 'POST', url: '/api/users', body: { username: '', displayName: 3, unitId: 'unit', roles: ['nobody'], initialPassword: 1 } },
  { roles: ['sysadmin'], method: 'POST', url: '/api/units', body: { name: '', type: 'galaxy', parentId: 'root' } },
  { roles: ['clerk'], method: 'POST', url: '/api/cases/00000000-0000-4000-8000-000000000000/circulations', body: { purpose: '', userIds: ['x'], unitIds: 'all' } },
];

/** Every key the body sends, at any depth: none of them may be the message's way of naming a field. */
const keysOf = (value: unknown): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([key, item]) => (/^\d+$/.test(key) ? [] : [key, ...keysOf(item)])) : [];

test('every refused body is named in a clerk’s words: no dotted path, no bare key, no English', async () => {
  const sessions = new Map<string, Awaited<ReturnType<typeof actingAs>>>();
  for (const refusal of refusals) {
    const key = refusal.roles.join();
    if (!sessions.has(key)) sessions.set(key, await actingAs(t.app, t.database.db, refusal.roles));
    const response = await sessions.get(key)!.request(refusal.method, refusal.url, refusal.body);
    const where = `${refusal.method} ${refusal.url}: ${response.body}`;
    assert.equal(response.statusCode, 400, where);
    const { message, details } = response.json() as { message: string; details?: { fields?: Array<{ path: string }> } };
    assert.doesNotMatch(message, /[A-Za-z_]\w*[./]\w+/, `a dotted path in ${where}`);
    for (const bodyKey of keysOf(refusal.body)) assert.ok(!new RegExp(`\\b${bodyKey}\\b`).test(message), `the key ${bodyKey} in ${where}`);
    // Chinese: no English word, save the date pattern a message may spell out.
    assert.doesNotMatch(message.replace(/YYYY-MM-DD/g, ''), /[A-Za-z]{2,}/, `English in ${where}`);
    if (refusal.label) assert.match(message, refusal.label, where);
    // The web still gets the paths, to mark the boxes.
    if (details?.fields) assert.ok(details.fields.every((field) => typeof field.path === 'string'), where);
  }
});
