/** GET /api/cases/:id — the case as this user may see it, with the actions they may take now. */
import { assignmentStateLabels, isStandingAssignmentState, type CaseDetail } from '../../../../common/schemas/cases.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { getKind, stateLabel } from '../kinds/registry.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { identitiesOf, seesAsUnit, type Identity } from './access.js';
import { findVisibleCaseWithAssignments, toAssignmentView, toCaseView } from './cases.repository.js';
import { readCaseDetailParts, type CaseDetailParts } from './case-detail.repository.js';
import { clockViewOf } from '../clocks/views.js';
import { canUrge } from '../reminders/urge.js';
import { availableActions } from './rules.js';
import { describeForm } from '../inputs/form.js';
import { caseSummaryOf } from './ledger.js';
import { circulationViewOf, isAddressedTo } from '../circulation/circulation.service.js';
import { trailDataForView } from '../personal/protect.js';
import { personalFieldViews } from '../personal/personal.service.js';

const engineActionLabels: Record<string, string> = { create: '登记', remind: '催办提醒', urge: '催办', retime: '时限调整', transfer: '移交', link: '关联', circulate: '传阅', read: '阅知' };

export const actionLabel = (kind: KindDefinition, action: string): string =>
  kind.transitions.find((transition) => transition.action === action)?.label ?? engineActionLabels[action] ?? action;

/**
 * Whom the case waits on. Any reader of the case may see it: a unit's reader already sees the other units at work by
 * name and state (their assignment cards), and the office's people by name (经办人); names only, no more.
 */
const holdersOf = (parts: CaseDetailParts, identities: readonly Identity[]): CaseDetail['holders'] => {
  const myUsers = new Set(identities.map((identity) => identity.userId));
  const myUnits = new Set(identities.filter((identity) => identity.roles.includes('liaison')).map((identity) => identity.unitId));
  return parts.holders.map((item) => ({
    type: item.userId ? ('user' as const) : ('unit' as const),
    name: item.name ?? '',
    awaits: item.label,
    isMine: item.userId ? myUsers.has(item.userId) : myUnits.has(item.unitId ?? ''),
  }));
};

