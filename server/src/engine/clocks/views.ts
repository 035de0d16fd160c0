/** The clocks of a case as the case page shows them: each with its state and "why this date". */
import type { ClockView } from '../../../../common/schemas/cases.js';
import type { Db } from '../../platform/db.js';
import type { ClockExplanation } from './clock.types.js';
import { loadCaseClocks } from './clocks.repository.js';
import { describeClock } from './explain.js';

const readable = (at: string | null): string | null => (at === null ? null : at.replace(/T(\d{2}:\d{2}):00\+08:00$/, ' $1'));

export const clockViewsOf = async ({
  db,
  caseId,
  unitNames,
  assignments,
}: {
  db: Db;
  caseId: string;
  unitNames: ReadonlyMap<string, string>;
  assignments: ReadonlyArray<{ id: string; unitId: string }>;
}): Promise<ClockView[]> =>
  (await loadCaseClocks(db, caseId)).map((row) => {
    const explanation = row.explanation as unknown as ClockExplanation;
    const unitId = assignments.find((assignment) => assignment.id === row.assignmentId)?.unitId;
    return {
      id: row.id,
      clockId: row.clockId,
      label: explanation.label,
      basis: explanation.basis,
      assignmentId: row.assignmentId,
      unitName: unitId ? (unitNames.get(unitId) ?? null) : null,
      state: row.state,
      startedAt: readable(row.startedAt),
      due: readable(row.dueAt),
      stoppedAt: readable(row.stoppedAt),
      isLate: explanation.stop ? !explanation.stop.isInTime : null,
      lines: describeClock(explanation),
    };
  });
