/**
 * The engine's effects on assignments, each implemented once (see Effect in kind.types.ts).
 * Called inside the action's transaction; returns what the trail records about it.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AssignUnitInput, AttachmentRef, Satisfaction } from '../../../../common/schemas/cases.js';
import type { z } from 'zod';
import { assignments, attachments, caseEvents, units } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { invalidState, validationError } from '../../platform/errors.js';
import type { Calendar } from '../calendar/calendar.js';
import type { AssignmentView, Effect, GuardContext, KindDefinition } from '../kinds/kind.types.js';
import { listSettingValues } from '../../platform/settings.js';
import type { AssignmentRow } from './cases.repository.js';
import { assignmentClockInputs, assignmentSpecOf, type TrailEvent } from '../clocks/kind-clocks.js';
import { computeClock } from '../clocks/compute.js';
import { loadOfficeHours } from '../clocks/office-hours.js';
import { dueDay } from '../clocks/status.js';
import { assignmentDueOf } from './assignment-due.js';
import type { ClockAmount } from '../clocks/clock.types.js';
import type { OfficeHours } from '../calendar/working-hours.js';

export type EffectContext = {
  tx: Db;
  guard: GuardContext;
  kind: KindDefinition;
  caseId: string;
  assignments: readonly AssignmentRow[];
  target: AssignmentView | undefined;
  input: EffectInput;
  now: Date;
  today: string;
  calendar: Calendar;
  /** Who pressed the button, as the unit's request records them. */
  byName?: string;
  /** The case's trail as read in this transaction after the version was claimed, when the caller has it. */
  trail?: readonly TrailEvent[];
  /**
   * Each assignment row as this effect wrote it (RETURNING), by id: the action reads the assignments after its
   * effect from here instead of asking the database again (withAssignmentsWritten).
   */
  written?: Map<string, AssignmentRow>;
};

