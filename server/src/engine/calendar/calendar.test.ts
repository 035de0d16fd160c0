import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { buildCalendar, todayInShanghai, type CalendarOverride } from './calendar.js';
import { addDays, addMonths } from './dates.js';

const calendar = buildCalendar({ overrides: [] });

const range = (from: string, to: string): string[] => {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
};

// The State Council's arrangements for 2025 and 2026 (stack.md §6).
const weekdaysOff = {
  2025: ['2025-01-01', ...range('2025-01-28', '2025-01-31'), '2025-02-03', '2025-02-04', '2025-04-04', '2025-05-01', '2025-05-02', '2025-05-05', '2025-06-02', ...range('2025-10-01', '2025-10-03'), ...range('2025-10-06', '2025-10-08')],
  2026: ['2026-01-01', '2026-01-02', ...range('2026-02-16', '2026-02-20'), '2026-02-23', '2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', ...range('2026-10-05', '2026-10-07')],
};
const weekendWorkdays = {
  2025: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** Runs code in a fresh node process under a time zone and returns what it prints. */
const runUnder = (timeZone: string, code: string): string =>
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { ...process.env, TZ: timeZone },
    encoding: 'utf8',
  }).trim();

describe('the official arrangement', () => {
  for (const year of [2025, 2026] as const) {
    test(`${year}: every weekday off is a rest day, every 调休 weekend day a working day`, () => {
      for (const date of weekdaysOff[year]) {
        const day = calendar.describeDay(date);
        assert.equal(day.isWorkday, false, date);
        assert.equal(day.isWeekend, false, date);
        assert.equal(day.source, 'official', date);
        assert.ok(day.name, date);
      }
      for (const date of weekendWorkdays[year]) {
        const day = calendar.describeDay(date);
        assert.equal(day.isWorkday, true, date);
        assert.equal(day.isWeekend, true, date);
        assert.match(day.name ?? '', /调休上班$/, date);
      }
      // Nothing else differs from the Monday-to-Friday rule.
      const special = new Set([...weekdaysOff[year], ...weekendWorkdays[year]]);
      const others = range(`${year}-01-01`, `${year}-12-31`).filter((date) => !special.has(date));
      for (const date of others) assert.equal(calendar.isWorkday(date), !calendar.describeDay(date).isWeekend, date);
    });
  }

  test('names follow the notice: 春节, 中秋节, 国庆节', () => {
    assert.equal(calendar.describeDay('2026-02-17').name, '春节');
    assert.equal(calendar.describeDay('2026-09-25').name, '中秋节');
    assert.equal(calendar.describeDay('2026-10-03').name, '国庆节'); // a Saturday inside the holiday
    assert.equal(calendar.describeDay('2026-02-14').name, '春节调休上班');
    assert.deepEqual(calendar.describeDay('2026-03-10'), { date: '2026-03-10', isWorkday: true, isWeekend: false, name: null, source: 'weekday' });
  });

  test('hasOfficialData: years the package covers, not years it does not', () => {
    assert.equal(calendar.hasOfficialData(2025), true);
    assert.equal(calendar.hasOfficialData(2026), true);
    assert.equal(calendar.hasOfficialData(2100), false);
    // A Friday with no notice for its year: 元旦 is a rest day by 《全国年节及纪念日放假办法》第二条 all the same.
    assert.equal(calendar.isWorkday('2100-01-01'), false);
    assert.equal(calendar.describeDay('2100-01-01').name, '元旦（法定节假日，当年放假安排尚未录入）');
    assert.equal(calendar.isWorkday('2100-01-04'), true); // a Monday: the weekday rule for the rest
  });
});

