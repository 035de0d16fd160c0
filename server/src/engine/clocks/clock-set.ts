/**
 * The clocks of a case together: in sequence (受理告知 then 办结: `start: { after }`) or side by
 * side, and the assignment deadlines a kind declares by role.
 */
import { validationError } from '../../platform/errors.js';
import type { AssignmentClockDefaults, AssignmentRole, ClockResult, ClockSpec } from './clock.types.js';
import { computeClock, type ComputeClockInput } from './compute.js';

export type ComputeClocksInput = Omit<ComputeClockInput, 'spec' | 'after'> & { specs: readonly ClockSpec[] };

/** Computes every clock, each one after the clock it follows; a cycle or an unknown clock is an error. */
export const computeClocks = ({ specs, ...rest }: ComputeClocksInput): ClockResult[] => {
  const byId = new Map(specs.map((spec) => [spec.id, spec]));
  if (byId.size !== specs.length) throw validationError('期限标识重复');
  const results = new Map<string, ClockResult>();
  const visiting = new Set<string>();
  const visit = (spec: ClockSpec): ClockResult => {
    const done = results.get(spec.id);
    if (done) return done;
    if (visiting.has(spec.id)) throw validationError(`期限「${spec.id}」的接续关系成环`);
    visiting.add(spec.id);
    let after: ClockResult | null = null;
    if ('after' in spec.start) {
      const previous = byId.get(spec.start.after);
      if (!previous) throw validationError(`期限「${spec.id}」接续的期限「${spec.start.after}」不存在`);
      after = visit(previous);
    }
    const result = computeClock({ ...rest, spec, after });
    results.set(spec.id, result);
    return result;
  };
  return specs.map(visit);
};

const roleNames: Record<AssignmentRole, string> = { lead: '主办', consult: '会办', assist: '协办' };

/** The deadline clock of one assignment from the kind's defaults by role; undefined when the role has none. */
export const assignmentClockSpec = ({
  defaults,
  role,
  startAction = 'assign',
  stopOn = ['reply'],
  extendOn,
  restartOn,
}: {
  defaults: AssignmentClockDefaults;
  role: AssignmentRole;
  startAction?: string;
  stopOn?: readonly string[];
  extendOn?: ClockSpec['extendOn'];
  restartOn?: readonly string[];
}): ClockSpec | undefined => {
  const found = defaults[role];
  if (!found) return undefined;
  return {
    id: `assignment.${role}`,
    label: `${roleNames[role]}办理期限`,
    amount: found.amount,
    unit: found.unit,
    basis: found.basis ?? '交办要求',
    start: { action: startAction },
    stopOn,
    ...(found.rollOverRestDay === false ? { rollOverRestDay: false } : {}),
    ...(extendOn ? { extendOn } : {}),
    ...(restartOn?.length ? { restartOn } : {}),
  };
};
