/**
 * Taking an action on a case — the one guarded transaction every kind goes through:
 * load (visible to the actor) → check the actor → guard state and version → in one
 * transaction: claim the version, apply the effect, recompute due dates and 待办, append
 * the trail event → side effects after.
 */
import type { ActionEnvelope } from '../../../../common/schemas/cases.js';
import { parseActionInput } from '../inputs/form.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, invalidState, notFound, validationError } from '../../platform/errors.js';
import { protectActionInputs } from '../personal/action-inputs.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { GuardContext, TransitionContext } from '../kinds/kind.types.js';
import { findTransition, getKind } from '../kinds/registry.js';
import { identitiesOf } from './access.js';
import {
  claimCaseVersion,
  rewriteFields,
  type AssignmentRow,
  findVisibleCaseWithAssignments,
  replaceWorkItems,
  workItemChanges,
  searchColumnsOf,
  toAssignmentView,
  toCaseView,
} from './cases.repository.js';
import { applyEffect, type EffectInput, endOpenAssignments, withAssignmentsWritten } from './effects.js';
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import { syncCaseClocks } from '../clocks/sync.js';
import { transitionMovesClocks } from '../clocks/relevance.js';
import { loadTrailAndClocks } from '../clocks/clocks.repository.js';
import { listSettingValues } from '../../platform/settings.js';
import { loadOfficeHours } from '../clocks/office-hours.js';
import { admits, availableActions, targetsAssignment } from './rules.js';
import { assertCanCite, digestsIn } from '../attachments/citations.js';
import { resolvePeopleFields } from './people.js';
import { appendEvent, readTrail, readTrailTail, storedTrailEvent } from './trail.js';
import { forgetCachedCounts } from '../../platform/count-cache.js';
import { unitRequestsWaiting } from '../kinds/standard.js';
import { protectPersonalFields, storePersonalChanges } from '../personal/protect.js';

