/** The ledger's colour of a due date: red when past, yellow when close, green otherwise. */
import type { Db } from '../../platform/db.js';
import { getSetting } from '../../platform/settings.js';
import type { Calendar } from '../calendar/calendar.js';
import { toEpochDay } from '../calendar/dates.js';

export type DueStatus = 'none' | 'green' | 'yellow' | 'red';

/**
 * Red when today is past the due date; yellow when the due date is at most N working days
 * away (due today counts as 0, so it is yellow); green otherwise; none without a due date.
 */
export const dueStatus = ({
  due,
  today,
  calendar,
  yellowWithinWorkdays = 3,
}: {
  due: string | null;
  today: string;
  calendar: Calendar;
  yellowWithinWorkdays?: number;
}): DueStatus => {
  if (due === null) return 'none';
  toEpochDay(today);
  if (today > due) return 'red';
  return calendar.workdaysBetween(today, due) <= yellowWithinWorkdays ? 'yellow' : 'green';
};

export const statusFor = async ({ db, due, today, calendar }: { db: Db; due: string | null; today: string; calendar: Calendar }): Promise<DueStatus> =>
  due === null ? 'none' : dueStatus({ due, today, calendar, yellowWithinWorkdays: await getSetting(db, 'reminder.dueSoonWorkdays') });

/** The date of a clock's due time ('YYYY-MM-DD' or an instant at +08:00): what the ledgers sort and colour by. */
export const dueDay = (due: string | null): string | null => (due === null ? null : due.slice(0, 10));
