/**
 * Which actions can move a case's clocks, from the kind's declarations: an action no clock reacts to,
 * that touches no assignment and changes nothing a clock reads of the fields, leaves every clock and
 * due column as it was, so the action skips the clock work (sync.ts) altogether. Pure.
 */
import { canonicalJson } from '../../platform/seal.js';
import type { KindDefinition, Transition } from '../kinds/kind.types.js';
import { baseAction } from './clock.types.js';
import { caseClockSpecs, clockActionsOf, clockFieldsOf } from './kind-clocks.js';

/** The actions an assignment's clock reads besides those of effects: its start, its stops, its extension (kind-clocks.ts). */
const assignmentActionsOf = (kind: KindDefinition): Set<string> => {
  const declared = kind.assignmentClock;
  if (!declared) return new Set();
  return new Set(['assign', 'reply', 'unit_return', 'reopen', 'reject_reply', 'recall', 'reassign', 'grant_extension', ...(declared.stopOn ?? []), ...(declared.extendOn ? [declared.extendOn.action] : [])]);
};

/**
 * Whether taking `transition` on a case whose fields go from `before` to `after` can change any of
 * its clocks or due columns. True for an effect (assignments come, answer, return, extend: their
 * trail entries name the assignment), for closing (every clock stops, the due columns clear), for an
 * action a case clock or the assignment clock reacts to, and for a change of what the clocks read of
 * the fields: the specs the kind derives from them, the date fields they start from, the basis an
 * assignment's clock quotes. `settings` are those the kind's clocks are declared with.
 *
 * Not counted: time passing. A clock that went overdue since the last recompute keeps its stored
 * state until an action that moves clocks; the sweep colours the due columns by date every minute.
 */
export const transitionMovesClocks = ({
  kind,
  transition,
  before,
  after,
  settings,
}: {
  kind: KindDefinition;
  transition: Pick<Transition, 'action' | 'effect' | 'closes'>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  settings: Readonly<Record<string, number>>;
}): boolean => {
  if (!kind.clocks && !kind.assignmentClock) return false;
  if (transition.effect !== undefined || transition.closes) return true;
  if (assignmentActionsOf(kind).has(transition.action)) return true;
  const specsBefore = caseClockSpecs(kind, before, settings);
  const specsAfter = caseClockSpecs(kind, after, settings);
  // A keyed action (`report#2026-03`) is the action `report` carrying that key.
  if ([...specsBefore, ...specsAfter].some((spec) => [...clockActionsOf(spec)].some((action) => baseAction(action) === transition.action))) return true;
  if (before === after) return false;
  if (canonicalJson(specsBefore) !== canonicalJson(specsAfter)) return true;
  if (canonicalJson(clockFieldsOf(specsAfter, before)) !== canonicalJson(clockFieldsOf(specsAfter, after))) return true;
  return Boolean(kind.assignmentClock && kind.assignmentBasis && kind.assignmentBasis(before) !== kind.assignmentBasis(after));
};
