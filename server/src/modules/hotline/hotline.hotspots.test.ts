/**
 * GET /api/hotline/hotspots returns the exact counts of a fixture registered through the routes over six
 * weeks (Shanghai weeks, Monday to Sunday; the week under test is 2026-03-16 to 03-22):
 * - 路灯照明 in 甲街道: one five weeks back (outside the 4-week baseline), none, none, one, one over the 4 weeks
 *   before, then 6 this week (one at 00:05 on Monday, one at 23:50 on Sunday), a 7th merged into the first
 *   (counted once), and one at 00:10 the next Monday → a 突增 (12× a mean of 0.5);
 * - 供水供气 in 乙街道: 2 a week for 4 weeks (one at 23:50 on last Sunday), then 5 → not 3× its mean;
 * - 噪声扰民 in 甲街道: 4, new → under the minimum of 5 (a surge once the minimum is set to 4);
 * - 食品安全 with no 街乡: 1.
 * Two of this week's 路灯 tickets and last week's go to 甲街道's own office: its 联络员 sees only those.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { HotspotsView } from '../../../../common/schemas/hotline-hotspots.js';
import { rowsOf } from '../../platform/db.js';
import { readTicketContents } from './hotline.hotspots.repository.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let center: Session;
let liaisonA: Session;
let unitA: { id: string };

const LIGHT = { category: '城市管理/路灯照明', area: '甲街道', content: '背街小巷路灯连续三晚不亮，行人夜里看不清路。' };
const WATER = { category: '城乡建设/供水供气', area: '乙街道', ticketType: '求助', content: '小区停水两天，物业未告知原因。' };
const NOISE = { category: '生态环境/噪声扰民', area: '甲街道', content: '楼上住户装修，晚上十点后仍在施工，噪音扰民，联系电话13912345678。' };
const FOOD = { category: '市场监管/食品安全', content: '超市出售过期食品，商家拒绝退换。' };

/** Registers a ticket at a Shanghai time, as the center's agent. */
const ticketAt = async (instant: string, fields: Record<string, unknown>) => {
  t.clock.set(new Date(instant));
  center = await sessionFor(t.app, center.user); // the clock may have moved past the session's idle time
  const response = await center.request('POST', '/api/cases', { kind: 'ticket', fields: { channel: '电话', ticketType: '投诉', callerName: '王五', ...fields } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().id as string;
};
const act = async (caseId: string, action: string, body: Record<string, unknown>) => {
  const detail = (await center.request('GET', `/api/cases/${caseId}`)).json();
  const response = await center.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};
const dispatchToA = (caseId: string) => act(caseId, 'assign', { units: [{ unitId: unitA.id, role: 'lead' }] });
const times = (count: number, firstDay: string, hour = 10) => Array.from({ length: count }, (_, index) => `${firstDay}T${String(hour + index).padStart(2, '0')}:00:00+08:00`);

before(async () => {
  t = await startTestApp();
  const db = t.database.db;
  unitA = await buildUnit(db, { type: 'township', name: '甲街道' });
  await buildUnit(db, { type: 'township', name: '乙街道' });
  center = await actingAs(t.app, db, ['hotline_staff']);

  await ticketAt('2026-02-11T10:00:00+08:00', LIGHT); // five weeks back: outside the baseline
  for (const monday of ['2026-02-16', '2026-02-23', '2026-03-02']) for (const at of times(2, monday)) await ticketAt(at, WATER);
  await ticketAt('2026-03-04T10:00:00+08:00', LIGHT);
  // Last week.
  await ticketAt('2026-03-10T10:00:00+08:00', WATER);
  await ticketAt('2026-03-15T23:50:00+08:00', WATER);
  await dispatchToA(await ticketAt('2026-03-11T10:00:00+08:00', LIGHT));
  // This week.
  const first = await ticketAt('2026-03-16T00:05:00+08:00', LIGHT);
  await dispatchToA(first);
  await dispatchToA(await ticketAt('2026-03-17T09:00:00+08:00', LIGHT));
  for (const at of times(3, '2026-03-18')) await ticketAt(at, LIGHT);
  await ticketAt('2026-03-22T23:50:00+08:00', LIGHT);
  const repeated = await ticketAt('2026-03-19T09:00:00+08:00', LIGHT);
  await act(repeated, 'merge', { into: first, comment: '同一处路灯' });
  for (const at of times(5, '2026-03-19', 10)) await ticketAt(at, WATER);
  for (const at of times(4, '2026-03-20')) await ticketAt(at, NOISE);
  await ticketAt('2026-03-20T16:00:00+08:00', FOOD);
  // The next week.
  await ticketAt('2026-03-23T00:10:00+08:00', LIGHT);

  t.clock.set(new Date('2026-03-24T10:00:00+08:00'));
  center = await sessionFor(t.app, center.user);
  liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA.id });
});
after(() => t.close());

