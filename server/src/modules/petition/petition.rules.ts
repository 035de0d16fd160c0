/**
 * The petitioner's windows: a 复查 is asked for within 30 日 of receiving the written answer, a 复核 within
 * 30 日 of receiving the 复查意见 (《信访工作条例》: 自收到书面答复之日起30日内). They bind the petitioner, not the
 * office, so they are no clocks of the case (those remind the office); the request's date is checked against
 * them when it is registered. The window runs from the day the petitioner received the answer where the
 * office knows it (a letter's 回执, the 送达 record), else from the day the answer was given: never earlier
 * than the answer, so a request refused on the answer's date is refused by the 条例's own reading too.
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
export const requestWithin = async ({
  db,
  what,
  requestedOn,
  from,
  receivedOn,
  today,
}: {
  db: Db;
  what: '复查' | '复核';
  requestedOn: string;
  /** The day the answer (复查意见) was given. */
  from: string;
  /** The day the petitioner received it, where known. */
  receivedOn?: string | undefined;
  today: string;
}): Promise<string> => {
  const field = `收到${what}请求日期`;
  const answer = what === '复查' ? '答复' : '复查意见';
  const refuse = (message: string) => validationError(`${field}：${message}`, { fields: [{ path: 'requestedOn', message }] });
  if (receivedOn !== undefined) {
    const refuseReceived = (message: string) => validationError(`信访人收到${what === '复查' ? '答复意见' : '复查意见'}日期：${message}`, { fields: [{ path: 'answerReceivedOn', message }] });
    if (receivedOn < from) throw refuseReceived(`不能早于${answer}日期 ${from}`);
    if (receivedOn > requestedOn) throw refuseReceived(`不能晚于${field} ${requestedOn}`);
  }
  if (requestedOn > today) throw refuse('不能晚于今天');
  if (requestedOn < from) throw refuse(`不能早于${answer}日期 ${from}`);
  const start = receivedOn ?? from;
  const deadline = await requestDeadline({ db, from: start });
  const since = receivedOn === undefined ? start : `信访人收到${answer}之日 ${start}`;
  if (requestedOn > deadline) throw refuse(`已超过请求期限：应在 ${since} 后 ${REQUEST_WINDOW_DAYS} 日内（至 ${deadline}）提出`);
  return requestedOn;
};
