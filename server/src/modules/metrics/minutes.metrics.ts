/**
 * 会议纪要 (METRICS.md minutes.*): 纪要 issued by meeting type (常务会议纪要 N 期, 专题会议纪要 N 期) and the
 * working days from the meeting to the 纪要's 核发 (「压缩到 3 个工作日」). A 纪要 is a 发文 of 文种 纪要; its
 * meeting is the 会议 record it names, or — for one written outside Fuban's meetings — its 机关代字.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, casesWithEventWithin, ofKind, oneDecimal, partsOf, selectRows, shanghaiDate } from './metrics.sql.js';

const UNIT_RULE = '按单位统计时，计该单位起草的纪要。';

/** 纪要 issued (核发, the distribute event) within the range. */
const issuedMinutes = ({ range, unitId }: MetricScope): SQL =>
  allOf(ofKind('outgoing'), sql`c.fields->>'docType' = '纪要'`, sql`c.id in (${casesWithEventWithin(['distribute'], range)})`, unitId ? sql`c.owner_unit_id = ${unitId}::uuid` : undefined);

/** The meeting type of the 纪要's meeting, else its 机关代字's label (示政纪要 → 市政府常务会议纪要). */
const meetingTypeOf = sql`coalesce(
  (select m.fields->>'meetingType' from records m where m.type = 'meeting' and m.id::text = c.fields->>'meetingId'),
  (select i.label from issuer_codes i where i.code = c.fields->>'issuerCode'),
  c.fields->>'issuerCode')`;

export const minutesIssued: MetricDefinition = {
  id: 'minutes.issued',
  label: '印发会议纪要',
  unit: '期',
  description: `统计期内核发的纪要（文种为纪要的发文，按核发时间，北京时间），按会议类型分列：纪要关联了系统中的会议的，取该会议的类型；否则取其机关代字的名称。${UNIT_RULE}`,
  kinds: ['outgoing'],
  compute: async ({ db, ...scope }) => {
    const parts = partsOf(await selectRows<{ part: string | null; n: number }>(db, sql`select ${meetingTypeOf} as part, count(*)::int as n from cases c where ${issuedMinutes(scope)} group by 1`));
    return { value: Object.values(parts).reduce((sum, n) => sum + n, 0), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${issuedMinutes(scope)}`,
};

const withMeetingDay = (scope: MetricScope): SQL => sql`${issuedMinutes(scope)} and c.fields->>'meetingOn' is not null`;

export const minutesDaysToIssue: MetricDefinition = {
  id: 'minutes.daysToIssue',
  label: '纪要印发用时',
  unit: '工作日',
  description: `统计期内核发、载明会议日期的纪要，从会议召开到核发所用的工作日数（按工作日历，会议当日不计）：取平均值，保留一位小数；最长、件数和超过系统配置时限（会议纪要印发时限）的件数见附加项。${UNIT_RULE}`,
  kinds: ['outgoing'],
  labels: { mean: '平均', max: '最长', count: '件数', late: '超过时限' },
  compute: async ({ db, calendar, ...scope }) => {
    const pairs = await selectRows<{ met_on: string; issued_on: string; n: number; late: number }>(
      db,
      sql`select c.fields->>'meetingOn' as met_on, ${shanghaiDate(sql`c.closed_at`)} as issued_on, count(*)::int as n,
            count(*) filter (where exists (select 1 from case_clocks k where k.case_id = c.id and k.clock_id = 'outgoing.minutes_issue' and not coalesce((k.explanation->'stop'->>'isInTime')::boolean, true)))::int as late
          from cases c where ${withMeetingDay(scope)} group by 1, 2`,
    );
    let count = 0;
    let sum = 0;
    let late = 0;
    let max: number | null = null;
    for (const pair of pairs) {
      const days = calendar.workdaysBetween(pair.met_on, pair.issued_on);
      count += pair.n;
      sum += days * pair.n;
      late += pair.late;
      max = max === null ? days : Math.max(max, days);
    }
    const mean = count === 0 ? null : oneDecimal(sum, count);
    return { value: mean, extra: { mean, max, count, late } };
  },
  records: (scope) => sql`select c.id from cases c where ${withMeetingDay(scope)}`,
};

export const minutesMetrics: readonly MetricDefinition[] = [minutesIssued, minutesDaysToIssue];
