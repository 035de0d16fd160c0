/** "Why this date": the rest-day runs of an explanation and its lines in Chinese for the UI. */
import type { Calendar } from '../calendar/calendar.js';
import { toEpochDay } from '../calendar/dates.js';
import type { DeadlineExplanation, DeadlineUnit } from './deadlines.js';

/** Consecutive rest days, named after the holiday among them (null: an ordinary weekend). */
export type RestDayRun = { from: string; to: string; days: number; name: string | null };

/** Groups sorted rest days into runs of consecutive dates: 10-01 … 10-07 国庆节 reads better than seven dates. */
export const restDayRuns = (calendar: Calendar, dates: readonly string[]): RestDayRun[] => {
  const runs: Array<RestDayRun & { names: Set<string>; lastDay: number }> = [];
  for (const date of dates) {
    const day = toEpochDay(date);
    const name = calendar.describeDay(date).name;
    const last = runs.at(-1);
    if (last && last.lastDay === day - 1) {
      last.to = date;
      last.days += 1;
      last.lastDay = day;
      if (name) last.names.add(name);
      continue;
    }
    runs.push({ from: date, to: date, days: 1, name: null, names: new Set(name ? [name] : []), lastDay: day });
  }
  return runs.map(({ from, to, days, names }) => ({ from, to, days, name: names.size > 0 ? [...names].join('、') : null }));
};

export const unitText: Record<DeadlineUnit, string> = { workday: '个工作日', day: '日', month: '个月' };

const span = (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`);

/** The explanation as lines of Chinese, in the order the date was worked out. */
export const describeDeadline = (explanation: DeadlineExplanation): string[] => {
  const lines = [`依据：${explanation.basis}`, `规则：${explanation.ruleText}`];
  if (explanation.start === null) {
    lines.push(`尚未起算：自「${explanation.startLabel}」之日起计算`);
    return lines;
  }
  lines.push(`起算：${explanation.start}（${explanation.startLabel}），当日不计入，自次日开始计算`);
  if (explanation.skippedRestDays.length > 0) {
    const runs = explanation.skippedRestDays.map((run) => `${span(run.from, run.to)} ${run.name ?? '周末'}（${run.days} 天）`);
    lines.push(`不计休息日：${runs.join('；')}`);
  }
  for (const pause of explanation.pauses) {
    const reason = pause.reason ?? '中止';
    const counted = pause.unit === 'workday' ? '个工作日' : '天';
    if (pause.isAfterDue) {
      lines.push(`${pause.from}（${reason}）发生在期限届满之后，不影响到期日`);
    } else if (pause.to === null) {
      lines.push(`中止中：自 ${pause.from} 起（${reason}），恢复后继续计算剩余期限`);
    } else {
      lines.push(`中止：${pause.from} 至 ${pause.to}（${reason}），不计 ${pause.days ?? 0} ${counted}，恢复次日起继续计算剩余期限`);
    }
  }
  for (const extension of explanation.extensions) {
    lines.push(`延长：${extension.date} 延长 ${extension.amount} ${unitText[extension.unit]}${extension.reason ? `（${extension.reason}）` : ''}`);
  }
  if (explanation.rollover) {
    lines.push(`期限最后一日 ${explanation.rollover.from} 为休息日，依《民法典》第二百零三条顺延至 ${explanation.rollover.to}`);
  }
  lines.push(explanation.due === null ? '到期日：中止期间暂停计算' : `到期日：${explanation.due}`);
  return lines;
};
