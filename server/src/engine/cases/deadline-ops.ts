/** Deadlines of assignments and cases: start, extend, and the red/yellow/green status for today. */
import type { StoredDeadline } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { getSetting } from '../../platform/settings.js';
import type { Calendar } from '../calendar/calendar.js';
import { computeDeadline, describeDeadline, dueStatus, type DeadlineEvent, type DeadlineRule } from '../deadlines/deadlines.js';

export type DueStatus = 'none' | 'green' | 'yellow' | 'red';

/** Starts a deadline on `today`, optionally with an amount other than the rule's (set at 交办). */
export const startDeadline = ({ rule, today, calendar, amount }: { rule: DeadlineRule; today: string; calendar: Calendar; amount?: number | undefined }): StoredDeadline => {
  const effective = amount === undefined ? rule : { ...rule, amount };
  const events: DeadlineEvent[] = [{ action: rule.from, date: today }];
  const result = computeDeadline({ rule: effective, events, calendar });
  return { rule: rule.id, events, due: result.due, explanation: { ...result.explanation, amount: effective.amount } };
};

/** Adds an extension event and recomputes; the rule's cap throws an invalid-state error. */
export const extendDeadline = ({
  stored,
  rule,
  today,
  calendar,
  amount,
  reason,
}: {
  stored: StoredDeadline;
  rule: DeadlineRule;
  today: string;
  calendar: Calendar;
  amount: number;
  reason: string;
}): StoredDeadline => {
  const baseAmount = typeof stored.explanation.amount === 'number' ? stored.explanation.amount : rule.amount;
  const events: DeadlineEvent[] = [...stored.events, { action: 'extend', date: today, amount, reason }];
  const result = computeDeadline({ rule: { ...rule, amount: baseAmount }, events, calendar });
  return { rule: rule.id, events, due: result.due, explanation: { ...result.explanation, amount: baseAmount } };
};

export const statusFor = async ({ db, due, today, calendar }: { db: Db; due: string | null; today: string; calendar: Calendar }): Promise<DueStatus> =>
  due === null ? 'none' : dueStatus({ due, today, calendar, yellowWithinWorkdays: await getSetting(db, 'reminder.dueSoonWorkdays') });

export const deadlineLines = (stored: StoredDeadline | null): { due: string | null; lines: string[] } | null =>
  stored ? { due: stored.due, lines: describeDeadline(stored.explanation as never) } : null;
