/**
 * Security review of the office routes as every role, through real requests: 收文, 发文 (文号, the document and its
 * preview), 批示件, 督查, 会议, 信访, 依申请公开, 草稿, 驾驶舱, the ledger and its export, 待办/待阅, the calendar and the
 * org/admin routes. Each GET is read by exactly the roles whose permissions (common/access.ts) allow it, 403 for the
 * others, 401 signed out; a case is seen by the roles its kind declares; a refused write is a 403 that writes nothing,
 * and an allowed one leaves its audit row. The unit-by-unit scope is route-scope.cases.review.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { permissionsOf, Role, type Permission } from '../../../../common/access.js';
import { rowsOf } from '../../platform/db.js';
import { getKind } from '../../engine/kinds/registry.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

type Session = Awaited<ReturnType<typeof actingAs>>;
let t: TestContext;
let unitA = '';
let clerk: Session;
let director: Session;
let inspector: Session;
let leader: Session;
let sysadmin: Session;
const ids = { meeting: '', room: '', item: '', notice: '', issuer: '', instruction: '', incoming: '', petition: '', disclosure: '', draft: '', outgoing: '' };
const cases: Record<string, string> = {};

const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.database.db.execute(query))[0]!.n;
const created = async (who: Session, url: string, body: unknown) => {
  const response = await who.request('POST', url, body);
  assert.ok([200, 201].includes(response.statusCode), `${url}: ${response.body}`);
  return response.json() as { id: string };
};

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-03-10T10:00:00+08:00'));
  const db = t.database.db;
  const office = (await buildUnit(db, { name: '市政府办公室', type: 'office' })).id;
  unitA = (await buildUnit(db, { name: '示例市教育局', parentId: office })).id;
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: office });
  director = await actingAs(t.app, db, ['director'], { unitId: office });
  inspector = await actingAs(t.app, db, ['inspector'], { unitId: office });
  leader = await actingAs(t.app, db, ['leader'], { unitId: office });
  sysadmin = await actingAs(t.app, db, ['sysadmin'], { unitId: office });

  ids.issuer = '示审查发';
  await created(sysadmin, '/api/issuer-codes', { code: ids.issuer, label: '审查用', issuerName: '示例市人民政府办公室', organName: '示例市人民政府办公室', printerName: '示例市人民政府办公室' });
  ids.room = (await created(clerk, '/api/records/meeting_room', { fields: { name: '第一会议室', capacity: 40 } })).id;
  const schedule = { meetingType: '常务会议', subject: '市政府第 30 次常务会议', roomId: ids.room, startsAt: '2026-03-12T09:00:00+08:00', endsAt: '2026-03-12T10:00:00+08:00', leaderIds: [leader.user.id], attendingUnitIds: [unitA] };
  ids.meeting = (await created(clerk, '/api/meetings', schedule)).id ?? '';
  if (!ids.meeting) ids.meeting = ((await clerk.request('GET', '/api/meetings')).json() as Array<{ id: string }>)[0]!.id;
  const item = await created(inspector, '/api/supervision/items', { source: '重点工作', title: '城区学前教育扩容工程', measures: '新增学位 3000 个', leadUnitId: unitA, helperUnitIds: [], openedOn: '2026-03-02', deadline: '2026-06-30', reportCycle: 'monthly', milestones: [] });
  ids.item = item.id;
  ids.notice = (await created(inspector, `/api/supervision/items/${ids.item}/notices`, { replyBy: '2026-03-20' })).id;

  cases.instruction = (await created(clerk, '/api/cases', { kind: 'instruction', fields: { leaderId: leader.user.id, leaderName: '张明远', instructedOn: '2026-03-09', instruction: '请教育局抓紧研究。', sourceTitle: '关于学前教育的请示' } })).id;
  cases.petition = (await created(clerk, '/api/cases', { kind: 'petition', fields: { channel: '来信', petitionerName: '王建国', phone: '13912345678', idNumber: '11010519491231002X', address: '示例市城东区幸福路 8 号', summary: '反映加装电梯补贴未发放。', receivedOn: '2026-03-09' } })).id;
  cases.disclosure = (await created(clerk, '/api/cases', { kind: 'disclosure', fields: { channel: 'post', submittedOn: '2026-03-06', signedForOn: '2026-03-09', applicantType: 'natural', applicantName: '李四', phone: '13800001111', idNumber: '11010519491231002X', address: '示例市和平路 8 号', subject: '老旧小区改造资金安排', preferredForm: 'paper' } })).id;
  cases.supervision = ids.item;
});
after(() => t.close());

const any = (...wanted: Permission[]) => (granted: ReadonlySet<Permission>) => wanted.some((permission) => granted.has(permission));

/** Every GET of the office modules, with the permission(s) that open it; `self` is the reader's own user and unit. */
const readRoutes = (self: { id: string; unitId: string }): Array<[string, (granted: ReadonlySet<Permission>) => boolean]> => [
  ['/api/kinds', any('case.work')],
  ['/api/kinds/instruction/actions', any('case.work')],
  ['/api/cases?kind=incoming', any('case.work')],
  ['/api/cases?kind=petition&q=电梯', any('case.work')],
  ['/api/cases/export.xlsx?kind=instruction', any('case.work')],
  ['/api/inbox', any('case.work')],
  ['/api/inbox/counts', any('case.work')],
  ['/api/notifications', any('case.work')],
  ['/api/delegations', any('case.work')],
  ['/api/delegations/candidates', any('case.work')],
  ['/api/phrases', any('case.work')],
  ['/api/urges/count', any('case.work')],
  ['/api/colleagues', any('case.work')],
  ['/api/signers?roles=leader', any('case.work')],
  ['/api/organ-match?name=教育局', any('case.work')],
  ['/api/issuer-codes', any('case.work', 'config.manage')],
  ['/api/approval-chains', any('case.work', 'config.manage')],
  [`/api/doc-numbers?issuer=${encodeURIComponent(ids.issuer)}&year=2026`, any('docnumber.read')],
  ['/api/dashboard', any('dashboard.read')],
  ['/api/dashboard/ranking?metric=supervision.onTimeRate', any('dashboard.read')],
  ['/api/disclosure/published', any('disclosure.read')],
  ['/api/disclosure/annual-report?year=2025', any('disclosure.read')],
  ['/api/supervision/items', any('supervision.read')],
  ['/api/records/supervision_notice', any('supervision.read')],
  ['/api/records/supervision_bulletin', any('supervision.manage')],
  ['/api/records/field_check', any('supervision.manage')],
  ['/api/records/inspection_advice', any('supervision.manage')],
  ['/api/meetings', any('meeting.read')],
  ['/api/meetings/leaders', any('meeting.read')],
  ['/api/meetings/leader-week?week=2026-03-09', any('meeting.read')],
  [`/api/meetings/${ids.meeting}`, any('meeting.read')],
  [`/api/meetings/${ids.meeting}/notice.docx`, any('meeting.read')],
  ['/api/records/meeting_room', any('meeting.read')],
  ['/api/records/meeting_type', any('meeting.read')],
  ['/api/records/agenda_item', any('meeting.read')],
  ['/api/calendar/2026', any('calendar.read')],
  ['/api/calendar/overrides', any('calendar.manage')],
  ['/api/settings', any('config.manage')],
  ['/api/units', any('org.read')],
  [`/api/units/${self.unitId}`, any('org.read')],
  ['/api/leaders', any('org.read')],
  [`/api/users/${self.id}`, any('org.read')],
  ['/api/users', any('user.read')],
  ['/api/password-resets', any('user.reset_approve')],
  ['/api/roles', any('role.read')],
  ['/api/security-policy', any('policy.manage')],
  ['/api/audit', any('audit.read')],
  ['/api/work/holders', any('work.transfer')],
];

