/**
 * A metric over records (engine/records) lists them through a register: whether any record of the type
 * existed by the range's end (so that 同比 tells 0 from "no data yet"), and the ones matching, newest first.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Permission } from '../../../../common/access.js';
import type { MetricRegister, MetricScope } from './metric.types.js';
import { selectRows } from './metrics.sql.js';

export const recordRegister = ({
  type,
  where,
  dateOf,
  labelsOf,
  path,
  permission,
}: {
  type: string;
  where: (scope: MetricScope) => SQL;
  /** The record's date (YYYY-MM-DD) as SQL over `r`. */
  dateOf: SQL;
  labelsOf: (row: { state: string; fields: Record<string, unknown> }) => string[];
  /** The page that lists the records, and who may see them. */
  path: string;
  permission: Permission;
}): MetricRegister => ({
  path,
  permission,
  hasDataBy: async (db, range) => (await selectRows(db, sql`select 1 from records r where r.type = ${type} and ${dateOf} <= ${range.to} limit 1`)).length > 0,
  list: async ({ db, limit, ...scope }) => {
    const [all] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from records r where ${where(scope)}`);
    const rows =
      limit > 0
        ? await selectRows<{ id: string; day: string; title: string; unit_name: string | null; state: string; fields: Record<string, unknown> }>(
            db,
            sql`select r.id, ${dateOf} as day, r.title, coalesce(u.short_name, u.name) as unit_name, r.state, r.fields
                from records r left join units u on u.id = r.unit_id where ${where(scope)} order by 2 desc, r.id limit ${limit}`,
          )
        : [];
    return { total: all?.n ?? 0, entries: rows.map((row) => ({ id: row.id, date: row.day, title: row.title, unitName: row.unit_name ?? '', labels: labelsOf(row) })) };
  },
});
