/**
 * What the 12345 热点 read: tickets counted per week, category and 街乡 over a few weeks, and the content of a
 * week's tickets for its words; a merged ticket (归并) is counted once, with the ticket it went into.
 * - Whoever sees every ticket reads the day counts (hotline_ticket_days, kept by triggers: migration 0029): a few
 *   hundred rows for five weeks, however busy the city.
 * - A unit's 联络员 counts the tickets their unit sees, through the tickets' (created_at) partial index (0026)
 *   over those weeks and the engine's visibility condition (which names the table `cases`: no alias).
 * - A week's content is read through the same index; past the cap, a sample: the tickets whose random id falls
 *   below a bound (ids are random UUIDs), a condition on the index's own id column, so the rows left out are
 *   never fetched — the same tickets on every call, spread over the whole week.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db.js';

const WEEK_SECONDS = 7 * 24 * 3600;

export type WeekPairCount = { weekIndex: number; category: string; area: string | null; n: number };

/** The first instant of a Shanghai date (China keeps no summer time). */
export const shanghaiStart = (date: string): string => new Date(`${date}T00:00:00+08:00`).toISOString();

const ticketsWithin = (from: string, to: string): SQL =>
  sql`cases.kind = 'ticket' and cases.state <> 'merged' and cases.created_at >= ${shanghaiStart(from)}::timestamptz and cases.created_at < ${shanghaiStart(to)}::timestamptz`;

const toCounts = (rows: Array<{ week_index: number; category: string | null; area: string | null; n: number }>): WeekPairCount[] =>
  rows.map((row) => ({ weekIndex: Number(row.week_index), category: row.category ?? '', area: row.area || null, n: Number(row.n) }));

/**
 * Tickets per week (0 = the week starting on `from`), category and 街乡, from the Shanghai date `from` up to
 * (not including) `to`; with `visibility`, only the tickets it admits.
 */
export const countTicketsByWeek = async ({ db, from, to, visibility }: { db: Db; from: string; to: string; visibility?: SQL | undefined }): Promise<WeekPairCount[]> => {
  if (!visibility) {
    return toCounts(
      rowsOf(
        await db.execute(sql`
          select (d.day - ${from}::date) / 7 as week_index, d.category, d.area, sum(d.n)::int as n
          from hotline_ticket_days d where d.day >= ${from}::date and d.day < ${to}::date
          group by 1, 2, 3 having sum(d.n) <> 0`),
      ),
    );
  }
  return toCounts(
    rowsOf(
      await db.execute(sql`
        select floor(extract(epoch from (cases.created_at - ${shanghaiStart(from)}::timestamptz)) / ${WEEK_SECONDS})::int as week_index,
          cases.fields->>'category' as category, cases.fields->>'area' as area, count(*)::int as n
        from cases where ${ticketsWithin(from, to)} and ${visibility}
        group by 1, 2, 3`),
    ),
  );
};

/** The UUID below which about `fraction` of random (v4) ids fall: its first 32 bits. */
export const idBound = (fraction: number): string => {
  const prefix = Math.min(0xffffffff, Math.max(0, Math.floor(fraction * 0x1_0000_0000)));
  return `${prefix.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
};

/**
 * The content of the tickets registered from the Shanghai date `from` up to `to` (its first `chars` characters);
 * with `sample`, about `sample.size` of their `sample.of` tickets (a little under: never more than the size).
 */
export const readTicketContents = async ({
  db,
  from,
  to,
  visibility,
  sample,
  chars = 4000,
}: {
  db: Db;
  from: string;
  to: string;
  visibility?: SQL | undefined;
  sample?: { size: number; of: number } | undefined;
  chars?: number | undefined;
}): Promise<string[]> => {
  // 6% under the share: the count of ids under the bound varies by about 2% at 3,000 (three deviations).
  const bounded = sample && sample.of > sample.size ? sql`and cases.id < ${idBound((sample.size / sample.of) * 0.94)}::uuid` : sql``;
  return rowsOf<{ content: string | null }>(
    await db.execute(sql`
      select left(cases.fields->>'content', ${chars}) as content from cases
      where ${ticketsWithin(from, to)} ${bounded} ${visibility ? sql`and ${visibility}` : sql``}
      ${sample ? sql`limit ${sample.size}` : sql``}`),
  ).map((row) => row.content ?? '');
};
