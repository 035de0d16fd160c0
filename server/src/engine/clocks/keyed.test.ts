/**
 * Clocks that start from a date the spec carries, and keyed actions (`report#2026-03`): one clock per
 * period or milestone of a 督办 item, each stopped only by the report or the node it is for.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settingDefaults } from '../../platform/settings.js';
import { buildCalendar } from '../calendar/calendar.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { baseAction, keyedAction, type ClockSpec } from './clock.types.js';
import { computeClocks } from './clock-set.js';
import { computeClock } from './compute.js';
import { describeClock } from './explain.js';
import { caseClockEvents, caseTrailClockEvents, type TrailEvent } from './kind-clocks.js';
import { transitionMovesClocks } from './relevance.js';

const calendar = buildCalendar({ overrides: [] });

/** The report for one month: due on the month's last day (rolled over to a working day), stopped by that month's report. */
const monthReport = (month: string, days: number): ClockSpec => ({
  id: `report.${month}`,
  label: `${month} 调度报告`,
  amount: days,
  unit: 'day',
  basis: '督办事项调度要求',
  start: { at: `${month}-01`, label: `${month} 调度期开始` },
  stopOn: [keyedAction('report', month)],
});

const trail: TrailEvent[] = [
  { action: 'create', at: new Date('2026-03-02T01:00:00Z'), data: null },
  { action: 'report', at: new Date('2026-03-20T02:00:00Z'), data: { clockKey: '2026-03' } },
  { action: 'report', at: new Date('2026-05-10T02:00:00Z'), data: { clockKey: '2026-05' } },
];

describe('a clock started from a date in its spec', () => {
  test('starts on that date, whatever the events; the start day is not counted', () => {
    const result = computeClock({ spec: monthReport('2026-03', 30), events: [], calendar, now: '2026-03-10' });
    assert.equal(result.state, 'running');
    assert.equal(result.start, '2026-03-01');
    assert.equal(result.due, '2026-03-31');
    assert.equal(result.explanation.start?.source, 'date');
    assert.ok(describeClock(result.explanation).some((line) => line.includes('2026-03 调度期开始')), describeClock(result.explanation).join('\n'));
  });

  test('ending on a rest day it rolls over to the next working day (民法典第二百零三条)', () => {
    // 2026-05-31 is a Sunday.
    const result = computeClock({ spec: monthReport('2026-05', 30), events: [], calendar, now: '2026-06-02' });
    assert.equal(result.due, '2026-06-01');
    assert.equal(result.state, 'overdue');
  });
});

describe('keyed actions', () => {
  test('a report keyed 2026-03 stops the March clock only', () => {
    const specs = [monthReport('2026-03', 30), monthReport('2026-04', 29), monthReport('2026-05', 30)];
    const results = computeClocks({ specs, events: caseTrailClockEvents(trail), calendar, now: '2026-06-05' });
    assert.deepEqual(
      results.map((result) => [result.clockId, result.state]),
      [
        ['report.2026-03', 'stopped'],
        ['report.2026-04', 'overdue'], // no April report: that period's clock alone runs over
        ['report.2026-05', 'stopped'],
      ],
    );
    assert.equal(results[0]!.explanation.stop?.isInTime, true);
  });

  test('the keyed event is added beside the plain one, and each clock stores only its own', () => {
    const events = caseTrailClockEvents(trail);
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'report', 'report#2026-03', 'report', 'report#2026-05'],
    );
    assert.deepEqual(caseClockEvents(monthReport('2026-05', 30), trail).map((event) => event.action), ['report#2026-05']);
    assert.equal(baseAction('report#2026-05'), 'report');
    assert.equal(baseAction('report'), 'report');
  });

  test('an action whose keyed form a clock stops on moves the clocks; another does not', () => {
    const kind = {
      id: 'keyed',
      clocks: [monthReport('2026-03', 30)],
      transitions: [],
    } as unknown as KindDefinition;
    const moves = (action: string) => transitionMovesClocks({ kind, transition: { action }, before: {}, after: {}, settings: settingDefaults });
    assert.equal(moves('report'), true);
    assert.equal(moves('note'), false);
  });
});
