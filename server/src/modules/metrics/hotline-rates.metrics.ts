/**
 * The two of the 三率 that hotline.metrics.ts does not already declare: 响应率 and 解决率, read by the same
 * definitions as the monthly board (hotline/hotline.rates.ts), with 同比 through the catalogue's API and
 * the rows of the denominator as the drill-down (hotline/hotline.rates.drill.ts).
 */
import { readRateFacts, signSource, visitSource } from '../hotline/hotline.rates.js';
import { rateRegister } from '../hotline/hotline.rates.drill.js';
import type { MetricDefinition } from './metric.types.js';
import { oneDecimal } from './metrics.sql.js';

export const hotlineResponseRate: MetricDefinition = {
  id: 'hotline.responseRate',
  label: '热线工单响应率',
  unit: '%',
  description:
    '统计期内派单（含改派）的工单中，承办单位在签收时限（派单后规定的工作小时）内签收或依职责清单退单的比例；分母为已签收、已退单和签收时限已过仍未签收的派单。每次派单各计一次。保留一位小数。按单位统计时，计派给该单位的派单。',
  kinds: ['ticket'],
  labels: { inTime: '按时响应', late: '超时', total: '应响应', dispatched: '派单', returned: '退单' },
  compute: async ({ db, range, unitId, now }) => {
    const [facts] = await readRateFacts({ db, range, group: 'all', unitId, now, sources: [signSource] });
    const inTime = facts?.respondedInTime ?? 0;
    const total = facts?.responseDue ?? 0;
    return {
      value: total === 0 ? null : oneDecimal(inTime, total, 100),
      parts: { inTime, late: total - inTime },
      extra: { total, dispatched: facts?.dispatched ?? 0, returned: facts?.returned ?? 0 },
    };
  },
  register: rateRegister('response'),
};

export const hotlineResolutionRate: MetricDefinition = {
  id: 'hotline.resolutionRate',
  label: '热线诉求解决率',
  unit: '%',
  description:
    '统计期内回访（含不满意重办时的回访）联系上来电人的工单中，来电人表示问题已解决的比例（未联系上的不计入分母；同一工单重办后再次回访的，各计一次），保留一位小数。按单位统计时，计对该单位答复的回访。',
  kinds: ['ticket'],
  labels: { resolved: '已解决', unresolved: '未解决或未确认', total: '联系上' },
  compute: async ({ db, range, unitId, now }) => {
    const [facts] = await readRateFacts({ db, range, group: 'all', unitId, now, sources: [visitSource] });
    const resolved = facts?.resolved ?? 0;
    const total = facts?.reached ?? 0;
    return { value: total === 0 ? null : oneDecimal(resolved, total, 100), parts: { resolved, unresolved: total - resolved }, extra: { total } };
  },
  register: rateRegister('resolution'),
};

export const hotlineRateMetrics: readonly MetricDefinition[] = [hotlineResponseRate, hotlineResolutionRate];