describe('security review (offices): routes × roles', () => {
  test('every GET: 200 for a role whose permissions open it, 403 for every other role, 401 signed out', async () => {
    for (const role of Role.options) {
      const who = await actingAs(t.app, t.database.db, [role]);
      const granted = new Set(permissionsOf([role]));
      for (const [url, opens] of readRoutes(who.user)) {
        const response = await who.request('GET', url);
        assert.equal(response.statusCode, opens(granted) ? 200 : 403, `${role} GET ${url}: ${response.body.slice(0, 200)}`);
      }
    }
    for (const [url] of readRoutes({ id: clerk.user.id, unitId: unitA })) {
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 401, `signed out GET ${url}`);
      assert.doesNotMatch(response.body, /王建国|教育局|常务会议/, 'nothing shown signed out');
    }
  });

  test('a case is read by the roles its kind lets see it: 200, 404 for other business roles, 403 without case.work', async () => {
    for (const role of Role.options) {
      const who = await actingAs(t.app, t.database.db, [role]);
      const works = permissionsOf([role]).includes('case.work');
      for (const [kind, id] of Object.entries(cases)) {
        const sees = works && getKind(kind).roles.view.includes(role);
        for (const url of [`/api/cases/${id}`, `/api/cases/${id}/records`, `/api/cases/${id}/assignment-due?role=lead`]) {
          const response = await who.request('GET', url);
          assert.equal(response.statusCode, sees ? 200 : works ? 404 : 403, `${role} GET ${url} (${kind}): ${response.body.slice(0, 200)}`);
          if (!sees) assert.doesNotMatch(response.body, /王建国|李四|城区学前教育/, `${role} learns nothing of the ${kind}`);
        }
        const listed = await who.request('GET', `/api/cases?kind=${kind}`);
        if (works) assert.equal(((listed.json() as { items: Array<{ id: string }> }).items.some((row) => row.id === id)), sees, `${role} ledger of ${kind}`);
      }
    }
  });

  test('every write refused for a role without its permission is a 403 that writes nothing', async () => {
    const audits = () => count(sql`select count(*)::int as n from audit_log where result = 'success'`);
    const denials = () => count(sql`select count(*)::int as n from audit_log where action = 'access.denied'`);
    const rows = (table: string) => () => count(sql`select count(*)::int as n from ${sql.raw(table)}`);
    const records = (type: string) => () => count(sql`select count(*)::int as n from records where type = ${type}`);
    const policy = (await (await actingAs(t.app, t.database.db, ['secadmin'])).request('GET', '/api/security-policy')).json() as Record<string, unknown>;
    const writes: Array<{ method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: unknown; permission: Permission; rows: () => Promise<number> }> = [
      { method: 'POST', url: '/api/issuer-codes', body: { code: '越权字', label: '越权', issuerName: '越权机关', organName: '越权机关', printerName: '越权机关' }, permission: 'config.manage', rows: rows('issuer_codes') },
      { method: 'PUT', url: `/api/issuer-codes/${encodeURIComponent(ids.issuer)}`, body: { label: '改名', issuerName: '越权', organName: '越权', printerName: '越权', isActive: false }, permission: 'config.manage', rows: () => count(sql`select count(*)::int as n from issuer_codes where is_active`) },
      { method: 'PUT', url: '/api/calendar/overrides/2026-04-06', body: { kind: 'workday', note: '越权调休', source: '无' }, permission: 'calendar.manage', rows: rows('calendar_overrides') },
      { method: 'POST', url: '/api/units', body: { parentId: null, name: '越权单位', code: 'x-evil', type: 'department' }, permission: 'unit.manage', rows: rows('units') },
      { method: 'POST', url: '/api/disclosure/published', body: { title: '越权公开的办法', category: '规章', channels: ['政府网站'], publishedOn: '2026-03-01' }, permission: 'disclosure.publish', rows: rows('published_items') },
      { method: 'POST', url: '/api/meetings', body: { meetingType: '常务会议', subject: '越权会议', startsAt: '2026-03-13T09:00:00+08:00', endsAt: '2026-03-13T10:00:00+08:00', leaderIds: [], attendingUnitIds: [] }, permission: 'meeting.manage', rows: records('meeting') },
      { method: 'POST', url: '/api/records/meeting_room', body: { fields: { name: '越权会议室', capacity: 1 } }, permission: 'meeting.manage', rows: records('meeting_room') },
      { method: 'POST', url: `/api/meetings/${ids.meeting}/notice`, body: { version: 1 }, permission: 'meeting.manage', rows: rows('record_events') },
      { method: 'POST', url: `/api/supervision/items/${ids.item}/notices`, body: { replyBy: '2026-03-25' }, permission: 'supervision.manage', rows: records('supervision_notice') },
      { method: 'POST', url: '/api/supervision/bulletins', body: { from: '2026-03-01', to: '2026-03-10' }, permission: 'supervision.manage', rows: records('supervision_bulletin') },
      { method: 'POST', url: '/api/work/transfer', body: { fromUserId: clerk.user.id, toUserId: director.user.id, reason: '越权移交' }, permission: 'work.transfer', rows: rows('work_items') },
      { method: 'PUT', url: '/api/security-policy', body: { ...policy, minLength: 20 }, permission: 'policy.manage', rows: () => count(sql`select count(*)::int as n from security_policy where (settings->>'minLength')::int = 20`) },
      { method: 'PUT', url: `/api/users/${clerk.user.id}/roles`, body: { roles: ['director'], version: 1 }, permission: 'role.assign', rows: rows('user_roles') },
    ];
    for (const role of Role.options) {
      const granted = new Set(permissionsOf([role]));
      const who = await actingAs(t.app, t.database.db, [role]);
      for (const write of writes.filter((candidate) => !granted.has(candidate.permission))) {
        const [before, auditBefore, deniedBefore] = [await write.rows(), await audits(), await denials()];
        const response = await who.request(write.method, write.url, write.body);
        assert.equal(response.statusCode, 403, `${role} ${write.method} ${write.url}: ${response.body.slice(0, 200)}`);
        assert.equal(await write.rows(), before, `${role} ${write.method} ${write.url} wrote nothing`);
        assert.equal(await audits(), auditBefore, `${role} ${write.method} ${write.url}: no successful change audited`);
        assert.equal(await denials(), deniedBefore + 1, `${role} ${write.method} ${write.url}: the refusal is audited once`);
      }
    }
  });

  test('register imports (收文, 发文, 分工方案): 403 for every role that may not register the kind, 400 (a bad workbook) for those who may; nothing written', async () => {
    const boundary = 'reviewimport';
    const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="登记簿.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\nnot a workbook\r\n--${boundary}--\r\n`);
    const imports: Array<[string, string]> = [['/api/incoming/import/preview', 'incoming'], ['/api/incoming/import', 'incoming'], ['/api/outgoing/import/preview', 'outgoing'], ['/api/outgoing/import', 'outgoing'], ['/api/supervision/import/preview', 'supervision'], ['/api/supervision/import', 'supervision']];
    const written = () => count(sql`select (select count(*) from cases) + (select count(*) from case_import_keys) as n`);
    const before = await written();
    for (const role of Role.options) {
      const who = await actingAs(t.app, t.database.db, [role]);
      for (const [url, kind] of imports) {
        const response = await t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
        const registers = permissionsOf([role]).includes('case.work') && getKind(kind).roles.create.includes(role);
        if (registers) assert.equal(response.statusCode, 400, `${role} POST ${url}: a bad workbook, told so: ${response.body.slice(0, 200)}`);
        else assert.equal(response.statusCode, 403, `${role} POST ${url}: ${response.body.slice(0, 200)}`);
      }
    }
    assert.equal(await written(), before, 'no import wrote anything');
  });
});
