/**
 * The 三率 board's 环比 and 同比, and the drill-down, on an exact fixture over two years built through the
 * routes. Units 甲街道 (A) and 乙局 (B) worked in March 2025, 甲街道 and 丙局 (C) in February 2026, and all
 * three in March 2026 — so March 2026 has 同比 for A and B and none for C. The drill-down lists, for every
 * unit, 街乡 and the city, every rate and every part, exactly as many tickets as the figure counts.
 *
 * March 2025: L1 → A 签收 in time, answered in time, 满意 已解决 (甲街道); L2 → B 签收 0.5 working hours late,
 *   answered in time, 基本满意 未解决.
 * February 2026: F1 → A never signed for; F2 → C in time, answered in time, 未联系上.
 * March 2026: T1 → A 签收 1 working hour late, in time, 满意 已解决 (甲街道); T2 → A in time, 不满意 未解决 → 重办 →
 *   in time, 基本满意 已解决 (甲街道); T4 → B 退单 in time, 改派 to A, signed, never answered (due 03-27);
 *   T5 → C never signed (甲街道); T6 → B in time, 不满意 → 重办 → 满意 已解决; T7 → B in time, answered 3 working
 *   days late, 未联系上. Now: 2026-04-15 10:00.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rateIds, type RateDrillView, type RatesView, type UnitRates } from '../../../../common/schemas/hotline-rates.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let center: Session;
let liaisonA: Session;
const unit: Record<'A' | 'B' | 'C', { id: string; name: string }> = {} as never;

const at = (instant: string) => t.clock.set(new Date(instant));
const act = async (who: Session, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const fresh = await sessionFor(t.app, who.user);
  const detail = (await fresh.request('GET', `/api/cases/${caseId}`)).json();
  const assignmentId = (detail.assignments as Array<{ id: string; unitId: string }>).find((row) => row.unitId === who.user.unitId)?.id;
  const response = await fresh.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...(assignmentId ? { assignmentId } : {}), ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};
const ticket = async (fields: Record<string, unknown>) => {
  const fresh = await sessionFor(t.app, center.user);
  const response = await fresh.request('POST', '/api/cases', {
    kind: 'ticket',
    fields: { channel: '电话', ticketType: '投诉', category: '城市管理/路灯照明', callerName: '王五', content: '路灯不亮，请尽快修复。', ...fields },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().id as string;
};
const dispatch = (caseId: string, unitId: string) => act(center, caseId, 'assign', { units: [{ unitId, role: 'lead' }] });

before(async () => {
  t = await startTestApp();
  const db = t.database.db;
  unit.A = await buildUnit(db, { type: 'township', name: '甲街道' });
  unit.B = await buildUnit(db, { type: 'department', name: '乙局' });
  unit.C = await buildUnit(db, { type: 'department', name: '丙局' });
  center = await actingAs(t.app, db, ['hotline_staff']);
  const a = await actingAs(t.app, db, ['liaison'], { unitId: unit.A.id });
  const b = await actingAs(t.app, db, ['liaison'], { unitId: unit.B.id });
  const c = await actingAs(t.app, db, ['liaison'], { unitId: unit.C.id });
  liaisonA = a;
  const duty = await center.request('POST', '/api/records/hotline_duty', { fields: { item: '背街小巷照明不属本局' }, unitId: unit.B.id });
  assert.equal(duty.statusCode, 201, duty.body);

  // March 2025 (Wednesday the 5th).
  at('2025-03-05T09:00:00+08:00');
  const l1 = await ticket({ area: '甲街道' });
  await dispatch(l1, unit.A.id);
  at('2025-03-05T09:30:00+08:00');
  await act(a, l1, 'sign');
  at('2025-03-06T10:00:00+08:00');
  await act(a, l1, 'reply', { reply: '已修复' });
  await act(center, l1, 'revisit', { result: '满意', resolved: '已解决' });
  at('2025-03-05T10:00:00+08:00');
  const l2 = await ticket({});
  await dispatch(l2, unit.B.id);
  at('2025-03-05T14:00:00+08:00'); // due 12:00; 13:30–14:00 is the working time past it
  await act(b, l2, 'sign');
  at('2025-03-07T10:00:00+08:00');
  await act(b, l2, 'reply', { reply: '已处理' });
  await act(center, l2, 'revisit', { result: '基本满意', resolved: '未解决' });

  // February 2026 (Monday the 2nd).
  at('2026-02-02T09:00:00+08:00');
  const f1 = await ticket({});
  await dispatch(f1, unit.A.id);
  at('2026-02-03T09:00:00+08:00');
  const f2 = await ticket({});
  await dispatch(f2, unit.C.id);
  at('2026-02-03T09:10:00+08:00');
  await act(c, f2, 'sign');
  at('2026-02-04T10:00:00+08:00');
  await act(c, f2, 'reply', { reply: '已处理' });
  await act(center, f2, 'revisit', { result: '未联系上' });

  // March 2026.
  at('2026-03-02T09:00:00+08:00');
  const t7 = await ticket({});
  await dispatch(t7, unit.B.id);
  at('2026-03-02T09:10:00+08:00');
  await act(b, t7, 'sign');
  at('2026-03-06T16:00:00+08:00');
  const t1 = await ticket({ area: '甲街道' });
  await dispatch(t1, unit.A.id);
  at('2026-03-09T10:00:00+08:00'); // due Monday 09:00
  await act(a, t1, 'sign');
  at('2026-03-09T09:00:00+08:00');
  const t2 = await ticket({ ticketType: '求助', area: '甲街道' });
  await dispatch(t2, unit.A.id);
  at('2026-03-09T09:30:00+08:00');
  await act(a, t2, 'sign');
  at('2026-03-10T09:00:00+08:00');
  const t4 = await ticket({ ticketType: '建议', content: '建议背街小巷增设路灯。' });
  await dispatch(t4, unit.B.id);
  at('2026-03-10T09:30:00+08:00');
  await act(b, t4, 'unit_return', { dutyItem: '背街小巷照明不属本局', reason: '属街道' });
  at('2026-03-10T10:00:00+08:00');
  await act(a, t1, 'reply', { reply: '已修复' });
  await act(center, t1, 'revisit', { result: '满意', resolved: '已解决' });
  await dispatch(t4, unit.A.id);
  at('2026-03-10T10:30:00+08:00');
  await act(a, t4, 'sign');
  at('2026-03-11T09:00:00+08:00');
  const t5 = await ticket({ area: '甲街道' });
  await dispatch(t5, unit.C.id);
  const t6 = await ticket({});
  await dispatch(t6, unit.B.id);
  at('2026-03-11T09:05:00+08:00');
  await act(b, t6, 'sign');
  at('2026-03-12T10:00:00+08:00');
  await act(b, t6, 'reply', { reply: '已处理' });
  await act(center, t6, 'redo', { resolved: '未解决', comment: '仍未修好' });
  at('2026-03-13T10:00:00+08:00');
  await act(b, t6, 'reply', { reply: '已彻底处理' });
  await act(center, t6, 'revisit', { result: '满意', resolved: '已解决' });
  at('2026-03-20T10:00:00+08:00');
  await act(a, t2, 'reply', { reply: '已处理' });
  await act(center, t2, 'redo', { resolved: '未解决', comment: '仍未解决' });
  at('2026-03-23T10:00:00+08:00');
  await act(a, t2, 'reply', { reply: '已彻底处理' });
  await act(center, t2, 'revisit', { result: '基本满意', resolved: '已解决' });
  at('2026-03-24T10:00:00+08:00'); // due 03-19
  await act(b, t7, 'reply', { reply: '已处理' });
  await act(center, t7, 'revisit', { result: '未联系上' });

  at('2026-04-15T10:00:00+08:00');
  center = await sessionFor(t.app, center.user);
  liaisonA = await sessionFor(t.app, liaisonA.user);
});
after(() => t.close());

const get = async <T>(who: Session, url: string, status = 200): Promise<T> => {
  const response = await who.request('GET', url);
  assert.equal(response.statusCode, status, `${url}: ${response.body}`);
  return response.json() as T;
};
const board = (month: string, by: 'unit' | 'area' = 'unit') => get<RatesView>(center, `/api/hotline/rates?month=${month}&by=${by}`);
const r = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10 });
/** A rate as the board gives it: [this month, the month before, the same month last year], each numerator/denominator. */
const compared = (row: UnitRates, id: (typeof rateIds)[number]) => {
  const rate = row[id];
  return { now: r(rate.numerator, rate.denominator), monthAgo: rate.monthAgo, yearAgo: rate.yearAgo, changes: [rate.monthChange, rate.yearChange] };
};

