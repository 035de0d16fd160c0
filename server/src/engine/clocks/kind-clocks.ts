/**
 * From a kind's declaration and a case's trail to the inputs of its clocks: the case's own specs
 * (stopped when the case closes), each assignment's spec by role, and the trail events each clock reads.
 * Pure: sync.ts runs it in the action's transaction, retime.ts after a calendar change.
 */
import type { KindDefinition } from '../kinds/kind.types.js';
import { todayInShanghai } from '../calendar/dates.js';
import { keyedAction, SIGN_CLOCK_ID, type AssignmentRole, type ClockAmount, type ClockEvent, type ClockFieldValue, type ClockSpec } from './clock.types.js';
import { assignmentClockSpec } from './clock-set.js';

/** One event of the case's trail as the clocks read it. */
export type TrailEvent = { action: string; at: Date; data: Record<string, unknown> | null };

const closingActions = (kind: KindDefinition): string[] => kind.transitions.filter((transition) => transition.closes).map((transition) => transition.action);

/** The case's own clocks; closing the case (办结, 撤销 …) stops every one still open. */
export const caseClockSpecs = (kind: KindDefinition, fields: Record<string, unknown>, settings: Readonly<Record<string, number>>): ClockSpec[] => {
  const declared = typeof kind.clocks === 'function' ? kind.clocks(fields, settings) : (kind.clocks ?? []);
  const closing = closingActions(kind);
  return declared.map((spec) => ({ ...spec, stopOn: [...(spec.stopOn ?? []), ...closing] }));
};

/** The clock of one 交办: the kind's default for the role, or the period 交办 gave it. */
export const assignmentSpecOf = (kind: KindDefinition, role: AssignmentRole, period: ClockAmount | undefined, fields: Record<string, unknown>): ClockSpec | undefined => {
  const declared = kind.assignmentClock;
  if (!declared) return undefined;
  const caseBasis = kind.assignmentBasis?.(fields);
  // The case's own 依据 (e.g. by urgency) where the kind gives one; the role default's otherwise.
  const basis = caseBasis ?? declared.defaults[role]?.basis ?? declared.defaults.lead?.basis;
  const base = period ?? declared.defaults[role];
  const defaults = base ? { ...declared.defaults, [role]: { ...base, ...(basis ? { basis } : {}) } } : declared.defaults;
  return assignmentClockSpec({
    defaults,
    role,
    // Answered, returned, withdrawn by the office (撤回, 改派 away), or the case closed: the unit's time stops.
    stopOn: ['reply', 'unit_return', 'recall', 'reassign', ...(declared.stopOn ?? []), ...closingActions(kind)],
    ...(declared.extendOn ? { extendOn: declared.extendOn } : {}),
    ...(declared.startOn ? { startAction: declared.startOn } : {}),
    ...(declared.restartOn ? { restartOn: declared.restartOn } : {}),
  });
};

/**
 * The 签收 clock of one assignment, where the kind declares one: from the 交办 (or 改派) until the unit
 * signs for it, or returns it, or the office takes it back, or the case closes.
 */
export const assignmentSignSpecOf = (kind: KindDefinition, settings: Readonly<Record<string, number>>): ClockSpec | undefined => {
  const within = kind.assignmentClock?.signWithin?.(settings);
  if (!within) return undefined;
  return {
    id: SIGN_CLOCK_ID,
    label: '签收时限',
    amount: within.amount,
    unit: within.unit,
    basis: within.basis,
    start: { action: 'assign' },
    stopOn: ['sign', 'unit_return', 'recall', 'reassign', ...closingActions(kind)],
  };
};

/** The spec of a stored assignment clock by its id: the 签收 clock, or the unit's handling clock. */
export const assignmentSpecById = (
  kind: KindDefinition,
  clockId: string,
  role: AssignmentRole,
  period: ClockAmount | undefined,
  fields: Record<string, unknown>,
  settings: Readonly<Record<string, number>>,
): ClockSpec | undefined => (clockId === SIGN_CLOCK_ID ? assignmentSignSpecOf(kind, settings) : assignmentSpecOf(kind, role, period, fields));

/** The actions a spec reacts to: only these are stored with the clock. */
export const clockActionsOf = (spec: ClockSpec): Set<string> =>
  new Set([
    ...('action' in spec.start ? [spec.start.action] : []),
    ...(spec.pauses ?? []).flatMap((pause) => [...pause.on, ...pause.resumeOn]),
    ...(spec.restartOn ?? []),
    ...(spec.extendOn ? [spec.extendOn.action] : []),
    ...(spec.stopOn ?? []),
  ]);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A trail event as a clock event: an extension carries its amount, approver and reason. An event recorded
 * after the fact carries the day it happened as `clockAt` in its data (a 补正 signed for on Friday and
 * entered on Monday: 条例第三十条 counts from the day it was received), and the clock reads that day.
 */
