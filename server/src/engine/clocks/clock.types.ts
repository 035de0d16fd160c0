/**
 * Statutory clocks as data. A kind declares its clocks (ClockSpec); the engine computes each one
 * from the case's events and fields over the working-day calendar (compute.ts). The result and its
 * explanation are plain JSON, stored per clock and shown as "why this date".
 */
import type { OfficeHours, WorkingStretch } from '../calendar/working-hours.js';
import type { RestDayRun } from './rest-days.js';

/**
 * minute/hour: elapsed time; workhour: office hours on working days; workday: 工作日; day: 日
 * (calendar days, 民法典 counting); month: 月 (民法典第二百零二条).
 */
export type ClockUnit = 'minute' | 'workhour' | 'hour' | 'workday' | 'day' | 'month';

export type ClockAmount = {
  amount: number;
  unit: ClockUnit;
  /** As ClockSpec's: false for a 当日 period (0 days) that is due on its day even when that is a rest day. */
  rollOverRestDay?: boolean;
};

/**
 * What starts a clock: a date field of the case (收到申请之日, fixed by channel per 条例第三十一条,
 * see received.ts), the first occurrence of an action, the stop of another clock (in sequence:
 * 受理告知 then 办结), or a date the spec itself carries (`at`): a kind that declares one clock per
 * period or milestone (督办: the March report, node m2) knows each one's start when it builds the spec.
 */
export type ClockStart =
  | { field: string; label?: string }
  | { action: string; label?: string }
  | { after: string; label?: string }
  | { at: string; label: string };

/**
 * A keyed action: `report#2026-03` is the action `report` whose trail event carries `clockKey: '2026-03'`
 * (kind-clocks.ts). A spec that stops on it reacts to that period's report only, not to every report.
 */
export const keyedAction = (action: string, key: string): string => `${action}#${key}`;
/** The action a keyed name is made of: `report#2026-03` → `report`. */
export const baseAction = (action: string): string => action.split('#', 1)[0]!;

/** A pause: from one of `on` to one of `resumeOn`. */
export type ClockPauseSpec = {
  on: readonly string[];
  resumeOn: readonly string[];
  label?: string; // 征求第三方意见
  /** The most time not counted (条例第三十二条: 15 工作日); past it the clock runs again by itself. */
  cap?: ClockAmount;
  /** True when the paused time still counts (a pause shown, not a stop of the count). Default false. */
  isCounted?: boolean;
};

/** An extension is an action with an approver and a cap (条例第三十三条: ≤ 20 工作日, 负责人同意). */
export type ClockExtensionSpec = {
  action: string;
  /** Roles that may approve; an empty list or none: any approver. */
  approverRoles?: readonly string[];
  maxTimes: number;
  /** The total of all extensions, in `unit`. */
  maxAmount: number;
  unit?: ClockUnit; // default: the clock's unit
};

export type ClockSpec = {
  id: string;
  label: string; // 答复期限
  amount: number;
  unit: ClockUnit;
  basis: string; // 《政府信息公开条例》第三十三条
  start: ClockStart;
  pauses?: readonly ClockPauseSpec[];
  /** Actions that restart the whole period from their date (补正 received: 条例第三十条). */
  restartOn?: readonly string[];
  extendOn?: ClockExtensionSpec;
  stopOn?: readonly string[];
  /** 民法典第二百零三条: a period in days or months ending on a rest day ends on the next working day. Default true. */
  rollOverRestDay?: boolean;
};

/**
 * An event of the case as a clock reads it. `at` is 'YYYY-MM-DD' or an ISO instant (read in
 * Asia/Shanghai). amount, approverRole and reason matter only for an extension.
 */
export type ClockEvent = {
  action: string;
  at: string;
  amount?: number;
  approverRole?: string;
  reason?: string;
};

/** A field value: a date or instant, or one with its own reason (e.g. the 收到日 by channel). */
export type ClockFieldValue = string | { at: string; why: string };

export type ClockState = 'pending' | 'running' | 'paused' | 'stopped' | 'overdue';

/** The unit a pause or remaining time is measured in: workminute = office minutes. */
export type MeasureUnit = 'workday' | 'day' | 'minute' | 'workminute';

export type ClockPause = {
  from: string;
  to: string | null; // null while still paused
  reason: string;
  /** Time not counted (0 when the pause counts or came after the due date); null while paused. */
  notCounted: number | null;
  unit: MeasureUnit;
  /** What ended it: its resume, its cap running out, a restart of the clock; null while paused. */
  endedBy: 'resume' | 'cap' | 'restart' | null;
  /** When a capped pause ends at the latest. */
  capEndsAt: string | null;
  isAfterDue: boolean;
};

