/**
 * 12345 热线 metrics (METRICS.md): tickets accepted by channel (and type), 办结率, 按时办结率 (the units'
 * handling clocks), 满意率 (the 回访 of the period) and 经典案例. The counts come from the per-day facts
 * the database keeps with every change (hotline.facts.ts, migration 0031), so a year answers as fast as a
 * month; the drill-down (records) still reads the rows. hotline.facts.test.ts holds each count equal to the
 * live one, and the 按时办结率 equal to the 三率's (hotline/hotline.rates.ts), so the two never disagree.
 */
import { sql, type SQL } from 'drizzle-orm';
import { hotlineChannels, ticketTypes } from '../../../../common/schemas/hotline.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { rateRegister } from '../hotline/hotline.rates.drill.js';
import { answerFacts, answerFactsByUnit, openPastDue, openPastDueByUnit, ticketFacts, visitFacts } from './hotline.facts.js';
import { mailboxLetters } from './mailbox.metrics.js';
import type { MetricDefinition, MetricScope, MetricValue } from './metric.types.js';
import { allOf, assignedTo, oneDecimal, ofKind, registeredWithin, selectRows, within } from './metrics.sql.js';

const UNIT_RULE = '按单位统计时，计派给该单位的工单（含退单的，不含被改派走的）。';

/** A merged ticket (归并) is counted once: with the ticket it went into, not on its own. */
const accepted = ({ range, unitId }: MetricScope) => allOf(ofKind('ticket'), registeredWithin(range), assignedTo(unitId), sql`c.state <> 'merged'`);

export const hotlineTickets: MetricDefinition = {
  id: 'hotline.tickets',
  label: '热线工单受理量',
  unit: '件',
  description: `统计期内登记的12345工单件数（按登记时间，北京时间），按渠道分项（电话、网上、市长信箱、微信、媒体线索、省平台转办）；另计各诉求类型的件数和其中当场直接办结的咨询件数。归并到其他工单的重复工单不另计（另列归并件数）。${UNIT_RULE}`,
  kinds: ['ticket'],
  labels: { direct: '直接办结', merged: '归并（不另计）' },
  compute: async ({ db, ...scope }) => {
    const rows = await ticketFacts(db, scope);
    const parts: Record<string, number> = Object.fromEntries(hotlineChannels.map((channel) => [channel, 0]));
    const extra: Record<string, number> = Object.fromEntries(ticketTypes.map((type) => [type, 0]));
    let direct = 0;
    let merged = 0;
    let value = 0;
    for (const row of rows) {
      if (row.state === 'merged') {
        merged += row.n;
        continue;
      }
      parts[row.channel] = (parts[row.channel] ?? 0) + row.n;
      extra[row.type] = (extra[row.type] ?? 0) + row.n;
      if (row.state === 'answered_on_spot') direct += row.n;
      value += row.n;
    }
    return { value, parts, extra: { ...extra, direct, merged } };
  },
  records: (scope) => sql`select c.id from cases c where ${accepted(scope)}`,
};

export const hotlineClosedRate: MetricDefinition = {
  id: 'hotline.closedRate',
  label: '热线工单办结率',
  unit: '%',
  description: `统计期内登记的工单中，已办结（回访后办结或当场直接办结）的比例（以查询时的状态为准），保留一位小数。分项：回访办结、直接办结、未办结。${UNIT_RULE}`,
  kinds: ['ticket'],
  labels: { closed: '回访办结', direct: '直接办结', open: '未办结' },
  compute: async ({ db, ...scope }) => {
    let closed = 0;
    let direct = 0;
    let total = 0;
    for (const row of await ticketFacts(db, scope, sql`f.state <> 'merged'`)) {
      total += row.n;
      if (row.state === 'closed') closed += row.n;
      if (row.state === 'answered_on_spot') direct += row.n;
    }
    return { value: total === 0 ? null : oneDecimal(closed + direct, total, 100), parts: { closed, direct, open: total - closed - direct } };
  },
  records: (scope) => sql`select c.id from cases c where ${accepted(scope)} and c.is_closed`,
};

