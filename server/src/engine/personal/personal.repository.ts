/** Queries of personal data, named for what they do. The clear value never reaches SQL: only sealed values and digests. */
import { and, desc, eq } from 'drizzle-orm';
import { caseEvents, casePersonal, cases, personIndex } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { caseVisibility, type Identity } from '../cases/access.js';
import type { CaseRow } from '../cases/cases.repository.js';
import type { PersonalType } from './mask.js';

/** Writes (or removes, when `sealed` is null) a field's sealed value and its blind index. */
export const storeSealedField = async (
  tx: Db,
  { caseId, field, sealed, index, now }: { caseId: string; field: string; sealed: string | null; index: { type: PersonalType; digest: string } | null; now: Date },
): Promise<void> => {
  await tx.delete(personIndex).where(and(eq(personIndex.caseId, caseId), eq(personIndex.field, field)));
  if (sealed === null) {
    await tx.delete(casePersonal).where(and(eq(casePersonal.caseId, caseId), eq(casePersonal.field, field)));
    return;
  }
  await tx
    .insert(casePersonal)
    .values({ caseId, field, sealed, updatedAt: now })
    .onConflictDoUpdate({ target: [casePersonal.caseId, casePersonal.field], set: { sealed, updatedAt: now } });
  if (index) await tx.insert(personIndex).values({ caseId, field, type: index.type, digest: index.digest });
};

export const findSealedField = async (db: Db, caseId: string, field: string): Promise<string | undefined> => {
  const [row] = await db
    .select({ sealed: casePersonal.sealed })
    .from(casePersonal)
    .where(and(eq(casePersonal.caseId, caseId), eq(casePersonal.field, field)));
  return row?.sealed;
};

/** The cases whose indexed field has this digest, among those the identities may see; newest first. */
export const findCasesByDigest = (db: Db, identities: readonly Identity[], { type, digest, limit }: { type: PersonalType; digest: string; limit: number }): Promise<Array<{ row: CaseRow; field: string }>> =>
  db
    .select({ row: cases, field: personIndex.field })
    .from(personIndex)
    .innerJoin(cases, eq(cases.id, personIndex.caseId))
    .where(and(eq(personIndex.type, type), eq(personIndex.digest, digest), caseVisibility(identities)))
    .orderBy(desc(cases.createdAt))
    .limit(limit);

/** One trail event's data (its sealed inputs, the unit it concerns), or undefined when the case has no such event. */
export const findEventData = async (db: Db, caseId: string, seq: number): Promise<Record<string, unknown> | null | undefined> => {
  const [row] = await db.select({ data: caseEvents.data }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.seq, seq)));
  return row ? (row.data as Record<string, unknown> | null) : undefined;
};
