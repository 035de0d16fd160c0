/**
 * Writing the rows of a 收文登记簿 in bulk, inside the import's one transaction: serials allocated per
 * year in one statement, cases, trail events, 待办 and import keys in multi-row inserts — a few dozen
 * queries for thousands of rows, where a case at a time took ~50 each. Every case ends where the
 * flow's own actions would have left it (初审通过 → 拟办 → 办结 → 归档, 退回, or open at 待拟办),
 * each step an event in its SM3 chain (appendEvents), dated on the register's days.
 */
import { sql } from 'drizzle-orm';
import { caseImportKeys, cases, caseSerials, workItems } from '../../../db/schema/index.js';
import { searchColumnsOf, toCaseView } from '../../../engine/cases/cases.repository.js';
import { appendEvents, type NewEvent } from '../../../engine/cases/trail.js';
import type { Actor } from '../../../platform/actor.js';
import type { Db } from '../../../platform/db.js';
import { incomingKind } from '../incoming.kind.js';
import type { ParsedRow } from './parse-rows.js';

export const IMPORT_COMMENT = '历史收文导入';
const BATCH = 500;

/** Historical cases are registered at 09:00 Beijing time on their 收文日期. */
export const registeredAtOf = (day: string): Date => new Date(`${day}T09:00:00+08:00`);

type Step = { action: string; to: string; comment: string; on: string };

/** The flow's own actions from 待初审 to where the register says the document is, with the fields they would have patched. */
const planOf = (row: ParsedRow, actor: Actor): { steps: Step[]; patch: Record<string, unknown> } => {
  const { receivedOn } = row.fields;
  const closedOn = row.closedOn ?? receivedOn;
  if (row.finalState === 'returned') {
    return { steps: [{ action: 'return', to: 'returned', comment: `${IMPORT_COMMENT}：${row.returnReason}`, on: receivedOn }], patch: { returnReason: row.returnReason } };
  }
  const accepted: Step = { action: 'accept', to: 'proposing', comment: IMPORT_COMMENT, on: receivedOn };
  if (row.finalState === 'open') return { steps: [accepted], patch: {} };
  const steps: Step[] = [
    accepted,
    { action: 'propose', to: 'to_assign', comment: IMPORT_COMMENT, on: receivedOn },
    { action: 'file', to: 'closed', comment: IMPORT_COMMENT, on: closedOn },
    ...(row.finalState === 'archived' ? [{ action: 'archive', to: 'archived', comment: IMPORT_COMMENT, on: closedOn }] : []),
  ];
  return { steps, patch: { proposal: { text: IMPORT_COMMENT, by: actor.displayName, at: registeredAtOf(receivedOn).toISOString() }, plan: null } };
};

/** Reserves `count` serials of a year at once; returns the first. Gap-free: it rolls back with the import. */
const allocateSerials = async (tx: Db, year: number, count: number): Promise<number> => {
  const [row] = await tx
    .insert(caseSerials)
    .values({ kind: incomingKind.id, year, lastSeq: count })
    .onConflictDoUpdate({ target: [caseSerials.kind, caseSerials.series, caseSerials.year], set: { lastSeq: sql`${caseSerials.lastSeq} + ${count}` } })
    .returning({ lastSeq: caseSerials.lastSeq });
  return row!.lastSeq - count + 1;
};

/** Writes the rows (in the order given: the serials follow it) as cases with their trails, 待办 and import keys. */
export const writeRows = async ({ tx, actor, rows, now }: { tx: Db; actor: Actor; rows: readonly ParsedRow[]; now: Date }): Promise<void> => {
  const perYear = new Map<number, number>();
  for (const row of rows) perYear.set(Number(row.fields.receivedOn.slice(0, 4)), (perYear.get(Number(row.fields.receivedOn.slice(0, 4))) ?? 0) + 1);
  const nextSeq = new Map<number, number>();
  for (const [year, count] of [...perYear].sort(([a], [b]) => a - b)) nextSeq.set(year, await allocateSerials(tx, year, count));

  const planned = rows.map((row) => {
    const year = Number(row.fields.receivedOn.slice(0, 4));
    const seq = nextSeq.get(year)!;
    nextSeq.set(year, seq + 1);
    const serialNo = incomingKind.serial(year, seq);
    const { steps, patch } = planOf(row, actor);
    const fields = { ...row.fields, ...patch } as Record<string, unknown>;
    const createdAt = registeredAtOf(row.fields.receivedOn);
    const last = registeredAtOf(steps.at(-1)!.on);
    const isClosed = row.finalState !== 'open';
    return {
      row,
      steps,
      values: {
        kind: incomingKind.id,
        year,
        seq,
        serialNo,
        title: incomingKind.titleOf(fields as never),
        state: steps.at(-1)!.to,
        fields,
        ownerUnitId: actor.unitId,
        handlerId: actor.userId,
        createdBy: actor.userId,
        ...searchColumnsOf(incomingKind as never, serialNo, fields),
        dueStatus: 'none' as const,
        isClosed,
        closedAt: isClosed ? last : null,
        version: 1 + steps.length,
        createdAt,
        updatedAt: last,
      },
    };
  });

  const ids = new Map<string, string>();
  for (let start = 0; start < planned.length; start += BATCH) {
    const inserted = await tx.insert(cases).values(planned.slice(start, start + BATCH).map((plan) => plan.values)).returning({ id: cases.id, serialNo: cases.serialNo });
    for (const row of inserted) ids.set(row.serialNo, row.id);
  }

  const events: NewEvent[] = [];
  const waiting: Array<typeof workItems.$inferInsert> = [];
  const keys: Array<typeof caseImportKeys.$inferInsert> = [];
  for (const { row, steps, values } of planned) {
    const caseId = ids.get(values.serialNo)!;
    const who = { caseId, actorId: actor.userId, actorName: actor.displayName };
    events.push({ ...who, at: values.createdAt, action: 'create', toState: incomingKind.initialState, data: { serialNo: values.serialNo } });
    let state = incomingKind.initialState;
    for (const step of steps) {
      events.push({ ...who, at: registeredAtOf(step.on), action: step.action, fromState: state, toState: step.to, comment: step.comment });
      state = step.to;
    }
    if (!values.isClosed) {
      const view = toCaseView({ ...values, id: caseId } as never);
      for (const item of incomingKind.waitingOn({ case: view, assignments: [] })) {
        if ('userId' in item) waiting.push({ caseId, userId: item.userId, label: item.label, since: values.updatedAt });
      }
    }
    keys.push({ kind: incomingKind.id, key: row.key, caseId, importedAt: now });
  }
  await appendEvents(tx, events);
  for (let start = 0; start < waiting.length; start += BATCH) await tx.insert(workItems).values(waiting.slice(start, start + BATCH));
  for (let start = 0; start < keys.length; start += BATCH) await tx.insert(caseImportKeys).values(keys.slice(start, start + BATCH));
};
