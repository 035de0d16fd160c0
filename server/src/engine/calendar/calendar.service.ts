/** Use cases of the working-day calendar: the cached Calendar, and the administrator's overrides (系统管理员). */
import { retimeOpenCaseClocks } from '../clocks/retime-cases.js';
import { and, asc, eq } from 'drizzle-orm';
import { calendarOverrides } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { isCliActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { buildCalendar, todayInShanghai, type Calendar } from './calendar.js';
import {
  overrideKindLabels,
  type CalendarOverrideView,
  type CalendarYearView,
  type OverrideKind,
  type SetOverrideInput,
} from '../../../../common/schemas/calendar.js';
import { addDays, daysInYear, toEpochDay } from './dates.js';

// Overrides change a few times a year and every deadline reads them: this process forgets the
// cache on its own changes, and the short lifetime lets other server processes catch up within seconds.
const CACHE_MS = 10_000;
let cache = new WeakMap<Db, { at: number; calendar: Promise<Calendar> }>();

/** Drops every cached calendar (after a change, or between tests). */
export const forgetCachedCalendar = (): void => {
  cache = new WeakMap();
};

type OverrideRow = typeof calendarOverrides.$inferSelect;

const presentOverride = (row: OverrideRow): CalendarOverrideView => ({
  date: row.date,
  kind: row.kind,
  note: row.note,
  source: row.source,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const selectOverrides = (db: Db) => db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));

/**
 * Calendars already built, by their overrides: a transaction (a new Db object each time) misses the
 * per-database cache and reads the table, but reuses the built per-year indexes.
 */
const built = new Map<string, Calendar>();
const calendarFor = (rows: readonly OverrideRow[]): Calendar => {
  const key = JSON.stringify(rows.map((row) => [row.date, row.kind, row.note]));
  let calendar = built.get(key);
  if (!calendar) {
    if (built.size >= 8) built.clear();
    calendar = buildCalendar({ overrides: rows });
    built.set(key, calendar);
  }
  return calendar;
};

/** The calendar with the current overrides; cached per database for a few seconds. */
export const loadCalendar = async ({ db }: { db: Db }): Promise<Calendar> => {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.calendar;
  // Cache the promise, so that concurrent requests after expiry read the table once.
  const calendar = selectOverrides(db).then(calendarFor);
  cache.set(db, { at: Date.now(), calendar });
  calendar.catch(() => {
    if (cache.get(db)?.calendar === calendar) cache.delete(db);
  });
  return calendar;
};

/** Every date of a year as the calendar sees it (for the 工作日历 page; any signed-in user). */
export const getCalendarYear = async ({ db, year }: { db: Db; year: number }): Promise<CalendarYearView> => {
  const calendar = await loadCalendar({ db });
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const days = Array.from({ length: daysInYear(year) }, (_, i) => {
    const { isWorkday, isWeekend, name, source, date } = calendar.describeDay(addDays(first, i));
    return { date, isWorkday, isWeekend, name, source };
  });
  return { year, hasOfficialData: calendar.hasOfficialData(year), days };
};

export const listOverrides = async ({ db, actor }: { db: Db; actor: Actor }): Promise<CalendarOverrideView[]> => {
  requirePermission(actor, 'calendar.manage');
  return (await selectOverrides(db)).map(presentOverride);
};

const labelOf = (date: string, kind: OverrideKind) => `${date} ${overrideKindLabels[kind]}`;

/**
 * Creates (no version) or changes (the version it was read at) the override of one date.
 * Creating over an existing override, or changing a stale or deleted one, is a conflict.
 */
export const setOverride = async ({
  db,
  actor,
  date,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  date: string;
  input: SetOverrideInput;
  now: Date;
}): Promise<CalendarOverrideView> => {
  requirePermission(actor, 'calendar.manage');
  toEpochDay(date);
  const { version, ...values } = input;
  const updatedBy = isCliActor(actor) ? null : actor.userId;
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, date));
    let saved: OverrideRow | undefined;
    if (version === undefined) {
      if (before) throw conflict(`${date} 已有调整记录，请刷新后修改`);
      // Two administrators creating the same date at once: the second insert does nothing and is told so.
      [saved] = await tx
        .insert(calendarOverrides)
        .values({ date, ...values, updatedBy, updatedAt: now, version: 1 })
        .onConflictDoNothing()
        .returning();
    } else {
      if (!before || before.version !== version) throw conflict();
      [saved] = await tx
        .update(calendarOverrides)
        .set({ ...values, updatedBy, updatedAt: now, version: version + 1 })
        .where(and(eq(calendarOverrides.date, date), eq(calendarOverrides.version, version)))
        .returning();
    }
    if (!saved) throw conflict();
    // Open clocks follow the calendar at once, with the trail saying which override moved them.
    await retimeOpenCaseClocks({ tx, now });
    await writeAudit(tx, { actor }, {
      action: 'calendar.override_set',
      result: 'success',
      objectType: 'calendar_override',
      objectId: date,
      objectLabel: labelOf(date, saved.kind),
      details: {
        before: before ? { kind: before.kind, note: before.note, source: before.source } : null,
        after: values,
      },
    });
    return saved;
  });
  forgetCachedCalendar();
  return presentOverride(row);
};

/** Removes the override of one date: the date goes back to the package's answer. */
export const deleteOverride = async ({
  db,
  actor,
  date,
  version,
  now,
}: {
  db: Db;
  actor: Actor;
  date: string;
  version: number;
  now: Date;
}): Promise<void> => {
  requirePermission(actor, 'calendar.manage');
  toEpochDay(date);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, date));
    if (!before) throw notFound('日历调整记录');
    if (before.version !== version) throw conflict();
    const [deleted] = await tx
      .delete(calendarOverrides)
      .where(and(eq(calendarOverrides.date, date), eq(calendarOverrides.version, version)))
      .returning({ date: calendarOverrides.date });
    if (!deleted) throw conflict();
    await retimeOpenCaseClocks({ tx, now });
    await writeAudit(tx, { actor }, {
      action: 'calendar.override_delete',
      result: 'success',
      objectType: 'calendar_override',
      objectId: date,
      objectLabel: labelOf(date, before.kind),
      details: { before: { kind: before.kind, note: before.note, source: before.source } },
    });
  });
  forgetCachedCalendar();
};

/** The sentence shown when a year's holiday arrangement is missing (health check, CLI). */
export const missingDataWarning = (year: number): string =>
  `${year} 年尚无国务院办公厅节假日安排数据，请在「工作日历」中录入，否则该年的期限按普通周末计算`;

/**
 * Warnings for /api/health: the current and the next year (Asia/Shanghai) need the State
 * Council's arrangement, since deadlines set in December already end in January.
 */
export const calendarWarnings = async ({ db, now }: { db: Db; now: Date }): Promise<string[]> => {
  const calendar = await loadCalendar({ db });
  const year = Number(todayInShanghai(now).slice(0, 4));
  return [year, year + 1].filter((y) => !calendar.hasOfficialData(y)).map(missingDataWarning);
};