export const performAction = async ({
  db,
  actor,
  caseId,
  action,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  caseId: string;
  action: string;
  input: ActionEnvelope;
  now: Date;
}): Promise<{ caseId: string; version: number; state: string }> => {
  const today = todayInShanghai(now);
  const identities = await identitiesOf({ db, actor, today });
  const found = await findVisibleCaseWithAssignments(db, identities, caseId);
  if (!found) throw notFound('事项');
  const loaded = found.row;
  const kind = getKind(loaded.kind);
  // A stale version first: the client acted on a page someone else has changed since.
  if (loaded.version !== input.version) throw conflict();
  const transition = findTransition(kind, action, loaded.state);

  const identity = input.onBehalfOf
    ? identities.find((candidate) => candidate.userId === input.onBehalfOf && !candidate.isSelf)
    : identities[0];
  if (!identity) throw forbidden('您没有代该用户办理的授权（AB角）');
  const assignmentRows = found.assignments;
  const context: GuardContext = { case: toCaseView(loaded), assignments: assignmentRows.map(toAssignmentView) };
  // The checks below read the assignments after the version check; if someone acted in between,
  // a refusal would be about a case the client never saw: that is a lost race, a 409.
  const refuse = async (error: Error): Promise<never> => {
    const [current] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
    throw current && current.version !== input.version ? conflict() : error;
  };
  const inapplicable = transition.neverApplies?.(context);
  if (inapplicable) return refuse(invalidState(inapplicable));
  const admitted = admits(transition, identity, context);
  if (!admitted) return refuse(forbidden(`您不能执行「${transition.label}」`));
  // Checked against the kind's declaration only once the actor may act at all: a refusal says 403 first.
  const { version: _version, onBehalfOf: _onBehalfOf, assignmentId: _assignmentId, ...body } = input;
  // A citizen's numbers in the action's free text are masked before anything below sees the text; the clear text
  // is sealed into the event (action-inputs.ts).
  const protectedInputs = protectActionInputs({ kind, caseId, values: parseActionInput(transition.input, body) as Record<string, unknown> });
  const values = protectedInputs.values as EffectInput;

  let target = admitted.assignment;
  // A unit acts on its own assignment only: naming another unit's (申请延期 for them) is refused, not redirected.
  if (target && input.assignmentId && input.assignmentId !== target.id) return refuse(forbidden(`您只能对本单位的交办「${transition.label}」`));
  if (targetsAssignment(transition)) {
    const options = availableActions(kind, [identity], context).filter((item) => item.action === action);
    const chosen = options.find((item) => item.assignmentId === input.assignmentId);
    if (!input.assignmentId) throw validationError('请指定交办单位');
    if (!chosen) return refuse(invalidState(`该交办单位当前不能「${transition.label}」`));
    target = context.assignments.find((assignment) => assignment.id === input.assignmentId);
  }
  const blockedReason = transition.guard?.({ ...context, assignment: target });
  if (blockedReason) return refuse(invalidState(blockedReason));

  const calendar = await loadCalendar({ db });
  const officeHours = await loadOfficeHours(db);
  const transitionContext: TransitionContext = {
    ...context,
    assignment: target,
    who: { userId: identity.userId, displayName: identity.displayName, roles: identity.roles, unitId: identity.unitId },
    by: { userId: actor.userId, displayName: actor.displayName },
    input: values,
    now,
    today,
  };
  if (transition.changesNothing?.(transitionContext)) return { caseId, version: loaded.version, state: loaded.state };
  const fields = transition.patchFields
    ? await resolvePeopleFields({ db, kind, fields: { ...loaded.fields, ...(await transition.patchFields({ ...transitionContext, db })) }, before: loaded.fields })
    : loaded.fields;
  // Files already on the case were checked when they came; what this action brings is checked now.
  const onCase = digestsIn(loaded.fields);
  await assertCanCite({ db, actor, identities, digests: [...digestsIn(values), ...digestsIn(fields)].filter((digest) => !onCase.has(digest)) });
  const patchedContext = { ...transitionContext, case: { ...transitionContext.case, fields } };
  // What the row may hold: personal values masked; the changed ones are sealed in the transaction.
  const personal = protectPersonalFields({ kind, before: loaded.fields, after: fields });
  const toState = typeof transition.to === 'function' ? transition.to(patchedContext) : (transition.to ?? loaded.state);
  if (!(toState in kind.states)) throw new Error(`${kind.id}.${action} led to undeclared state ${toState}`);
  // The title and search columns (a tsvector and a trigram text, each under a GIN index) are rewritten only
  // when the searchable text changed: most patches touch fields no search reads.
  const search = transition.patchFields ? searchColumnsOf(kind, loaded.serialNo, personal.fields) : undefined;
  const title = transition.patchFields ? kind.titleOf(personal.fields) : loaded.title;
  const settingsBefore = await listSettingValues(db);
  // Whether the clocks will be recomputed, known before the transaction unless a hook may still change the fields
  // (then the clocks read the trail themselves).
  const movesClocks = !transition.inTransaction && transitionMovesClocks({ kind, transition, before: loaded.fields, after: personal.fields, settings: settingsBefore });
  const result = await db.transaction(async (tx) => {
    const claimed = await claimCaseVersion(tx, {
      caseId,
      version: input.version,
      set: {
        state: toState,
        updatedAt: now,
        ...(transition.patchFields ? { fields: personal.fields } : {}),
        ...(title !== loaded.title ? { title } : {}),
        ...(search && search.searchText !== loaded.searchText ? search : {}),
        ...(transition.closes ? { isClosed: true, closedAt: now } : {}),
        ...(typeof values.handlerId === 'string' && action === 'transfer' ? { handlerId: values.handlerId } : {}),
      },
    });
    if (!claimed) throw conflict();
    // The trail, read once now that the claim keeps other appends out: the new event chains on its tail, and the
    // effect and the clocks read it. An action no clock follows reads only the tail (appendEvent's own read).
    // When the clocks will move, their stored rows come in the same round trip.
    const { trail, clocks } = movesClocks ? await loadTrailAndClocks(tx, caseId) : transition.effect ? { trail: await readTrail(tx, caseId), clocks: undefined } : { trail: undefined, clocks: undefined };
    // The rows the effect and the closing write come back from their statements (RETURNING): no second read.
    const written = new Map<string, AssignmentRow>();
    const effectData = transition.effect
      ? await applyEffect(transition.effect, { tx, guard: { ...context, case: { ...context.case, fields } }, kind, caseId, assignments: assignmentRows, target, input: values, now, today, calendar, byName: actor.displayName, written, ...(trail ? { trail } : {}) })
      : {};
    // Closing a case ends the work still open on it; the trail names the units whose assignments ended.
    const endedRows = transition.closes ? await endOpenAssignments(tx, caseId) : [];
    for (const row of endedRows) written.set(row.id, row);
    const ended = endedRows.map((row) => row.unitId);
    const after = claimed;
    // The assignments as the effect left them (without an effect or a closing they are as loaded).
    const afterRows = withAssignmentsWritten(assignmentRows, written);
    const afterAssignments = afterRows.map(toAssignmentView);
    const waitingContext = { case: toCaseView(after), assignments: afterAssignments };
    const waiting = after.isClosed ? (kind.waitingOnClosed?.(waitingContext) ?? []) : [...kind.waitingOn(waitingContext), ...unitRequestsWaiting(waitingContext)];
    // Without a hook between them, the 待办 rides on the trail insert below; a hook may read them, so then they go first.
    const chained = !transition.inTransaction;
    if (!chained) await replaceWorkItems(tx, caseId, waiting, now);
    // Last before the trail: the hook may take a shared lock (the 文号 sequence), held from here to commit.
    const extra = await transition.inTransaction?.({ ...patchedContext, tx, actor, caseId });
    const late = extra?.fields ? protectPersonalFields({ kind, before: personal.fields, after: { ...personal.fields, ...extra.fields } }) : undefined;
    const current = late ? await rewriteFields(tx, { kind, caseRow: after, fields: late.fields }) : after;
    const personalTrail = await storePersonalChanges(tx, { kind, caseId, changes: [...personal.changes, ...(late?.changes ?? [])], now });
    const sentTo = transition.sendsTo?.(patchedContext);
    const data = {
      ...(sentTo && sentTo.names.length > 0 ? { sentTo } : {}),
      ...effectData,
      ...extra?.data,
      ...(ended.length > 0 ? { endedAssignments: ended } : {}),
      ...(personalTrail ? { personal: personalTrail } : {}),
      ...(protectedInputs.sealed ? { personalInputs: protectedInputs.sealed } : {}),
    };
    const event = {
      caseId,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      onBehalfOfId: identity.isSelf ? null : identity.userId,
      onBehalfOfName: identity.isSelf ? null : identity.displayName,
      action,
      fromState: loaded.state,
      toState,
      comment: values.comment ?? null,
      data: Object.keys(data).length > 0 ? data : null,
    };
    // The chain's tail: the trail's last event, or (an action that read no trail) the newest one read now.
    const last = trail ? trail[trail.length - 1] : chained ? await readTrailTail(tx, caseId) : undefined;
    // An inTransaction hook may have appended events of its own: then the tail is read again.
    await appendEvent(tx, event, chained ? { tail: { version: current.version, seq: last?.seq ?? null, hash: last?.hash ?? null }, with: workItemChanges(caseId, waiting, now) } : undefined);
    // The clocks read the trail, this event included; a refused extension (cap, approver) rolls it all back.
    // An action that can move no clock (most steps of a 发文, the 登记 under the 文号 lock) skips them.
    const settings = await listSettingValues(tx);
    if (transitionMovesClocks({ kind, transition, before: loaded.fields, after: current.fields, settings })) {
      // The case row and assignments are those just written; an inTransaction hook may have touched more, so they are read again then.
      await syncCaseClocks({
        tx,
        kind,
        caseId,
        now,
        calendar,
        officeHours,
        caseRow: current,
        settings,
        ...(transition.inTransaction ? {} : { assignments: afterRows, ...(trail ? { trail: [...trail, storedTrailEvent(event)] } : {}), ...(clocks ? { stored: clocks } : {}) }),
      });
    }
    return { caseId, version: after.version, state: after.state };
  });
  forgetCachedCounts();
  return result;
};
