/**
 * The date an assignment's clock would end on if 交办 ran now. The 'assign' effect and the 交办
 * dialog's preview both call assignmentDueOf, so what the clerk is shown is what 交办 then sets.
 */
import type { AssignmentDuePreview } from '../../../../common/schemas/cases.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { listSettingValues } from '../../platform/settings.js';
import type { Calendar } from '../calendar/calendar.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { OfficeHours } from '../calendar/working-hours.js';
import type { ClockAmount, ClockSpec } from '../clocks/clock.types.js';
import { computeClock } from '../clocks/compute.js';
import { unitText } from '../clocks/explain.js';
import { assignmentSpecOf } from '../clocks/kind-clocks.js';
import { loadOfficeHours } from '../clocks/office-hours.js';
import { dueDay } from '../clocks/status.js';
import type { AssignmentRole, KindDefinition } from '../kinds/kind.types.js';
import { getKind } from '../kinds/registry.js';
import { identitiesOf } from './access.js';
import { findAssignments, findVisibleCase, toAssignmentView, toCaseView } from './cases.repository.js';

/**
 * A unit's clock at 交办: the days 交办 names (in the role default's unit), else the kind's period for
 * this case (e.g. by urgency), else the role's default; its due day, or null for a kind without one.
 */
export const assignmentDueOf = ({
  kind,
  role,
  dueDays,
  kindPeriod,
  fields,
  now,
  calendar,
  officeHours,
}: {
  kind: KindDefinition;
  role: AssignmentRole;
  dueDays: number | undefined;
  kindPeriod: ClockAmount | undefined;
  /** The case's fields: the kind may quote its own 依据 for them (assignmentBasis). */
  fields: Record<string, unknown>;
  now: Date;
  calendar: Calendar;
  officeHours: OfficeHours;
}): { due: string | null; period: ClockAmount | undefined; spec: ClockSpec | undefined } => {
  const roleUnit = kind.assignmentClock?.defaults[role]?.unit ?? 'workday';
  const period = dueDays !== undefined ? { amount: dueDays, unit: roleUnit } : kindPeriod;
  const spec = assignmentSpecOf(kind, role, period, fields);
  const due = spec ? dueDay(computeClock({ spec, events: [{ action: 'assign', at: now.toISOString() }], calendar, officeHours }).due) : null;
  return { due, period, spec };
};

/** GET /api/cases/:id/assignment-due: what 交办 now would give a unit in `role`, with `days` or by default. */
export const previewAssignmentDue = async ({
  db,
  actor,
  caseId,
  role,
  days,
  now,
}: {
  db: Db;
  actor: Actor;
  caseId: string;
  role: AssignmentRole;
  days?: number | undefined;
  now: Date;
}): Promise<AssignmentDuePreview> => {
  const loaded = await findVisibleCase(db, await identitiesOf({ db, actor, today: todayInShanghai(now) }), caseId);
  if (!loaded) throw notFound('事项');
  const kind = getKind(loaded.kind);
  const guard = { case: toCaseView(loaded), assignments: (await findAssignments(db, caseId)).map(toAssignmentView) };
  const { due, spec } = assignmentDueOf({
    kind,
    role,
    dueDays: days,
    kindPeriod: kind.assignmentClock?.periodOf?.(guard, await listSettingValues(db), todayInShanghai(now)),
    fields: guard.case.fields,
    now,
    calendar: await loadCalendar({ db }),
    officeHours: await loadOfficeHours(db),
  });
  return { due, amount: spec?.amount ?? null, unit: spec ? unitText[spec.unit] : null, isDefault: days === undefined };
};
