/**
 * What a metric declares: its name and unit, the exact rule in words, how to compute it for a
 * range and unit, and the set of records behind it (the drill-down). Declarations live one file
 * per domain (incoming.metrics.ts …) and are collected in metrics.registry.ts.
 */
import type { SQL } from 'drizzle-orm';
import type { Permission } from '../../../../common/access.js';
import type { DateRange, MetricRegisterEntry } from '../../../../common/schemas/metrics.js';
import type { Calendar } from '../../engine/calendar/calendar.js';
import type { Db } from '../../platform/db.js';

/** The question a metric answers: a date range (inclusive, Asia/Shanghai) and, optionally, one unit. */
export type MetricScope = { range: DateRange; unitId?: string | undefined };

/**
 * `now` is the app's clock (the one every action is stamped with, moved by tests), never the machine's: a
 * rate that counts what is past due by now must agree with the cases' own clocks.
 */
export type MetricContext = MetricScope & { db: Db; calendar: Calendar; now: Date };

export type MetricValue = {
  /** Counts are integers; rates and means one decimal; null when there is nothing to average. */
  value: number | null;
  parts?: Record<string, number>;
  extra?: Record<string, number | null>;
  /** An entered metric's value is one entry: which, with its source (entered.metrics.ts). */
  entry?: { id: string; from: string; to: string; source: string; enteredBy: string; enteredAt: string };
};

/**
 * The records behind a metric kept in a register rather than as cases (主动公开登记), or counted more
 * than once per case (a 热线 rate counts each 派单 or 回访): the register says whether it held entries by a
 * date (for 同比) and lists the entries behind the number, each opening its page when it has one.
 */
export type MetricRegister = {
  /** The page that lists the register, linked from the drill-down. */
  path: string;
  /** Who may see its entries; others get the count only. */
  permission: Permission;
  hasDataBy: (db: Db, range: DateRange) => Promise<boolean>;
  /** Entries newest first, at most `limit`, and how many there are in all. */
  list: (options: MetricScope & { db: Db; limit: number; now: Date }) => Promise<{ total: number; entries: MetricRegisterEntry[] }>;
};

type MetricBase = {
  id: string;
  label: string;
  unit: string;
  /** The exact rule, including what the unit filter means for this metric. Shown to users. */
  description: string;
  /** Kinds whose records the metric counts (null: any kind); used to tell "0" from "no data yet" for 同比. */
  kinds: readonly string[] | null;
  /** Labels of fixed part and extra keys (closed → 已办结); free part keys such as 文种 are their own label. */
  labels?: Record<string, string>;
  compute: (context: MetricContext) => Promise<MetricValue>;
  /**
   * A count's records by the Shanghai day they are counted on — a statement of (day 'YYYY-MM-DD', n) rows over the
   * scope — for a chart of many periods read in one statement (the dashboard's months, this year and last). It groups
   * on the very date compute filters on, so the days of any range within the scope sum to compute's value. Counts
   * only: a metric whose value is not a number of records declares none.
   */
  countsByDay?: (scope: MetricScope) => SQL;
  /**
   * The value for every unit at once, each under the metric's own unit rule, in one statement grouped by unit (the
   * dashboard's ranking of a hundred units). A unit missing from the map has nothing to count: compute gives it a
   * null value — so only a rate, empty when nothing is counted, declares it.
   */
  valuesByUnit?: (context: Omit<MetricContext, 'unitId'>) => Promise<Map<string, MetricValue>>;
  /** 'entered': typed in by the office with its source, not counted (entered.metrics.ts); counted otherwise. */
  origin?: 'computed' | 'entered';
};

export type MetricDefinition = MetricBase &
  (
    | {
        /**
         * The records behind the number as a one-column subquery of case ids (`select c.id …`), so
         * that the drill-down counts, filters and pages them in PostgreSQL however many there are.
         */
        records: (scope: MetricScope) => SQL;
        register?: undefined;
      }
    | { register: MetricRegister; records?: undefined }
  );
