/** The 热点 rules without a database: the week, the 突增 rule, the ranking and the word counts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildHotspots, countWords, findSurges, isHotWord, judgeSurge, rankCounts, scaleCounts, weekOf } from './hotline.hotspots.js';
import { idBound, shanghaiStart } from './hotline.hotspots.repository.js';

const rule = { minCount: 5, ratioPercent: 300, baselineWeeks: 4 };

describe('热点: pure rules', () => {
  test('weeks run Monday to Sunday; a week starts at midnight in Shanghai', () => {
    assert.deepEqual(weekOf('2026-03-16'), { from: '2026-03-16', to: '2026-03-22' }, 'a Monday');
    assert.deepEqual(weekOf('2026-03-22'), { from: '2026-03-16', to: '2026-03-22' }, 'a Sunday');
    assert.deepEqual(weekOf('2026-03-19'), { from: '2026-03-16', to: '2026-03-22' });
    assert.deepEqual(weekOf('2026-01-01'), { from: '2025-12-29', to: '2026-01-04' }, 'across the new year');
    assert.equal(shanghaiStart('2026-03-16'), '2026-03-15T16:00:00.000Z');
  });

  test('a sample’s bound: the first 32 bits of the id for the share wanted', () => {
    assert.equal(idBound(0.25), '40000000-0000-0000-0000-000000000000');
    assert.equal(idBound(0), '00000000-0000-0000-0000-000000000000');
    assert.equal(idBound(1), 'ffffffff-0000-0000-0000-000000000000');
  });

  test('the surge rule: at least the minimum, and 3× the mean of the weeks before or new', () => {
    assert.deepEqual(judgeSurge({ thisWeek: 6, previousWeeks: [0, 0, 1, 1] }, rule), { isSurge: true, isNew: false, baseline: 0.5, ratio: 12 });
    assert.equal(judgeSurge({ thisWeek: 6, previousWeeks: [2, 2, 2, 2] }, rule).isSurge, true, 'exactly 3× counts');
    assert.deepEqual(judgeSurge({ thisWeek: 5, previousWeeks: [2, 2, 2, 2] }, rule), { isSurge: false, isNew: false, baseline: 2, ratio: 2.5 });
    assert.deepEqual(judgeSurge({ thisWeek: 5, previousWeeks: [0, 0, 0, 0] }, rule), { isSurge: true, isNew: true, baseline: 0, ratio: null }, 'new with 5');
    assert.equal(judgeSurge({ thisWeek: 4, previousWeeks: [0, 0, 0, 0] }, rule).isSurge, false, 'below the minimum, even new');
    assert.equal(judgeSurge({ thisWeek: 40, previousWeeks: [1, 1, 1, 1] }, { minCount: 50, ratioPercent: 300 }).isSurge, false, 'the minimum is a setting');
    assert.equal(judgeSurge({ thisWeek: 5, previousWeeks: [2, 2, 2, 2] }, { minCount: 5, ratioPercent: 250 }).isSurge, true, 'so is the ratio');
    assert.deepEqual(judgeSurge({ thisWeek: 7, previousWeeks: [1, 2, 0] }, rule), { isSurge: true, isNew: false, baseline: 1, ratio: 7 });
  });

  test('findSurges: pairs of category and 街乡 judged against their own weeks; older weeks than the baseline ignored', () => {
    const surges = findSurges(
      [
        { weeksBack: 0, category: '城市管理/路灯照明', area: '甲街道', n: 6 },
        { weeksBack: 1, category: '城市管理/路灯照明', area: '甲街道', n: 1 },
        { weeksBack: 2, category: '城市管理/路灯照明', area: '甲街道', n: 1 },
        { weeksBack: 5, category: '城市管理/路灯照明', area: '甲街道', n: 9 },
        { weeksBack: 0, category: '城市管理/路灯照明', area: '乙街道', n: 2 },
        { weeksBack: 0, category: '城乡建设/供水供气', area: null, n: 5 },
        { weeksBack: 0, category: '城乡建设/供水供气', area: '乙街道', n: 5 },
        { weeksBack: 3, category: '城乡建设/供水供气', area: '乙街道', n: 8 },
      ],
      rule,
    );
    assert.deepEqual(surges, [
      { category: '城市管理/路灯照明', area: '甲街道', thisWeek: 6, previousWeeks: [0, 0, 1, 1], baseline: 0.5, ratio: 12, isNew: false },
      { category: '城乡建设/供水供气', area: null, thisWeek: 5, previousWeeks: [0, 0, 0, 0], baseline: 0, ratio: null, isNew: true },
    ]);
    assert.deepEqual(findSurges([{ weeksBack: 1, category: 'a/b', area: null, n: 9 }], rule), [], 'a pair with nothing this week is no surge');
  });

  test('rankCounts: most this week first, then the largest rise, then by name; last week’s and the change beside', () => {
    const rows = rankCounts(
      new Map([['b', 3], ['a', 3], ['c', 5], ['z', 0]]),
      new Map([['a', 1], ['b', 4], ['z', 7]]),
      3,
    );
    assert.deepEqual(rows, [
      { key: 'c', thisWeek: 5, lastWeek: 0, change: 5 },
      { key: 'a', thisWeek: 3, lastWeek: 1, change: 2 },
      { key: 'b', thisWeek: 3, lastWeek: 4, change: -1 },
    ]);
  });

  test('words: jieba words counted once per ticket; stop words, single characters and bare numbers dropped', () => {
    const counts = countWords(['背街小巷路灯不亮，路灯坏了，请尽快处理。', '路灯又坏了，联系电话 13912345678', '市民反映路灯问题']);
    assert.equal(counts.get('路灯'), 3, 'three tickets, one said it twice');
    assert.equal(counts.get('背街'), 1);
    for (const word of counts.keys()) assert.ok(isHotWord(word), word);
    for (const dropped of ['尽快', '处理', '市民', '反映', '问题', '13912345678', '了', '请']) assert.equal(counts.has(dropped), false, dropped);
    assert.deepEqual(scaleCounts(new Map([['路灯', 3]]), { tickets: 40_000, sampled: 10_000 }), new Map([['路灯', 12]]), 'a sample stands for its week');
    assert.deepEqual(scaleCounts(new Map([['路灯', 3]]), { tickets: 9, sampled: 9 }), new Map([['路灯', 3]]));
  });

  test('buildHotspots: totals, categories with their 一级, 街乡 without the tickets that name none, last week beside', () => {
    const view = buildHotspots({
      week: { from: '2026-03-16', to: '2026-03-22' },
      pairs: [
        { weeksBack: 0, category: '城市管理/路灯照明', area: '甲街道', n: 6 },
        { weeksBack: 0, category: '市场监管/食品安全', area: null, n: 1 },
        { weeksBack: 1, category: '城市管理/路灯照明', area: '甲街道', n: 1 },
        { weeksBack: 1, category: '城乡建设/供水供气', area: '乙街道', n: 2 },
      ],
      words: { thisWeek: new Map([['路灯', 6]]), lastWeek: new Map([['路灯', 1]]) },
      wordSample: { thisWeek: { tickets: 7, sampled: 7 }, lastWeek: { tickets: 3, sampled: 3 } },
      rule,
    });
    assert.deepEqual(view.lastWeek, { from: '2026-03-09', to: '2026-03-15' });
    assert.deepEqual(view.totals, { thisWeek: 7, lastWeek: 3 });
    assert.deepEqual(view.categories.map((row) => [row.parent, row.name, row.thisWeek, row.lastWeek, row.change]), [['城市管理', '路灯照明', 6, 1, 5], ['市场监管', '食品安全', 1, 0, 1]]);
    assert.deepEqual(view.areas, [{ key: '甲街道', thisWeek: 6, lastWeek: 1, change: 5 }]);
    assert.deepEqual(view.words, [{ key: '路灯', thisWeek: 6, lastWeek: 1, change: 5 }]);
    assert.equal(view.surges.length, 1);
  });
});