export type ClockRestart = { at: string; action: string; reason: string; previousStart: string };

export type ClockExtension = { at: string; amount: number; unit: ClockUnit; approverRole: string | null; reason: string | null };

export type CalendarOverrideUse = { date: string; isWorkday: boolean; note: string | null };

export type ClockExplanation = {
  clockId: string;
  label: string;
  basis: string;
  ruleText: string; // 自收到申请之日起 20 个工作日
  amount: number;
  unit: ClockUnit;
  start: { at: string; source: 'field' | 'action' | 'after' | 'date'; name: string; label: string; why: string } | null;
  /** Rest days passed over while counting (workday and workhour clocks). */
  skippedRestDays: RestDayRun[];
  /** The office time counted, day by day (workhour clocks only). */
  countedHours: WorkingStretch[];
  officeHours: OfficeHours | null;
  pauses: ClockPause[];
  restarts: ClockRestart[];
  extensions: ClockExtension[];
  /** What may still be extended; null when the clock cannot be extended. */
  extensionLeft: { times: number; amount: number; unit: ClockUnit } | null;
  movedFromRestDay: { from: string; to: string } | null;
  /** Administrator overrides of the calendar inside the counted span. */
  calendarOverridesUsed: CalendarOverrideUse[];
  stop: { at: string; action: string; isInTime: boolean } | null;
  due: string | null;
};

export type ClockResult = {
  clockId: string;
  state: ClockState;
  start: string | null;
  /** 'YYYY-MM-DD' for workday/day/month clocks; an ISO instant (+08:00) for minute/hour/workhour. */
  due: string | null;
  stoppedAt: string | null;
  pausedAt: string | null;
  /** Signed: negative once overdue; null without `now`, a due date or while paused/stopped. */
  remaining: { amount: number; unit: MeasureUnit } | null;
  explanation: ClockExplanation;
};

/** What a clock in sequence needs of the clock it follows (a stored row can give it without recomputing). */
export type ClockPredecessor = { clockId: string; stoppedAt: string | null; explanation: { label: string } };

/** The roles of an assignment (交办) a kind may give default deadlines. */
export type AssignmentRole = 'lead' | 'consult' | 'assist';

/** e.g. 建议提案: 主办 3 个月, 会办 1 个月 (会办 units send views to the 主办 unit within a month). */
export type AssignmentClockDefaults = Partial<Record<AssignmentRole, ClockAmount & { basis?: string }>>;

export const dayUnits: ReadonlySet<ClockUnit> = new Set(['workday', 'day', 'month']);
export const isDayUnit = (unit: ClockUnit): boolean => dayUnits.has(unit);

/** Who a reminder reaches: the case's handler, the assigned unit's 联络员 (the handler for a case's own clock), that unit's leaders, the office director. */
export type ReminderRecipient = 'handler' | 'liaisons' | 'unitLeader' | 'director';

/**
 * A rung of a kind's reminder ladder: 临期 N working days before the due date, or N working days
 * after it (0: the day it is 逾期). Each rung is sent once per clock and due time.
 */
export type ReminderRung = {
  key: string; // due_soon, overdue, escalate.leader …
  label: string; // 临期提醒
  when: { before: number | 'setting' } | { overBy: number };
  notify: readonly ReminderRecipient[];
};

/** The deadline a kind gives each 交办, by role, with what stops and extends it. */
export type AssignmentClockDeclaration = {
  defaults: AssignmentClockDefaults;
  /** Actions that extend it (with approver roles and a cap) and stop it besides a reply. */
  extendOn?: ClockExtensionSpec;
  stopOn?: readonly string[];
  /**
   * What starts the unit's clock: its 交办 (default) or its 签收 — a 12345 unit's time to 办结 runs only
   * once it has signed for the ticket, so a ticket bounced between units (退单) costs no unit its days.
   */
  startOn?: 'assign' | 'sign';
  /**
   * Actions after which the unit's clock counts its whole period again (12345: 回访不满意 → 重办): the
   * action's trail data lists the unit in `reopened` (the 'reopen' effect) or names its assignment.
   */
  restartOn?: readonly string[];
};

/** The id of an assignment's 签收 clock (AssignmentSignClock), beside its handling clock `assignment.<role>`. */
export const SIGN_CLOCK_ID = 'assignment.sign';

/** A clock for the 签收 itself: from the 交办 until the unit signs for it or returns it (12345: 2 working hours). */
export type AssignmentSignClock = (settings: Readonly<Record<string, number>>) => ClockAmount & { basis: string };
