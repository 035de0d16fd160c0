/** 督查通报 figures and body counted from the items, as of the period's last day. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bulletinFigures, compileBulletinBody, percent, type BulletinItem } from './bulletin.js';

const item = (overrides: Partial<BulletinItem>): BulletinItem => ({ serialNo: 'DB-1', title: '事项', leadUnitName: '市财政局', deadline: '2026-06-30', closedOn: null, light: 'green', ...overrides });

const items: BulletinItem[] = [
  item({ serialNo: 'DB-1', leadUnitName: '市财政局', closedOn: '2026-06-20', light: 'done' }),
  item({ serialNo: 'DB-2', leadUnitName: '市财政局', closedOn: '2026-06-30', light: 'done' }),
  item({ serialNo: 'DB-3', leadUnitName: '市教育局', closedOn: '2026-07-05', light: 'done' }), // closed late
  item({ serialNo: 'DB-4', leadUnitName: '市教育局', deadline: '2026-06-15', light: 'red', title: '新建幼儿园' }), // open, late
  item({ serialNo: 'DB-5', leadUnitName: '市住建局', deadline: '2026-06-01', light: 'red', title: '老旧小区改造' }), // open, late
  item({ serialNo: 'DB-6', leadUnitName: '市住建局', deadline: '2026-06-10', light: 'yellow', title: '棚户区改造' }), // open, late
  item({ serialNo: 'DB-7', leadUnitName: '市交通运输局', deadline: '2026-12-31', light: 'green' }), // open, not due
  item({ serialNo: 'DB-8', leadUnitName: '市交通运输局', deadline: null, light: 'yellow' }), // ongoing
];

describe('督查通报', () => {
  test('figures: closed, on time, overdue, lights, units on time and units late', () => {
    const figures = bulletinFigures(items, '2026-06-30');
    assert.deepEqual(
      [figures.total, figures.closed, figures.closedOnTime, figures.open, figures.overdue, figures.red, figures.yellow],
      [8, 3, 2, 5, 3, 2, 2],
    );
    assert.deepEqual(figures.onTimeUnits, ['市财政局']);
    assert.deepEqual(figures.lateUnits, [{ unit: '市住建局', items: 2 }, { unit: '市教育局', items: 1 }]);
  });

  test('the body states the counts and lists the late items in a table, oldest deadline first', () => {
    const body = compileBulletinBody({ items, from: '2026-06-01', to: '2026-06-30' });
    const text = body.map((block) => ('text' in block ? block.text : '')).join('\n');
    assert.match(text, /现将2026年6月1日至2026年6月30日/);
    assert.match(text, /共 8 项，已办结 3 项，办结率 37.5%；其中按时办结 2 项，按时办结率 25%/);
    assert.match(text, /逾期未办结 3 项；亮红灯 2 项、黄灯 2 项/);
    assert.match(text, /市财政局承办的督办事项均已按时办结/);
    assert.match(text, /市住建局（2 项）、市教育局（1 项）/);
    const table = body.find((block) => 'kind' in block && block.kind === 'table');
    assert.ok(table && table.kind === 'table');
    assert.deepEqual(table.rows.slice(1).map((row) => row[3]!.text), ['2026-06-01', '2026-06-10', '2026-06-15']);
    assert.equal(table.rows[1]![1]!.text, '老旧小区改造（DB-5）');
  });

  test('an empty period says so instead of dividing by nothing', () => {
    const text = compileBulletinBody({ items: [], from: '2026-01-01', to: '2026-01-31' }).map((block) => ('text' in block ? block.text : '')).join('\n');
    assert.match(text, /本期没有立项督办的事项/);
    assert.match(text, /本期没有逾期未办结的事项/);
    assert.equal(percent(0, 0), '—');
    assert.equal(percent(1, 3), '33.3%');
  });
});
