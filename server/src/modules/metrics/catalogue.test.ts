/**
 * The catalogue is METRICS.md whole: every metric declared is in it, every one not declared is 未接入 (no
 * value, never 0), and the figures the office enters carry their source, supersede by period and unit,
 * and are refused for counted metrics and for people without metric.enter.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildUnit, actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { catalogueEntries } from './metrics.catalogue.js';
import { listMetrics } from './metrics.registry.js';

let t: TestContext;
let director: Awaited<ReturnType<typeof actingAs>>;
let infoStaff: Awaited<ReturnType<typeof actingAs>>;
let clerk: Awaited<ReturnType<typeof actingAs>>;
let liaison: Awaited<ReturnType<typeof actingAs>>;
let unitA = '';

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-20T10:00:00+08:00'));
  const db = t.database.db;
  const root = await buildUnit(db, { name: '测试市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(db, { name: '测试市教育局', parentId: root.id })).id;
  director = await actingAs(t.app, db, ['director'], { unitId: root.id });
  infoStaff = await actingAs(t.app, db, ['info_staff'], { unitId: root.id });
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: root.id });
  liaison = await actingAs(t.app, db, ['liaison'], { unitId: unitA });
});
after(() => t.close());

/** The metric ids of METRICS.md's tables ("a / b" rows are two metrics: outgoing.numbered / outgoing.unnumbered). */
const idsOfMetricsMd = (): string[] => {
  const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../../shared/METRICS.md'), 'utf8');
  const ids: string[] = [];
  for (const line of text.split('\n')) {
    const cell = /^\| ([a-zA-Z.]+(?: \/ [a-zA-Z.]+)*) \|/.exec(line)?.[1];
    if (!cell || cell === 'metric') continue;
    const [first, ...rest] = cell.split(' / ');
    const prefix = first!.split('.')[0];
    ids.push(first!, ...rest.map((part) => (part.includes('.') ? part : `${prefix}.${part}`)));
  }
  return ids;
};

describe('the catalogue', () => {
  test('holds every metric of METRICS.md and every declared metric, each once', () => {
    const listed = catalogueEntries().map((entry) => entry.id);
    assert.equal(new Set(listed).size, listed.length, 'no id twice');
    const fromDoc = idsOfMetricsMd();
    assert.ok(fromDoc.length >= 60, `read ${fromDoc.length} ids from METRICS.md`);
    assert.deepEqual(fromDoc.filter((id) => !listed.includes(id)), [], 'METRICS.md ids missing from the catalogue');
    assert.deepEqual(listMetrics().map((metric) => metric.id).filter((id) => !listed.includes(id)), [], 'declared metrics missing from the catalogue');
    // A label shows in a summary's gap (【待补充：…】), where a digit would read as a number nobody counted.
    assert.deepEqual([...catalogueEntries(), ...listMetrics()].filter((entry) => /\d/.test(entry.label)).map((entry) => entry.label), []);
  });

  test('GET /api/metrics lists 未接入 metrics in their section; their value is null, never 0', async () => {
    const response = await clerk.request('GET', '/api/metrics');
    assert.equal(response.statusCode, 200);
    const definitions: Array<{ id: string; section: string; origin: string }> = response.json();
    const byId = new Map(definitions.map((definition) => [definition.id, definition]));
    assert.equal(byId.get('incoming.received')?.origin, 'computed');
    assert.equal(byId.get('info.score')?.origin, 'entered');
    assert.deepEqual(byId.get('vehicles.km'), { ...byId.get('vehicles.km'), section: '接待、后勤、值班', origin: 'notConnected' });
    const result = await clerk.request('GET', '/api/metrics/vehicles.km?from=2026-01-01&to=2026-12-31');
    assert.equal(result.statusCode, 200);
    assert.equal(result.json().value, null);
    assert.equal(result.json().origin, 'notConnected');
    assert.equal(result.json().previous.hasData, false);
    const records = await clerk.request('GET', '/api/metrics/vehicles.km/records');
    assert.equal(records.json().total, 0);
    assert.equal((await clerk.request('GET', '/api/metrics/nothing.here')).statusCode, 404);
  });
});

