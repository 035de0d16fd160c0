/** Queries of the 主动公开 register, named for intent; every list takes the unit condition the service built. */
import { and, asc, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { PublishedCategory, PublishedChannel, PublishedItemView } from '../../../../common/schemas/disclosure.js';
import { publishedItems, units, users } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import type { PublishedFacts } from './annual-report.js';

export type PublishedRow = typeof publishedItems.$inferSelect;

const columns = {
  item: publishedItems,
  unitName: sql<string>`coalesce(${units.shortName}, ${units.name})`,
  createdByName: users.displayName,
};

const present = ({ item, unitName, createdByName }: { item: PublishedRow; unitName: string; createdByName: string }): PublishedItemView => ({
  id: item.id,
  unitId: item.unitId,
  unitName,
  title: item.title,
  category: item.category as PublishedCategory,
  channels: item.channels as PublishedChannel[],
  publishedOn: item.publishedOn,
  documentNumber: item.documentNumber,
  decisionCount: item.decisionCount,
  feeAmount: item.feeAmount === null ? null : Number(item.feeAmount),
  note: item.note,
  repealedOn: item.repealedOn,
  repealReason: item.repealReason,
  createdByName,
  createdAt: item.createdAt.toISOString(),
  version: item.version,
});

/** Entries matching `where`, newest publication first. */
export const findPublishedItems = async (db: Db, where: SQL | undefined, limit?: number): Promise<PublishedItemView[]> => {
  const query = db
    .select(columns)
    .from(publishedItems)
    .innerJoin(units, eq(units.id, publishedItems.unitId))
    .innerJoin(users, eq(users.id, publishedItems.createdBy))
    .where(where)
    .orderBy(desc(publishedItems.publishedOn), desc(publishedItems.createdAt), asc(publishedItems.id));
  return (await (limit === undefined ? query : query.limit(limit))).map(present);
};

export const findPublishedItem = async (db: Db, id: string): Promise<PublishedItemView | undefined> =>
  (await findPublishedItems(db, eq(publishedItems.id, id)))[0];

/** Publication dates within [from, to] (YYYY-MM-DD, inclusive). */
export const publishedBetween = (from: string, to: string): SQL => and(gte(publishedItems.publishedOn, from), lte(publishedItems.publishedOn, to))!;

/** Everything the annual report of `year` reads: entries published by its end (earlier ones for 现行有效). */
export const findPublishedFacts = async (db: Db, year: number, unitCondition: SQL | undefined): Promise<PublishedFacts[]> => {
  const rows = await db
    .select()
    .from(publishedItems)
    .where(and(lte(publishedItems.publishedOn, `${year}-12-31`), unitCondition));
  return rows.map((row) => ({
    category: row.category as PublishedCategory,
    channels: row.channels,
    publishedOn: row.publishedOn,
    repealedOn: row.repealedOn,
    decisionCount: row.decisionCount,
    feeAmount: row.feeAmount === null ? null : Number(row.feeAmount),
  }));
};

/** The name a report is issued under: the unit's, or the root of the tree for the whole office. */
export const findOrganName = async (db: Db, unitId: string | undefined): Promise<string | undefined> => {
  const [row] = await db
    .select({ name: units.name })
    .from(units)
    .where(unitId ? eq(units.id, unitId) : isNull(units.parentId))
    .orderBy(asc(units.sortOrder), asc(units.createdAt))
    .limit(1);
  return row?.name;
};
