/** 完成时限 cells as 分工方案 write them, read into a deadline and milestones — or refused with what to write. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDeadlineText } from './deadline-text.js';

const year = 2026;

describe('readDeadlineText', () => {
  const single: Array<[string, string]> = [
    ['2026年6月30日', '2026-06-30'],
    ['2026-09-15', '2026-09-15'],
    ['2026/9/5前', '2026-09-05'],
    ['6月底前', '2026-06-30'],
    ['2月底', '2026-02-28'],
    ['2028年2月底前', '2028-02-29'],
    ['十一月底前', '2026-11-30'],
    ['9月份', '2026-09-30'],
    ['10月上旬', '2026-10-10'],
    ['10月中旬', '2026-10-20'],
    ['10月下旬', '2026-10-31'],
    ['三季度', '2026-09-30'],
    ['第1季度末', '2026-03-31'],
    ['上半年', '2026-06-30'],
    ['下半年', '2026-12-31'],
    ['年底前', '2026-12-31'],
    ['2027年', '2027-12-31'],
    ['７月３１日前', '2026-07-31'], // full-width digits typed by a clerk
  ];
  for (const [cell, deadline] of single) {
    test(`「${cell}」 → ${deadline}`, () => {
      const reading = readDeadlineText(cell, { year });
      assert.equal(reading.reason, undefined, reading.reason);
      assert.equal(reading.deadline, deadline);
      assert.deepEqual(reading.steps, []);
      assert.equal(reading.isOngoing, false);
    });
  }

  test('several steps in one cell become milestones, the latest is the deadline', () => {
    const reading = readDeadlineText('9月底前开工，6月底前完成方案编制；12月底前竣工', { year });
    assert.equal(reading.deadline, '2026-12-31');
    assert.deepEqual(reading.steps, [
      { label: '完成方案编制', due: '2026-06-30' },
      { label: '开工', due: '2026-09-30' },
      { label: '竣工', due: '2026-12-31' },
    ]);
  });

  test('长期坚持 and a rhythm (每月调度) run to the plan year end and stay ongoing', () => {
    for (const cell of ['长期坚持', '持续推进', '每月调度']) {
      const reading = readDeadlineText(cell, { year });
      assert.equal(reading.deadline, '2026-12-31', cell);
      assert.equal(reading.isOngoing, true, cell);
    }
    const both = readDeadlineText('6月底前出台方案，长期坚持', { year });
    assert.equal(both.deadline, '2026-06-30');
    assert.equal(both.isOngoing, true);
  });

  test('dates that do not exist are refused, naming the cell', () => {
    for (const [cell, why] of [
      ['2026年2月30日', '2026年2月没有30日'],
      ['13月底前', '没有13月'],
      ['2026-04-31', '没有31日'],
    ] as const) {
      const reading = readDeadlineText(cell, { year });
      assert.equal(reading.deadline, undefined, cell);
      assert.match(reading.reason ?? '', new RegExp(why), cell);
      assert.match(reading.reason ?? '', new RegExp(cell.replace(/[-/]/g, '.')), cell);
    }
  });

  test('an empty cell or one without a date says what may be written', () => {
    assert.equal(readDeadlineText('  ', { year }).reason, '缺少完成时限');
    assert.match(readDeadlineText('尽快', { year }).reason ?? '', /无法识别：可写 2026年6月30日/);
  });
});
