/**
 * When things happen to a generated ticket: the center works round the clock, units in office hours on the
 * calendar's working days. Pure helpers over epoch milliseconds, Asia/Shanghai (a fixed +08:00), and the
 * plan of one ticket's steps (what happens, when, by whom) before any row is made of it.
 */
import type { Calendar } from '../../../server/src/engine/calendar/calendar.js';
import { CATEGORIES, VISITS } from './texts.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

/** mulberry32, seeded: the same data every run. */
export const makeRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const pick = <T>(random: () => number, choices: ReadonlyArray<readonly [T, number]>): T => {
  let roll = random();
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
};

export const shanghaiDate = (ms: number): string => new Date(ms + SHANGHAI).toISOString().slice(0, 10);
/** Minutes since midnight, Shanghai. */
const localMinute = (ms: number): number => Math.floor(((ms + SHANGHAI) % DAY) / MINUTE);
const midnight = (ms: number): number => ms - ((ms + SHANGHAI) % DAY);

const PERIODS = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
] as const;

/** `ms` itself when in office hours on a working day, else the next opening (a few minutes after it). */
export const inOffice = (calendar: Calendar, ms: number, random: () => number): number => {
  let at = ms;
  for (let guard = 0; guard < 60; guard += 1) {
    const day = shanghaiDate(at);
    if (calendar.isWorkday(day)) {
      const minute = localMinute(at);
      for (const [from, to] of PERIODS) {
        if (minute < from) return midnight(at) + from * MINUTE + Math.floor(random() * 40) * MINUTE;
        if (minute < to) return at;
      }
    }
    at = midnight(at) + DAY;
  }
  return at;
};

/** `minutes` of office time after `ms` (which should be in office hours). */
export const addOfficeMinutes = (calendar: Calendar, ms: number, minutes: number): number => {
  let at = ms;
  let left = minutes;
  for (let guard = 0; guard < 400 && left > 0; guard += 1) {
    const day = shanghaiDate(at);
    const minute = localMinute(at);
    const period = calendar.isWorkday(day) ? PERIODS.find(([, to]) => minute < to) : undefined;
    if (!period) {
      at = midnight(at) + DAY + PERIODS[0][0] * MINUTE;
      continue;
    }
    const from = Math.max(minute, period[0]);
    const room = period[1] - from;
    if (left <= room) return midnight(at) + (from + left) * MINUTE + (at % MINUTE);
    left -= room;
    at = midnight(at) + period[1] * MINUTE;
  }
  return at;
};

/** An instant in the office day `workdays` working days after `ms`. */
export const afterWorkdays = (calendar: Calendar, ms: number, workdays: number, random: () => number): number => {
  const day = workdays <= 0 ? shanghaiDate(ms) : calendar.addWorkdays(shanghaiDate(ms), workdays);
  const base = Date.parse(`${day}T00:00:00+08:00`);
  const at = base + (9 * 60 + Math.floor(random() * 480)) * MINUTE;
  return Math.max(at, ms + MINUTE);
};

export type Step =
  | { action: 'create' | 'direct_close' | 'merge' | 'assign' | 'sign' | 'unit_return' | 'ask_extension' | 'grant_extension' | 'reply' | 'case_study' | 'publish_reply'; at: number }
  | { action: 'revisit' | 'redo'; at: number; result: string };

