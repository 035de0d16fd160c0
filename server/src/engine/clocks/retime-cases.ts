/**
 * After a calendar change (an override added or removed): re-time every open clock from its stored
 * inputs in the same transaction, save it, refresh the due columns, and write one 时限调整 trail
 * event per case whose clocks moved, naming the override that moved them.
 */
import { eq, inArray } from 'drizzle-orm';
import { assignments, cases } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { listSettingValues } from '../../platform/settings.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { appendEvent } from '../cases/trail.js';
import { getKind } from '../kinds/registry.js';
import type { AssignmentRole, ClockSpec } from './clock.types.js';
import { loadCaseClocks, loadOpenClocks, saveClock, toStoredClock } from './clocks.repository.js';
import { assignmentSpecById, caseClockSpecs } from './kind-clocks.js';
import { loadOfficeHours } from './office-hours.js';
import { describeClockMoves, retimeClocks, type StoredClock } from './retime.js';
import { refreshDueColumns } from './sync.js';

const SYSTEM_ACTOR = { actorId: '00000000-0000-0000-0000-000000000000', actorName: '系统（工作日历调整）' };

/** Returns how many clocks moved. `tx` must already hold the calendar change. */
export const retimeOpenCaseClocks = async ({ tx, now }: { tx: Db; now: Date }): Promise<number> => {
  const rows = await loadOpenClocks(tx);
  if (rows.length === 0) return 0;
  const calendar = await loadCalendar({ db: tx });
  const officeHours = await loadOfficeHours(tx);
  const settings = await listSettingValues(tx);
  const caseIds = [...new Set(rows.map((row) => row.caseId))];
  const caseRows = new Map((await tx.select({ id: cases.id, kind: cases.kind, fields: cases.fields }).from(cases).where(inArray(cases.id, caseIds))).map((row) => [row.id, row]));
  const assignmentIds = rows.flatMap((row) => (row.assignmentId ? [row.assignmentId] : []));
  const roles = new Map(
    assignmentIds.length ? (await tx.select({ id: assignments.id, role: assignments.role }).from(assignments).where(inArray(assignments.id, assignmentIds))).map((row) => [row.id, row.role]) : [],
  );
  const stored: StoredClock[] = [];
  for (const row of rows) {
    const caseRow = caseRows.get(row.caseId);
    if (!caseRow) continue;
    const kind = getKind(caseRow.kind);
    // The spec the kind declares now, with the period the clock was given at 交办.
    const spec: ClockSpec | undefined = row.assignmentId
      ? assignmentSpecById(kind, row.clockId, roles.get(row.assignmentId) as AssignmentRole, row.inputs.period, caseRow.fields, settings)
      : caseClockSpecs(kind, caseRow.fields, settings).find((item) => item.id === row.clockId);
    if (spec) stored.push(toStoredClock(row, spec));
  }
  const { results, moved } = retimeClocks({ clocks: stored, calendar, officeHours, now: now.toISOString() });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const { key, result } of results) {
    const row = byId.get(key)!;
    await saveClock(tx, { caseId: row.caseId, assignmentId: row.assignmentId, result, inputs: row.inputs, expectedVersion: row.version });
  }
  const today = todayInShanghai(now);
  const movedCases = [...new Set(moved.map((move) => byId.get(move.key)!.caseId))];
  for (const caseId of movedCases) {
    // Lock the case row: the trail append must not race a user's action on the same case.
    await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
    await refreshDueColumns({ tx, caseId, clocks: await loadCaseClocks(tx, caseId), today, calendar });
    const moves = moved.filter((move) => byId.get(move.key)!.caseId === caseId);
    await appendEvent(tx, {
      caseId,
      at: now,
      ...SYSTEM_ACTOR,
      action: 'retime',
      comment: describeClockMoves(moves).join('；'),
      data: { moves: moves.map(({ clockId, label, from, to, because }) => ({ clockId, label, from, to, because })) },
    });
  }
  return moved.length;
};