describe('三率: 环比 and 同比', () => {
  test('each unit against February and against March 2025: a month with nothing to divide by has no rate, never 0', async () => {
    const view = await board('2026-03');
    assert.equal(view.monthAgo, '2026-02');
    assert.equal(view.yearAgo, '2025-03');
    const row = (key: string) => view.rows.find((item) => item.key === key)!;
    const [a, b, c] = [row(unit.A.id), row(unit.B.id), row(unit.C.id)];
    assert.deepEqual([a.name, a.dispatched, a.returned, b.dispatched, b.returned, c.dispatched], ['甲街道', 3, 0, 3, 1, 1]);

    assert.deepEqual(compared(a, 'response'), { now: r(2, 3), monthAgo: r(0, 1), yearAgo: r(1, 1), changes: [66.7, -33.3] });
    assert.deepEqual(compared(a, 'onTime'), { now: r(2, 3), monthAgo: r(0, 0), yearAgo: r(1, 1), changes: [null, -33.3] });
    assert.deepEqual(compared(a, 'satisfaction'), { now: r(2, 3), monthAgo: r(0, 0), yearAgo: r(1, 1), changes: [null, -33.3] });
    assert.deepEqual(compared(a, 'resolution'), { now: r(2, 3), monthAgo: r(0, 0), yearAgo: r(1, 1), changes: [null, -33.3] });

    assert.deepEqual(compared(b, 'response'), { now: r(3, 3), monthAgo: r(0, 0), yearAgo: r(0, 1), changes: [null, 100] });
    assert.deepEqual(compared(b, 'onTime'), { now: r(1, 2), monthAgo: r(0, 0), yearAgo: r(1, 1), changes: [null, -50] });
    assert.deepEqual(compared(b, 'satisfaction'), { now: r(1, 2), monthAgo: r(0, 0), yearAgo: r(1, 1), changes: [null, -50] });
    assert.deepEqual(compared(b, 'resolution'), { now: r(1, 2), monthAgo: r(0, 0), yearAgo: r(0, 1), changes: [null, 50] });

    // 丙局 has no March 2025 at all: 同比 is null for every rate, not 0.
    assert.deepEqual(compared(c, 'response'), { now: r(0, 1), monthAgo: r(1, 1), yearAgo: r(0, 0), changes: [-100, null] });
    assert.deepEqual(compared(c, 'onTime'), { now: r(0, 0), monthAgo: r(1, 1), yearAgo: r(0, 0), changes: [null, null] });
    assert.deepEqual(compared(c, 'satisfaction'), { now: r(0, 0), monthAgo: r(0, 0), yearAgo: r(0, 0), changes: [null, null] });
    for (const id of rateIds) assert.equal(c[id].yearAgo.rate, null, `丙局 ${id} 同比`);

    assert.deepEqual([a.rank, b.rank, c.rank], [1, 2, 3], 'scores 66.7, 62.5 and 0');
    assert.deepEqual([a.isRed, b.isRed, c.isRed], [true, true, true]);
  });

  test('the whole city: every row of the month, against the city’s February and March 2025', async () => {
    const { city } = await board('2026-03');
    assert.deepEqual([city.key, city.name, city.dispatched, city.returned, city.rank], ['all', '全市', 7, 1, null]);
    assert.deepEqual(compared(city, 'response'), { now: r(5, 7), monthAgo: r(1, 2), yearAgo: r(1, 2), changes: [21.4, 21.4] });
    assert.deepEqual(compared(city, 'onTime'), { now: r(3, 5), monthAgo: r(1, 1), yearAgo: r(2, 2), changes: [-40, -40] });
    assert.deepEqual(compared(city, 'satisfaction'), { now: r(3, 5), monthAgo: r(0, 0), yearAgo: r(2, 2), changes: [null, -40] });
    assert.deepEqual(compared(city, 'resolution'), { now: r(3, 5), monthAgo: r(0, 0), yearAgo: r(1, 2), changes: [null, 10] });
    // A year with nothing before it: every 同比 null.
    const first = await board('2025-03');
    for (const id of rateIds) assert.equal(first.city[id].yearAgo.rate, null);
    assert.deepEqual(r(first.city.response.numerator, first.city.response.denominator), r(1, 2));
  });

  test('by 街乡: a ticket counts in the 街乡 it happened in, whoever handled it; one without a 街乡 is 未填写', async () => {
    const view = await board('2026-03', 'area');
    const area = view.rows.find((row) => row.key === '甲街道')!;
    const none = view.rows.find((row) => row.key === '未填写')!;
    assert.equal(area.dispatched, 3, 'T1, T2 (甲街道) and T5 (丙局, in 甲街道)');
    assert.deepEqual(compared(area, 'response'), { now: r(1, 3), monthAgo: r(0, 0), yearAgo: r(1, 1), changes: [null, -66.7] });
    assert.equal(none.dispatched, 4);
    assert.deepEqual(r(view.city.response.numerator, view.city.response.denominator), r(5, 7), 'the city is the same by unit or by 街乡');
  });
});

