/** What the format check and 核发 read besides the case: the 代字's organ and the units in Fuban. */
import { eq } from 'drizzle-orm';
import { issuerCodes, units } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import type { IssuerOrgan } from './format-check.js';
import type { UnitName } from './organ-match.js';

export const findActiveUnitNames = (db: Db): Promise<UnitName[]> =>
  db.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.isActive, true));

export const findIssuerOrgan = async (db: Db, code: string): Promise<IssuerOrgan | undefined> => {
  const [row] = await db.select({ code: issuerCodes.code, issuerName: issuerCodes.issuerName, organName: issuerCodes.organName }).from(issuerCodes).where(eq(issuerCodes.code, code));
  return row;
};
