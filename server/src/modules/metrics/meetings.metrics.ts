/**
 * 办会 metrics (METRICS.md): meetings held by type and their change on last year, 会风会纪 notices, and the
 * 议题 given a 合法性审查 with the opinions counted. Meetings and 议题 are records (engine/records), so each
 * metric lists its records through a register rather than as cases.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DateRange } from '../../../../common/schemas/metrics.js';
import { addMonths } from '../../engine/calendar/dates.js';
import type { Db } from '../../platform/db.js';
import type { MetricDefinition, MetricRegister, MetricScope, MetricValue } from './metric.types.js';
import { allOf, oneDecimal, partsOf, selectRows, shanghaiDate, totalOf, within } from './metrics.sql.js';
import { recordRegister } from './record-register.js';

/** Meetings held (state 已召开) whose start falls in the range; a unit: the meetings it was asked to attend. */
const heldWithin = ({ range, unitId }: MetricScope): SQL =>
  allOf(
    sql`r.type = 'meeting' and r.state = 'held'`,
    within(sql`r.starts_at`, range),
    unitId ? sql`r.fields->'attendingUnitIds' ? ${unitId}` : undefined,
  );

/** 会风会纪通报 issued in the range; a unit: the notices naming it. */
const noticesWithin = ({ range, unitId }: MetricScope): SQL =>
  allOf(sql`r.type = 'discipline_notice'`, sql`r.fields->>'issuedOn' between ${range.from} and ${range.to}`, unitId ? sql`r.fields->'unitIds' ? ${unitId}` : undefined);

/** 议题 whose 合法性审查 was given in the range (the latest review counts); a unit: the ones it submitted. */
const reviewedWithin = ({ range, unitId }: MetricScope): SQL =>
  allOf(sql`r.type = 'agenda_item' and jsonb_typeof(r.fields->'review') = 'object'`, within(sql`(r.fields->'review'->>'at')::timestamptz`, range), unitId ? sql`r.unit_id = ${unitId}::uuid` : undefined);

const yearEarlier = (range: DateRange): DateRange => ({ from: addMonths(range.from, -12), to: addMonths(range.to, -12) });

/** The meeting metrics' records, listed on the 会议 page for those who may see meetings. */
const meetingRegister = (type: string, where: (scope: MetricScope) => SQL, dateOf: SQL, labelsOf: (row: { state: string; fields: Record<string, unknown> }) => string[]): MetricRegister =>
  recordRegister({ type, where, dateOf, labelsOf, path: '/meetings', permission: 'meeting.read' });

const meetingDay = shanghaiDate(sql`r.starts_at`);
const meetingLabels = (row: { fields: Record<string, unknown> }) => [String(row.fields.meetingType ?? '')];

const countHeld = async (db: Db, scope: MetricScope): Promise<Record<string, number>> =>
  partsOf(await selectRows<{ part: string; n: number }>(db, sql`select r.fields->>'meetingType' as part, count(*)::int as n from records r where ${heldWithin(scope)} group by 1`));

export const meetingsHeld: MetricDefinition = {
  id: 'meetings.held',
  label: '组织服务会议次数',
  unit: '次',
  description: '统计期内召开（状态为已召开）的会议次数，按会议开始日期（北京时间），按会议类型（常务会议、市长办公会议、专题会议等）分列；已取消的不计。按单位统计时，计该单位为参会单位的会议。',
  kinds: [],
  compute: async ({ db, ...scope }) => {
    const parts = await countHeld(db, scope);
    return { value: totalOf(parts), parts };
  },
  countsByDay: (scope) => sql`select ${meetingDay} as day, count(*)::int as n from records r where ${heldWithin(scope)} group by 1`,
  register: meetingRegister('meeting', heldWithin, meetingDay, meetingLabels),
};

export const meetingsYoyChange: MetricDefinition = {
  id: 'meetings.yoyChange',
  label: '会议数量同比增减',
  unit: '%',
  description:
    '统计期内召开的会议次数相对上年同期（日期范围提前一年）的增减百分比（保留一位小数，负数为减少；上年同期为 0 时不计算）；分项为本期、上年同期次数，附加项为增减次数。系统中没有上年同期及以前的会议记录时为无数据。明细列出本期召开的会议。按单位统计时，计该单位为参会单位的会议。',
  kinds: [],
  labels: { current: '本期', previous: '上年同期', absolute: '增减（次）' },
  compute: async ({ db, range, unitId }): Promise<MetricValue> => {
    const current = totalOf(await countHeld(db, { range, unitId }));
    const previousRange = yearEarlier(range);
    const hasPrevious = (await selectRows(db, sql`select 1 from records r where r.type = 'meeting' and ${meetingDay} <= ${previousRange.to} limit 1`)).length > 0;
    if (!hasPrevious) return { value: null, parts: { current }, extra: { absolute: null } };
    const previous = totalOf(await countHeld(db, { range: previousRange, unitId }));
    return { value: previous === 0 ? null : oneDecimal(current - previous, previous, 100), parts: { current, previous }, extra: { absolute: current - previous } };
  },
  register: meetingRegister('meeting', heldWithin, meetingDay, meetingLabels),
};

export const meetingsDisciplineNotices: MetricDefinition = {
  id: 'meetings.disciplineNotices',
  label: '违反会风会纪通报次数',
  unit: '次',
  description: '统计期内印发的会风会纪通报次数，按通报日期。按单位统计时，计通报中点名该单位的通报。',
  kinds: [],
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from records r where ${noticesWithin(scope)}`);
    return { value: row?.n ?? 0 };
  },
  register: meetingRegister('discipline_notice', noticesWithin, sql`r.fields->>'issuedOn'`, () => ['会风会纪通报']),
};

const reviewLabels: Record<string, string> = { passed: '合法', revise: '修改后可提交', failed: '不合法' };

export const agendaLegalReviewed: MetricDefinition = {
  id: 'agenda.legalReviewed',
  label: '议题合法性审查件数',
  unit: '件',
  description:
    '统计期内法制科完成合法性审查的会议议题件数（按审查时间，北京时间；同一议题多次审查以最后一次为准），按审查结论（合法、修改后可提交、不合法）分列；附加项为提出的审查意见条数。按单位统计时，计该单位报送的议题。',
  kinds: [],
  labels: { passed: '合法', revise: '修改后可提交', failed: '不合法', opinions: '审查意见（条）' },
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ part: string; n: number; opinions: number }>(
      db,
      sql`select r.fields->'review'->>'result' as part, count(*)::int as n, coalesce(sum((r.fields->'review'->>'opinionCount')::int), 0)::int as opinions
          from records r where ${reviewedWithin(scope)} group by 1`,
    );
    const parts = partsOf(rows);
    return { value: totalOf(parts), parts, extra: { opinions: rows.reduce((sum, row) => sum + row.opinions, 0) } };
  },
  register: meetingRegister('agenda_item', reviewedWithin, shanghaiDate(sql`(r.fields->'review'->>'at')::timestamptz`), (row) => {
    const review = row.fields.review as { result?: string; opinionCount?: number } | undefined;
    return [reviewLabels[review?.result ?? ''] ?? '', `意见 ${review?.opinionCount ?? 0} 条`];
  }),
};

export const meetingMetrics: readonly MetricDefinition[] = [meetingsHeld, meetingsYoyChange, meetingsDisciplineNotices, agendaLegalReviewed];