describe('entered metrics', () => {
  const enter = (who: typeof director, id: string, body: Record<string, unknown>) => who.request('POST', `/api/metrics/${id}/entries`, body);

  test('a figure with its source is the value; 同比 from last year’s figure; a correction supersedes and stays in the trail', async () => {
    const none = await clerk.request('GET', '/api/metrics/info.score?from=2026-01-01&to=2026-12-31');
    assert.equal(none.json().value, null);
    assert.equal(none.json().entry, null);

    const last = await enter(infoStaff, 'info.score', { from: '2025-01-01', to: '2025-12-31', value: 88.5, source: '省政府办公厅2025年度政务信息工作通报' });
    assert.equal(last.statusCode, 201, last.body);
    const wrong = await enter(infoStaff, 'info.score', { from: '2026-01-01', to: '2026-12-31', value: 90, source: '省政府办公厅通报（初稿）' });
    assert.equal(wrong.statusCode, 201, wrong.body);
    const right = await enter(director, 'info.score', { from: '2026-01-01', to: '2026-12-31', value: 92.5, source: '省政府办公厅2026年度政务信息工作通报', note: '以正式通报为准' });
    assert.equal(right.statusCode, 201, right.body);

    const result = (await clerk.request('GET', '/api/metrics/info.score?from=2026-01-01&to=2026-12-31')).json();
    assert.equal(result.value, 92.5);
    assert.equal(result.origin, 'entered');
    assert.equal(result.entry.source, '省政府办公厅2026年度政务信息工作通报');
    assert.equal(result.previous.value, 88.5);
    assert.equal(result.change.absolute, 4);

    const history = (await clerk.request('GET', '/api/metrics/info.score/entries')).json();
    assert.deepEqual(history.map((entry: { fields: { value: number }; state: string }) => [entry.fields.value, entry.state]), [[92.5, 'current'], [90, 'superseded'], [88.5, 'current']]);
    const trail = (await clerk.request('GET', `/api/records/metric_entry/${wrong.json().id}`)).json();
    assert.ok(trail.events.some((event: { comment: string }) => event.comment.includes('更正')), JSON.stringify(trail.events));

    const drill = (await clerk.request('GET', '/api/metrics/info.score/records?from=2026-01-01&to=2026-12-31')).json();
    assert.equal(drill.total, 1);
    assert.match(drill.entries[0].labels.join(' '), /来源：省政府办公厅2026年度/);
  });

  test('refused: a counted metric, no source, a reversed period, no permission, another unit for a 联络员 — and nothing is written', async () => {
    const before = (await clerk.request('GET', '/api/metrics/info.rank/entries')).json().length;
    const counted = await enter(director, 'incoming.received', { from: '2026-01-01', to: '2026-12-31', value: 5, source: '手工统计表' });
    assert.equal(counted.statusCode, 400);
    assert.match(counted.json().message, /不能手工录入/);
    assert.equal((await enter(director, 'info.rank', { from: '2026-01-01', to: '2026-12-31', value: 3, source: '' })).statusCode, 400);
    assert.equal((await enter(director, 'info.rank', { from: '2026-12-31', to: '2026-01-01', value: 3, source: '省通报' })).statusCode, 400);
    assert.equal((await enter(clerk, 'info.rank', { from: '2026-01-01', to: '2026-12-31', value: 3, source: '省通报' })).statusCode, 403);
    assert.equal((await enter(liaison, 'info.rank', { from: '2026-01-01', to: '2026-12-31', value: 3, source: '省通报' })).statusCode, 403);
    assert.equal((await enter(director, 'vehicles.km', { from: '2026-01-01', to: '2026-12-31', value: 3, source: '车队台账' })).statusCode, 404);
    assert.equal((await clerk.request('GET', '/api/metrics/info.rank/entries')).json().length, before);
  });

  test('a unit’s figure is its own: the office total does not take it, the unit’s question does', async () => {
    const response = await enter(director, 'costs.yoy', { from: '2026-01-01', to: '2026-12-31', value: -6.2, source: '市财政局决算', unitId: unitA });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal((await clerk.request('GET', '/api/metrics/costs.yoy?from=2026-01-01&to=2026-12-31')).json().value, null);
    assert.equal((await clerk.request('GET', `/api/metrics/costs.yoy?from=2026-01-01&to=2026-12-31&unit=${unitA}`)).json().value, -6.2);
    assert.equal((await liaison.request('GET', '/api/metrics/costs.yoy?from=2026-01-01&to=2026-12-31')).json().value, -6.2);
  });
});