/** The steps of one ticket from its registration, all of them (the load keeps those before now). */
export const planSteps = ({ random, calendar, createdAt, type, periodDays, mergeInto, channel, mayPublish }: {
  random: () => number;
  calendar: Calendar;
  createdAt: number;
  type: string;
  periodDays: number;
  mergeInto: boolean;
  channel: string;
  mayPublish: boolean;
}): Step[] => {
  const steps: Step[] = [{ action: 'create', at: createdAt }];
  const after = (minMinutes: number, maxMinutes: number) => steps[steps.length - 1]!.at + (minMinutes + Math.floor(random() * (maxMinutes - minMinutes))) * MINUTE;
  if (mergeInto) {
    steps.push({ action: 'merge', at: after(3, 50) });
    return steps;
  }
  if (type === '咨询' && random() < 0.72) {
    steps.push({ action: 'direct_close', at: after(1, 9) });
    return steps;
  }
  steps.push({ action: 'assign', at: after(3, 120) });
  const signOrReturn = (action: 'sign' | 'unit_return') => {
    const from = inOffice(calendar, steps[steps.length - 1]!.at + MINUTE, random);
    // Most units sign within their 2 working hours; some only the next day (响应率 about 94 %).
    const minutes = random() < 0.94 ? 5 + Math.floor(random() * 110) : 130 + Math.floor(random() * 500);
    steps.push({ action, at: addOfficeMinutes(calendar, from, minutes) });
  };
  if (random() < 0.08) {
    signOrReturn('unit_return');
    steps.push({ action: 'assign', at: after(20, 300) });
  }
  signOrReturn('sign');
  const signedAt = steps[steps.length - 1]!.at;
  const extended = periodDays >= 3 && random() < 0.05;
  if (extended) {
    steps.push({ action: 'ask_extension', at: afterWorkdays(calendar, signedAt, Math.max(1, Math.floor(periodDays * 0.6)), random) });
    steps.push({ action: 'grant_extension', at: after(30, 1200) });
  }
  // The answer: mostly within the period (按时办结率 about 93 %), some late.
  const replyIn = (start: number) => {
    const late = random() < 0.07;
    const days = late ? periodDays + 1 + Math.floor(random() * 6) : Math.floor(random() * (periodDays + 1) * (extended ? 1.3 : 1));
    return Math.max(afterWorkdays(calendar, start, days, random), steps[steps.length - 1]!.at + MINUTE);
  };
  steps.push({ action: 'reply', at: replyIn(signedAt) });
  let result = pick(random, VISITS);
  steps.push({ action: result === '不满意' ? 'redo' : 'revisit', at: after(60, 4 * 24 * 60), result });
  if (result === '不满意') {
    steps.push({ action: 'reply', at: replyIn(steps[steps.length - 1]!.at) });
    result = pick(random, [['满意', 0.55], ['基本满意', 0.3], ['未联系上', 0.15]] as const);
    steps.push({ action: 'revisit', at: after(60, 3 * 24 * 60), result });
  }
  if (random() < 0.004) steps.push({ action: 'case_study', at: after(24 * 60, 10 * 24 * 60) });
  if (channel === '市长信箱' && mayPublish && random() < 0.6) steps.push({ action: 'publish_reply', at: after(30, 2 * 24 * 60) });
  return steps;
};

/** 二级分类 drawn by weight. */
const totalWeight = CATEGORIES.reduce((sum, item) => sum + item.weight, 0);
export const pickCategory = (random: () => number) => {
  let roll = random() * totalWeight;
  for (const item of CATEGORIES) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return CATEGORIES[CATEGORIES.length - 1]!;
};

/** Hour-of-day shares of calls (the center answers round the clock; most calls come in the day). */
const HOURS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 3, 6, 8, 8.5, 8, 6.5, 7, 7.5, 7.5, 7, 6.5, 5, 4.5, 4, 3.2, 2.4, 1.6];
const HOUR_TOTAL = HOURS.reduce((sum, n) => sum + n, 0);

/** `count` registration instants in the Shanghai day from `midnight`, in order, none later than 10 minutes ago. */
export const callTimes = (random: () => number, midnight: number, count: number, nowMs: number): number[] => {
  const times: number[] = [];
  for (let n = 0; n < count; n += 1) {
    let roll = random() * HOUR_TOTAL;
    let hour = 0;
    while (hour < 23 && roll >= HOURS[hour]!) roll -= HOURS[hour++]!;
    times.push(Math.min(nowMs - 10 * MINUTE, midnight + hour * HOUR + Math.floor(random() * HOUR)));
  }
  return times.sort((a, b) => a - b);
};
