/**
 * The per-day counts the hotline metrics read (migration 0031: hotline_ticket_facts, hotline_visit_facts,
 * hotline_answer_facts), kept by triggers in the transaction of every change, so a year is a few hundred
 * rows a figure instead of every ticket, 回访 and clock of the year. A unit's counts are its own rows; the
 * whole office's are the nil-uuid rows (tickets) or the sum over units (visits, answers). hotline.facts.test.ts
 * holds them equal to the live counts, the 三率's own included.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import type { Db } from '../../platform/db.js';
import { selectRows } from './metrics.sql.js';

export const OFFICE = '00000000-0000-0000-0000-000000000000';

const days = (range: DateRange): SQL => sql`f.day >= ${range.from}::date and f.day <= ${range.to}::date`;

/** Tickets registered in the range by channel, type and state now: the office's, or those given to the unit. */
export const ticketFacts = (db: Db, { range, unitId }: { range: DateRange; unitId?: string | undefined }, where: SQL = sql`true`) =>
  selectRows<{ channel: string; type: string; state: string; is_closed: boolean; is_public: boolean; n: number }>(
    db,
    sql`select f.channel, f.ticket_type as type, f.state, f.is_closed, f.is_public, sum(f.n)::int as n
        from hotline_ticket_facts f where f.unit_id = ${unitId ?? OFFICE}::uuid and ${days(range)} and ${where}
        group by 1, 2, 3, 4, 5 having sum(f.n) <> 0`,
  );

/** 回访 and 不满意重办 in the range by result and 是否解决: all of them, or those about the unit's answer. */
export const visitFacts = (db: Db, { range, unitId }: { range: DateRange; unitId?: string | undefined }) =>
  selectRows<{ result: string; resolved: string; n: number }>(
    db,
    sql`select f.result, f.resolved, sum(f.n)::int as n from hotline_visit_facts f
        where ${days(range)} ${unitId ? sql`and f.unit_id = ${unitId}::uuid` : sql``} group by 1, 2 having sum(f.n) <> 0`,
  );

/** Units' handling clocks stopped by their answer in the range, in time and in all. */
const answerSums = sql`coalesce(sum(f.n) filter (where f.is_in_time), 0)::int as in_time, coalesce(sum(f.n), 0)::int as total`;
export const answerFacts = async (db: Db, { range, unitId }: { range: DateRange; unitId?: string | undefined }) => {
  const [row] = await selectRows<{ in_time: number; total: number }>(
    db,
    sql`select ${answerSums} from hotline_answer_facts f where ${days(range)} ${unitId ? sql`and f.unit_id = ${unitId}::uuid` : sql``}`,
  );
  return { inTime: row?.in_time ?? 0, total: row?.total ?? 0 };
};

/** answerFacts of every unit at once (a ranking): a unit with no answer in the range is absent. */
export const answerFactsByUnit = async (db: Db, { range }: { range: DateRange }): Promise<Map<string, { inTime: number; total: number }>> => {
  const rows = await selectRows<{ unit_id: string; in_time: number; total: number }>(
    db,
    sql`select f.unit_id, ${answerSums} from hotline_answer_facts f where ${days(range)} group by f.unit_id`,
  );
  return new Map(rows.map((row) => [row.unit_id, { inTime: row.in_time, total: row.total }]));
};

/**
 * Handling clocks still open whose due day fell in the range and has passed: late whatever comes next (the
 * 三率's rule). Open clocks are few and indexed (case_clocks_open_due_idx): read live.
 */
const openPastDueFrom = ({ range, today }: { range: DateRange; today: string }): SQL =>
  sql`from case_clocks k join assignments a on a.id = k.assignment_id join cases c on c.id = k.case_id
      where c.kind = 'ticket' and k.clock_id = 'assignment.lead' and k.state in ('running', 'overdue') and a.state in ('pending', 'in_progress')
        and k.due_at >= ${range.from} and k.due_at < ${nextDay(range.to)} and left(k.due_at, 10) < ${today}`;

export const openPastDue = async (db: Db, { range, unitId, today }: { range: DateRange; unitId?: string | undefined; today: string }): Promise<number> => {
  const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n ${openPastDueFrom({ range, today })} ${unitId ? sql`and a.unit_id = ${unitId}::uuid` : sql``}`);
  return row?.n ?? 0;
};

/** openPastDue of every unit at once (a ranking): a unit with none is absent. */
export const openPastDueByUnit = async (db: Db, { range, today }: { range: DateRange; today: string }): Promise<Map<string, number>> => {
  const rows = await selectRows<{ unit_id: string; n: number }>(db, sql`select a.unit_id, count(*)::int as n ${openPastDueFrom({ range, today })} group by a.unit_id`);
  return new Map(rows.map((row) => [row.unit_id, row.n]));
};

const nextDay = (date: string): string => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};
