/**
 * 热点突增 told to the center: when a ticket's registration makes its category in its 街乡 a surge this week (the
 * page's rule, judgeSurge, with the hotline.surge* settings), the 12345 center (hotlineCenter's roles) gets a 催办-type
 * notification, once per week, category and 街乡 — the hotline_surge_alerts insert is the gate (migration 0034), so
 * neither the tickets that follow nor the hot-spots page, however often polled, tell it again.
 * Read in the registration's transaction from the day counts (hotline_ticket_days, summed over the lanes 0032 spread
 * them on): two registrations of the same pair committing at the same moment may each miss the other's ticket and
 * both stay just under the minimum — the next ticket of the pair then tells it, once.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { hotlineSurgeAlerts, notifications, userRoles, users } from '../../db/schema/index.js';
import { addDays, todayInShanghai } from '../../engine/calendar/dates.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { listSettingValues, type SettingKey } from '../../platform/settings.js';
import { judgeSurge, weekOf } from './hotline.hotspots.js';

/** The center the surge is told to (hotline.kind.ts's hotlineCenter: kept here, the kind imports this file). */
const CENTER_ROLES = ['hotline_staff', 'director'] as const;

/** A pair's tickets a week, oldest first (week_index 0) to this week's (week_index = the setting's weeks); weeks without any left out. */
export type WeekCount = { week_index: number; n: number };

const windowOf = (settings: Readonly<Record<SettingKey, number>>, now: Date) => {
  const weeks = settings['hotline.surgeWeeks'];
  const week = weekOf(todayInShanghai(now));
  const from = addDays(week.from, -7 * weeks);
  return { weeks, week, from };
};

const pairOf = (fields: Record<string, unknown>) => ({ category: String(fields.category ?? ''), area: typeof fields.area === 'string' ? fields.area : '' });

/** A pair's counts by week: `category` and `area` are SQL values (literals for one ticket, a column for many). */
const weekCounts = (settings: Readonly<Record<SettingKey, number>>, now: Date, pair: { category: SQL; area: SQL }): SQL => {
  const { weeks, from } = windowOf(settings, now);
  // One index probe per day (the key leads with the day): a busy city's other pairs are never read.
  const days = Array.from({ length: 7 * (weeks + 1) }, (_, index) => addDays(from, index));
  return sql`select (d.day - ${from}::date) / 7 as week_index, sum(d.n)::int as n from hotline_ticket_days d
      where d.day in (${sql.join(days.map((day) => sql`${day}::date`), sql`, `)}) and d.category = ${pair.category} and d.area = ${pair.area} group by 1`;
};

/** The same counts as one JSON value (WeekCount[]): a scalar subquery, for a registration that reads them with its other checks. */
export const weekCountsJson = (settings: Readonly<Record<SettingKey, number>>, fields: Record<string, unknown>, now: Date): SQL => {
  const { category, area } = pairOf(fields);
  return sql`(select coalesce(json_agg(w), '[]'::json) from (${weekCounts(settings, now, { category: sql`${category}::text`, area: sql`${area}::text` })}) w)`;
};

/** What a surge of each pair is judged on, read with a registration's other checks: its counts, and whether the center was told this week. */
export type PairRead = { counted: WeekCount[]; told: boolean };

/**
 * The same for many tickets' pairs at once (a batch), as one JSON value: PairRead[] in the order of `tickets`' pairs
 * (pairsOf), and whether each was told already this week — a pair told is not judged again.
 */
export const pairsReadJson = (settings: Readonly<Record<SettingKey, number>>, pairs: ReadonlyArray<{ fields: Record<string, unknown> }>, now: Date): SQL => {
  const { week } = windowOf(settings, now);
  const values = sql.join(
    pairs.map(({ fields }, index) => {
      const { category, area } = pairOf(fields);
      return sql`(${index}::int, ${category}::text, ${area}::text)`;
    }),
    sql`, `,
  );
  const counts = weekCounts(settings, now, { category: sql`p.category`, area: sql`p.area` });
  return sql`(select json_agg(json_build_object(
        'counted', (select coalesce(json_agg(w), '[]'::json) from (${counts}) w),
        'told', exists (select 1 from hotline_surge_alerts a where a.week = ${week.from}::date and a.category = p.category and a.area = p.area)) order by p.pair)
      from (values ${values}) p (pair, category, area))`;
};

