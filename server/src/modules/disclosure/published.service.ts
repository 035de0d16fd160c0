/**
 * Use cases of the 主动公开 register: list, register, edit and repeal entries. Office staff work on
 * every unit's entries; a 联络员 only on their own unit's, another unit's being "not found". Every
 * change writes its audit row in the same transaction and claims the version it was read at.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { CreatePublishedInput, PublishedItemView, PublishedQuery, RepealPublishedInput, UpdatePublishedInput } from '../../../../common/schemas/disclosure.js';
import { publishedItems, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, invalidState, notFound, validationError } from '../../platform/errors.js';
import { assertInScope, requirePermission, unitScope } from '../../platform/scope.js';
import { findPublishedItem, findPublishedItems, publishedBetween } from './published.repository.js';

/** The unit a question or an entry is limited to: a 联络员's own always; naming another unit is "not found". */
export const scopedUnitId = (actor: Actor, requested: string | undefined): string | undefined => {
  if (actor.scope === 'unit' && requested && requested !== actor.unitId) throw notFound('单位');
  return actor.scope === 'unit' ? actor.unitId : requested;
};

/** The register, filtered by year, category and unit, within the actor's scope. */
export const listPublished = async ({ db, actor, query }: { db: Db; actor: Actor; query: PublishedQuery }): Promise<PublishedItemView[]> => {
  requirePermission(actor, 'disclosure.read');
  const unitId = scopedUnitId(actor, query.unit);
  return findPublishedItems(
    db,
    and(
      unitScope(actor, publishedItems.unitId),
      unitId ? eq(publishedItems.unitId, unitId) : undefined,
      query.year ? publishedBetween(`${query.year}-01-01`, `${query.year}-12-31`) : undefined,
      query.category ? eq(publishedItems.category, query.category) : undefined,
    ),
  );
};

/** Fields as stored: absent optional ones are null, so an edit can clear them. */
const storedFields = (input: Omit<CreatePublishedInput, 'unitId'> | Omit<UpdatePublishedInput, 'version'>) => ({
  title: input.title,
  category: input.category,
  channels: [...input.channels],
  publishedOn: input.publishedOn,
  documentNumber: input.documentNumber || null,
  decisionCount: input.decisionCount ?? null,
  feeAmount: input.feeAmount === undefined ? null : input.feeAmount.toFixed(4),
  note: input.note || null,
});

const auditDetails = (item: PublishedItemView) => ({ category: item.category, publishedOn: item.publishedOn, unitId: item.unitId, channels: item.channels });

/** Registers an entry for the actor's unit or, for office staff, the unit they name. */
export const createPublished = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: CreatePublishedInput; now: Date }): Promise<PublishedItemView> => {
  requirePermission(actor, 'disclosure.publish');
  const unitId = scopedUnitId(actor, input.unitId) ?? actor.unitId;
  const { unitId: _named, ...fields } = input;
  const id = await db.transaction(async (tx) => {
    const [unit] = await tx.select({ isActive: units.isActive }).from(units).where(eq(units.id, unitId));
    if (!unit) throw notFound('单位');
    if (!unit.isActive) throw validationError('该单位已停用，不能登记公开事项');
    const [row] = await tx
      .insert(publishedItems)
      .values({ ...storedFields(fields), unitId, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: publishedItems.id });
    const saved = (await findPublishedItem(tx, row!.id))!;
    await writeAudit(tx, { actor }, {
      action: 'published_item.create',
      result: 'success',
      objectType: 'published_item',
      objectId: saved.id,
      objectLabel: saved.title,
      details: auditDetails(saved),
    });
    return saved.id;
  });
  return (await findPublishedItem(db, id))!;
};

type Change = { db: Db; actor: Actor; id: string; now: Date };

/** Loads an entry the actor may change, in the transaction, refusing a stale version (409). */
const loadForChange = async (tx: Db, actor: Actor, id: string, version: number): Promise<PublishedItemView> => {
  const item = await findPublishedItem(tx, id);
  if (!item) throw notFound('公开事项');
  assertInScope(actor, item.unitId, '公开事项');
  if (item.version !== version) throw conflict();
  return item;
};

/** Claims the version and writes the change; a writer that lost the race gets a 409. */
const claim = async (tx: Db, id: string, version: number, values: Partial<typeof publishedItems.$inferInsert>, now: Date): Promise<void> => {
  const claimed = await tx
    .update(publishedItems)
    .set({ ...values, updatedAt: now, version: version + 1 })
    .where(and(eq(publishedItems.id, id), eq(publishedItems.version, version)) as SQL)
    .returning({ id: publishedItems.id });
  if (claimed.length === 0) throw conflict();
};

/** Corrects an entry; a repealed one keeps its repeal, so its new date may not fall after it. */
export const updatePublished = async ({ db, actor, id, input, now }: Change & { input: UpdatePublishedInput }): Promise<PublishedItemView> => {
  requirePermission(actor, 'disclosure.publish');
  const { version, ...fields } = input;
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, version);
    if (before.repealedOn && fields.publishedOn > before.repealedOn) throw validationError(`公开日期不能晚于废止日期 ${before.repealedOn}`);
    await claim(tx, id, version, storedFields(fields), now);
    const changed = Object.keys(fields).filter((key) => JSON.stringify(fields[key as keyof typeof fields] ?? null) !== JSON.stringify(before[key as keyof PublishedItemView] ?? null));
    await writeAudit(tx, { actor }, {
      action: 'published_item.update',
      result: 'success',
      objectType: 'published_item',
      objectId: id,
      objectLabel: fields.title,
      details: { changed },
    });
  });
  return (await findPublishedItem(db, id))!;
};

/** 废止: from `repealedOn` the entry is no longer 现行有效; once only. */
export const repealPublished = async ({ db, actor, id, input, now }: Change & { input: RepealPublishedInput }): Promise<PublishedItemView> => {
  requirePermission(actor, 'disclosure.publish');
  await db.transaction(async (tx) => {
    const before = await loadForChange(tx, actor, id, input.version);
    if (before.repealedOn) throw invalidState(`该事项已于 ${before.repealedOn} 废止`);
    if (input.repealedOn < before.publishedOn) throw validationError(`废止日期不能早于公开日期 ${before.publishedOn}`);
    await claim(tx, id, input.version, { repealedOn: input.repealedOn, repealReason: input.reason }, now);
    await writeAudit(tx, { actor }, {
      action: 'published_item.repeal',
      result: 'success',
      objectType: 'published_item',
      objectId: id,
      objectLabel: before.title,
      details: { repealedOn: input.repealedOn, reason: input.reason },
    });
  });
  return (await findPublishedItem(db, id))!;
};
