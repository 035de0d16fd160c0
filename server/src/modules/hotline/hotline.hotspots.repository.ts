/**
 * What the 12345 热点 read: tickets counted per week, category and 街乡 over a few weeks, and the content of a
 * week's tickets for its words. Both walk the tickets' (created_at) partial index of migration 0026 over the
 * weeks asked, never the whole table; a merged ticket (归并) is counted once, with the ticket it went into.
 * The select names the table `cases` (no alias): the engine's visibility condition names it so.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db.js';

const WEEK_SECONDS = 7 * 24 * 3600;

const ticketsWithin = (from: string, to: string, visibility: SQL | undefined): SQL =>
  sql`cases.kind = 'ticket' and cases.state <> 'merged' and cases.created_at >= ${from}::timestamptz and cases.created_at < ${to}::timestamptz ${visibility ? sql`and ${visibility}` : sql``}`;

export type WeekPairCount = { weekIndex: number; category: string; area: string | null; n: number };

/** Tickets per week (0 = the week starting at `from`), category and 街乡, from `from` to `to` (instants). */
export const countTicketsByWeek = async ({ db, from, to, visibility }: { db: Db; from: string; to: string; visibility?: SQL | undefined }): Promise<WeekPairCount[]> =>
  rowsOf<{ week_index: number; category: string | null; area: string | null; n: number }>(
    await db.execute(sql`
      select floor(extract(epoch from (cases.created_at - ${from}::timestamptz)) / ${WEEK_SECONDS})::int as week_index,
        cases.fields->>'category' as category, nullif(cases.fields->>'area', '') as area, count(*)::int as n
      from cases where ${ticketsWithin(from, to, visibility)}
      group by 1, 2, 3`),
  ).map((row) => ({ weekIndex: Number(row.week_index), category: row.category ?? '', area: row.area, n: Number(row.n) }));

/**
 * The content of the tickets registered between two instants; with `limit` below their number, a sample
 * of that many chosen by a hash of their id — the same tickets on every call, spread over the whole week.
 */
export const readTicketContents = async ({ db, from, to, visibility, limit }: { db: Db; from: string; to: string; visibility?: SQL | undefined; limit?: number | undefined }): Promise<string[]> =>
  rowsOf<{ content: string | null }>(
    await db.execute(sql`
      select cases.fields->>'content' as content from cases where ${ticketsWithin(from, to, visibility)}
      ${limit === undefined ? sql`` : sql`order by md5(cases.id::text) limit ${limit}`}`),
  ).map((row) => row.content ?? '');
