/**
 * The office's clock: every date-time a clerk reads or types is Beijing time, whatever zone the
 * browser's machine is set to (a laptop left on UTC, a leader travelling abroad). China has kept
 * UTC+8 without daylight saving since 1991, so Beijing wall-clock time is the instant plus eight hours —
 * plain arithmetic, no zone database, the same answer in every browser and in Node.
 */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';
export const OFFICE_UTC_OFFSET = '+08:00';
const offsetMs = 8 * 60 * 60 * 1000;

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
/** A wall-clock time as typed: date, then hours and minutes, seconds and milliseconds optional; no zone. */
const wallClock = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?$/;

/** A calendar date (`YYYY-MM-DD`) is a day, not an instant: it is shown as it is, in every zone. */
export const isDateOnly = (value: string): boolean => dateOnly.test(value);

/**
 * The Beijing wall-clock reading of an instant, as `YYYY-MM-DDTHH:mm:ss.SSS` (no zone). A date-only value
 * is that day's start; an unreadable value is null.
 */
export const officeWallClock = (value: string | number | Date): string | null => {
  if (typeof value === 'string' && isDateOnly(value)) return `${value}T00:00:00.000`;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  return new Date(ms + offsetMs).toISOString().slice(0, 23);
};

/** Today's date in Beijing, `YYYY-MM-DD`: at 07:00 in Beijing a UTC laptop still reads yesterday. */
export const officeToday = (now: number = Date.now()): string => officeWallClock(now)!.slice(0, 10);

/**
 * The instant a Beijing wall-clock time names, as ISO 8601 with the office's offset
 * (`2026-03-01T09:30:00+08:00`): what a date-time picker's reading means, whatever the browser's zone,
 * written as a browser in Beijing always wrote it (kinds keep such values as given). Throws on anything
 * but a wall-clock time.
 */
export const instantOfOfficeWallClock = (wall: string): string => {
  const match = wallClock.exec(wall);
  const written = match ? `${match[1]}T${match[2]}${(match[3] ?? ':00').slice(0, 3)}${OFFICE_UTC_OFFSET}` : '';
  // Date.parse also catches a day that does not exist (2026-02-30) — it rolls over in the check below.
  if (!match || officeWallClock(written)?.slice(0, 19) !== written.slice(0, 19)) throw new RangeError(`not a wall-clock time: ${wall}`);
  return written;
};

/**
 * Formats a value in Beijing time with a small pattern language (YYYY MM DD HH mm ss, the rest kept as
 * written) — enough for the office's `YYYY-MM-DD HH:mm`, `MM-DD HH:mm`, `HH:mm`. Date-only values are shown
 * as their day; empty or unreadable values as a dash.
 */
export const formatOfficeTime = (value: string | number | Date | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string => {
  if (value === null || value === undefined || value === '') return '—';
  const wall = officeWallClock(value);
  if (!wall) return '—';
  const parts: Record<string, string> = {
    YYYY: wall.slice(0, 4),
    MM: wall.slice(5, 7),
    DD: wall.slice(8, 10),
    HH: wall.slice(11, 13),
    mm: wall.slice(14, 16),
    ss: wall.slice(17, 19),
  };
  return pattern.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => parts[token]!);
};
