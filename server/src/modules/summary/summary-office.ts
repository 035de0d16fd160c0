/** The office a summary speaks for: its name, and the level its name suggests. */
import { asc, eq } from 'drizzle-orm';
import { units } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';

/** The office's name (the 本机关 unit called …办公室, else the top unit), or the unit's when a summary is a unit's. */
export const organNameOf = async (db: Db, unitId: string | null): Promise<string> => {
  if (unitId) {
    const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
    if (!unit) throw notFound('单位');
    return unit.name;
  }
  const offices = await db.select({ name: units.name, parentId: units.parentId }).from(units).where(eq(units.type, 'office')).orderBy(asc(units.sortOrder), asc(units.createdAt));
  return offices.find((unit) => unit.name.endsWith('办公室'))?.name ?? offices[0]?.name ?? '人民政府办公室';
};
