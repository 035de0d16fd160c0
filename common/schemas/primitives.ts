/**
 * The building blocks every input schema is made of, so that what reaches a use case is already
 * storable: text without control characters, calendar dates that exist, integers PostgreSQL can hold.
 * Self-contained (zod only): the web imports it too.
 */
import { z } from 'zod';
// Chinese fallback messages for every schema built from these blocks (installed on import).
import '../zod-messages.js';

/** Largest value of a PostgreSQL `integer` (versions, counts, sort orders). */
export const INT_MAX = 2_147_483_647;

// C0 controls and DEL. Long text keeps tab and line breaks (pasted paragraphs); a single line keeps none.
const TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_CONTROL = /[\u0000-\u001F\u007F]/;

/** Whether a string holds a control character no input may carry (NUL and the like; tab and line breaks allowed). */
export const hasForbiddenControl = (value: string): boolean => TEXT_CONTROL.test(value);

/** Multi-line text (意见, 答复, 正文, 备注): no control characters but tab and line breaks. */
export const safeText = () => z.string().refine((value) => !TEXT_CONTROL.test(value), '不能包含控制字符');

/** The longest title (标题, 批示所涉文件) any kind accepts; forms show it as a counter and refuse beyond it. */
export const TITLE_MAX_LENGTH = 200;

/** A single line (名称, 标题, 编号, 检索词): no control characters at all. */
export const safeLine = () => z.string().refine((value) => !LINE_CONTROL.test(value), '不能包含换行或控制字符');

/** Whether `value` is YYYY-MM-DD naming a day that exists (no 2025-02-30), in years 1900–2199. */
export const isRealDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2199 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** A calendar date as YYYY-MM-DD that round-trips: the day exists. */
export const isoDate = (message = '日期格式应为 YYYY-MM-DD，且须为实际存在的日期') => z.string().refine(isRealDate, message);

/** An integer within [min, max] (default: what a PostgreSQL integer holds). */
export const boundedInt = (min = 0, max = INT_MAX) => z.number().int('应为整数').min(min).max(max);

/** The version a change was read at (optimistic locking). */
export const versionNumber = () => boundedInt(0, INT_MAX);

/** Object keys that would reach an object's prototype if used as a lookup; never a valid name here. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