/** Each category and 街乡 among tickets registered together once, with the last ticket of it (the one a surge is told with). */
export const pairsOf = <T extends { fields: Record<string, unknown> }>(tickets: readonly T[]): T[] => [
  ...new Map(tickets.map((item) => {
    const { category, area } = pairOf(item.fields);
    return [`${category}\u0000${area}`, item] as const;
  })).values(),
];

/**
 * Registration of a ticket (not merged): if its category and 街乡 surge this week and no one was told yet, tells the
 * center. `read`: the settings and its pair's counts, already read with them (weekCountsJson) in this transaction.
 */
export const alertSurge = async ({
  tx,
  caseId,
  fields,
  now,
  read,
}: {
  tx: Db;
  caseId: string;
  fields: Record<string, unknown>;
  now: Date;
  read?: { settings: Readonly<Record<SettingKey, number>>; counted: readonly WeekCount[] };
}): Promise<{ notified: number } | null> => {
  const settings = read?.settings ?? (await listSettingValues(tx));
  const { category, area } = pairOf(fields);
  const counted = read?.counted ?? rowsOf<WeekCount>(await tx.execute(weekCounts(settings, now, { category: sql`${category}::text`, area: sql`${area}::text` })));
  const [told] = await alertSurges({ tx, now, settings, pairs: [{ caseId, fields, counted: [...counted], told: false }] });
  return told ?? null;
};

/**
 * The same for many pairs at once (a batch's, pairsOf), each with the ticket it is told with and what was read of
 * it (pairsReadJson): the surging ones not told yet are told in three statements whatever their number (the center's
 * people, the gates, the notifications); none surging, none. Returns, in the order given, what was told (null: nothing).
 */
export const alertSurges = async ({
  tx,
  now,
  settings,
  pairs,
}: {
  tx: Db;
  now: Date;
  settings: Readonly<Record<SettingKey, number>>;
  pairs: ReadonlyArray<{ caseId: string; fields: Record<string, unknown> } & PairRead>;
}): Promise<Array<{ notified: number } | null>> => {
  const rule = { minCount: settings['hotline.surgeMinCount'], ratioPercent: settings['hotline.surgePercent'] };
  const { weeks, week } = windowOf(settings, now);
  const surging = pairs.flatMap((pair, index) => {
    if (pair.told) return [];
    const perWeek = Array<number>(weeks + 1).fill(0);
    for (const row of pair.counted) perWeek[Number(row.week_index)] = Number(row.n);
    const thisWeek = perWeek[weeks]!;
    const judged = judgeSurge({ thisWeek, previousWeeks: perWeek.slice(0, weeks) }, rule);
    return judged.isSurge ? [{ index, caseId: pair.caseId, ...pairOf(pair.fields), thisWeek, judged }] : [];
  });
  const told = pairs.map((): { notified: number } | null => null);
  if (surging.length === 0) return told;
  const recipients = (
    await tx
      .selectDistinct({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), inArray(userRoles.role, [...CENTER_ROLES])))
      .where(eq(users.isActive, true))
  ).map((row) => row.id);
  const gated = await tx
    .insert(hotlineSurgeAlerts)
    .values(surging.map((item) => ({ week: week.from, category: item.category, area: item.area, thisWeek: item.thisWeek, caseId: item.caseId, notified: recipients.length, at: now })))
    .onConflictDoNothing()
    .returning({ category: hotlineSurgeAlerts.category, area: hotlineSurgeAlerts.area });
  // Only the pairs whose gate this transaction inserted: the others were told already this week.
  const opened = surging.filter((item) => gated.some((gate) => gate.category === item.category && gate.area === item.area));
  const messages = opened.map((item) => {
    const where = item.area || '未注明街乡';
    const title = `热点突增：${item.category.replace('/', ' / ')}（${where}）本周已 ${item.thisWeek} 件`;
    const compared = item.judged.isNew ? `前 ${weeks} 周没有，新出现` : `前 ${weeks} 周周均 ${item.judged.baseline} 件，为其 ${item.judged.ratio} 倍`;
    const body = `${week.from} 至 ${week.to}，${where}“${item.category}”类工单已 ${item.thisWeek} 件，${compared}。请研判是否为集中诉求，必要时协调相关单位。`;
    told[item.index] = { notified: recipients.length };
    return recipients.map((userId) => ({ userId, type: 'remind' as const, caseId: item.caseId, title, body, createdAt: now }));
  });
  if (messages.flat().length > 0) await tx.insert(notifications).values(messages.flat());
  return told;
};
