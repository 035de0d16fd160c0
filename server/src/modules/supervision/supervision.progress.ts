/**
 * A 督办 item's progress, pure: its 调度 periods (one clock each), its clocks, its light, and the
 * 民生实事 outcome (提前 N 个月, 超额) computed from what was reported — never typed.
 */
import type { SupervisionLight } from '../../../../common/schemas/supervision.js';
import { addDays, addMonths, daysBetween, daysInMonth, toEpochDay, weekdayOfEpochDay } from '../../engine/calendar/dates.js';
import { keyedAction, type ClockSpec } from '../../engine/clocks/clock.types.js';
import type { SupervisionFields } from './supervision.fields.js';

/** How far past a missed report or node the light turns from yellow to red (calendar days). */
export const RED_AFTER_DAYS = 10;
/** How close to the deadline unfinished nodes turn the light yellow. */
export const DEADLINE_WARNING_DAYS = 5;

export type ReportPeriod = { key: string; label: string; from: string; to: string };

/** Where the periods end: the deadline, or — for an ongoing item (长期坚持) — twelve whole months from 立项's month. */
const periodsEnd = (fields: Pick<SupervisionFields, 'openedOn' | 'deadline'>): string => fields.deadline ?? addDays(addMonths(`${fields.openedOn.slice(0, 7)}-01`, 12), -1);

/**
 * The 调度 periods from 立项 to the end: calendar months (2026-03) or weeks from Monday (W2026-03-09),
 * the first starting on the 立项 day and the last ending on the deadline. Per-node reporting has no
 * periods of its own: each node's completion is its report.
 */
export const reportPeriods = (fields: Pick<SupervisionFields, 'openedOn' | 'deadline' | 'reportCycle'>): ReportPeriod[] => {
  const end = periodsEnd(fields);
  const periods: ReportPeriod[] = [];
  if (fields.reportCycle === 'monthly') {
    let month = fields.openedOn.slice(0, 7);
    while (`${month}-01` <= end) {
      const [year, number] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
      const first = `${month}-01`;
      const last = `${month}-${String(daysInMonth(year, number)).padStart(2, '0')}`;
      periods.push({ key: month, label: `${year}年${number}月调度`, from: first < fields.openedOn ? fields.openedOn : first, to: last > end ? end : last });
      month = addMonths(first, 1).slice(0, 7);
    }
  } else if (fields.reportCycle === 'weekly') {
    const opened = toEpochDay(fields.openedOn);
    let monday = addDays(fields.openedOn, -((weekdayOfEpochDay(opened) + 6) % 7));
    while (monday <= end) {
      const sunday = addDays(monday, 6);
      periods.push({ key: `W${monday}`, label: `${monday} 当周调度`, from: monday < fields.openedOn ? fields.openedOn : monday, to: sunday > end ? end : sunday });
      monday = addDays(monday, 7);
    }
  }
  return periods;
};

/** The period a report sent today is for: the earliest period already begun that has no report yet. */
export const periodToReport = (fields: SupervisionFields, today: string): ReportPeriod | undefined => {
  const reported = new Set(fields.reports.map((report) => report.key));
  return reportPeriods(fields).find((period) => period.from <= today && !reported.has(period.key));
};

/** The node 节点完成 completes: the earliest one not done. */
export const nextMilestone = (fields: SupervisionFields) => fields.milestones.find((milestone) => !milestone.doneOn);

const basis = '督查督办事项立项要求';

/**
 * The item's clocks: each node's (due on its date, stopped by its own 节点完成: `complete_milestone#m2`),
 * each period's report (due on the period's last day, rolled over to a working day, stopped by that
 * period's report: `report#2026-03`), and the final deadline (stopped by 申报办结). Closing stops all.
 */