export const getCaseDetail = async ({ db, actor, caseId, now }: { db: Db; actor: Actor; caseId: string; now: Date }): Promise<CaseDetail> => {
  const today = todayInShanghai(now);
  const identities = await identitiesOf({ db, actor, today });
  const found = await findVisibleCaseWithAssignments(db, identities, caseId);
  if (!found) throw notFound('事项');
  const { row, assignments: assignmentRows } = found;
  const kind = getKind(row.kind);
  const asUnit = seesAsUnit(identities, kind.id);
  const ownUnits = new Set(identities.map((identity) => identity.unitId));
  const isOffice = !asUnit;
  // Everything else in one statement (case-detail.repository): the page is read in three, the session included.
  const parts = await readCaseDetailParts(db, {
    caseId,
    handlerId: row.handlerId,
    createdBy: row.createdBy,
    unitIds: [...new Set([...assignmentRows.map((a) => a.unitId), row.ownerUnitId])],
    assignmentIds: assignmentRows.map((a) => a.id),
    identities,
    addressedTo: isAddressedTo(identities),
    isOffice,
  });
  const eventRows = parts.events;
  const names = parts.unitNames;
  // Who registered it is what the trail says: the create event's actor, and the unit that person belongs to.
  const creation = eventRows.find((event) => event.action === 'create');
  const context = { case: toCaseView(row), assignments: assignmentRows.map(toAssignmentView) };

  // A unit sees its own assignment in full, other units only by name and state, and the trail of its own work.
  const isOwn = (unitId: string) => !asUnit || ownUnits.has(unitId);
  const visibleEvents = eventRows.filter((event) => {
    const unitId = (event.data as { unitId?: string } | null)?.unitId;
    return !asUnit || !unitId || ownUnits.has(unitId);
  });
  const clocks = parts.clocks
    .map((clock) => clockViewOf(clock, { unitNames: names, assignments: assignmentRows, now }))
    .filter((clock) => {
      const unitId = assignmentRows.find((a) => a.id === clock.assignmentId)?.unitId;
      return unitId === undefined || isOwn(unitId);
    });
  const deadlineOf = (assignmentId: string | null) => {
    const clock = clocks.find((item) => item.assignmentId === assignmentId && item.state !== 'pending');
    return clock ? { due: clock.due, lines: clock.lines } : null;
  };
  const holders = holdersOf(parts, identities);
  // 催办 reaches whoever holds the case; on the reader's own desk alone (a 收文 待初审 by its clerk) it would reach nobody.
  const isOnOwnDeskOnly = holders.length > 0 && holders.every((holder) => holder.isMine);
  return {
    ...caseSummaryOf(row, assignmentRows.filter((a) => a.role === 'lead' && a.state !== 'withdrawn').map((a) => names.get(a.unitId) ?? '')),
    circulations: parts.circulations.map(circulationViewOf),
    holders,
    fields: row.fields, // personal fields are stored masked (engine/personal): the clear value is only sealed
    personal: personalFieldViews({ kind, fields: row.fields, actor }),
    handlerName: parts.handlerName,
    ownerUnitName: names.get(row.ownerUnitId) ?? '',
    registeredByName: creation?.actorName ?? null,
    registeredByUnitName: parts.registrarUnitName,
    deadline: deadlineOf(null),
    clocks,
    urgeCount: parts.urgeCount,
    canUrge: isOffice && !row.isClosed && !isOnOwnDeskOnly && canUrge(actor, kind.id),
    closedAt: row.closedAt?.toISOString() ?? null,
    assignments: assignmentRows.map((a) => ({
      id: a.id,
      unitId: a.unitId,
      unitName: names.get(a.unitId) ?? '',
      role: a.role,
      state: assignmentStateLabels[a.state],
      dueDate: a.dueDate,
      dueStatus: a.dueStatus,
      deadline: isOwn(a.unitId) ? deadlineOf(a.id) : null,
      instruction: isOwn(a.unitId) ? a.instruction : null,
      reply: isOwn(a.unitId) ? a.reply : null,
      replyAttachments: isOwn(a.unitId) ? (a.replyAttachments ?? []) : [],
      returnReason: isOwn(a.unitId) ? a.returnReason : null,
      satisfaction: isOwn(a.unitId) ? a.satisfaction : null,
      isReplyAccepted: a.acceptedAt !== null,
      isStanding: isStandingAssignmentState(a.state),
      assignedAt: a.assignedAt.toISOString(),
      signedAt: a.signedAt?.toISOString() ?? null,
      repliedAt: a.repliedAt?.toISOString() ?? null,
    })),
    events: visibleEvents.map((event) => ({
      seq: event.seq,
      at: event.at.toISOString(),
      actorName: event.actorName,
      onBehalfOfName: event.onBehalfOfName,
      action: event.action,
      actionLabel: actionLabel(kind, event.action),
      fromState: event.fromState ? stateLabel(kind, event.fromState) : null,
      toState: event.toState ? stateLabel(kind, event.toState) : null,
      comment: event.comment,
      data: trailDataForView(event.data),
    })),
    links: parts.links,
    actions: availableActions(kind, identities, context).map((item) => ({
      action: item.action,
      label: item.label,
      form: describeForm(item.transition.input),
      ...(item.transition.confirm ? { confirm: item.transition.confirm } : {}),
      ...(item.assignmentId ? { assignmentId: item.assignmentId, assignmentUnitName: names.get(item.assignmentUnitId!) ?? '' } : {}),
      ...(item.onBehalfOf ? { onBehalfOf: item.onBehalfOf } : {}),
      ...(item.blockedReason ? { blockedReason: item.blockedReason } : {}),
    })),
  };
};
