/**
 * The 市长信箱 through the public routes on a real database: a letter with a solved proof-of-work becomes a
 * 12345 工单 of channel 市长信箱 (the writer sealed like a caller); a forged, unsolved, stale or spent
 * challenge is refused and writes nothing; the query code shows the state in plain words and the reply
 * only once the center has made it public; a wrong code is a bare 404; the writer's name and phone never
 * appear in a query answer, nor in clear the numbers written into the letter; a letter merged into another ticket (归并) shows that ticket's answer once it is
 * closed and the center made it public for this writer; the per-address limit refuses a flood; mailbox.letters
 * counts a fixture.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db.js';
import { actingAs, buildUnit, sessionFor } from '../../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../../test/test-app.js';
import { leadingZeroBits, powDigest, solveChallenge } from './mailbox.pow.js';

let t: TestContext;
before(async () => {
  t = await startTestApp({ config: { publicRequestsPerMinute: 10_000 } });
  await actingAs(t.app, t.database.db, ['hotline_staff']); // the center that receives the letters
});
after(() => t.close());

const publicCall = async (method: 'GET' | 'POST', url: string, payload?: unknown) => t.app.inject({ method, url, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
const challenge = async () => (await publicCall('GET', '/api/public/mailbox/challenge')).json() as { challenge: string; bits: number; expiresAt: string };
const letterOf = (overrides: Record<string, unknown> = {}) => ({
  name: '赵大海',
  phone: '13700001111',
  ticketType: '投诉',
  category: '城市管理/路灯照明',
  subject: '西街路灯不亮',
  content: '西街 8 号到 20 号一段的路灯已经一周不亮，老人晚上出门不安全。',
  mayPublish: true,
  ...overrides,
});
const solved = async () => {
  t.clock.advance(1000); // each letter its own instant: the tests find a letter by it
  const issued = await challenge();
  return { challenge: issued.challenge, nonce: solveChallenge(issued.challenge, issued.bits) };
};
const counts = async () => {
  const [row] = rowsOf<{ tickets: number; letters: number; audit: number }>(
    await t.database.db.execute(sql`select (select count(*)::int from cases where kind = 'ticket') as tickets, (select count(*)::int from mailbox_letters) as letters,
      (select count(*)::int from audit_log where action = 'mailbox.letter') as audit`),
  );
  return row!;
};
const query = (code: string) => publicCall('POST', '/api/public/mailbox/query', { code });

describe('市长信箱', () => {
  test('a letter with a solved proof-of-work becomes a 市长信箱 ticket, the writer sealed; the code is shown once and only hashed', async () => {
    const before = await counts();
    const response = await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf() });
    assert.equal(response.statusCode, 200, response.body);
    const { queryCode } = response.json() as { queryCode: string };
    assert.match(queryCode, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    assert.deepEqual(await counts(), { tickets: before.tickets + 1, letters: before.letters + 1, audit: before.audit + 1 });

    const [ticket] = rowsOf<{ id: string; state: string; fields: Record<string, unknown>; handler_id: string | null }>(
      await t.database.db.execute(sql`select c.id, c.state, c.fields, c.handler_id from cases c join mailbox_letters m on m.case_id = c.id where m.created_at = ${t.clock.now().toISOString()}::timestamptz`),
    );
    assert.equal(ticket!.fields.channel, '市长信箱');
    assert.equal(ticket!.state, 'registered');
    assert.equal(ticket!.fields.callerPhone, '137****1111', 'the phone is kept masked in the row, sealed elsewhere');
    assert.equal(ticket!.fields.callerName, '赵**');
    assert.ok(ticket!.handler_id, 'the center has the 派单 to do');
    const [events] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from case_events where case_id = ${ticket!.id} and action = 'create'`));
    assert.equal(events!.n, 1, 'registered with its trail');
    const stored = JSON.stringify(rowsOf(await t.database.db.execute(sql`select * from mailbox_letters where case_id = ${ticket!.id}`)));
    assert.doesNotMatch(stored, new RegExp(queryCode.replaceAll('-', '')), 'only the hash of the code is stored');
  });

  test('numbers the writer put in the letter are masked in the ticket, and the query code shows the subject masked too', async () => {
    const db = t.database.db;
    const content = '我家电话0315-2345678，手机139 8765 4321，身份证11010519491231002X，西街路灯已经一周不亮。';
    const sent = await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf({ subject: '请回电13912345678', content }) });
    assert.equal(sent.statusCode, 200, sent.body);
    const [ticket] = rowsOf<{ id: string; row: string; fields: Record<string, unknown> }>(
      await db.execute(sql`select c.id, c::text as row, c.fields from cases c join mailbox_letters m on m.case_id = c.id where m.created_at = ${t.clock.now().toISOString()}::timestamptz`),
    );
    assert.equal(ticket!.fields.content, '我家电话031****5678，手机139****4321，身份证1101**********002X，西街路灯已经一周不亮。');
    assert.equal(ticket!.fields.subject, '请回电139****5678');
    assert.doesNotMatch(ticket!.row, /2345678|8765|13912345678|11010519491231002X/, 'the row, title and search text hold masks');
    // The code is a bearer secret, not a login: whoever holds it reads the subject as the center's readers do, masked.
    const status = await query((sent.json() as { queryCode: string }).queryCode);
    assert.equal(status.json().subject, '请回电139****5678');
    const center = await actingAs(t.app, db, ['hotline_staff']);
    assert.equal((await center.request('POST', `/api/cases/${ticket!.id}/personal/content/reveal`)).json().value, content);
  });

  test('a forged, unsolved, stale or spent proof-of-work is refused and writes nothing', async () => {
    const good = await solved();
    const before = await counts();
    const [random, expires, bits, mac] = good.challenge.split('.') as [string, string, string, string];
    const forged = `${random}.${Number(expires) + 3_600_000}.${bits}.${mac}`;
    const easier = `${random}.${expires}.1.${mac}`;
    for (const attempt of [
      { challenge: forged, nonce: solveChallenge(forged, Number(bits)) },
      { challenge: easier, nonce: solveChallenge(easier, 1) },
      { challenge: good.challenge, nonce: unsolvedNonce(good.challenge, Number(bits)) },
      { challenge: 'x.y.z', nonce: '1' },
    ]) {
      const refused = await publicCall('POST', '/api/public/mailbox/letters', { ...attempt, ...letterOf() });
      assert.equal(refused.statusCode, 400, refused.body);
    }
    assert.deepEqual(await counts(), before);

    // Stale: solved, but sent after its 10 minutes.
    const stale = await solved();
    t.clock.advance(11 * 60_000);
    assert.equal((await publicCall('POST', '/api/public/mailbox/letters', { ...stale, ...letterOf() })).statusCode, 400);
    assert.deepEqual(await counts(), before);

    // Spent: the same challenge twice.
    assert.equal((await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf() })).statusCode, 200);
    const afterOne = await counts();
    const once = await solved();
    assert.equal((await publicCall('POST', '/api/public/mailbox/letters', { ...once, ...letterOf() })).statusCode, 200);
    const reused = await publicCall('POST', '/api/public/mailbox/letters', { ...once, ...letterOf({ subject: '再写一封' }) });
    assert.equal(reused.statusCode, 400, reused.body);
    assert.equal((await counts()).tickets, afterOne.tickets + 1);
  });

  test('a letter filled in wrong is refused naming each box as the form does, all at once, and nothing is written', async () => {
    const before = await counts();
    const { ticketType: _omitted, mayPublish: _unanswered, ...withoutType } = letterOf({ content: '路灯坏了' });
    const refused = await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...withoutType });
    assert.equal(refused.statusCode, 400, refused.body);
    const { message, details } = refused.json() as { message: string; details: { fields: Array<{ path: string }> } };
    assert.match(message, /请选择诉求类型/);
    // A box whose schema says nothing of itself is named by the route's labels (the form's words), not the shared ones.
    assert.match(message, /「是否同意公开」必须填写/);
    assert.match(message, /来信内容不少于 10 字/);
    assert.doesNotMatch(message, /[A-Za-z]/, 'no key and no English for a citizen');
    assert.deepEqual(details.fields.map((field) => field.path).sort(), ['content', 'mayPublish', 'ticketType'], 'the paths stay for the page to mark');
    assert.deepEqual(await counts(), before);
  });

  test('the query code shows the state in plain words and the reply only once it is public; a wrong code reveals nothing', async () => {
    const db = t.database.db;
    const sent = await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf({ name: '钱小芳', phone: '13822223333' }) });
    const { queryCode } = sent.json() as { queryCode: string };
    const [ticket] = rowsOf<{ id: string }>(await db.execute(sql`select case_id as id from mailbox_letters where created_at = ${t.clock.now().toISOString()}::timestamptz`));
    const id = ticket!.id;

    let status = await query(queryCode.toLowerCase().replaceAll('-', ' '));
    assert.equal(status.statusCode, 200, status.body);
    assert.deepEqual(status.json(), { subject: '西街路灯不亮', receivedOn: status.json().receivedOn, status: '已收到，正在分派承办单位', isFinished: false, reply: null });

    const wrong = await query('ABCD-EFGH-JKLM-NPQR');
    assert.equal(wrong.statusCode, 404);
    assert.doesNotMatch(wrong.body, /西街|钱|138/);
    assert.equal((await query('short')).statusCode, 404);

    const center = await actingAs(t.app, db, ['hotline_staff']);
    const bureau = await buildUnit(db, { type: 'department', name: `城管局${Math.random().toString(36).slice(2, 6)}` });
    const act = async (who: typeof center, action: string, body: Record<string, unknown> = {}) => {
      const detail = (await who.request('GET', `/api/cases/${id}`)).json();
      return who.request('POST', `/api/cases/${id}/actions/${action}`, { version: detail.version, ...body });
    };
    assert.equal((await act(center, 'assign', { units: [{ unitId: bureau.id, role: 'lead' }] })).statusCode, 200);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: bureau.id });
    const assignmentId = (await liaison.request('GET', `/api/cases/${id}`)).json().assignments[0].id as string;
    assert.equal((await act(liaison, 'sign', { assignmentId })).statusCode, 200);
    assert.equal((await query(queryCode)).json().status, '承办单位正在办理');
    const publishEarly = await act(center, 'publish_reply');
    assert.equal(publishEarly.statusCode, 422, 'nothing to publish before the reply');
    assert.equal((await act(liaison, 'reply', { assignmentId, reply: '已更换西街 8 至 20 号路灯的线路，照明恢复。' })).statusCode, 200);

    status = await query(queryCode);
    assert.equal(status.json().status, '承办单位已答复，正在回访');
    assert.equal(status.json().reply, null, 'answered but not public: no reply shown');

    assert.equal((await act(center, 'publish_reply')).statusCode, 200);
    assert.equal((await act(center, 'publish_reply')).statusCode, 422, 'once');
    status = await query(queryCode);
    assert.equal(status.json().reply.text, '已更换西街 8 至 20 号路灯的线路，照明恢复。');
    assert.doesNotMatch(status.body, /钱|小芳|13822223333|138\*|3333|城管局|serial|unit/i, 'no writer, no unit, nothing else of the ticket');
    assert.deepEqual(Object.keys(status.json()).sort(), ['isFinished', 'receivedOn', 'reply', 'status', 'subject']);
  });

  test('a writer who did not agree cannot have the reply published; other channels have no 公开答复', async () => {
    const db = t.database.db;
    await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf({ ticketType: '咨询', category: '政务服务/政策咨询', mayPublish: false }) });
    const [ticket] = rowsOf<{ id: string }>(await db.execute(sql`select case_id as id from mailbox_letters where created_at = ${t.clock.now().toISOString()}::timestamptz`));
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const detail = async () => (await center.request('GET', `/api/cases/${ticket!.id}`)).json();
    const dc = await center.request('POST', `/api/cases/${ticket!.id}/actions/direct_close`, { version: (await detail()).version, answer: '请到政务服务中心办理。' }); assert.equal(dc.statusCode, 200, dc.body);
    assert.equal((await center.request('POST', `/api/cases/${ticket!.id}/actions/publish_reply`, { version: (await detail()).version })).statusCode, 422);

    const phoned = await center.request('POST', '/api/cases', { kind: 'ticket', fields: { channel: '电话', ticketType: '咨询', category: '政务服务/政策咨询', callerName: '李四', content: '社保怎么交？' } });
    const phonedId = phoned.json().id as string;
    const version = (await center.request('GET', `/api/cases/${phonedId}`)).json().version;
    await center.request('POST', `/api/cases/${phonedId}/actions/direct_close`, { version, answer: '线上缴纳。' });
    const after = (await center.request('GET', `/api/cases/${phonedId}`)).json();
    assert.equal((await center.request('POST', `/api/cases/${phonedId}/actions/publish_reply`, { version: after.version })).statusCode, 422);
  });

  test('a letter merged into another ticket shows that ticket’s answer once it is closed and made public, as for its own', async () => {
    const db = t.database.db;
    const write = async (overrides: Record<string, unknown>) => {
      const sent = await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf(overrides) });
      assert.equal(sent.statusCode, 200, sent.body);
      const [row] = rowsOf<{ id: string }>(await db.execute(sql`select case_id as id from mailbox_letters where created_at = ${t.clock.now().toISOString()}::timestamptz`));
      return { code: (sent.json() as { queryCode: string }).queryCode, id: row!.id };
    };
    const agreed = await write({ subject: '南街路灯', mayPublish: true });
    const refused = await write({ subject: '南街路灯（不公开）', mayPublish: false });
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const act = async (id: string, action: string, body: Record<string, unknown> = {}, who = center) => {
      const detail = (await who.request('GET', `/api/cases/${id}`)).json();
      return who.request('POST', `/api/cases/${id}/actions/${action}`, { version: detail.version, ...body });
    };
    // The main ticket: a phone call about the same light, handled by a bureau.
    const main = (await center.request('POST', '/api/cases', { kind: 'ticket', fields: { channel: '电话', ticketType: '投诉', category: '城市管理/路灯照明', callerName: '周八', content: '南街路灯不亮。' } })).json().id as string;
    for (const letter of [agreed, refused]) assert.equal((await act(letter.id, 'merge', { into: main })).statusCode, 200);
    let status = (await query(agreed.code)).json();
    assert.deepEqual({ status: status.status, isFinished: status.isFinished, reply: status.reply }, { status: '已与同一事项的来信合并办理', isFinished: false, reply: null }, 'merged, not finished for its writer');
    assert.equal((await act(agreed.id, 'publish_reply')).statusCode, 422, 'nothing to publish before the main ticket is answered');

    const bureau = await buildUnit(db, { type: 'department', name: `路灯处${Math.random().toString(36).slice(2, 6)}` });
    assert.equal((await act(main, 'assign', { units: [{ unitId: bureau.id, role: 'lead' }] })).statusCode, 200);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: bureau.id });
    const assignmentId = (await liaison.request('GET', `/api/cases/${main}`)).json().assignments[0].id as string;
    assert.equal((await act(main, 'sign', { assignmentId }, liaison)).statusCode, 200);
    assert.equal((await act(main, 'reply', { assignmentId, reply: '南街路灯已全部修复。' }, liaison)).statusCode, 200);
    assert.equal((await act(main, 'revisit', { result: '满意', resolved: '已解决' })).statusCode, 200);

    status = (await query(agreed.code)).json();
    assert.deepEqual({ status: status.status, isFinished: status.isFinished, reply: status.reply }, { status: '已与同一事项的来信合并办理，已办结', isFinished: true, reply: null }, 'answered, not yet public');
    assert.equal((await act(agreed.id, 'publish_reply')).statusCode, 200);
    status = (await query(agreed.code)).json();
    assert.equal(status.reply.text, '南街路灯已全部修复。');
    assert.doesNotMatch(JSON.stringify(status), /路灯处|周八/, 'neither the unit nor the other caller');

    assert.equal((await act(refused.id, 'publish_reply')).statusCode, 422, 'its writer did not agree');
    assert.equal((await query(refused.code)).json().reply, null);
  });

  test('mailbox.letters counts the month’s letters by type, with those done and those published', async () => {
    const db = t.database.db;
    t.clock.set(new Date('2026-05-11T10:00:00+08:00'));
    let center = await actingAs(t.app, db, ['hotline_staff']);
    await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf() });
    await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf({ ticketType: '咨询', category: '政务服务/政策咨询' }) });
    const [consult] = rowsOf<{ id: string }>(await db.execute(sql`select case_id as id from mailbox_letters where created_at = ${t.clock.now().toISOString()}::timestamptz`));
    const step = async (action: string, body: Record<string, unknown> = {}) => {
      const { version } = (await center.request('GET', `/api/cases/${consult!.id}`)).json();
      const response = await center.request('POST', `/api/cases/${consult!.id}/actions/${action}`, { version, ...body });
      assert.equal(response.statusCode, 200, response.body);
    };
    await step('direct_close', { answer: '可在政务服务网上办理。' });
    await step('publish_reply');
    // The same writer again about the same thing, merged into the answered letter: it takes its answer at once and,
    // its writer agreeing, the center publishes it — still one letter, one 办结, one reply published.
    await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf({ ticketType: '咨询', category: '政务服务/政策咨询', subject: '再问' }) });
    const [again] = rowsOf<{ id: string }>(await db.execute(sql`select case_id as id from mailbox_letters where created_at = ${t.clock.now().toISOString()}::timestamptz`));
    for (const [action, body] of [['merge', { into: consult!.id }], ['publish_reply', {}]] as const) {
      const { version } = (await center.request('GET', `/api/cases/${again!.id}`)).json();
      const response = await center.request('POST', `/api/cases/${again!.id}/actions/${action}`, { version, ...body });
      assert.equal(response.statusCode, 200, response.body);
    }
    const paper = { ticketType: '投诉', category: '城市管理/路灯照明', callerName: '孙五', content: '纸质来信：路灯不亮。' };
    assert.equal((await center.request('POST', '/api/cases', { kind: 'ticket', fields: { channel: '市长信箱', ...paper } })).statusCode, 200);
    assert.equal((await center.request('POST', '/api/cases', { kind: 'ticket', fields: { channel: '电话', ...paper } })).statusCode, 200);
    t.clock.set(new Date('2026-06-02T10:00:00+08:00'));
    await publicCall('POST', '/api/public/mailbox/letters', { ...(await solved()), ...letterOf() }); // June: not May's

    center = await sessionFor(t.app, center.user);
    const response = await center.request('GET', '/api/metrics/mailbox.letters?from=2026-05-01&to=2026-05-31');
    assert.equal(response.statusCode, 200, response.body);
    const may = response.json();
    assert.equal(may.value, 3, 'two letters written and one typed from paper; the phone call and June’s letter are not May’s letters; the merged one counts with its main letter');
    assert.deepEqual(may.parts, { 咨询: 1, 求助: 0, 投诉: 2, 举报: 0, 建议: 0, 表扬: 0 });
    assert.deepEqual(may.extra, { closed: 1, published: 1, merged: 1 }, 'the merged letter, closed and published too, is not a second 办结 or publication');
    const listed = (await center.request('GET', '/api/metrics/mailbox.letters/records?from=2026-05-01&to=2026-05-31')).json();
    assert.equal(listed.total, 3, 'the drill-down lists the letters counted, not the merged one');
  });

  test('30 public calls a minute from one address: 15 letters (a challenge and a letter each) pass, the 16th is refused and writes nothing', async () => {
    const limited = await startTestApp({ database: t.database, config: { publicRequestsPerMinute: 30 } });
    const from = { remoteAddress: '203.0.113.9' };
    try {
      const before = (await counts()).letters;
      const statuses: number[] = [];
      for (let letter = 1; letter <= 16; letter += 1) {
        const issued = await limited.app.inject({ method: 'GET', url: '/api/public/mailbox/challenge', ...from });
        if (issued.statusCode !== 200) {
          statuses.push(issued.statusCode);
          continue;
        }
        const { challenge: text, bits } = issued.json() as { challenge: string; bits: number };
        const sent = await limited.app.inject({ method: 'POST', url: '/api/public/mailbox/letters', payload: { challenge: text, nonce: solveChallenge(text, bits), ...letterOf({ subject: `第${letter}封` }) }, ...from });
        statuses.push(sent.statusCode);
      }
      // All public paths draw on one allowance (FUBAN_PUBLIC_RATE): the 16th is stopped at its challenge — no work handed out, no letter.
      assert.deepEqual(statuses, [...Array(15).fill(200), 429]);
      assert.equal((await counts()).letters, before + 15);
      const elsewhere = await limited.app.inject({ method: 'GET', url: '/api/public/mailbox/challenge', remoteAddress: '198.51.100.9' });
      assert.equal(elsewhere.statusCode, 200, 'another address goes on');
    } finally {
      await limited.close();
    }
  });
});

/** A nonce that does not solve the challenge (almost every one does not). */
const unsolvedNonce = (challengeText: string, bits: number): string => {
  for (let nonce = 0; ; nonce += 1) if (leadingZeroBits(powDigest(challengeText, String(nonce))) < bits) return String(nonce);
};
