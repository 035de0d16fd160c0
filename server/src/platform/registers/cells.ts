/**
 * A register's cells as a row parser reads them: text, counts, and a schema's complaint about a cell in
 * words a clerk understands. Every register import (收文, 发文, 分工方案 …) names problems the same way.
 */
import type { z } from 'zod';
import type { CellValue } from './read-register.js';
import { isFallbackMessage } from '../../../../common/zod-messages.js';

/** A cell as text: spaces collapsed, a date as YYYY-MM-DD, empty for nothing. */
export const textOf = (value: CellValue): string => {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value).replace(/\s+/g, ' ').trim();
};

/** Long values are cut in messages: the user needs to recognise the cell, not reread it. */
export const quote = (text: string) => `「${text.length > 30 ? `${text.slice(0, 30)}…` : text}」`;

/** 份数 and 页数: a whole number, also written as 2份, 12页 or in full-width digits. */
export const parseCount = (value: CellValue): number | undefined => {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const text = textOf(value).normalize('NFKC').replace(/[份页件张册]$/, '').trim();
  return /^-?\d+$/.test(text) ? Number(text) : undefined;
};

type ZodIssue = z.core.$ZodIssue;

/**
 * A schema issue about one cell, in words a clerk understands. The kind's schemas speak Chinese where
 * it matters (涉密, 份数, 文号); the generic cases are worded here. `notAllowed` words a value outside a
 * closed list where listing the choices would not help (文种: 「…不是条例规定的文种」).
 */
export const describeCellIssue = (issue: ZodIssue, { label, raw, notAllowed }: { label: string; raw: string; notAllowed?: string }): string => {
  if (raw === '') return `缺少${label}`;
  if (issue.code === 'invalid_value') {
    if (notAllowed) return `${label}${quote(raw)}${notAllowed}`;
    return `${label}${quote(raw)}应为${issue.values.map(String).join('、')}之一`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return `${label}过长（最多 ${String(issue.maximum)} 字）`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `${label}过多（最多 ${String(issue.maximum)} 个）`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `${label}${quote(raw)}过短（至少 ${String(issue.minimum)} 字）`;
  if (!isFallbackMessage(issue.message)) return `${label}${quote(raw)}：${issue.message}`;
  if (issue.code === 'too_big') return `${label}${quote(raw)}不能大于 ${String(issue.maximum)}`;
  if (issue.code === 'too_small') return `${label}${quote(raw)}不能小于 ${String(issue.minimum)}`;
  return `${label}${quote(raw)}格式不正确`;
};
