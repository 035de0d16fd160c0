/**
 * Computes one clock from the case's events and fields: pure, synchronous, explained.
 *
 * Counting follows the Civil Code (民法典) unless the period is in working days or hours:
 * - 第二百零一条: a period in days or months does not count the start day; one in hours starts at once.
 * - 第二百零二条: a period in months ends on the same day-number of the final month, or its last day.
 * - 第二百零三条: a period in days or months ending on a rest day ends on the next working day.
 * Working days count only working days after the start; working hours count the office day's
 * periods on working days. Time from a pause to its resume is not counted (unless the pause says it
 * is), at most the pause's cap; a restart counts the whole period again from its date.
 */
import type { Calendar } from '../calendar/calendar.js';
import { defaultOfficeHours, toLocalMinute, type OfficeHours } from '../calendar/working-hours.js';
import { invalidState, validationError } from '../../platform/errors.js';
import type {
  ClockEvent,
  ClockExplanation,
  ClockExtension,
  ClockFieldValue,
  ClockPause,
  ClockPredecessor,
  ClockPauseSpec,
  ClockRestart,
  ClockResult,
  ClockSpec,
  ClockState,
  ClockUnit,
  MeasureUnit,
} from './clock.types.js';
import { countedDetails } from './details.js';
import { actionLabel, ruleTextOf, unitText } from './explain.js';
import { checkSameFamily, counterFor, type Counter } from './units.js';

export type ComputeClockInput = {
  spec: ClockSpec;
  events: readonly ClockEvent[];
  calendar: Calendar;
  officeHours?: OfficeHours;
  fields?: Readonly<Record<string, ClockFieldValue | null | undefined>>;
  /** The clock this one follows (`start: { after }`): it starts when that one stops. */
  after?: ClockPredecessor | null;
  /** For the state (overdue, a cap run out) and the remaining time; without it nothing depends on today. */
  now?: string;
  /** A kind's own names of its actions, for explanations. */
  actionLabels?: Readonly<Record<string, string>>;
};

const checkAmount = (amount: unknown, what: string, minimum: number): number => {
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < minimum) {
    throw validationError(`${what}须为${minimum === 0 ? '非负' : '正'}整数`);
  }
  return amount;
};

/** Validates what a kind declares, so a bad declaration fails at registration rather than mid-case. */
export const checkClockSpec = (spec: ClockSpec): void => {
  checkAmount(spec.amount, '期限', 0);
  for (const pause of spec.pauses ?? []) {
    if (pause.cap) {
      checkAmount(pause.cap.amount, '中止上限', 1);
      checkSameFamily(spec.unit, pause.cap.unit, '中止上限');
    }
  }
  if (spec.extendOn) {
    checkAmount(spec.extendOn.maxTimes, '延长次数上限', 1);
    checkAmount(spec.extendOn.maxAmount, '延长期限上限', 1);
    checkSameFamily(spec.unit, spec.extendOn.unit ?? spec.unit, '延长期限');
  }
};

type OpenPause = { spec: ClockPauseSpec; from: number; reason: string; isAfterDue: boolean; capEnd: number | null };
type Move = { amount: number; unit: ClockUnit | MeasureUnit };

