/**
 * 会议纪要 印发 and 发文会签 deadlines, case by case. 会签 units answer within 5 个工作日 (the office's 公文运转规则).
 * 纪要: the office's rule (the seeds: 会议纪要 3 个工作日内印发; the setting
 * minutes.issueDays) counted in working days from the meeting day (not counted). The 纪要's clock as the kind
 * declares it, computed on the seeded calendar — the routes' walk to a 纪要 (issuer code, approval chain, meeting)
 * is minutes-decisions.test.ts's; here only the date is at stake.
 * Calendars: 2026 元旦 01-01…03 off, 01-04 (Sun) worked; 春节 02-15…23 off, 02-14 (Sat) worked; 劳动节 05-01…05,
 * 05-09 (Sat) worked; 国庆 10-01…07 off, 09-20 (Sun) and 10-10 (Sat) worked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCalendar } from '../../engine/calendar/calendar.js';
import { computeClock } from '../../engine/clocks/compute.js';
import { assignmentSpecOf } from '../../engine/clocks/kind-clocks.js';
import { describeClock } from '../../engine/clocks/explain.js';
import { settingDefaults } from '../../platform/settings.js';
import { outgoingKind } from './outgoing.kind.js';

const calendar = buildCalendar({ overrides: [] });

const issueClock = (meetingOn: string, settings: Record<string, number> = settingDefaults) => {
  const clocks = outgoingKind.clocks;
  assert.ok(typeof clocks === 'function');
  const [spec] = clocks({ docType: '纪要', meetingOn }, settings);
  assert.ok(spec, 'a 纪要 with its meeting day has the issue clock');
  return computeClock({ spec, events: [], calendar, fields: { meetingOn } });
};

describe('会议纪要：印发 within 3 个工作日 of the meeting', () => {
  const rows: Array<{ name: string; meetingOn: string; due: string; line?: string }> = [
    // Sun 09-20 worked (1), 09-21 (2), 09-22 (3).
    { name: 'meeting Friday 09-18: the 调休 Sunday 09-20 is day 1 → 09-22', meetingOn: '2026-09-18', due: '2026-09-22' },
    // 国庆 10-01…07: 10-08 (1), 10-09 (2), Sat 10-10 (3).
    { name: 'meeting 09-30, the eve of 国庆 → the 调休 Saturday 10-10', meetingOn: '2026-09-30', due: '2026-10-10', line: '2026-10-01 至 2026-10-07 国庆节（7 天）' },
    // Sat 02-14 (1), 春节 02-15…23, 02-24 (2), 02-25 (3).
    { name: 'meeting Friday 02-13, before 春节 → 02-25', meetingOn: '2026-02-13', due: '2026-02-25', line: '2026-02-15 至 2026-02-23 春节（9 天）' },
    // 元旦: Sun 01-04 (1), 01-05 (2), 01-06 (3).
    { name: 'meeting on 12-31 → 2026-01-06', meetingOn: '2025-12-31', due: '2026-01-06' },
    // 劳动节 05-01…05: 05-06, 07, 08.
    { name: 'meeting 04-30, the eve of 劳动节 → 05-08', meetingOn: '2026-04-30', due: '2026-05-08' },
    // A Sunday meeting (not a 调休 day): 03-09, 10, 11.
    { name: 'a meeting on Sunday 03-08 → 03-11', meetingOn: '2026-03-08', due: '2026-03-11' },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const clock = issueClock(row.meetingOn);
      assert.equal(clock.due, row.due);
      const lines = describeClock(clock.explanation);
      assert.ok(lines.includes('规则：自会议召开之日起 3 个工作日'), lines.join('\n'));
      if (row.line) assert.ok(lines.some((line) => line.includes(row.line!)), lines.join('\n'));
    });
  }

  test('an office that sets 5 days: meeting 09-30 → 10-13', () => {
    // 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12 (4), 10-13 (5).
    assert.equal(issueClock('2026-09-30', { ...settingDefaults, 'minutes.issueDays': 5 }).due, '2026-10-13');
  });
});

describe('发文会签：5 个工作日 from the 会签 request', () => {
  const rows: Array<{ name: string; sentAt: string; due: string }> = [
    // Sun 09-20 worked (1), 09-21…24 (5).
    { name: 'sent Friday 09-18 at 17:00: the 调休 Sunday counts → 09-24', sentAt: '2026-09-18T17:00:00+08:00', due: '2026-09-24' },
    // 10-08, 10-09, Sat 10-10, 10-12, 10-13.
    { name: 'sent 09-30, the eve of 国庆 → 10-13', sentAt: '2026-09-30T10:00:00+08:00', due: '2026-10-13' },
    // Sat 02-14 (1), 春节, 02-24…27 (5).
    { name: 'sent Friday 02-13 → 02-27', sentAt: '2026-02-13T10:00:00+08:00', due: '2026-02-27' },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const spec = assignmentSpecOf(outgoingKind, 'consult', undefined, {});
      assert.ok(spec);
      assert.equal(computeClock({ spec, events: [{ action: 'assign', at: row.sentAt }], calendar }).due, row.due);
    });
  }
});