/** Answered in time of all answered, the open ones past due counted late. */
const onTimeValue = (answered: { inTime: number; total: number }, late: number): MetricValue => {
  const inTime = answered.inTime;
  const total = answered.total + late;
  return { value: total === 0 ? null : oneDecimal(inTime, total, 100), parts: { inTime, late: total - inTime }, extra: { total } };
};

export const hotlineOnTimeRate: MetricDefinition = {
  id: 'hotline.onTimeRate',
  label: '热线工单按时办结率',
  unit: '%',
  description:
    '统计期内承办单位办结答复的工单中，在办理时限（自签收之日起，按类型和紧急程度设定的工作日；经批准延期的按延期后；重办的自重办起重新计算）内答复的比例；期限已在统计期内届满仍未答复的，计为超时。保留一位小数。按单位统计时，计该单位的办理。',
  kinds: ['ticket'],
  labels: { inTime: '按时办结', late: '超时', total: '应办结' },
  // Past due "by now" on the app's clock (Shanghai day), as the 三率 and the cases' own clocks count it.
  compute: async ({ db, range, unitId, now }) => {
    const answered = await answerFacts(db, { range, unitId });
    return onTimeValue(answered, await openPastDue(db, { range, unitId, today: todayInShanghai(now) }));
  },
  // The same two counts, each grouped by unit: a unit with neither is absent (compute would give it null).
  valuesByUnit: async ({ db, range, now }) => {
    const answered = await answerFactsByUnit(db, { range });
    const late = await openPastDueByUnit(db, { range, today: todayInShanghai(now) });
    const unitIds = new Set([...answered.keys(), ...late.keys()]);
    return new Map([...unitIds].map((unitId) => [unitId, onTimeValue(answered.get(unitId) ?? { inTime: 0, total: 0 }, late.get(unitId) ?? 0)]));
  },
  // The drill-down lists what the 三率 count (hotline.rates.drill.ts): the figure and its list agree.
  register: rateRegister('onTime'),
};

export const hotlineSatisfactionRate: MetricDefinition = {
  id: 'hotline.satisfactionRate',
  label: '热线回访满意率',
  unit: '%',
  description: '统计期内回访的工单中，回访结果为满意或基本满意的比例（未联系上的不计入分母；同一工单重办后再次回访的，各计一次；归并工单随主工单计一次，其来电人的回访记在该工单上，不另计），保留一位小数。按单位统计时，计对该单位答复的回访。',
  kinds: ['ticket'],
  compute: async ({ db, ...scope }) => {
    const parts: Record<string, number> = { 满意: 0, 基本满意: 0, 不满意: 0, 未联系上: 0 };
    for (const row of await visitFacts(db, scope)) parts[row.result] = (parts[row.result] ?? 0) + row.n;
    const reached = parts['满意']! + parts['基本满意']! + parts['不满意']!;
    return { value: reached === 0 ? null : oneDecimal(parts['满意']! + parts['基本满意']!, reached, 100), parts };
  },
  register: rateRegister('satisfaction'),
};

const studiesWithin = ({ range, unitId }: MetricScope): SQL => sql`from case_events e join cases c on c.id = e.case_id
  where c.kind = 'ticket' and e.action = 'case_study' and ${within(sql`e.at`, range)} ${assignedTo(unitId) ? sql`and ${assignedTo(unitId)}` : sql``}`;

export const hotlineCaseStudies: MetricDefinition = {
  id: 'hotline.caseStudies',
  label: '热线经典案例',
  unit: '篇',
  description: `统计期内标记为经典案例（附案例简述）的工单数（按标记时间）。${UNIT_RULE}`,
  kinds: ['ticket'],
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n ${studiesWithin(scope)}`);
    return { value: row?.n ?? 0 };
  },
  records: (scope) => sql`select c.id ${studiesWithin(scope)}`,
};

export const hotlineMetrics: readonly MetricDefinition[] = [hotlineTickets, hotlineClosedRate, hotlineOnTimeRate, hotlineSatisfactionRate, hotlineCaseStudies, mailboxLetters];