export const computeClock = (input: ComputeClockInput): ClockResult => {
  const { spec, calendar } = input;
  const officeHours = input.officeHours ?? defaultOfficeHours;
  checkClockSpec(spec);
  const counter = counterFor({ unit: spec.unit, calendar, officeHours });
  const label = (action: string) => actionLabel(action, input.actionLabels);

  // Same-instant events keep their given order (Array.prototype.sort is stable).
  const ordered = input.events
    .map((event) => ({ event, position: counter.positionOf(event.at), instant: toLocalMinute(event.at) }))
    .sort((a, b) => a.instant - b.instant);

  let start: number | null = null;
  let startInfo: ClockExplanation['start'] = null;
  const startSpec = spec.start;
  if ('field' in startSpec) {
    const value = input.fields?.[startSpec.field];
    if (value !== null && value !== undefined) {
      const at = typeof value === 'string' ? value : value.at;
      const name = startSpec.label ?? startSpec.field;
      start = counter.positionOf(at);
      startInfo = { at: counter.format(start), source: 'field', name: startSpec.field, label: name, why: typeof value === 'string' ? `${name}：${at}` : value.why };
    }
  } else if ('at' in startSpec) {
    start = counter.positionOf(startSpec.at);
    startInfo = { at: counter.format(start), source: 'date', name: startSpec.at, label: startSpec.label, why: `${startSpec.label}：${startSpec.at}` };
  } else if ('after' in startSpec) {
    const previous = input.after;
    if (previous && previous.clockId !== startSpec.after) throw validationError(`期限「${spec.id}」应接续「${startSpec.after}」`);
    if (previous?.stoppedAt) {
      const name = startSpec.label ?? previous.explanation.label;
      start = counter.positionOf(previous.stoppedAt);
      startInfo = { at: counter.format(start), source: 'after', name: startSpec.after, label: name, why: `「${previous.explanation.label}」于 ${previous.stoppedAt} 结束，接续起算` };
    }
  }

  // The period is the amount plus extensions in the same unit, counted from the start (3 + 3 months
  // from 01-31 end on 07-31, not on 04-30 + 3 months); pauses and extensions in another unit then
  // move its end, in the order they happened.
  let total = spec.amount;
  let moves: Move[] = [];
  const endOf = (from: number, extra: readonly Move[] = []): number =>
    [...moves, ...extra].reduce((end, move) => counter.advance(end, move.amount, move.unit), counter.advance(from, total, spec.unit));

  let open: OpenPause | null = null;
  const pauses: Array<ClockPause & { fromPosition: number; toPosition: number | null }> = [];
  const restarts: ClockRestart[] = [];
  const extensions: ClockExtension[] = [];
  let extensionsSinceStart: ClockExtension[] = [];
  let stop: { position: number; action: string } | null = null;

  const closePause = (position: number, endedBy: 'resume' | 'cap' | 'restart'): void => {
    if (!open) return;
    const notCounted = open.isAfterDue || open.spec.isCounted || endedBy === 'restart' ? 0 : counter.measure(open.from, position);
    if (notCounted > 0) moves.push({ amount: notCounted, unit: counter.measureUnit });
    pauses.push({
      from: counter.format(open.from),
      to: counter.format(position),
      reason: open.reason,
      notCounted,
      unit: counter.measureUnit,
      endedBy,
      capEndsAt: open.capEnd === null ? null : counter.format(open.capEnd),
      isAfterDue: open.isAfterDue,
      fromPosition: open.from,
      toPosition: position,
    });
    open = null;
  };

  for (const { event, position } of ordered) {
    if (start === null) {
      // Anything before the clock starts belongs to nothing and is ignored.
      if (!('action' in startSpec) || event.action !== startSpec.action) continue;
      start = position;
      startInfo = { at: counter.format(position), source: 'action', name: event.action, label: startSpec.label ?? label(event.action), why: startSpec.label ?? label(event.action) };
      continue;
    }
    if (position < start) continue;
    // A pause whose cap has run out ended at the cap, before this event.
    if (open && open.capEnd !== null && position > open.capEnd) closePause(open.capEnd, 'cap');
    const action = event.action;
    if (spec.stopOn?.includes(action)) {
      if (open) closePause(position, 'resume');
      stop = { position, action };
      break;
    }
    if (spec.restartOn?.includes(action)) {
      if (open) closePause(position, 'restart');
      restarts.push({ at: counter.format(position), action, reason: event.reason ?? label(action), previousStart: counter.format(start) });
      start = position;
      total = spec.amount;
      moves = [];
      extensionsSinceStart = [];
      continue;
    }
    if (spec.extendOn && action === spec.extendOn.action) {
      const extension = applyExtension({ spec, event, used: extensionsSinceStart, format: counter.format(position) });
      if (extension.unit === spec.unit) total += extension.amount;
      else moves.push({ amount: extension.amount, unit: extension.unit });
      extensions.push(extension);
      extensionsSinceStart.push(extension);
      continue;
    }
    if (open) {
      if (open.spec.resumeOn.includes(action)) closePause(position, 'resume');
      continue; // already paused: the first pause holds until its resume
    }
    const pauseSpec = spec.pauses?.find((candidate) => candidate.on.includes(action));
    if (pauseSpec) {
      open = {
        spec: pauseSpec,
        from: position,
        reason: event.reason ?? pauseSpec.label ?? label(action),
        // Nothing is left to stop when the period's last day (or minute) is already behind the pause.
        isAfterDue: position >= endOf(start),
        capEnd: pauseSpec.cap ? counter.advance(position, pauseSpec.cap.amount, pauseSpec.cap.unit) : null,
      };
    }
  }

  const nowPosition = input.now === undefined ? null : counter.positionOf(input.now);
  const stillOpen = open as OpenPause | null;
  if (stillOpen && stillOpen.capEnd !== null && nowPosition !== null && nowPosition > stillOpen.capEnd) closePause(stillOpen.capEnd, 'cap');
  const openPause = open as OpenPause | null;

  // While paused the due date is unknown, unless a cap bounds the pause: then it is the date the
  // clock reaches if the pause lasts its whole cap.
  let end: number | null = null;
  if (start !== null && !(openPause && openPause.capEnd === null && !openPause.isAfterDue && !openPause.spec.isCounted)) {
    const extra: Move[] = [];
    if (openPause && openPause.capEnd !== null && !openPause.isAfterDue && !openPause.spec.isCounted) {
      extra.push({ amount: counter.measure(openPause.from, openPause.capEnd), unit: counter.measureUnit });
    }
    end = endOf(start, extra);
  }
  const rollsOver = counter.isDays && spec.rollOverRestDay !== false;
  const duePosition = end === null ? null : rollsOver ? counter.positionOf(calendar.nextWorkday(counter.format(end))) : end;
  if (openPause) {
    pauses.push({
      from: counter.format(openPause.from),
      to: null,
      reason: openPause.reason,
      notCounted: openPause.spec.isCounted ? 0 : null,
      unit: counter.measureUnit,
      endedBy: null,
      capEndsAt: openPause.capEnd === null ? null : counter.format(openPause.capEnd),
      isAfterDue: openPause.isAfterDue,
      fromPosition: openPause.from,
      toPosition: null,
    });
  }

  const isPaused = openPause !== null && !openPause.isAfterDue;
  const state: ClockState =
    start === null
      ? 'pending'
      : stop
        ? 'stopped'
        : isPaused
          ? 'paused'
          : duePosition !== null && nowPosition !== null && nowPosition > duePosition
            ? 'overdue'
            : 'running';
  const remaining =
    (state === 'running' || state === 'overdue') && duePosition !== null && nowPosition !== null
      ? { amount: counter.measure(nowPosition, duePosition), unit: remainingUnit(counter, spec.unit) }
      : null;

  const due = duePosition === null ? null : counter.format(duePosition);
  const extendOn = spec.extendOn;
  const extensionUnit = extendOn?.unit ?? spec.unit;
  const details = countedDetails({ calendar, counter, officeHours, spec, start, end, duePosition, pauses });

  const explanation: ClockExplanation = {
    clockId: spec.id,
    label: spec.label,
    basis: spec.basis,
    ruleText: ruleTextOf(spec, startInfo?.label ?? startLabelOf(spec, label)),
    amount: spec.amount,
    unit: spec.unit,
    start: startInfo,
    skippedRestDays: details.skippedRestDays,
    countedHours: details.countedHours,
    officeHours: spec.unit === 'workhour' ? officeHours : null,
    pauses: pauses.map(({ fromPosition: _from, toPosition: _to, ...pause }) => pause),
    restarts,
    extensions,
    extensionLeft: extendOn
      ? {
          times: extendOn.maxTimes - extensionsSinceStart.length,
          amount: extendOn.maxAmount - extensionsSinceStart.reduce((sum, item) => sum + item.amount, 0),
          unit: extensionUnit,
        }
      : null,
    movedFromRestDay: end !== null && duePosition !== null && end !== duePosition ? { from: counter.format(end), to: counter.format(duePosition) } : null,
    calendarOverridesUsed: details.calendarOverridesUsed,
    stop: stop ? { at: counter.format(stop.position), action: stop.action, isInTime: duePosition === null || stop.position <= duePosition } : null,
    due,
  };
  return {
    clockId: spec.id,
    state,
    start: start === null ? null : counter.format(start),
    due,
    stoppedAt: stop ? counter.format(stop.position) : null,
    pausedAt: isPaused && openPause ? counter.format(openPause.from) : null,
    remaining,
    explanation,
  };
};

