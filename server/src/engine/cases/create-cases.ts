/**
 * Registering many cases of one kind at once (a system's burst: Open311 batch intake), each as createCase
 * registers one — fields checked, masked and sealed, numbered, its trail opened with its 登记 event, its clocks,
 * its 待办, the kind's onCreated — but the rows of all of them in two statements whatever their number: the cases
 * (multi-row, RETURNING), then their sealed personal values, blind index and 待办 riding on the insert of their
 * first trail events (unnest: one parameter a column — drizzle's builder took longer to build the rows than the
 * database to write them); nothing is read back (a new case's trail starts at the genesis hash). The numbers are
 * the caller's, reserved beforehand in the office's register (reserveSerials): the register's counter is not held
 * while they are written.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { forbidden, invalidInput, validationError } from '../../platform/errors.js';
import { searchWordsOf } from '../../platform/search.js';
import { insertUnnest, unnestOf, type UnnestColumn } from '../../platform/unnest.js';
import { assertCanCite, digestsIn } from '../attachments/citations.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { loadOfficeHours } from '../clocks/office-hours.js';
import { syncCaseClocks } from '../clocks/sync.js';
import { getKind } from '../kinds/registry.js';
import { protectPersonalFields, sealedRowsOf } from '../personal/protect.js';
import { identitiesOf } from './access.js';
import { caseSearchText, toCaseView } from './cases.repository.js';
import { resolvePeopleFields } from './people.js';
import { firstEventRows, type NewEvent } from './trail.js';


// The columns the rows beside the cases are written in (insertUnnest), in the order their values are given.
const CASE_COLUMNS: UnnestColumn[] = [
  ['kind', 'text'], ['series', 'text'], ['year', 'integer'], ['seq', 'integer'], ['serial_no', 'text'], ['title', 'text'], ['state', 'text'], ['fields', 'jsonb'],
  ['owner_unit_id', 'uuid'], ['handler_id', 'uuid'], ['created_by', 'uuid'], ['search_text', 'text'], ['search_words', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
type CaseRow = typeof cases.$inferSelect;
const PERSONAL_COLUMNS: UnnestColumn[] = [['case_id', 'uuid'], ['field', 'text'], ['sealed', 'text'], ['updated_at', 'timestamptz']];
const INDEX_COLUMNS: UnnestColumn[] = [['case_id', 'uuid'], ['field', 'text'], ['type', 'text'], ['digest', 'text']];
const WAITING_COLUMNS: UnnestColumn[] = [['case_id', 'uuid'], ['user_id', 'uuid'], ['unit_id', 'uuid'], ['assignment_id', 'uuid'], ['label', 'text'], ['since', 'timestamptz']];
const EVENT_COLUMNS: UnnestColumn[] = [
  ['case_id', 'uuid'], ['seq', 'integer'], ['at', 'timestamptz'], ['actor_id', 'uuid'], ['actor_name', 'text'], ['on_behalf_of_id', 'uuid'], ['on_behalf_of_name', 'text'], ['action', 'text'],
  ['from_state', 'text'], ['to_state', 'text'], ['comment', 'text'], ['data', 'jsonb'], ['prev_hash', 'hex'], ['hash', 'hex'], ['case_version', 'integer'], ['mac', 'hex'],
];
type WaitingRow = { caseId: string; since: Date; label: string; userId?: string; unitId?: string; assignmentId?: string };


export const createCases = async ({
  db,
  actor,
  kindId,
  items,
  now,
  firstSeq,
  alsoInTransaction,
}: {
  db: Db;
  actor: Actor;
  kindId: string;
  /** Each case's fields, in the order of their numbers. */
  items: ReadonlyArray<Record<string, unknown>>;
  now: Date;
  /** The first of items.length numbers the caller reserved in the office's register of this kind and year (reserveSerials). */
  firstSeq: number;
  /**
   * The caller's own writes of the registration (Open311: its request rows and audit row), in the cases' transaction
   * after onCreatedMany, given the cases in the order of items: the caller need not open a transaction around this one
   * (a savepoint, two more round trips). A throw rolls the whole registration back.
   */
  alsoInTransaction?: (tx: Db, created: ReadonlyArray<{ id: string; serialNo: string }>) => Promise<void>;
}): Promise<Array<{ id: string; serialNo: string; version: number; warnings: string[] }>> => {
  const kind = getKind(kindId);
  if (!kind.roles.create.some((role) => actor.roles.includes(role))) throw forbidden(`您不能登记${kind.label}`);
  // onCreated run case by case here would see the later cases of the call as registered before it.
  if (kind.onCreated && !kind.onCreatedMany) throw new Error(`${kind.id}: no onCreatedMany, cannot register in bulk`);
  if (items.length === 0) return [];
  const values: Array<Record<string, unknown>> = [];
  for (const [index, fields] of items.entries()) {
    const parsed = kind.fields.safeParse(fields);
    if (!parsed.success) throw invalidInput(parsed.error.issues, { labels: kind.fieldLabels, lead: `第 ${index + 1} 条输入有误：` });
    values.push(await resolvePeopleFields({ db, kind, fields: parsed.data as Record<string, unknown> }));
  }
  const today = todayInShanghai(now);
  // Who the actor acts for is read only when there is an attachment to check it against (as createCase).
  const digests = values.flatMap((item) => [...digestsIn(item)]);
  if (digests.length > 0) await assertCanCite({ db, actor, identities: await identitiesOf({ db, actor, today }), digests });
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
        searchText: caseSearchText(kind, serialNo, stored),
        createdAt: now,
        updatedAt: now,
      },
    };
  });

  return db.transaction(async (tx) => {
    // The columns with defaults come back from RETURNING (not repeated here); the rest are what was inserted.
    const returned = rowsOf<{ id: string; seq: number; version: number; due_status: CaseRow['dueStatus']; is_closed: boolean; search_vector: string | null }>(
      await tx.execute(sql`insert into cases (${sql.raw(CASE_COLUMNS.filter(([name]) => name !== 'search_words').map(([name]) => name).join(', '))}, search_vector)
        select ${sql.raw(CASE_COLUMNS.filter(([name]) => name !== 'search_words').map(([name]) => `u.${name}`).join(', '))}, to_tsvector('simple', u.search_words)
        from ${unnestOf(CASE_COLUMNS, planned, ({ row }) => [row.kind, row.series, row.year, row.seq, row.serialNo, row.title, row.state, row.fields, row.ownerUnitId, row.handlerId, row.createdBy, row.searchText, searchWordsOf(row.searchText), row.createdAt, row.updatedAt])}
        returning id, seq, version, due_status, is_closed, search_vector::text`),
    );
    // RETURNING gives the rows in the order of the input in practice, not by guarantee: match them by number.
    const bySeq = new Map(returned.map((row) => [row.seq, row]));
    const sealed = planned.map((plan) => {
      const back = bySeq.get(plan.row.seq)!;
      const row: CaseRow = { ...plan.row, id: back.id, version: back.version, dueStatus: back.due_status, isClosed: back.is_closed, searchVector: back.search_vector, deadline: null, dueDate: null, closedAt: null };
      return { plan, row };
    });
    const personal = sealed.map(({ plan, row }) => sealedRowsOf({ kind, caseId: row.id, changes: plan.changes, now }));
    const events: NewEvent[] = sealed.map(({ row }, index) => {
      const trail = personal[index]!.trail;
      return { caseId: row.id, at: now, actorId: actor.userId, actorName: actor.displayName, action: 'create', toState: row.state, data: { serialNo: row.serialNo, ...(trail ? { personal: trail } : {}) } };
    });
    const waiting: WaitingRow[] = sealed.flatMap(({ row }) =>
      kind.waitingOn({ case: toCaseView(row), assignments: [] }).map((item) => ({ caseId: row.id, since: now, label: item.label, ...('userId' in item ? { userId: item.userId } : { unitId: item.unitId, assignmentId: item.assignmentId }) })),
    );
    const trail = firstEventRows(sealed.map(({ row }, index) => ({ event: events[index]!, caseVersion: row.version })));
    await tx.execute(sql`with
      personal_added as (${insertUnnest('case_personal', PERSONAL_COLUMNS, personal.flatMap((item) => item.personal), (row) => [row.caseId, row.field, row.sealed, row.updatedAt])}),
      index_added as (${insertUnnest('person_index', INDEX_COLUMNS, personal.flatMap((item) => item.index), (row) => [row.caseId, row.field, row.type, row.digest])}),
      waiting_added as (${insertUnnest('work_items', WAITING_COLUMNS, waiting, (row) => [row.caseId, row.userId, row.unitId, row.assignmentId, row.label, row.since])})
      ${insertUnnest('case_events', EVENT_COLUMNS, trail, (row) => [row.caseId, row.seq, row.at, row.actorId, row.actorName, row.onBehalfOfId, row.onBehalfOfName, row.action, row.fromState, row.toState, row.comment, row.data, row.prevHash, row.hash, row.caseVersion, row.mac])}`);
    // As createCase: a clock may start at registration; the new case has only its 登记 event.
    if (calendar && officeHours) {
      for (const [index, { row }] of sealed.entries()) {
        const registered = { event: { action: 'create', at: now, data: events[index]!.data! } };
        await syncCaseClocks({ tx, kind, caseId: row.id, now, calendar, officeHours, caseRow: row, assignments: [], registered });
      }
    }
    const warnings = (await kind.onCreatedMany?.({ tx, cases: sealed.map(({ plan, row }) => ({ caseId: row.id, fields: plan.fields })), actor, now })) ?? [];
    await alsoInTransaction?.(tx, sealed.map(({ row }) => ({ id: row.id, serialNo: row.serialNo })));
    return sealed.map(({ row }, index) => ({ id: row.id, serialNo: row.serialNo, version: row.version, warnings: warnings[index] ?? [] }));
  });
};
