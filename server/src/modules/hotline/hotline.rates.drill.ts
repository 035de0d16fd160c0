/**
 * The tickets behind a figure of the 三率: the rows of the rate's source (hotline.rates.ts) with its
 * numerator, denominator or both-but-not-the-numerator flag — the very flags the counts are made of —,
 * newest first, each with why it counts or misses (签收超时 by how many working hours, 办结超时 by how
 * many working days, 回访不满意 …). Also the drill-down of the hotline rate metrics in the catalogue
 * (rateRegister), so /api/metrics/:id/records lists exactly the denominator.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DrillPart, RateDrillRow, RateId } from '../../../../common/schemas/hotline-rates.js';
import type { Calendar } from '../../engine/calendar/calendar.js';
import { loadCalendar } from '../../engine/calendar/calendar.service.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { toLocalMinute, workingMinutesBetween, type OfficeHours } from '../../engine/calendar/working-hours.js';
import { loadOfficeHours } from '../../engine/clocks/office-hours.js';
import { rowsOf, type Db } from '../../platform/db.js';
import type { MetricRegister } from '../metrics/metric.types.js';
import { instantsOf } from '../metrics/metrics.sql.js';
import { rateDefinitions, type SourceScope } from './hotline.rates.js';

type SourceRow = {
  row_id: string;
  case_id: string;
  serial_no: string;
  title: string;
  unit_name: string | null;
  area: string | null;
  at: string;
  due: string | null;
  stopped_at: string | null;
  clock_state: string | null;
  outcome: string | null;
  resolved: string | null;
  is_counted: boolean;
};

/** The condition on a source row (`s`) for a part of a rate: the same flag columns the counts read. */
export const partCondition = (rate: RateId, part: DrillPart): SQL => {
  const { denominator, numerator } = rateDefinitions[rate];
  const d = sql`s.${sql.identifier(denominator)}`;
  const n = sql`s.${sql.identifier(numerator)}`;
  return part === 'numerator' ? n : part === 'denominator' ? d : sql`${d} and not ${n}`;
};

type Clockwork = { calendar: Calendar; hours: OfficeHours; now: Date };

/** Working hours from one instant to another, to one decimal (signs are due in working hours). */
const lateHours = ({ calendar, hours }: Clockwork, due: string, until: string): string => {
  const minutes = workingMinutesBetween(calendar, hours, toLocalMinute(due), toLocalMinute(until));
  return String(Math.round((minutes / 60) * 10) / 10);
};

/** Working days after a due day (handling is due in working days); a late answer on a rest day is 0. */
const lateDays = ({ calendar }: Clockwork, due: string, until: string): number => calendar.workdaysBetween(due.slice(0, 10), until.slice(0, 10));

/** Why a row counts or misses, in the words the center uses. */
const outcomeOf = (rate: RateId, row: SourceRow, clock: Clockwork): string => {
  const nowIso = clock.now.toISOString();
  if (rate === 'response') {
    const what = row.outcome === 'unit_return' ? '退单' : '签收';
    if (row.is_counted) return `按时${what}`;
    if (row.clock_state === 'stopped' && row.due && row.stopped_at) return `${what}超时 ${lateHours(clock, row.due, row.stopped_at)} 个工作小时`;
    return row.due ? `超时未签收（至今已超 ${lateHours(clock, row.due, nowIso)} 个工作小时）` : '超时未签收';
  }
  if (rate === 'onTime') {
    if (row.is_counted) return '按时办结';
    if (row.clock_state === 'stopped' && row.due && row.stopped_at) {
      const days = lateDays(clock, row.due, row.stopped_at);
      return days > 0 ? `办结超时 ${days} 个工作日` : `办结超时（期限 ${row.due.slice(0, 10)}，${row.stopped_at.slice(0, 10)} 答复）`;
    }
    const days = row.due ? lateDays(clock, row.due, todayInShanghai(clock.now)) : 0;
    return days > 0 ? `逾期未办结（至今已超 ${days} 个工作日）` : '逾期未办结';
  }
  const result = row.outcome ?? '';
  if (rate === 'satisfaction') return `回访${result}`;
  if (row.is_counted) return `回访已解决（${result}）`;
  return row.resolved === '未解决' ? `回访未解决（${result}）` : `回访未确认是否解决（${result}）`;
};

/**
 * The rows of a rate's part for a scope, newest first: how many there are, and `limit` of them from
 * `offset`. The count is of the same rows and condition the rate's figure counts.
 */
export const listRateRows = async ({
  db,
  rate,
  part,
  scope,
  limit,
  offset,
}: {
  db: Db;
  rate: RateId;
  part: DrillPart;
  scope: SourceScope;
  limit: number;
  offset: number;
}): Promise<{ total: number; rows: RateDrillRow[] }> => {
  const { source, numerator } = rateDefinitions[rate];
  const where = partCondition(rate, part);
  const from = sql`from (${source.rows(scope)}) s`;
  const [counted] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n ${from} where ${where}`));
  const total = counted?.n ?? 0;
  if (limit === 0 || total === 0) return { total, rows: [] };
  const rows = rowsOf<SourceRow>(
    await db.execute(sql`select s.row_id, s.case_id, s.serial_no, s.title, s.at, s.due, s.stopped_at, s.clock_state, s.outcome, s.resolved,
        nullif(s.area_key, '未填写') as area, coalesce(u.short_name, u.name) as unit_name, s.${sql.identifier(numerator)} as is_counted
      ${from} left join units u on u.id = s.unit_key::uuid
      where ${where} order by s.at desc, s.row_id desc limit ${limit} offset ${offset}`),
  );
  const clock: Clockwork = { calendar: await loadCalendar({ db }), hours: await loadOfficeHours(db), now: scope.now };
  return {
    total,
    rows: rows.map((row) => ({
      id: row.row_id,
      caseId: row.case_id,
      serialNo: row.serial_no,
      title: row.title,
      unitName: row.unit_name,
      area: row.area,
      at: row.at,
      due: row.due,
      isCounted: row.is_counted,
      outcome: outcomeOf(rate, row, clock),
    })),
  };
};

/**
 * A hotline rate metric's drill-down through the catalogue's API: the rows of its denominator (a ticket
 * once per 派单 or 回访 it is behind, as the rate counts it), each labelled counted or missed and why,
 * opening its ticket. 同比 holds when tickets existed by the end of last year's range.
 */
export const rateRegister = (rate: RateId): MetricRegister => ({
  path: '/hotline',
  permission: 'hotline.read',
  hasDataBy: async (db, range) =>
    rowsOf(await db.execute(sql`select 1 from cases c where c.kind = 'ticket' and c.created_at < ${instantsOf(range).end}::timestamptz limit 1`)).length > 0,
  list: async ({ db, range, unitId, limit, now }) => {
    const { total, rows } = await listRateRows({ db, rate, part: 'denominator', scope: { range, unitId, now }, limit, offset: 0 });
    return {
      total,
      entries: rows.map((row) => ({
        id: row.id,
        date: row.at.slice(0, 10),
        title: `${row.serialNo} ${row.title}`,
        unitName: row.unitName ?? '',
        labels: [row.isCounted ? '计入' : '未达标', row.outcome],
        path: `/cases/ticket/${row.caseId}`,
      })),
    };
  },
});
