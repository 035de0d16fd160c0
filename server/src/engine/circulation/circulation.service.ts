/**
 * 传阅: sending a case to people or units to read, with a stated purpose, and their read
 * receipts (阅知, with an optional comment kept in the trail). Who has not read yet is
 * visible at a glance to the office that sent it.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { CirculateInput, CirculationView } from '../../../../common/schemas/cases.js';
import { cases, circulations, notifications, units, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { getKind } from '../kinds/registry.js';
import { identitiesOf, seesAsUnit, type Identity } from '../cases/access.js';
import { findVisibleCase, liaisonsOf, unitNames, userNames } from '../cases/cases.repository.js';
import type { DetailCirculationRow } from '../cases/case-detail.repository.js';
import { appendEvent } from '../cases/trail.js';

/** Locks the case row so a trail append cannot race an action on the same case. */
const lockCase = (tx: Db, caseId: string) => tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');

export const circulateCase = async ({ db, actor, caseId, input, now }: { db: Db; actor: Actor; caseId: string; input: CirculateInput; now: Date }) => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const row = await findVisibleCase(db, identities, caseId);
  if (!row) throw notFound('事项');
  if (seesAsUnit(identities, row.kind)) throw forbidden('只有办公室工作人员可以发起传阅');
  const userIds = input.recipients.flatMap((r) => ('userId' in r ? [r.userId] : []));
  const unitIds = input.recipients.flatMap((r) => ('unitId' in r ? [r.unitId] : []));
  const people = userIds.length ? await db.select({ id: users.id }).from(users).where(and(inArray(users.id, userIds), eq(users.isActive, true))) : [];
  const places = unitIds.length ? await db.select({ id: units.id }).from(units).where(and(inArray(units.id, unitIds), eq(units.isActive, true))) : [];
  if (people.length !== new Set(userIds).size || places.length !== new Set(unitIds).size) throw validationError('传阅对象不存在或已停用');
  const kind = getKind(row.kind);
  return db.transaction(async (tx) => {
    await lockCase(tx, caseId);
    const inserted = await tx
      .insert(circulations)
      .values([
        ...[...new Set(userIds)].map((id) => ({ caseId, recipientUserId: id, purpose: input.purpose, sentBy: actor.userId, sentAt: now })),
        ...[...new Set(unitIds)].map((id) => ({ caseId, recipientUnitId: id, purpose: input.purpose, sentBy: actor.userId, sentAt: now })),
      ])
      .returning({ id: circulations.id });
    const readers = [...new Set([...userIds, ...(await Promise.all(unitIds.map((id) => liaisonsOf(tx, id)))).flat()])];
    if (readers.length > 0) {
      await tx.insert(notifications).values(
        readers.map((userId) => ({ userId, type: 'toread' as const, caseId, title: `传阅：${kind.label} ${row.serialNo} ${row.title}`, body: input.purpose, createdAt: now })),
      );
    }
    const names = [...(await userNames(tx, userIds)).values(), ...(await unitNames(tx, unitIds)).values()];
    await appendEvent(tx, {
      caseId,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'circulate',
      comment: `${input.purpose}（传阅：${names.join('、')}）`,
      data: { userIds, unitIds },
    });
    return { circulated: inserted.length };
  });
};

/** The condition on circulations of a 传阅 addressed to one of the identities (a person, or a 联络员's unit). */
export const isAddressedTo = (identities: readonly Identity[]) => {
  const userIds = identities.map((identity) => identity.userId);
  const unitIds = identities.filter((identity) => identity.roles.includes('liaison')).map((identity) => identity.unitId);
  return unitIds.length
    ? or(inArray(circulations.recipientUserId, userIds), inArray(circulations.recipientUnitId, unitIds))!
    : inArray(circulations.recipientUserId, userIds);
};

export const markCirculationRead = async ({ db, actor, caseId, circulationId, comment, now }: { db: Db; actor: Actor; caseId: string; circulationId: string; comment?: string | undefined; now: Date }) => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  await db.transaction(async (tx) => {
    await lockCase(tx, caseId);
    const [row] = await tx.select().from(circulations).where(and(eq(circulations.id, circulationId), eq(circulations.caseId, caseId), isAddressedTo(identities)));
    if (!row) throw notFound('传阅');
    const updated = await tx
      .update(circulations)
      .set({ readAt: now, readBy: actor.userId, comment: comment ?? null })
      .where(and(eq(circulations.id, circulationId), isNull(circulations.readAt)))
      .returning({ id: circulations.id });
    if (updated.length === 0) throw conflict('已阅过');
    await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, actor.userId), eq(notifications.caseId, caseId), eq(notifications.type, 'toread'), isNull(notifications.readAt)));
    await appendEvent(tx, {
      caseId,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'read',
      comment: comment ?? null,
      data: { circulationId, ...(row.recipientUnitId ? { unitId: row.recipientUnitId } : {}) },
    });
  });
};

/** A 传阅 as the case page shows it (read with its names by readCaseDetailParts: all of them for the office, their own for a recipient). */
export const circulationViewOf = (r: DetailCirculationRow): CirculationView => ({
  id: r.id,
  recipientName: r.recipientUserId ? (r.recipientUserName ?? '') : (r.recipientUnitName ?? ''),
  recipientType: r.recipientUserId ? ('user' as const) : ('unit' as const),
  purpose: r.purpose,
  sentByName: r.sentByName ?? '',
  sentAt: r.sentAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
  readByName: r.readBy ? (r.readByName ?? null) : null,
  comment: r.comment,
  isMine: r.isMine,
});
