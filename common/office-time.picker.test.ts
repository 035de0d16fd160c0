/**
 * The web's picker values (web/src/app/time-values.ts) on machines set to other zones: Node follows a change of
 * process.env.TZ at once, so one process plays a UTC laptop, a leader in New York and one in Tokyo.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { formatTime, fromPickerValue, officeNow, officeToday, pickerDay, toPickerValue } from '../web/src/app/time-values.js';

const zoneBefore = process.env.TZ;
after(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

const zones = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'Asia/Shanghai'];

test('in any zone, a picker shows an instant in Beijing time and gives back the instant typed', () => {
  for (const zone of zones) {
    process.env.TZ = zone;
    const value = toPickerValue('2026-03-01T01:30:00Z');
    assert.equal(value.format('YYYY-MM-DD HH:mm'), '2026-03-01 09:30', zone);
    assert.equal(fromPickerValue(value), '2026-03-01T09:30:00+08:00', zone);
    // What a clerk types: 22:00 on the picker is 22:00 in Beijing.
    assert.equal(fromPickerValue(toPickerValue('2026-12-08').hour(22)), '2026-12-08T22:00:00+08:00', zone);
    assert.equal(formatTime('2026-12-08T14:00:00Z', 'MM-DD HH:mm'), '12-08 22:00', zone);
  }
});

test('in any zone, a calendar date stays its day', () => {
  for (const zone of zones) {
    process.env.TZ = zone;
    assert.equal(pickerDay(toPickerValue('2026-03-01')), '2026-03-01', zone);
    assert.equal(pickerDay(toPickerValue('2026-12-31')), '2026-12-31', zone);
  }
});

test("in any zone, now and today are Beijing's", () => {
  for (const zone of zones) {
    process.env.TZ = zone;
    const before = Date.now();
    const now = officeNow();
    const typedBack = Date.parse(fromPickerValue(now));
    // The picker's now, read back as Beijing time, is this moment (to the second it keeps).
    assert.ok(Math.abs(typedBack - before) < 2_000, `${zone}: ${fromPickerValue(now)}`);
    assert.equal(pickerDay(now), officeToday(), zone);
  }
});
