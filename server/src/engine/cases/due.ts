/**
 * A case's due date: its own deadline while unmet (e.g. replying to a 请示), else the earliest
 * due date of its open lead assignments; none once closed.
 */
import { asc, eq } from 'drizzle-orm';
import { assignments, cases } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import type { Calendar } from '../calendar/calendar.js';
import type { AssignmentRow, CaseRow } from './cases.repository.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { statusFor } from './deadline-ops.js';

export const refreshCaseDue = async ({
  tx,
  kind,
  caseRow,
  today,
  calendar,
}: {
  tx: Db;
  kind: KindDefinition;
  caseRow: CaseRow;
  today: string;
  calendar: Calendar;
}): Promise<{ caseRow: CaseRow; assignments: AssignmentRow[] }> => {
  const rows = await tx.select().from(assignments).where(eq(assignments.caseId, caseRow.id)).orderBy(asc(assignments.assignedAt), asc(assignments.id));
  const open = rows.filter((row) => row.role === 'lead' && (row.state === 'pending' || row.state === 'in_progress') && row.dueDate);
  const ownDue = caseRow.deadline?.due && !kind.deadlines.isCaseDeadlineMet?.(caseRow.fields) ? [caseRow.deadline.due] : [];
  const dueDate = caseRow.isClosed ? null : ([...ownDue, ...open.map((row) => row.dueDate!)].sort()[0] ?? null);
  const dueStatus = await statusFor({ db: tx, due: dueDate, today, calendar });
  if (dueDate === caseRow.dueDate && dueStatus === caseRow.dueStatus) return { caseRow, assignments: rows };
  const [updated] = await tx.update(cases).set({ dueDate, dueStatus }).where(eq(cases.id, caseRow.id)).returning();
  return { caseRow: updated ?? caseRow, assignments: rows };
};