export const supervisionClocks = (fields: Record<string, unknown>): ClockSpec[] => {
  const item = fields as SupervisionFields;
  if (typeof item.openedOn !== 'string') return [];
  const opened = { at: item.openedOn, label: '立项' };
  const specs: ClockSpec[] = (item.milestones ?? []).map((milestone) => ({
    id: `milestone.${milestone.key}`,
    label: `节点${milestone.key.slice(1)}：${milestone.label}`,
    amount: daysBetween(item.openedOn, milestone.due),
    unit: 'day',
    basis,
    start: opened,
    stopOn: [keyedAction('complete_milestone', milestone.key)],
    rollOverRestDay: false, // the node's date is the one set at 立项
  }));
  for (const period of reportPeriods(item)) {
    specs.push({
      id: `report.${period.key}`,
      label: `${period.label}报告`,
      amount: daysBetween(period.from, period.to),
      unit: 'day',
      basis: '督查督办事项调度要求：按期报送工作进展',
      start: { at: period.from, label: '调度期开始' },
      stopOn: [keyedAction('report', period.key)],
    });
  }
  if (item.deadline) {
    specs.push({ id: 'deadline', label: '完成时限', amount: daysBetween(item.openedOn, item.deadline), unit: 'day', basis, start: opened, stopOn: ['claim'], rollOverRestDay: false });
  }
  return specs;
};

export type LightResult = { light: SupervisionLight; reasons: string[] };

/**
 * The item's light from its progress against its nodes and reports, not only its final date:
 * - 红灯: past the deadline unfinished; a node or a report more than RED_AFTER_DAYS late; two or more reports missing.
 * - 黄灯: a node late; one report missing (not yet RED_AFTER_DAYS); nodes left within DEADLINE_WARNING_DAYS of the deadline.
 * - 绿灯 otherwise, and while a 申报办结 awaits the 督查室; 已销号 once closed.
 * A period's report is missing the day after the period ends.
 */
export const supervisionLight = (item: { state: string; fields: SupervisionFields }, today: string): LightResult => {
  const { fields } = item;
  if (item.state === 'closed') return { light: 'done', reasons: ['已销号'] };
  if (item.state === 'claimed') return { light: 'green', reasons: ['已申报办结，待督查室销号'] };
  const red: string[] = [];
  const yellow: string[] = [];
  if (fields.deadline && fields.deadline < today) red.push(`已超过完成时限 ${fields.deadline}`);
  for (const milestone of fields.milestones) {
    if (milestone.doneOn || milestone.due >= today) continue;
    const late = daysBetween(milestone.due, today);
    (late > RED_AFTER_DAYS ? red : yellow).push(`节点「${milestone.label}」（${milestone.due}）逾期 ${late} 天未完成`);
  }
  const reported = new Set(fields.reports.map((report) => report.key));
  const missing = reportPeriods(fields).filter((period) => period.to < today && !reported.has(period.key));
  for (const period of missing) {
    const late = daysBetween(period.to, today);
    (late > RED_AFTER_DAYS || missing.length >= 2 ? red : yellow).push(`${period.label}进展未报送（应于 ${period.to} 前）`);
  }
  const undone = fields.milestones.filter((milestone) => !milestone.doneOn).length;
  if (fields.deadline && fields.deadline >= today && daysBetween(today, fields.deadline) <= DEADLINE_WARNING_DAYS && undone > 0) {
    yellow.push(`距完成时限不足 ${DEADLINE_WARNING_DAYS} 天，尚有 ${undone} 个节点未完成`);
  }
  if (red.length > 0) return { light: 'red', reasons: [...red, ...yellow] };
  if (yellow.length > 0) return { light: 'yellow', reasons: yellow };
  return { light: 'green', reasons: [] };
};

const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

export type LivelihoodOutcome = {
  target: number;
  measure: string;
  /** The latest cumulative amount reported. */
  actual: number;
  /** actual ÷ target, in per cent to one decimal. */
  percent: number;
  isOverTarget: boolean;
  /** The day the lead unit declared it done (申报办结), if it has. */
  completedOn: string | null;
  /** Whole calendar months between the month it was done and the deadline's month (提前 N 个月); 0 when not early. */
  monthsEarly: number;
};

/** 民生实事: how far the project got against its target, and how early it finished — both computed. */
export const livelihoodOutcome = (fields: SupervisionFields): LivelihoodOutcome | null => {
  const project = fields.livelihood;
  if (!project) return null;
  const latest = [...project.actuals].sort((a, b) => (a.month < b.month ? -1 : 1)).at(-1);
  const actual = latest?.value ?? 0;
  const completedOn = fields.claim?.on ?? null;
  const monthsEarly = completedOn && fields.deadline ? Math.max(0, monthIndex(fields.deadline) - monthIndex(completedOn)) : 0;
  return {
    target: project.target,
    measure: project.measure,
    actual,
    percent: Math.round((actual * 1000) / project.target) / 10,
    isOverTarget: actual > project.target,
    completedOn,
    monthsEarly,
  };
};