type Figure = { by: 'unit' | 'area' | 'all'; key?: string; month: string; rate: (typeof rateIds)[number]; numerator: number; denominator: number };

const drill = (figure: Figure, part: string, page = 1, pageSize = 100) =>
  get<RateDrillView>(center, `/api/hotline/rates/tickets?month=${figure.month}&by=${figure.by}${figure.key ? `&key=${encodeURIComponent(figure.key)}` : ''}&rate=${figure.rate}&part=${part}&page=${page}&pageSize=${pageSize}`);

describe('三率: the tickets behind every figure', () => {
  test('for every unit, 街乡 and the city, every month compared, every rate and part: as many tickets as the figure counts', async () => {
    const figures: Figure[] = [];
    for (const month of ['2026-03', '2026-02', '2025-03']) {
      for (const by of ['unit', 'area'] as const) {
        const view = await board(month, by);
        for (const row of view.rows) for (const rate of rateIds) figures.push({ by, key: row.key, month, rate, numerator: row[rate].numerator, denominator: row[rate].denominator });
        if (by === 'unit') for (const rate of rateIds) figures.push({ by: 'all', month, rate, numerator: view.city[rate].numerator, denominator: view.city[rate].denominator });
      }
    }
    assert.ok(figures.length >= 60, `${figures.length} figures`);
    let nonEmpty = 0;
    for (const figure of figures) {
      const label = `${figure.month} ${figure.by} ${figure.key ?? ''} ${figure.rate}`;
      const expected = { numerator: figure.numerator, denominator: figure.denominator, miss: figure.denominator - figure.numerator };
      const ids: Record<string, string[]> = {};
      for (const [part, count] of Object.entries(expected)) {
        const list = await drill(figure, part);
        assert.equal(list.total, count, `${label} ${part}: total`);
        assert.equal(list.rows.length, count, `${label} ${part}: rows`);
        assert.equal(new Set(list.rows.map((row) => row.id)).size, count, `${label} ${part}: each row once`);
        if (part !== 'denominator') assert.ok(list.rows.every((row) => row.isCounted === (part === 'numerator')), `${label} ${part}: counted flag`);
        ids[part] = list.rows.map((row) => row.id).sort();
        nonEmpty += count > 0 ? 1 : 0;
      }
      assert.deepEqual([...ids.numerator!, ...ids.miss!].sort(), ids.denominator, `${label}: 计入 + 未达标 = 全部`);
    }
    assert.ok(nonEmpty > 40, 'the fixture fills most figures');
  });

  test('why each ticket misses: 签收超时 by working hours, 办结超时 by working days, open and past due, 回访不满意 and 未解决', async () => {
    const miss = async (figure: Omit<Figure, 'numerator' | 'denominator'>) => (await drill({ ...figure, numerator: 0, denominator: 0 }, 'miss')).rows;
    const aResponse = await miss({ by: 'unit', key: unit.A.id, month: '2026-03', rate: 'response' });
    assert.deepEqual(aResponse.map((row) => [row.outcome, row.due]), [['签收超时 1 个工作小时', '2026-03-09T09:00:00+08:00']]);
    assert.equal(aResponse[0]!.area, '甲街道');
    assert.equal(aResponse[0]!.unitName, '甲街道');
    const bLastYear = await miss({ by: 'unit', key: unit.B.id, month: '2025-03', rate: 'response' });
    assert.deepEqual(bLastYear.map((row) => row.outcome), ['签收超时 0.5 个工作小时']);
    assert.deepEqual((await miss({ by: 'unit', key: unit.B.id, month: '2026-03', rate: 'onTime' })).map((row) => [row.outcome, row.due, row.at]), [['办结超时 3 个工作日', '2026-03-19', '2026-03-24']]);
    // T4: due Friday 03-27; to 04-15 are 12 working days (清明 4–6 April off).
    assert.deepEqual((await miss({ by: 'unit', key: unit.A.id, month: '2026-03', rate: 'onTime' })).map((row) => row.outcome), ['逾期未办结（至今已超 12 个工作日）']);
    const never = await miss({ by: 'unit', key: unit.C.id, month: '2026-03', rate: 'response' });
    assert.equal(never.length, 1);
    assert.match(never[0]!.outcome, /^超时未签收（至今已超 \d+(\.\d)? 个工作小时）$/);
    assert.deepEqual((await miss({ by: 'unit', key: unit.A.id, month: '2026-03', rate: 'satisfaction' })).map((row) => row.outcome), ['回访不满意']);
    assert.deepEqual((await miss({ by: 'unit', key: unit.A.id, month: '2026-03', rate: 'resolution' })).map((row) => row.outcome), ['回访未解决（不满意）']);
    const counted = (await drill({ by: 'unit', key: unit.B.id, month: '2026-03', rate: 'response', numerator: 0, denominator: 0 }, 'numerator')).rows;
    assert.deepEqual(counted.map((row) => row.outcome).sort(), ['按时签收', '按时签收', '按时退单']);
    assert.ok(counted.every((row) => /^\d{11}$/.test(row.serialNo) && row.unitName === '乙局'));
  });

  test('pages: newest first, each row on one page only', async () => {
    const figure: Figure = { by: 'all', month: '2026-03', rate: 'response', numerator: 0, denominator: 0 };
    const first = await drill(figure, 'denominator', 1, 4);
    const second = await drill(figure, 'denominator', 2, 4);
    assert.deepEqual([first.total, first.rows.length, second.rows.length], [7, 4, 3]);
    const all = [...first.rows, ...second.rows];
    assert.equal(new Set(all.map((row) => row.id)).size, 7);
    assert.deepEqual(all.map((row) => row.at), all.map((row) => row.at).sort().reverse());
  });

  test('a 联络员 drills into their own unit only; bad questions are 400s; the board is for hotline readers', async () => {
    const own = await get<RateDrillView>(liaisonA, `/api/hotline/rates/tickets?month=2026-03&by=unit&key=${unit.A.id}&rate=response`);
    assert.deepEqual([own.name, own.total], ['甲街道', 3]);
    for (const query of [`by=unit&key=${unit.B.id}`, 'by=area&key=甲街道', 'by=all']) {
      await get(liaisonA, `/api/hotline/rates/tickets?month=2026-03&${encodeURI(query)}&rate=response`, 404);
    }
    await get(liaisonA, '/api/hotline/rates?month=2026-03', 200);
    await get(center, `/api/hotline/rates/tickets?month=2026-03&by=unit&key=${crypto.randomUUID()}&rate=response`, 404);
    for (const query of ['month=2026-13&by=all&rate=response', 'month=2026-03&by=unit&rate=response', 'month=2026-03&by=unit&key=甲&rate=response', 'month=2026-03&by=all&rate=speed', 'month=2026-03&by=all&rate=response&part=all', 'month=2026-03&by=all&rate=response&pageSize=101']) {
      await get(center, `/api/hotline/rates/tickets?${encodeURI(query)}`, 400);
    }
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    await get(clerk, '/api/hotline/rates/tickets?month=2026-03&by=all&rate=response', 403);
  });
});

