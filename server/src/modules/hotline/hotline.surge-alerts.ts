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

const weekCounts = (settings: Readonly<Record<SettingKey, number>>, fields: Record<string, unknown>, now: Date): SQL => {
  const { weeks, from } = windowOf(settings, now);
  const { category, area } = pairOf(fields);
  // One index probe per day (the key leads with the day): a busy city's other pairs are never read.
  const days = Array.from({ length: 7 * (weeks + 1) }, (_, index) => addDays(from, index));
  return sql`select (d.day - ${from}::date) / 7 as week_index, sum(d.n)::int as n from hotline_ticket_days d
      where d.day in (${sql.join(days.map((day) => sql`${day}::date`), sql`, `)}) and d.category = ${category} and d.area = ${area} group by 1`;
};

/** The same counts as one JSON value (WeekCount[]): a scalar subquery, for a registration that reads them with its other checks. */
export const weekCountsJson = (settings: Readonly<Record<SettingKey, number>>, fields: Record<string, unknown>, now: Date): SQL =>
  sql`(select coalesce(json_agg(w), '[]'::json) from (${weekCounts(settings, fields, now)}) w)`;

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
  const { category, area } = pairOf(fields);
  const settings = read?.settings ?? (await listSettingValues(tx));
  const rule = { minCount: settings['hotline.surgeMinCount'], ratioPercent: settings['hotline.surgePercent'] };
  const { weeks, week } = windowOf(settings, now);
  const counted = read?.counted ?? rowsOf<WeekCount>(await tx.execute(weekCounts(settings, fields, now)));
  const perWeek = Array<number>(weeks + 1).fill(0);
  for (const row of counted) perWeek[Number(row.week_index)] = Number(row.n);
  const thisWeek = perWeek[weeks]!;
  const judged = judgeSurge({ thisWeek, previousWeeks: perWeek.slice(0, weeks) }, rule);
  if (!judged.isSurge) return null;
  const recipients = (
    await tx
      .selectDistinct({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), inArray(userRoles.role, [...CENTER_ROLES])))
      .where(eq(users.isActive, true))
  ).map((row) => row.id);
  const [gate] = await tx
    .insert(hotlineSurgeAlerts)
    .values({ week: week.from, category, area, thisWeek, caseId, notified: recipients.length, at: now })
    .onConflictDoNothing()
    .returning({ week: hotlineSurgeAlerts.week });
  if (!gate) return null; // told already this week
  const where = area || '未注明街乡';
  const title = `热点突增：${category.replace('/', ' / ')}（${where}）本周已 ${thisWeek} 件`;
  const compared = judged.isNew ? `前 ${weeks} 周没有，新出现` : `前 ${weeks} 周周均 ${judged.baseline} 件，为其 ${judged.ratio} 倍`;
  const body = `${week.from} 至 ${week.to}，${where}“${category}”类工单已 ${thisWeek} 件，${compared}。请研判是否为集中诉求，必要时协调相关单位。`;
  if (recipients.length > 0) {
    await tx.insert(notifications).values(recipients.map((userId) => ({ userId, type: 'remind' as const, caseId, title, body, createdAt: now })));
  }
  return { notified: recipients.length };
};
