import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatOfficeTime, instantOfOfficeWallClock, officeToday, officeWallClock } from './office-time.js';

test('an instant reads as Beijing time, whatever zone the process runs in', () => {
  // 01:30 UTC is 09:30 in Beijing; 17:00 UTC on the 1st is already the 2nd there.
  assert.equal(formatOfficeTime('2026-03-01T01:30:00.000Z'), '2026-03-01 09:30');
  assert.equal(formatOfficeTime('2026-03-01T17:00:00Z', 'YYYY-MM-DD HH:mm:ss'), '2026-03-02 01:00:00');
  assert.equal(formatOfficeTime('2026-03-01T09:30:00+08:00', 'HH:mm'), '09:30');
  assert.equal(formatOfficeTime('2026-03-01T09:30:00-05:00', 'MM-DD HH:mm'), '03-01 22:30');
  // PostgreSQL's own text form of a timestamptz.
  assert.equal(formatOfficeTime('2026-03-01 01:30:00+00'), '2026-03-01 09:30');
});

test('a date-only value is its day, never shifted into the day before or after', () => {
  assert.equal(formatOfficeTime('2026-03-01'), '2026-03-01 00:00');
  assert.equal(formatOfficeTime('2026-03-01', 'YYYY-MM-DD'), '2026-03-01');
  assert.equal(officeWallClock('2026-12-31'), '2026-12-31T00:00:00.000');
});

test('empty and unreadable values show a dash', () => {
  assert.equal(formatOfficeTime(null), '—');
  assert.equal(formatOfficeTime(undefined), '—');
  assert.equal(formatOfficeTime(''), '—');
  assert.equal(formatOfficeTime('not a time'), '—');
});

test('today is the Beijing date: 23:00 UTC is already tomorrow', () => {
  assert.equal(officeToday(Date.parse('2026-03-01T15:59:59Z')), '2026-03-01');
  assert.equal(officeToday(Date.parse('2026-03-01T16:00:00Z')), '2026-03-02');
  assert.equal(officeToday(Date.parse('2026-12-31T23:00:00Z')), '2027-01-01');
});

test('a typed wall-clock time means Beijing time', () => {
  assert.equal(instantOfOfficeWallClock('2026-03-01T09:30'), '2026-03-01T09:30:00+08:00');
  assert.equal(instantOfOfficeWallClock('2026-03-01 09:30:15'), '2026-03-01T09:30:15+08:00');
  assert.equal(new Date(instantOfOfficeWallClock('2026-03-01T00:30:00.000')).toISOString(), '2026-02-28T16:30:00.000Z');
  assert.throws(() => instantOfOfficeWallClock('2026-02-30T09:30'), RangeError);
  assert.throws(() => instantOfOfficeWallClock('2026-03-01T09:30Z'), RangeError);
  assert.throws(() => instantOfOfficeWallClock('2026-03-01'), RangeError);
});

test('reading an instant in Beijing time and typing it back gives the same instant', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.parse('1992-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }), (ms) => {
      const wall = officeWallClock(ms)!;
      assert.equal(Date.parse(instantOfOfficeWallClock(wall)), Math.floor(ms / 1000) * 1000);
    }),
    { numRuns: 500, seed: 8 },
  );
});