const hotspots = async (who: Session, query = ''): Promise<HotspotsView> => {
  const response = await who.request('GET', `/api/hotline/hotspots${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as HotspotsView;
};

describe('12345 热点', () => {
  test('the week of 03-16: categories, 街乡 and words against last week, and the one 突增', async () => {
    const view = await hotspots(center, '?week=2026-03-22');
    assert.deepEqual(view.week, { from: '2026-03-16', to: '2026-03-22' });
    assert.deepEqual(view.lastWeek, { from: '2026-03-09', to: '2026-03-15' });
    assert.deepEqual(view.totals, { thisWeek: 16, lastWeek: 3 }, 'the merged ticket counted once; 03-23 00:10 is next week, 03-15 23:50 last week');
    assert.deepEqual(
      view.categories.map((row) => [row.parent, row.name, row.thisWeek, row.lastWeek, row.change]),
      [
        ['城市管理', '路灯照明', 6, 1, 5],
        ['城乡建设', '供水供气', 5, 2, 3],
        ['生态环境', '噪声扰民', 4, 0, 4],
        ['市场监管', '食品安全', 1, 0, 1],
      ],
    );
    assert.equal(view.categories[0]!.key, '城市管理/路灯照明');
    assert.deepEqual(view.areas, [
      { key: '甲街道', thisWeek: 10, lastWeek: 1, change: 9 },
      { key: '乙街道', thisWeek: 5, lastWeek: 2, change: 3 },
    ]);
    const word = (key: string) => view.words.find((row) => row.key === key);
    assert.deepEqual(word('路灯'), { key: '路灯', thisWeek: 6, lastWeek: 1, change: 5 });
    assert.deepEqual(word('停水'), { key: '停水', thisWeek: 5, lastWeek: 2, change: 3 });
    assert.deepEqual(word('噪音'), { key: '噪音', thisWeek: 4, lastWeek: 0, change: 4 });
    // The top 20: the 路灯 ticket's 7 words (6 this week, 1 last), the 停水 one's 5 (5 and 2), the 噪音 one's 8 (4 and 0,
    // its phone number dropped); the 食品 ticket's words (1 each) come after them.
    const group = (thisWeek: number) => view.words.filter((row) => row.thisWeek === thisWeek).map((row) => `${row.key}:${row.lastWeek}`).sort();
    assert.equal(view.words.length, 20);
    assert.deepEqual(group(6), ['夜里:1', '小巷:1', '看不清:1', '背街:1', '行人:1', '路灯:1', '连续:1'].sort());
    assert.deepEqual(group(5), ['两天:2', '停水:2', '原因:2', '小区:2', '物业:2'].sort());
    assert.deepEqual(group(4), ['十点:0', '噪音:0', '扰民:0', '施工:0', '晚上:0', '楼上住户:0', '联系电话:0', '装修:0'].sort());
    assert.deepEqual(view.words.map((row) => row.thisWeek), [...Array(7).fill(6), ...Array(5).fill(5), ...Array(8).fill(4)]);
    assert.equal(word('食品'), undefined);
    for (const row of view.words) assert.ok([...row.key].length >= 2 && !/^\d+$/.test(row.key), `no single character or number: ${row.key}`);
    assert.deepEqual(view.wordSample, { thisWeek: { tickets: 16, sampled: 16 }, lastWeek: { tickets: 3, sampled: 3 } });
    assert.deepEqual(view.surges, [{ category: '城市管理/路灯照明', area: '甲街道', thisWeek: 6, previousWeeks: [0, 0, 1, 1], baseline: 0.5, ratio: 12, isNew: false }]);
    assert.deepEqual(view.surgeRule, { minCount: 5, ratioPercent: 300, baselineWeeks: 4 });
  });

  test('any date of the week names it; none: this week by the clock; the next week has last week behind it', async () => {
    assert.deepEqual((await hotspots(center, '?week=2026-03-16')).totals, { thisWeek: 16, lastWeek: 3 });
    t.clock.set(new Date('2026-03-19T12:00:00+08:00'));
    const today = await hotspots(await sessionFor(t.app, center.user));
    assert.deepEqual(today.week, { from: '2026-03-16', to: '2026-03-22' });
    t.clock.set(new Date('2026-03-24T10:00:00+08:00'));
    const next = await hotspots(await sessionFor(t.app, center.user), '?week=2026-03-25');
    assert.deepEqual(next.totals, { thisWeek: 1, lastWeek: 16 });
    assert.deepEqual(next.categories.map((row) => [row.key, row.thisWeek, row.lastWeek, row.change]), [['城市管理/路灯照明', 1, 6, -5]]);
    assert.deepEqual(next.surges, []);
  });

  test('a unit’s 联络员 sees the hot spots of the tickets given to their unit only; others are refused; a bad week is a 400', async () => {
    const view = await hotspots(liaisonA, '?week=2026-03-18');
    assert.deepEqual(view.totals, { thisWeek: 2, lastWeek: 1 });
    assert.deepEqual(view.categories.map((row) => [row.key, row.thisWeek, row.lastWeek]), [['城市管理/路灯照明', 2, 1]]);
    assert.deepEqual(view.surges, []);
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await clerk.request('GET', '/api/hotline/hotspots')).statusCode, 403);
    assert.equal((await center.request('GET', '/api/hotline/hotspots?week=2026-02-30')).statusCode, 400);
    assert.equal((await center.request('GET', '/api/hotline/hotspots?week=soon')).statusCode, 400);
  });

  test('the day counts the triggers keep are the tickets counted one by one (merged left out)', async () => {
    const db = t.database.db;
    const kept = rowsOf<{ day: string; category: string; area: string; n: number }>(
      await db.execute(sql`select day::text as day, category, area, sum(n)::int as n from hotline_ticket_days group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`),
    );
    const counted = rowsOf<{ day: string; category: string; area: string; n: number }>(
      await db.execute(sql`select ((created_at at time zone interval '+08:00')::date)::text as day, fields->>'category' as category, coalesce(fields->>'area', '') as area, count(*)::int as n
        from cases where kind = 'ticket' and state <> 'merged' group by 1, 2, 3 order by 1, 2, 3`),
    );
    assert.deepEqual(kept, counted);
    assert.equal(kept.find((row) => row.day === '2026-03-22')?.n, 1, 'Sunday 23:50 in Shanghai is Sunday');
    assert.equal(kept.reduce((sum, row) => sum + row.n, 0), 28, '29 registered, one merged');
  });

  test('a week’s words from a sample: never more than asked, the same tickets each time', async () => {
    const read = () => readTicketContents({ db: t.database.db, from: '2026-03-16', to: '2026-03-23', sample: { size: 8, of: 16 } });
    const first = await read();
    assert.ok(first.length <= 8, `${first.length}`);
    assert.deepEqual(await read(), first);
    assert.equal((await readTicketContents({ db: t.database.db, from: '2026-03-16', to: '2026-03-23' })).length, 16);
  });

  test('the rule is a setting: with a minimum of 4 the new 噪声扰民 in 甲街道 is a surge too', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const saved = await admin.request('PUT', '/api/settings/hotline.surgeMinCount', { value: 4, version: 0 });
    assert.equal(saved.statusCode, 200, saved.body);
    const view = await hotspots(center, '?week=2026-03-18');
    assert.deepEqual(
      view.surges.map((row) => [row.category, row.area, row.thisWeek, row.isNew]),
      [
        ['城市管理/路灯照明', '甲街道', 6, false],
        ['生态环境/噪声扰民', '甲街道', 4, true],
      ],
    );
    assert.equal(view.surgeRule.minCount, 4);
  });
  // Last: it registers tickets, which the tests above count.
  test('a surge is told to the center once per category, 街乡 and week: not by the tickets that follow, not by polling the page', async () => {
    const db = t.database.db;
    const told = async () =>
      rowsOf<{ user_id: string; title: string; case_id: string; at: string }>(
        await db.execute(sql`select n.user_id, n.title, n.case_id, c.created_at::text as at from notifications n join cases c on c.id = n.case_id where n.title like '热点突增%' order by n.created_at, n.title`),
      );
    const surgeNotes = async (who: Session) =>
      ((await who.request('GET', '/api/notifications?type=remind')).json() as Array<{ title: string; body: string | null; caseId: string | null }>).filter((row) => row.title.startsWith('热点突增'));
    // The fixture: 路灯照明 in 甲街道 became a surge with its fifth ticket of the week (03-18 12:00: 5 against a mean of 0.5).
    let rows = await told();
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0]!.user_id, center.user.id);
    assert.match(rows[0]!.title, /路灯照明（甲街道）本周已 5 件/);
    assert.equal(new Date(rows[0]!.at).toISOString(), '2026-03-18T04:00:00.000Z', 'the ticket that made it a surge');
    for (let poll = 0; poll < 3; poll += 1) assert.equal((await hotspots(center, '?week=2026-03-18')).surges.length, 2);
    assert.equal((await told()).length, 1, 'reading the page tells no one');
    const seen = await surgeNotes(center);
    assert.equal(seen.length, 1);
    assert.match(seen[0]!.body ?? '', /2026-03-16 至 2026-03-22/);
    assert.deepEqual(await surgeNotes(liaisonA), [], 'the center is told, not a unit');

    // The week goes on: more 路灯 tickets tell no one again; 噪声扰民 (a surge at the minimum of 4, set above) is told with its next ticket, once.
    await ticketAt('2026-03-21T10:00:00+08:00', LIGHT);
    await ticketAt('2026-03-21T11:00:00+08:00', NOISE);
    await ticketAt('2026-03-21T12:00:00+08:00', NOISE);
    rows = await told();
    assert.deepEqual(rows.map((row) => row.title), ['热点突增：城市管理 / 路灯照明（甲街道）本周已 5 件', '热点突增：生态环境 / 噪声扰民（甲街道）本周已 5 件']);
    const alerts = rowsOf<{ week: string; category: string; area: string; this_week: number }>(
      await db.execute(sql`select week::text as week, category, area, this_week from hotline_surge_alerts order by category`),
    );
    assert.deepEqual(alerts, [
      { week: '2026-03-16', category: '城市管理/路灯照明', area: '甲街道', this_week: 5 },
      { week: '2026-03-16', category: '生态环境/噪声扰民', area: '甲街道', this_week: 5 },
    ]);
  });
});