/** The case's assignments after the effect: those loaded, with the rows it wrote in their place, in 交办 order. */
export const withAssignmentsWritten = (loaded: readonly AssignmentRow[], written: ReadonlyMap<string, AssignmentRow>): AssignmentRow[] => {
  const rows = loaded.map((row) => written.get(row.id) ?? row);
  const known = new Set(loaded.map((row) => row.id));
  rows.push(...[...written.values()].filter((row) => !known.has(row.id)));
  // findAssignments' order: by 交办 time, then id.
  return rows.sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

type EventData = Record<string, unknown>;

/**
 * An action's inputs after its form checked them, as the effects read them: the registry has checked
 * that a transition with an effect declares these inputs with the widgets that give these shapes.
 */
export type EffectInput = {
  comment?: string;
  units?: z.infer<typeof AssignUnitInput>[];
  reply?: string;
  attachments?: AttachmentRef[];
  reason?: string;
  satisfaction?: z.infer<typeof Satisfaction>;
  extension?: { amount: number; reason: string };
  [name: string]: unknown;
};

const need = <T>(value: T | undefined, message: string): T => {
  if (value === undefined) throw validationError(message);
  return value;
};

const targetRow = (context: EffectContext): AssignmentRow => {
  const target = context.target && context.assignments.find((row) => row.id === context.target!.id);
  if (!target) throw validationError('请指定要办理的交办单位');
  return target;
};

const remember = (context: EffectContext, rows: readonly AssignmentRow[]) => {
  for (const row of rows) context.written?.set(row.id, row);
};

const setAssignment = async (context: EffectContext, row: AssignmentRow, set: Partial<typeof assignments.$inferInsert>) => {
  remember(
    context,
    await context.tx
      .update(assignments)
      .set({ ...set, version: row.version + 1 })
      .where(eq(assignments.id, row.id))
      .returning(),
  );
};

/** Checks units exist and are active: a 交办 or 改派 to a unit closed meanwhile is refused. */
const assertActiveUnits = async (context: EffectContext, unitIds: readonly string[]) => {
  const found = await context.tx
    .select({ id: units.id, isActive: units.isActive })
    .from(units)
    .where(inArray(units.id, [...unitIds]));
  if (found.length !== unitIds.length || found.some((unit) => !unit.isActive)) throw validationError('承办单位不存在或已停用');
};

/**
 * Gives the item to a unit with a fresh clock: a new assignment, or the unit's returned or withdrawn one
 * given again (one row per unit and case). Returns what the trail records; the clock reads it from there.
 */
const giveToUnit = async (context: EffectContext, unit: z.infer<typeof AssignUnitInput>, kindPeriod: ClockAmount | undefined, officeHours: OfficeHours): Promise<EventData> => {
  const existing = context.assignments.find((row) => row.unitId === unit.unitId);
  if (existing && existing.state !== 'returned' && existing.state !== 'withdrawn') {
    throw invalidState('该单位已在办理此事项，不能重复交办');
  }
  // The due date for the trail (the same call as the 交办 dialog's preview); the clock itself is saved with the case's clocks after the event.
  const { due, period } = assignmentDueOf({ kind: context.kind, role: unit.role, dueDays: unit.dueDays, kindPeriod, fields: context.guard.case.fields, now: context.now, calendar: context.calendar, officeHours });
  const values = {
    role: unit.role,
    state: 'pending' as const,
    deadline: null,
    dueDate: due,
    dueStatus: 'none' as const,
    instruction: unit.instruction ?? null,
    assignedAt: context.now,
    signedAt: null,
    repliedAt: null,
    reply: null,
    replyAttachments: null,
    returnReason: null,
    acceptedAt: null,
    satisfaction: null,
    extensionRequest: null,
    sightEndedAt: null,
  };
  if (existing) await setAssignment(context, existing, values); // a unit that returned it gets it again (and sees it again)
  else remember(context, await context.tx.insert(assignments).values({ ...values, caseId: context.caseId, unitId: unit.unitId }).returning());
  return { unitId: unit.unitId, role: unit.role, due, ...(period ? { period } : {}) };
};

/**
 * A kind whose returned assignments stop granting sight once the case goes to another unit (returnedSight:
 * 'endsOnRedispatch'): the units that returned it, other than those just given it, see it no more — the
 * assignments trigger drops their case_unit_visibility rows in this transaction. Returns those units for the trail.
 */
const endReturnedSight = async (context: EffectContext, givenTo: readonly string[]): Promise<EventData> => {
  if (context.kind.returnedSight !== 'endsOnRedispatch') return {};
  const ended = context.assignments.filter((row) => row.state === 'returned' && row.sightEndedAt === null && !givenTo.includes(row.unitId));
  for (const row of ended) await setAssignment(context, row, { sightEndedAt: context.now });
  return ended.length > 0 ? { returnedSightEnded: ended.map((row) => row.unitId) } : {};
};

const assign = async (context: EffectContext): Promise<EventData> => {
  const requested = need(context.input.units, '请选择承办单位');
  if (context.kind.assignmentsNeedLead !== false && !requested.some((unit) => unit.role === 'lead') && !context.assignments.some((row) => row.role === 'lead' && row.state !== 'withdrawn')) {
    throw validationError('请至少指定一个主办单位');
  }
  const unitIds = requested.map((unit) => unit.unitId);
  if (new Set(unitIds).size !== unitIds.length) throw validationError('同一单位不能重复交办');
  await assertActiveUnits(context, unitIds);
  const kindPeriod = context.kind.assignmentClock?.periodOf?.(context.guard, await listSettingValues(context.tx), context.today);
  const officeHours = await loadOfficeHours(context.tx);
  const created: EventData[] = [];
  for (const unit of requested) created.push(await giveToUnit(context, unit, kindPeriod, officeHours));
  return { assigned: created, ...(await endReturnedSight(context, unitIds)) };
};

/**
 * The assignment's due date if `extension` were granted now, computed from the trail as the clock will be
 * after the event: an extension over the kind's cap is refused here (422) before anything is written.
 */
const extendedDue = async (context: EffectContext, row: AssignmentRow, extension: { amount: number; reason: string }): Promise<string | null> => {
  const extendOn = context.kind.assignmentClock?.extendOn;
  if (!extendOn || !row.dueDate) throw invalidState('该交办没有可延长的办理时限');
  const trail: TrailEvent[] = context.trail
    ? [...context.trail]
    : await context.tx
        .select({ action: caseEvents.action, at: caseEvents.at, data: caseEvents.data })
        .from(caseEvents)
        .where(eq(caseEvents.caseId, context.caseId))
        .orderBy(asc(caseEvents.seq));
  trail.push({ action: extendOn.action, at: context.now, data: { assignmentId: row.id, extension } });
  const { events, period } = assignmentClockInputs(context.kind, trail, row);
  const spec = assignmentSpecOf(context.kind, row.role, period, context.guard.case.fields);
  if (!spec) throw invalidState('该交办没有可延长的办理时限');
  const result = computeClock({ spec, events, calendar: context.calendar, officeHours: await loadOfficeHours(context.tx) });
  return dueDay(result.due);
};

const unitNameOf = async (context: EffectContext, unitId: string) => {
  const [row] = await context.tx.select({ name: units.name, shortName: units.shortName }).from(units).where(eq(units.id, unitId));
  return row ? (row.shortName ?? row.name) : '';
};

/** 撤回 and 改派 both end the unit's open work on the item: no answer is awaited from it any more. */
const withdraw = async (context: EffectContext, row: AssignmentRow) => {
  if (row.state !== 'pending' && row.state !== 'in_progress') throw invalidState('只能撤回待签收或办理中的交办');
  await setAssignment(context, row, { state: 'withdrawn', dueStatus: 'none', extensionRequest: null });
};

const recall = async (context: EffectContext): Promise<EventData> => {
  const row = targetRow(context);
  const reason = need(context.input.reason, '请填写撤回理由');
  await withdraw(context, row);
  return { assignmentId: row.id, unitId: row.unitId, unitName: await unitNameOf(context, row.unitId), reason };
};

/** 改派: one action, so the item is never with neither unit nor with both. */
const reassign = async (context: EffectContext): Promise<EventData> => {
  const row = targetRow(context);
  const reason = need(context.input.reason, '请填写改派理由');
  const toUnitId = need(context.input.unitId as string | undefined, '请选择改派到的单位');
  if (toUnitId === row.unitId) throw validationError('改派的单位与原承办单位相同');
  await assertActiveUnits(context, [toUnitId]);
  await withdraw(context, row);
  const kindPeriod = context.kind.assignmentClock?.periodOf?.(context.guard, await listSettingValues(context.tx), context.today);
  const given = await giveToUnit(context, { unitId: toUnitId, role: row.role, ...(row.instruction ? { instruction: row.instruction } : {}) }, kindPeriod, await loadOfficeHours(context.tx));
  return {
    assignmentId: row.id,
    unitId: row.unitId,
    unitName: await unitNameOf(context, row.unitId),
    toUnitId,
    toUnitName: await unitNameOf(context, toUnitId),
    reason,
    // The new unit's clock starts here, as from a 交办 (kind-clocks.ts reads `assigned`).
    assigned: [given],
    ...(await endReturnedSight(context, [toUnitId])),
  };
};

const askExtension = async (context: EffectContext): Promise<EventData> => {
  const row = targetRow(context);
  const extension = need(context.input.extension, '请填写延期天数和理由');
  if (row.extensionRequest) throw invalidState('已有延期申请等待审批');
  // Asked beyond the cap, it could never be granted: say so now rather than at the office's 同意.
  const to = await extendedDue(context, row, extension);
  await setAssignment(context, row, { extensionRequest: { ...extension, at: context.now.toISOString(), byName: context.byName ?? '' } });
  return { assignmentId: row.id, unitId: row.unitId, requested: extension, from: row.dueDate, to };
};

const grantExtension = async (context: EffectContext): Promise<EventData> => {
  const row = targetRow(context);
  const request = row.extensionRequest;
  if (!request) throw invalidState('该交办没有待审批的延期申请');
  const extension = { amount: request.amount, reason: request.reason };
  const to = await extendedDue(context, row, extension);
  await setAssignment(context, row, { extensionRequest: null });
  // `extension` in the trail is what the assignment's clock reads as the extension (kind-clocks.ts).
  return { assignmentId: row.id, unitId: row.unitId, extension, from: row.dueDate, to };
};

const refuseExtension = async (context: EffectContext): Promise<EventData> => {
  const row = targetRow(context);
  const reason = need(context.input.reason, '请填写不同意的理由');
  const request = row.extensionRequest;
  if (!request) throw invalidState('该交办没有待审批的延期申请');
  await setAssignment(context, row, { extensionRequest: null });
  return { assignmentId: row.id, unitId: row.unitId, requested: { amount: request.amount, reason: request.reason }, reason };
};

const storedAttachments = async (context: EffectContext) => {
  const refs = context.input.attachments ?? [];
  if (refs.length === 0) return [];
  const rows = await context.tx
    .select({ digest: attachments.digest, size: attachments.size })
    .from(attachments)
    .where(inArray(attachments.digest, refs.map((ref) => ref.digest)));
  const sizes = new Map(rows.map((row) => [row.digest, row.size]));
  return refs.map((ref) => {
    const size = sizes.get(ref.digest);
    if (size === undefined) throw validationError(`附件「${ref.name}」不存在，请重新上传`);
    return { digest: ref.digest, name: ref.name, size };
  });
};

const effects: Record<Effect, (context: EffectContext) => Promise<EventData>> = {
  assign,
  sign: async (context) => {
    const row = targetRow(context);
    await setAssignment(context, row, { state: 'in_progress', signedAt: context.now });
    return { assignmentId: row.id, unitId: row.unitId };
  },
  reply: async (context) => {
    const row = targetRow(context);
    const reply = need(context.input.reply, '请填写答复内容');
    const files = await storedAttachments(context);
    // Answered: no longer due, so no longer yellow or red (the trail keeps whether it was late).
    await setAssignment(context, row, { state: 'replied', reply, replyAttachments: files, repliedAt: context.now, acceptedAt: null, dueStatus: 'none' });
    // The trail records each file's SM3 digest: the reply can later be shown to be the one filed.
    return { assignmentId: row.id, unitId: row.unitId, attachments: files, isLate: row.dueDate !== null && context.today > row.dueDate };
  },
  unit_return: async (context) => {
    const row = targetRow(context);
    const reason = need(context.input.reason, '请填写退回理由');
    await setAssignment(context, row, { state: 'returned', returnReason: reason });
    return { assignmentId: row.id, unitId: row.unitId, reason };
  },
  accept_reply: async (context) => {
    const row = targetRow(context);
    await setAssignment(context, row, { acceptedAt: context.now, satisfaction: context.input.satisfaction ?? null });
    return { assignmentId: row.id, unitId: row.unitId, satisfaction: context.input.satisfaction ?? null };
  },
  reject_reply: async (context) => {
    const row = targetRow(context);
    const reason = need(context.input.reason, '请填写退回重办的理由');
    await setAssignment(context, row, { state: 'in_progress', acceptedAt: null });
    return { assignmentId: row.id, unitId: row.unitId, reason };
  },
  extend: async (context) => {
    const row = targetRow(context);
    const extension = need(context.input.extension, '请填写延期天数和理由');
    const to = await extendedDue(context, row, extension);
    return { assignmentId: row.id, unitId: row.unitId, extension, from: row.dueDate, to };
  },
  reopen: async (context) => {
    const reopened = context.assignments.filter((row) => row.state === 'replied');
    if (reopened.length > 0) {
      remember(
        context,
        await context.tx
          .update(assignments)
          .set({ state: 'in_progress', acceptedAt: null })
          .where(and(eq(assignments.caseId, context.caseId), inArray(assignments.id, reopened.map((row) => row.id))))
          .returning(),
      );
    }
    return { reopened: reopened.map((row) => row.unitId) };
  },
  recall,
  reassign,
  ask_extension: askExtension,
  grant_extension: grantExtension,
  refuse_extension: refuseExtension,
};

export const applyEffect = (effect: Effect, context: EffectContext): Promise<EventData> => effects[effect](context);

/** Ends the assignments still pending or in progress (their case is being closed); returns the rows as ended. */
export const endOpenAssignments = (tx: Db, caseId: string): Promise<AssignmentRow[]> =>
  tx
    .update(assignments)
    .set({ state: 'ended', dueStatus: 'none' })
    .where(and(eq(assignments.caseId, caseId), inArray(assignments.state, ['pending', 'in_progress'])))
    .returning();
