/**
 * The petitioner's windows: a 复查 is asked for within 30 日 of the written answer, a 复核 within 30 日
 * of the 复查意见. They bind the petitioner, not the office, so they are no clocks of the case (those
 * remind the office); the request's date is checked against them when it is registered.
 */
import { loadCalendar } from '../../engine/calendar/calendar.service.js';
import { computeClock } from '../../engine/clocks/compute.js';
import type { Db } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';

export const REQUEST_WINDOW_DAYS = 30;

/**
 * The last day a request made after `from` is in time: 30 日 counted as the engine counts any period
 * in days (the start day not counted, a last day on a rest day moved to the next working day).
 */
export const requestDeadline = async ({ db, from }: { db: Db; from: string }): Promise<string> => {
  const calendar = await loadCalendar({ db });
  const spec = { id: 'request_window', label: '请求期限', amount: REQUEST_WINDOW_DAYS, unit: 'day', basis: '《信访工作条例》', start: { field: 'from' } } as const;
  const due = computeClock({ spec, events: [], calendar, fields: { from } }).due;
  return (due ?? from).slice(0, 10);
};

/** The request's date when it lies between the answer and the end of its window, and not in the future; a 400 naming the field otherwise. */
export const requestWithin = async ({ db, what, requestedOn, from, today }: { db: Db; what: '复查' | '复核'; requestedOn: string; from: string; today: string }): Promise<string> => {
  const field = `收到${what}请求日期`;
  const refuse = (message: string) => validationError(`${field}：${message}`, { fields: [{ path: 'requestedOn', message }] });
  if (requestedOn > today) throw refuse('不能晚于今天');
  if (requestedOn < from) throw refuse(`不能早于${what === '复查' ? '答复' : '复查意见'}日期 ${from}`);
  const deadline = await requestDeadline({ db, from });
  if (requestedOn > deadline) throw refuse(`已超过请求期限：应在 ${from} 后 ${REQUEST_WINDOW_DAYS} 日内（至 ${deadline}）提出`);
  return requestedOn;
};