const remainingUnit = (counter: Counter, unit: ClockUnit): MeasureUnit => (counter.isDays ? (unit === 'workday' ? 'workday' : 'day') : counter.measureUnit);

const startLabelOf = (spec: ClockSpec, label: (action: string) => string): string => {
  const start = spec.start;
  if (start.label) return start.label;
  if ('action' in start) return label(start.action);
  if ('field' in start) return start.field;
  if ('at' in start) return start.label;
  return `「${start.after}」结束`;
};

/** Checks an extension against its approver and cap; refusals are invalid-state errors (HTTP 422). */
const applyExtension = ({ spec, event, used, format }: { spec: ClockSpec; event: ClockEvent; used: readonly ClockExtension[]; format: string }): ClockExtension => {
  const extension = spec.extendOn!;
  const unit = extension.unit ?? spec.unit;
  const amount = checkAmount(event.amount, '延长期限', 1);
  const roles = extension.approverRoles ?? [];
  if (roles.length > 0 && (event.approverRole === undefined || !roles.includes(event.approverRole))) {
    throw invalidState(`延长「${spec.label}」须经${roles.join('或')}批准`);
  }
  if (used.length >= extension.maxTimes) throw invalidState(`延长次数已达上限：该期限最多延长 ${extension.maxTimes} 次`);
  const sum = used.reduce((total, item) => total + item.amount, 0);
  if (sum + amount > extension.maxAmount) {
    throw invalidState(`延长期限合计不得超过 ${extension.maxAmount} ${unitText[unit]}（已延长 ${sum}，本次申请 ${amount}）`);
  }
  return { at: format, amount, unit, approverRole: event.approverRole ?? null, reason: event.reason ?? null };
};