export const toClockEvent = (event: TrailEvent): ClockEvent => {
  const data = event.data ?? {};
  const extension = (data.extension ?? null) as { amount?: unknown; reason?: unknown } | null;
  const amount = typeof extension?.amount === 'number' ? extension.amount : undefined;
  const reason = text(extension?.reason) ?? text(data.reason);
  const approverRole = text(data.approverRole);
  const recorded = event.at.toISOString();
  const clockAt = typeof data.clockAt === 'string' && DAY_PATTERN.test(data.clockAt) ? data.clockAt : undefined;
  // Known by its day only: on the day it was recorded, the recorded instant; on an earlier day, that day's last
  // minute, so it still follows what happened earlier that day (the 补正 notice itself, when answered the same day).
  const at = clockAt === undefined || clockAt === todayInShanghai(event.at) ? recorded : `${clockAt}T23:59:00+08:00`;
  return {
    action: event.action,
    at,
    ...(amount === undefined ? {} : { amount }),
    ...(reason === undefined ? {} : { reason }),
    ...(approverRole === undefined ? {} : { approverRole }),
  };
};

/**
 * A trail event as the case's clocks read it: itself and, when its data carries a `clockKey` (a kind's
 * inTransaction returns it: the period a 调度 report is for, the node a 节点完成 completes), also as the
 * keyed action `report#2026-03`, so the one clock declared for that period or node reacts to it alone.
 */
export const caseTrailClockEvents = (trail: readonly TrailEvent[]): ClockEvent[] =>
  trail.flatMap((event) => {
    const plain = toClockEvent(event);
    const key = event.data?.clockKey;
    return typeof key === 'string' && key !== '' ? [plain, { ...plain, action: keyedAction(event.action, key) }] : [plain];
  });

export const caseClockEvents = (spec: ClockSpec, trail: readonly TrailEvent[]): ClockEvent[] => {
  const actions = clockActionsOf(spec);
  return caseTrailClockEvents(trail).filter((event) => actions.has(event.action));
};

/** The date fields a case clock starts from, as the clock reads them. */
export const clockFieldsOf = (specs: readonly ClockSpec[], fields: Record<string, unknown>): Record<string, ClockFieldValue> => {
  const found: Record<string, ClockFieldValue> = {};
  for (const spec of specs) {
    if (!('field' in spec.start)) continue;
    const value = fields[spec.start.field];
    if (typeof value === 'string') found[spec.start.field] = value;
    else if (value && typeof value === 'object' && typeof (value as { at?: unknown }).at === 'string') {
      const { at, why } = value as { at: string; why?: unknown };
      found[spec.start.field] = { at, why: typeof why === 'string' ? why : at };
    }
  }
  return found;
};

const assignedTo = (event: TrailEvent, unitId: string): { period?: ClockAmount } | undefined => {
  const assigned = event.data?.assigned;
  // 改派 gives the item to its new unit as a 交办 would.
  if ((event.action !== 'assign' && event.action !== 'reassign') || !Array.isArray(assigned)) return undefined;
  return (assigned as Array<{ unitId?: unknown; period?: ClockAmount }>).find((item) => item.unitId === unitId);
};

/**
 * What one assignment's clock reads: from the unit's latest 交办 (a unit that returned it and was
 * given it again starts afresh), its own steps, and the case's closing. A reply sent back (退回重办,
 * 再批示) is no longer an answer, so it does not stop the clock.
 */
export const assignmentClockInputs = (
  kind: KindDefinition,
  trail: readonly TrailEvent[],
  assignment: { id: string; unitId: string },
): { events: ClockEvent[]; period?: ClockAmount } => {
  let startIndex = -1;
  for (let index = 0; index < trail.length; index += 1) if (assignedTo(trail[index]!, assignment.unitId)) startIndex = index;
  if (startIndex < 0) return { events: [] };
  const start = trail[startIndex]!;
  const period = assignedTo(start, assignment.unitId)?.period;
  const closing = new Set(closingActions(kind));
  const extendAction = kind.assignmentClock?.extendOn?.action;
  const restartOn = new Set(kind.assignmentClock?.restartOn ?? []);
  const events: ClockEvent[] = [{ action: 'assign', at: start.at.toISOString() }];
  const dropLastReply = () => {
    const index = events.map((event) => event.action).lastIndexOf('reply');
    if (index >= 0) events.splice(index, 1);
  };
  for (const event of trail.slice(startIndex + 1)) {
    const data = event.data ?? {};
    if (closing.has(event.action)) events.push({ action: event.action, at: event.at.toISOString() });
    else if (event.action === 'reopen' && Array.isArray(data.reopened) && data.reopened.includes(assignment.unitId)) {
      dropLastReply();
      // 重办 with a new clock: the whole period again from the 重办 (where the kind says so).
      if (restartOn.has('reopen')) events.push({ action: 'reopen', at: event.at.toISOString() });
    } else if (restartOn.has(event.action) && Array.isArray(data.reopened) && data.reopened.includes(assignment.unitId)) {
      dropLastReply();
      events.push({ action: event.action, at: event.at.toISOString() });
    }
    else if (data.assignmentId !== assignment.id) continue;
    else if (event.action === 'reject_reply') dropLastReply();
    // The office's 同意 of the unit's 申请延期 is the assignment clock's extension.
    else if (event.action === 'grant_extension' && extendAction) events.push({ ...toClockEvent(event), action: extendAction });
    else events.push(toClockEvent(event));
  }
  return { events, ...(period ? { period } : {}) };
};