describe('三率 in the metric catalogue: the same figures, 同比 and drill-down through /api/metrics', () => {
  const metricIds = { response: 'hotline.responseRate', resolution: 'hotline.resolutionRate', satisfaction: 'hotline.satisfactionRate', onTime: 'hotline.onTimeRate' } as const;
  type Result = { value: number | null; previous: { value: number | null; hasData: boolean } };
  type Records = { total: number; entries: Array<{ labels: string[]; path?: string; date: string }> };

  test('the city and each unit: value and 同比 as on the board; the records are the denominator, each opening its ticket', async () => {
    const view = await board('2026-03');
    const scopes = [
      { query: '', row: view.city },
      ...(['A', 'B', 'C'] as const).map((name) => ({ query: `&unit=${unit[name].id}`, row: view.rows.find((item) => item.key === unit[name].id)! })),
    ];
    for (const { query, row } of scopes) {
      for (const rate of rateIds) {
        const label = `${metricIds[rate]}${query}`;
        const result = await get<Result>(center, `/api/metrics/${metricIds[rate]}?from=2026-03-01&to=2026-03-31${query}`);
        assert.equal(result.value, row[rate].rate, `${label} value`);
        assert.deepEqual(result.previous.value, row[rate].yearAgo.rate, `${label} 同比`);
        assert.equal(result.previous.hasData, true);
        const records = await get<Records>(center, `/api/metrics/${metricIds[rate]}/records?from=2026-03-01&to=2026-03-31${query}`);
        assert.equal(records.total, row[rate].denominator, `${label} records`);
        assert.equal(records.entries.length, row[rate].denominator);
        assert.equal(records.entries.filter((entry) => entry.labels[0] === '未达标').length, row[rate].denominator - row[rate].numerator, `${label} 未达标`);
        assert.ok(records.entries.every((entry) => /^\/cases\/ticket\/[0-9a-f-]{36}$/.test(entry.path ?? '')), `${label} paths`);
      }
    }
  });

  test('before any ticket there is no 同比 (hasData false), not 0; a 联络员 gets their own unit', async () => {
    const first = await get<Result>(center, '/api/metrics/hotline.responseRate?from=2025-03-01&to=2025-03-31');
    assert.deepEqual([first.value, first.previous.value, first.previous.hasData], [50, null, false]);
    const own = await get<Result & { scopeUnit: { id: string } }>(liaisonA, '/api/metrics/hotline.resolutionRate?from=2026-03-01&to=2026-03-31');
    assert.deepEqual([own.scopeUnit.id, own.value, own.previous.value], [unit.A.id, 66.7, 100]);
    const records = await get<Records>(liaisonA, '/api/metrics/hotline.responseRate/records?from=2026-03-01&to=2026-03-31');
    assert.equal(records.total, 3);
  });
});
