/** A case's due date follows its open lead assignments: the earliest of their due dates. */
import { eq } from 'drizzle-orm';
import { assignments, cases } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import type { Calendar } from '../calendar/calendar.js';
import type { CaseRow } from './cases.repository.js';
import { statusFor } from './deadline-ops.js';

export const refreshCaseDue = async ({
  tx,
  caseRow,
  today,
  calendar,
}: {
  tx: Db;
  caseRow: CaseRow;
  today: string;
  calendar: Calendar;
  now: Date;
}): Promise<CaseRow> => {
  const rows = await tx.select().from(assignments).where(eq(assignments.caseId, caseRow.id));
  const open = rows.filter((row) => row.role === 'lead' && (row.state === 'pending' || row.state === 'in_progress') && row.dueDate);
  const dueDate = caseRow.isClosed ? null : (open.map((row) => row.dueDate!).sort()[0] ?? null);
  const dueStatus = await statusFor({ db: tx, due: dueDate, today, calendar });
  if (dueDate === caseRow.dueDate && dueStatus === caseRow.dueStatus) return caseRow;
  const [updated] = await tx.update(cases).set({ dueDate, dueStatus }).where(eq(cases.id, caseRow.id)).returning();
  return updated ?? caseRow;
};
