/**
 * The ticket kind's onCreatedMany (Open311 batch intake): what onCreated does for one ticket, for a batch in a
 * number of statements that does not grow with it — one read (every category and 街乡 of the batch checked, every
 * pair's weeks counted and whether it was told this week, every ticket's earlier tickets it may repeat), then the
 * writes only when there is something to write: one insert of every duplicate link, and the surges (three
 * statements for any number of them). The same results as the tickets registered one by one in their order: a
 * ticket's duplicates include the batch's tickets before it, never those after; a category or 街乡 not found
 * refuses the batch (the first in the batch's order, categories before 街乡), as onCreated refuses its ticket.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db.js';
import { listSettingValues } from '../../platform/settings.js';
import { duplicatesOfManyJson, linkDuplicatesOfMany, type Duplicate } from './hotline.duplicates.js';
import { areaFound, areaRefusal, categoryFound, categoryRefusal } from './hotline.rules.js';
import { alertSurges, pairsOf, pairsReadJson, type PairRead } from './hotline.surge-alerts.js';

type Created = { caseId: string; fields: Record<string, unknown> };

/** Booleans as one JSON array (an array constructor: no limit on its length, as json_build_array's 100 arguments). */
const foundJson = (found: SQL[]) => (found.length === 0 ? sql`'[]'::json` : sql`to_json(array[${sql.join(found, sql`, `)}])`);

export const onTicketsCreated = async ({ tx, cases, now }: { tx: Db; cases: readonly Created[]; now: Date }): Promise<string[][]> => {
  if (cases.length === 0) return [];
  const settings = await listSettingValues(tx);
  const categories = [...new Set(cases.map((item) => String(item.fields.category)))];
  const areas = [...new Set(cases.flatMap((item) => (typeof item.fields.area === 'string' && item.fields.area !== '' ? [item.fields.area] : [])))];
  // Every ticket of the batch is counted by now (the day counts' statement trigger): a surge is judged once per pair, told with its last ticket.
  const pairs = pairsOf(cases);
  const [read] = rowsOf<{ categories: boolean[]; areas: boolean[]; pairs: PairRead[]; duplicates: Duplicate[][] }>(
    await tx.execute(sql`select ${foundJson(categories.map(categoryFound))} as categories, ${foundJson(areas.map(areaFound))} as areas,
      ${pairsReadJson(settings, pairs, now)} as pairs, ${duplicatesOfManyJson({ cases, now, days: settings['hotline.duplicateDays'] })} as duplicates`),
  );
  const missingCategory = categories.find((_, index) => !read!.categories[index]);
  if (missingCategory !== undefined) throw categoryRefusal(missingCategory);
  const missingArea = areas.find((_, index) => !read!.areas[index]);
  if (missingArea !== undefined) throw areaRefusal(missingArea);
  await alertSurges({ tx, now, settings, pairs: pairs.map((pair, index) => ({ ...pair, ...read!.pairs[index]! })) });
  return linkDuplicatesOfMany({ tx, found: cases.map((item, index) => ({ caseId: item.caseId, found: read!.duplicates[index] ?? [] })), now });
};
