/**
 * Evaluating a transition for an identity: does the actor rule admit it, on which assignment,
 * and does the guard allow it now. Pure: no database, so every role × state can be tested.
 */
import type { ActorRule, AssignmentView, GuardContext, KindDefinition, Transition } from '../kinds/kind.types.js';
import type { Identity } from './access.js';

const officeTargetedEffects = new Set(['accept_reply', 'reject_reply', 'extend', 'recall', 'reassign', 'grant_extension', 'refuse_extension']);

/** Office actions aimed at one assignment (accept a reply, extend its deadline, 撤回, 改派 …) name it in the input. */
export const targetsAssignment = (transition: Transition): boolean => transition.effect !== undefined && officeTargetedEffects.has(transition.effect);

const admitsRule = (rule: ActorRule, identity: Identity, context: GuardContext): AssignmentView | true | undefined => {
  if ('roles' in rule) return rule.roles.some((role) => identity.roles.includes(role)) ? true : undefined;
  if ('handler' in rule) return context.case.handlerId === identity.userId ? true : undefined;
  if ('fieldUser' in rule) return context.case.fields[rule.fieldUser] === identity.userId ? true : undefined;
  if ('check' in rule) return rule.check(identity, context) ? true : undefined;
  if (!identity.roles.includes('liaison')) return undefined;
  return context.assignments.find((assignment) => assignment.unitId === identity.unitId && rule.assignedUnit.includes(assignment.state));
};

/** Whether the identity may take the transition; for unit actions, also the assignment it acts on. */
export const admits = (transition: Transition, identity: Identity, context: GuardContext): { assignment?: AssignmentView } | undefined => {
  const rules = Array.isArray(transition.actor) ? transition.actor : [transition.actor];
  for (const rule of rules) {
    const result = admitsRule(rule, identity, context);
    if (result === true) return {};
    if (result) return { assignment: result };
  }
  return undefined;
};

export type AvailableAction = {
  action: string;
  label: string;
  transition: Transition;
  assignmentId?: string;
  assignmentUnitId?: string;
  onBehalfOf?: { userId: string; displayName: string };
  /** Set when the action is the user's to take but not possible yet (shown disabled, with the reason). */
  blockedReason?: string;
};

/** Assignments an office action aimed at one assignment may target now. */
const assignmentTargets = (transition: Transition, assignments: readonly AssignmentView[]): AssignmentView[] => {
  switch (transition.effect) {
    case 'accept_reply':
    case 'reject_reply':
      return assignments.filter((a) => a.state === 'replied' && !a.replyAccepted);
    case 'extend':
    case 'recall':
    case 'reassign':
      return assignments.filter((a) => a.state === 'pending' || a.state === 'in_progress');
    case 'grant_extension':
    case 'refuse_extension':
      return assignments.filter((a) => a.state === 'in_progress' && a.extensionRequest);
    default:
      return [];
  }
};

/** Every action the identities may take on the case now, each once per identity and target. */
export const availableActions = (kind: Pick<KindDefinition, 'transitions'>, identities: readonly Identity[], context: GuardContext): AvailableAction[] => {
  const result: AvailableAction[] = [];
  for (const transition of kind.transitions) {
    if (!transition.from.includes(context.case.state)) continue;
    if (transition.neverApplies?.(context)) continue; // not "disabled": there is nothing to wait for
    for (const identity of identities) {
      const admitted = admits(transition, identity, context);
      if (!admitted) continue;
      const base: AvailableAction = {
        action: transition.action,
        label: transition.label,
        transition,
        ...(identity.isSelf ? {} : { onBehalfOf: { userId: identity.userId, displayName: identity.displayName } }),
      };
      const targets = targetsAssignment(transition)
        ? assignmentTargets(transition, context.assignments)
        : [admitted.assignment];
      for (const target of targets) {
        const guardContext = { ...context, assignment: target };
        const blockedReason = transition.guard?.(guardContext);
        result.push({
          ...base,
          ...(target ? { assignmentId: target.id, assignmentUnitId: target.unitId } : {}),
          ...(blockedReason ? { blockedReason } : {}),
        });
      }
    }
  }
  return result;
};