describe('counting working days', () => {
  test('addWorkdays forwards and backwards, over holidays and 调休 weekends', () => {
    assert.equal(calendar.addWorkdays('2026-09-30', 3), '2026-10-10');
    assert.equal(calendar.addWorkdays('2026-09-29', 5), '2026-10-12');
    assert.equal(calendar.addWorkdays('2026-02-13', 1), '2026-02-14');
    assert.equal(calendar.addWorkdays('2026-02-24', -1), '2026-02-14');
    assert.equal(calendar.addWorkdays('2026-02-14', 1), '2026-02-24');
    assert.equal(calendar.addWorkdays('2026-10-08', -1), '2026-09-30');
    assert.equal(calendar.addWorkdays('2026-10-12', -2), '2026-10-09');
  });

  test('across the year boundary', () => {
    assert.equal(calendar.addWorkdays('2025-12-31', 3), '2026-01-06'); // 01-01…01-03 off, Sunday 01-04 works
    assert.equal(calendar.addWorkdays('2026-01-04', -1), '2025-12-31');
    assert.equal(calendar.workdaysBetween('2025-12-31', '2026-01-06'), 3);
    assert.equal(calendar.workdaysBetween('2026-01-06', '2025-12-31'), -3);
    assert.equal(calendar.addWorkdays('2024-06-03', 600), calendar.addWorkdays(calendar.addWorkdays('2024-06-03', 300), 300));
    assert.equal(calendar.workdaysBetween('2024-06-03', calendar.addWorkdays('2024-06-03', 600)), 600);
    assert.equal(calendar.addWorkdays(calendar.addWorkdays('2026-07-01', 500), -500), '2026-07-01');
  });

  test('nextWorkday, workdaysBetween and restDaysBetween agree', () => {
    assert.equal(calendar.nextWorkday('2026-02-15'), '2026-02-24');
    assert.equal(calendar.nextWorkday('2026-02-24'), '2026-02-24');
    assert.equal(calendar.workdaysBetween('2026-03-02', '2026-03-02'), 0);
    assert.deepEqual(calendar.restDaysBetween('2026-09-30', '2026-10-10'), range('2026-10-01', '2026-10-07'));
    assert.deepEqual(calendar.restDaysBetween('2026-10-10', '2026-09-30'), []);
    const from = '2026-01-01';
    for (const to of range('2026-01-01', '2026-03-31')) {
      const days = range(addDays(from, 1), to).length;
      assert.equal(calendar.workdaysBetween(from, to) + calendar.restDaysBetween(from, to).length, days, to);
    }
  });

  test('malformed dates and counts are refused with a clear message', () => {
    for (const bad of ['2026-2-3', '2026-02-30', '2026-13-01', 'abc', '', '2026-02-03T00:00:00Z']) {
      assert.throws(() => calendar.isWorkday(bad), /日期格式不正确/, bad);
    }
    assert.throws(() => calendar.addWorkdays('2026-02-03', 0), /非零整数/);
    assert.throws(() => calendar.addWorkdays('2026-02-03', 1.5), /非零整数/);
    assert.throws(() => buildCalendar({ overrides: [{ date: '2026-02-31', kind: 'holiday', note: 'x' }] }), /日期格式不正确/);
  });

  test('months end on the same day-number or the month’s last day', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2026-01-31', 3), '2026-04-30');
    assert.equal(addMonths('2026-11-15', 3), '2027-02-15');
    assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
  });
});

