/**
 * Registering many cases of one kind at once (a system's burst: Open311 batch intake), each as createCase
 * registers one — fields checked, masked and sealed, numbered, its trail opened with its 登记 event, its clocks,
 * its 待办, the kind's onCreated — but the rows of all of them in multi-row statements (cases, sealed personal
 * values, trail events, 待办) instead of a dozen statements a case. The numbers are the caller's, reserved
 * beforehand in the office's register (reserveSerials): the register's counter is not held while they are written.
 */
import { z } from 'zod';
import { casePersonal, cases, personIndex, workItems } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { forbidden, validationError } from '../../platform/errors.js';
import { assertCanCite, digestsIn } from '../attachments/citations.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { loadOfficeHours } from '../clocks/office-hours.js';
import { syncCaseClocks } from '../clocks/sync.js';
import { getKind } from '../kinds/registry.js';
import { protectPersonalFields, sealedRowsOf } from '../personal/protect.js';
import { identitiesOf } from './access.js';
import { searchColumnsOf, toCaseView } from './cases.repository.js';
import { resolvePeopleFields } from './people.js';
import { appendEvents, type NewEvent } from './trail.js';

/** Rows per multi-row insert: well under PostgreSQL's 65,535 parameters for the widest of them (cases). */
const CHUNK = 200;
const chunks = <T>(rows: readonly T[]): T[][] => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, n) => rows.slice(n * CHUNK, (n + 1) * CHUNK));

const describeIssues = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('；');

export const createCases = async ({
  db,
  actor,
  kindId,
  items,
  now,
  firstSeq,
}: {
  db: Db;
  actor: Actor;
  kindId: string;
  /** Each case's fields, in the order of their numbers. */
  items: ReadonlyArray<Record<string, unknown>>;
  now: Date;
  /** The first of items.length numbers the caller reserved in the office's register of this kind and year (reserveSerials). */
  firstSeq: number;
}): Promise<Array<{ id: string; serialNo: string; version: number; warnings: string[] }>> => {
  const kind = getKind(kindId);
  if (!kind.roles.create.some((role) => actor.roles.includes(role))) throw forbidden(`您不能登记${kind.label}`);
  // onCreated run case by case here would see the later cases of the call as registered before it.
  if (kind.onCreated && !kind.onCreatedMany) throw new Error(`${kind.id}: no onCreatedMany, cannot register in bulk`);
  if (items.length === 0) return [];
  const values: Array<Record<string, unknown>> = [];
  for (const [index, fields] of items.entries()) {
    const parsed = kind.fields.safeParse(fields);
    if (!parsed.success) throw validationError(`第 ${index + 1} 条输入有误：${describeIssues(parsed.error)}`);
    values.push(await resolvePeopleFields({ db, kind, fields: parsed.data as Record<string, unknown> }));
  }
  const today = todayInShanghai(now);
  await assertCanCite({ db, actor, identities: await identitiesOf({ db, actor, today }), digests: values.flatMap((item) => [...digestsIn(item)]) });
  const year = Number(today.slice(0, 4));
  const calendar = kind.clocks ? await loadCalendar({ db }) : undefined;
  const officeHours = kind.clocks ? await loadOfficeHours(db) : undefined;
  const planned = values.map((fields, index) => {
    const seq = firstSeq + index;
    const serialNo = kind.serial(year, seq);
    const personal = protectPersonalFields({ kind, before: undefined, after: fields });
    const stored = personal.fields;
    return {
      fields,
      changes: personal.changes,
      row: {
        kind: kind.id,
        series: '',
        year,
        seq,
        serialNo,
        title: kind.titleOf(stored),
        state: kind.initialStateOf?.(fields) ?? kind.initialState,
        fields: stored,
        ownerUnitId: actor.unitId,
        handlerId: actor.userId,
        createdBy: actor.userId,
        ...searchColumnsOf(kind, serialNo, stored),
        createdAt: now,
        updatedAt: now,
      },
    };
  });

  return db.transaction(async (tx) => {
    const rows: Array<typeof cases.$inferSelect> = [];
    for (const part of chunks(planned)) rows.push(...(await tx.insert(cases).values(part.map((plan) => plan.row)).returning()));
    // RETURNING gives the rows in the order of VALUES in practice, not by guarantee: match them by number.
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    const sealed = planned.map((plan) => ({ plan, row: bySeq.get(plan.row.seq)! }));
    const personal = sealed.map(({ plan, row }) => sealedRowsOf({ kind, caseId: row.id, changes: plan.changes, now }));
    for (const part of chunks(personal.flatMap((item) => item.personal))) await tx.insert(casePersonal).values(part);
    for (const part of chunks(personal.flatMap((item) => item.index))) await tx.insert(personIndex).values(part);
    const events: NewEvent[] = sealed.map(({ row }, index) => {
      const trail = personal[index]!.trail;
      return { caseId: row.id, at: now, actorId: actor.userId, actorName: actor.displayName, action: 'create', toState: row.state, data: { serialNo: row.serialNo, ...(trail ? { personal: trail } : {}) } };
    });
    await appendEvents(tx, events);
    const waiting = sealed.flatMap(({ row }) =>
      kind.waitingOn({ case: toCaseView(row), assignments: [] }).map((item) =>
        'userId' in item ? { caseId: row.id, userId: item.userId, label: item.label, since: now } : { caseId: row.id, unitId: item.unitId, assignmentId: item.assignmentId, label: item.label, since: now },
      ),
    );
    for (const part of chunks(waiting)) await tx.insert(workItems).values(part);
    // As createCase: a clock may start at registration; the new case has only its 登记 event.
    if (calendar && officeHours) {
      for (const [index, { row }] of sealed.entries()) {
        const registered = { event: { action: 'create', at: now, data: events[index]!.data! } };
        await syncCaseClocks({ tx, kind, caseId: row.id, now, calendar, officeHours, caseRow: row, assignments: [], registered });
      }
    }
    const warnings = (await kind.onCreatedMany?.({ tx, cases: sealed.map(({ plan, row }) => ({ caseId: row.id, fields: plan.fields })), actor, now })) ?? [];
    return sealed.map(({ row }, index) => ({ id: row.id, serialNo: row.serialNo, version: row.version, warnings: warnings[index] ?? [] }));
  });
};
