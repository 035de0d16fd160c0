import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCalendar } from '../calendar/calendar.js';
import { dueDay, dueStatus } from './status.js';

const calendar = buildCalendar({ overrides: [] });

describe('dueStatus', () => {
  const due = '2026-10-08'; // the first working day after the National Day holiday
  const status = (today: string, yellowWithinWorkdays?: number) =>
    dueStatus({ due, today, calendar, ...(yellowWithinWorkdays === undefined ? {} : { yellowWithinWorkdays }) });

  test('green, yellow within 3 working days (the holiday does not count), red after', () => {
    assert.equal(status('2026-09-24'), 'green'); // 09-25 中秋 off: 09-28, 09-29, 09-30, 10-08 remain
    assert.equal(status('2026-09-28'), 'yellow'); // 3 working days left though 10 calendar days
    assert.equal(status('2026-10-05'), 'yellow');
    assert.equal(status('2026-10-08'), 'yellow'); // due today
    assert.equal(status('2026-10-09'), 'red');
    assert.equal(status('2026-09-29', 1), 'green');
    assert.equal(status('2026-09-30', 1), 'yellow');
    assert.equal(dueStatus({ due: null, today: '2026-10-09', calendar }), 'none');
  });
});

test('an hour clock is coloured by the day it falls due', () => {
  assert.equal(dueDay('2026-02-24T11:30:00+08:00'), '2026-02-24');
  assert.equal(dueDay('2026-02-24'), '2026-02-24');
  assert.equal(dueDay(null), null);
});

describe('a stored clock read later', () => {
  test('a running clock past its due day or instant reads 逾期; on its due day, paused or stopped it keeps its state', async () => {
    const { stateAt } = await import('./views.js');
    const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);
    assert.equal(stateAt({ state: 'running', dueAt: '2026-03-09' }, noon('2026-03-09')), 'running');
    assert.equal(stateAt({ state: 'running', dueAt: '2026-03-09' }, noon('2026-03-10')), 'overdue');
    assert.equal(stateAt({ state: 'running', dueAt: '2026-03-10T11:30:00+08:00' }, noon('2026-03-10')), 'overdue');
    assert.equal(stateAt({ state: 'running', dueAt: '2026-03-10T13:30:00+08:00' }, noon('2026-03-10')), 'running');
    assert.equal(stateAt({ state: 'paused', dueAt: '2026-03-09' }, noon('2026-03-20')), 'paused');
    assert.equal(stateAt({ state: 'stopped', dueAt: '2026-03-09' }, noon('2026-03-20')), 'stopped');
  });
});