describe('overrides', () => {
  const with_ = (overrides: CalendarOverride[]) => buildCalendar({ overrides });

  test('a holiday override makes a working day a rest day', () => {
    const local = with_([{ date: '2026-03-10', kind: 'holiday', note: '地方假日' }]);
    assert.equal(local.isWorkday('2026-03-10'), false);
    assert.equal(local.addWorkdays('2026-03-09', 1), '2026-03-11');
    assert.deepEqual(local.describeDay('2026-03-10'), { date: '2026-03-10', isWorkday: false, isWeekend: false, name: '地方假日', source: 'override' });
    assert.equal(local.workdaysBetween('2026-03-01', '2026-03-31'), calendar.workdaysBetween('2026-03-01', '2026-03-31') - 1);
  });

  test('a workday override makes a weekend day a working day', () => {
    const local = with_([{ date: '2026-03-14', kind: 'workday', note: '调休上班' }]);
    assert.equal(local.isWorkday('2026-03-14'), true);
    assert.equal(local.addWorkdays('2026-03-13', 1), '2026-03-14');
    assert.equal(local.describeDay('2026-03-14').source, 'override');
  });

  test('a normal override undoes the package: the weekday rule decides', () => {
    const local = with_([
      { date: '2026-10-05', kind: 'normal', note: '恢复上班' }, // a Monday the package has off
      { date: '2026-10-10', kind: 'normal', note: '取消调休' }, // a Saturday the package has working
    ]);
    assert.equal(local.isWorkday('2026-10-05'), true);
    assert.equal(local.isWorkday('2026-10-10'), false);
    assert.equal(local.addWorkdays('2026-09-30', 1), '2026-10-05');
  });

  test('holiday overrides for a year without data supply the arrangement', () => {
    const entered = with_([
      { date: '2100-01-01', kind: 'holiday', note: '元旦' },
      { date: '2100-01-02', kind: 'workday', note: '元旦调休上班' }, // a Saturday
    ]);
    assert.equal(entered.hasOfficialData(2100), true);
    assert.equal(entered.addWorkdays('2099-12-31', 1), '2100-01-02');
    assert.equal(with_([{ date: '2100-01-02', kind: 'workday', note: '调休上班' }]).hasOfficialData(2100), false);
  });

  test('years indexed up front answer the same as years indexed on demand', () => {
    const eager = buildCalendar({ overrides: [], years: [2025, 2026] });
    assert.equal(eager.workdaysBetween('2025-01-01', '2026-12-31'), calendar.workdaysBetween('2025-01-01', '2026-12-31'));
  });
});

describe('time zone independence', () => {
  test('todayInShanghai reads the date in Asia/Shanghai', () => {
    assert.equal(todayInShanghai(new Date('2026-09-30T15:59:59Z')), '2026-09-30');
    assert.equal(todayInShanghai(new Date('2026-09-30T16:00:00Z')), '2026-10-01');
    assert.equal(todayInShanghai(new Date('2026-12-31T16:30:00Z')), '2027-01-01');
  });

  test('the same answers under UTC, Pacific/Kiritimati (UTC+14) and America/Los_Angeles', () => {
    const moduleUrl = new URL('./calendar.ts', import.meta.url).href;
    const code = `
      const { buildCalendar, todayInShanghai } = await import(${JSON.stringify(moduleUrl)});
      const c = buildCalendar({ overrides: [{ date: '2026-03-10', kind: 'holiday', note: 'x' }] });
      console.log(JSON.stringify([
        c.addWorkdays('2026-09-30', 3), c.addWorkdays('2025-12-31', 3), c.addWorkdays('2026-02-24', -1),
        c.workdaysBetween('2026-01-01', '2026-12-31'), c.isWorkday('2026-10-01'), c.isWorkday('2026-10-08'),
        c.describeDay('2026-02-14'), c.restDaysBetween('2026-03-06', '2026-03-16'), todayInShanghai(new Date('2026-09-30T16:00:00Z')),
      ]));`;
    const answers = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai'].map((zone) => runUnder(zone, code));
    for (const answer of answers) assert.equal(answer, answers[0]);
    assert.deepEqual(JSON.parse(answers[0]!).slice(0, 6), ['2026-10-10', '2026-01-06', '2026-02-14', 247, false, true]);
  });

  test('every day 2004–2026 agrees with the chinese-days package (asked in Asia/Shanghai, where it is correct)', () => {
    const code = `
      import { createRequire } from 'node:module';
      const days = createRequire(${JSON.stringify(import.meta.url)})('chinese-days');
      const bits = [];
      for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86400000) {
        bits.push(days.isWorkday(new Date(t).toISOString().slice(0, 10)) ? '1' : '0');
      }
      console.log(JSON.stringify({ bits: bits.join(''), february: days.getWorkdaysInRange('2026-02-01', '2026-02-28').length }));`;
    const answer = JSON.parse(runUnder('Asia/Shanghai', code)) as { bits: string; february: number };
    const ours = range('2004-01-01', '2026-12-31').map((date) => (calendar.isWorkday(date) ? '1' : '0')).join('');
    assert.equal(ours, answer.bits);
    // The package's range includes 02-01, a Sunday; ours is (02-01, 02-28].
    assert.equal(calendar.workdaysBetween('2026-02-01', '2026-02-28'), answer.february);
    assert.equal(answer.february, 16);
  });
});
