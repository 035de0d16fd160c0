/** Registering a case of any kind: validate its fields, number it, open its trail and 待办 — in one transaction. */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { casePersonal, cases, personIndex } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { forbidden, invalidInput, validationError } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { getKind } from '../kinds/registry.js';
import { allocateSerial, searchColumnsOf, toCaseView, unitShortName, workItemChanges } from './cases.repository.js';
import { assertCanCite, digestsIn } from '../attachments/citations.js';
import { identitiesOf } from './access.js';
import { resolvePeopleFields } from './people.js';
import { appendEvent } from './trail.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { loadOfficeHours } from '../clocks/office-hours.js';
import { syncCaseClocks } from '../clocks/sync.js';
import { protectPersonalFields, sealedRowsOf } from '../personal/protect.js';

export const createCase = async ({
  db,
  actor,
  kindId,
  fields,
  now,
  placement,
  reservedSeq,
  alsoInTransaction,
}: {
  db: Db;
  actor: Actor;
  kindId: string;
  fields: Record<string, unknown>;
  now: Date;
  /** Where the case lives when it is not the registering actor's own (e.g. a 收文 delivered to another unit at 核发). */
  placement?: { ownerUnitId: string; handlerId: string | null };
  /**
   * A number the caller reserved beforehand in the office's register of this kind and year (reserveSerials):
   * the register's counter is then not held for this transaction. Unique; the caller owns the gap its number
   * leaves if this registration fails after it (Open311 intake of tickets only: see reserveSerials).
   */
  reservedSeq?: number;
  /**
   * The caller's own writes of the registration (Open311: its request row and audit row), in the case's
   * transaction after onCreated: the caller need not open a transaction around this one (a savepoint, two more
   * round trips). A throw rolls the registration back.
   */
  alsoInTransaction?: (tx: Db, created: { id: string; serialNo: string }) => Promise<void>;
}): Promise<{ id: string; serialNo: string; version: number; warnings: string[] }> => {
  const kind = getKind(kindId);
  if (!kind.roles.create.some((role) => actor.roles.includes(role))) throw forbidden(`您不能登记${kind.label}`);
  const parsed = kind.fields.safeParse(fields);
  if (!parsed.success) throw invalidInput(parsed.error.issues, { labels: kind.fieldLabels });
  const values = await resolvePeopleFields({ db, kind, fields: parsed.data as Record<string, unknown> });
  const today = todayInShanghai(now);
  // Who the actor acts for is read only when there is an attachment to check it against (most registrations have none).
  const digests = [...digestsIn(values)];
  if (digests.length > 0) await assertCanCite({ db, actor, identities: await identitiesOf({ db, actor, today }), digests });
  const year = Number(today.slice(0, 4));
  const hasClocks = Boolean(kind.clocks);
  const calendar = hasClocks ? await loadCalendar({ db }) : undefined;
  const officeHours = hasClocks ? await loadOfficeHours(db) : undefined;
  // A case placed in another unit (a copy delivered at 核发) is that unit's: it takes the next number in the
  // unit's own register, named after the unit so the office's ledger can tell the registers apart.
  const series = placement && placement.ownerUnitId !== actor.unitId ? placement.ownerUnitId : '';
  const seriesName = series ? await unitShortName(db, series) : '';
  // The row, its title and its search text get only the masked form of personal values; the clear value is sealed below.
  const personal = protectPersonalFields({ kind, before: undefined, after: values });
  const stored = personal.fields;
  return db.transaction(async (tx) => {
    if (reservedSeq !== undefined && series) throw new Error('a reserved number is the office register\'s only');
    const seq = reservedSeq ?? (await allocateSerial(tx, kind.id, year, series));
    const serialNo = `${seriesName}${kind.serial(year, seq)}`;
    const [row] = await tx
      .insert(cases)
      .values({
        kind: kind.id,
        series,
        year,
        seq,
        serialNo,
        title: kind.titleOf(stored),
        state: kind.initialStateOf?.(values) ?? kind.initialState,
        fields: stored,
        ownerUnitId: placement?.ownerUnitId ?? actor.unitId,
        handlerId: placement ? placement.handlerId : actor.userId,
        createdBy: actor.userId,
        ...searchColumnsOf(kind, serialNo, stored),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    // A new case has nothing to replace: its sealed values, their blind index and its 待办 are plain inserts that ride
    // on its first trail event's insert (one round trip); the trail starts at the genesis hash, so nothing is read back.
    const sealed = sealedRowsOf({ kind, caseId: row.id, changes: personal.changes, now });
    const data = { serialNo: row.serialNo, ...(sealed.trail ? { personal: sealed.trail } : {}) };
    const riders: SQL[] = [];
    if (sealed.personal.length > 0) riders.push(sql`case_personal_added as (${tx.insert(casePersonal).values(sealed.personal).getSQL()})`);
    if (sealed.index.length > 0) riders.push(sql`person_index_added as (${tx.insert(personIndex).values(sealed.index).getSQL()})`);
    riders.push(workItemChanges(row.id, kind.waitingOn({ case: toCaseView(row), assignments: [] }), now));
    const event = { caseId: row.id, at: now, actorId: actor.userId, actorName: actor.displayName, action: 'create', toState: row.state, data };
    await appendEvent(tx, event, { tail: { version: row.version, seq: null, hash: null }, with: sql.join(riders, sql`, `) });
    // A clock may start at registration (登记) or from a date field (收到申请之日); the new case has no
    // assignments, no stored clocks and only this event, so nothing needs reading back.
    const registered = { event: { action: 'create', at: now, data } };
    if (calendar && officeHours) await syncCaseClocks({ tx, kind, caseId: row.id, now, calendar, officeHours, caseRow: row, assignments: [], registered });
    const warnings = (await kind.onCreated?.({ tx, caseId: row.id, fields: values, actor, now })) ?? [];
    await alsoInTransaction?.(tx, { id: row.id, serialNo: row.serialNo });
    return { id: row.id, serialNo: row.serialNo, version: row.version, warnings };
  });
};
