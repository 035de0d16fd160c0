/**
 * What makes every register import idempotent: the keys of rows imported before (case_import_keys, per
 * kind), and the split of a file's valid rows into those to write and those already in — a row repeated
 * within the file counts once.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { caseImportKeys } from '../../db/schema/index.js';
import type { Db } from '../db.js';

/** Parameters per statement stay well under PostgreSQL's limit. */
const BATCH = 1000;

export const findImportedKeys = async (db: Db, kind: string, keys: readonly string[]): Promise<Set<string>> => {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += BATCH) {
    const batch = keys.slice(start, start + BATCH);
    const rows = await db.select({ key: caseImportKeys.key }).from(caseImportKeys).where(and(eq(caseImportKeys.kind, kind), inArray(caseImportKeys.key, batch)));
    for (const row of rows) found.add(row.key);
  }
  return found;
};

export const splitImported = <Row extends { key: string }>(rows: readonly Row[], imported: ReadonlySet<string>): { fresh: Row[]; duplicates: number } => {
  const seen = new Set(imported);
  const fresh: Row[] = [];
  let duplicates = 0;
  for (const row of rows) {
    if (seen.has(row.key)) duplicates += 1;
    else fresh.push(row);
    seen.add(row.key);
  }
  return { fresh, duplicates };
};
