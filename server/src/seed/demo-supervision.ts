/**
 * The demo office's 督办 items (demo-year.ts): a few 重点工作, 会议议定事项 and 民生实事 opened through the
 * year by the 督查室 and reported on month by month by their lead units — most on time, a few units
 * behind by one or two reports, so the 督查督办 page shows every light. (No 申报办结 here: it needs
 * evidence files, which the seed has no file store to keep.)
 */
import { inArray } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import { addDays, addMonths } from '../engine/calendar/dates.js';
import { createSupervisionItem } from '../modules/supervision/supervision.service.js';
import { reportPeriods } from '../modules/supervision/supervision.progress.js';
import { actAs } from './demo-actors.js';
import type { Step, StoryContext } from './demo-story.js';

type DemoItem = {
  source: '重点工作' | '会议议定事项' | '民生实事' | '上级交办';
  title: string;
  measures: string;
  lead: string;
  helpers: string[];
  /** Weeks after the demo year starts that it is opened, and months it runs. */
  week: number;
  months: number;
  /** The latest reports the lead unit has not sent (0: up to date; 1: yellow; 2: red). */
  missing: number;
  livelihood?: { target: number; measure: string };
};

const items: readonly DemoItem[] = [
  { source: '重点工作', title: '城东片区老旧小区改造', measures: '完成 36 个老旧小区改造，惠及居民 1.2 万户。', lead: 'zjj', helpers: ['fgw', 'czj'], week: 2, months: 12, missing: 0 },
  { source: '重点工作', title: '政务服务“一网通办”高频事项全覆盖', measures: '年底前 200 项高频事项实现全程网办。', lead: 'sjj', helpers: ['fgw'], week: 4, months: 12, missing: 1 },
  { source: '会议议定事项', title: '城区交通拥堵综合治理', measures: '优化 15 个拥堵节点，新增停车泊位 3000 个。', lead: 'jtj', helpers: ['gaj', 'cgj'], week: 8, months: 11, missing: 2 },
  { source: '上级交办', title: '农村人居环境整治问题清单整改', measures: '对照省督查反馈的 42 个问题逐项整改销号。', lead: 'nyj', helpers: ['sthjj'], week: 10, months: 11, missing: 0 },
  { source: '民生实事', title: '新建 12 所公办幼儿园', measures: '新建公办幼儿园 12 所，新增学位 3600 个。', lead: 'jyj', helpers: ['zjj', 'zrzyj'], week: 3, months: 12, missing: 0, livelihood: { target: 12, measure: '所' } },
  { source: '民生实事', title: '改造提升农贸市场 8 个', measures: '改造提升城区农贸市场 8 个。', lead: 'scjgj', helpers: ['swj'], week: 6, months: 11, missing: 1, livelihood: { target: 8, measure: '个' } },
];

const shanghaiDay = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export const supervisionStories = async (context: StoryContext): Promise<Step[]> => {
  const { db, time, now, from, random: r } = context;
  const codes = [...new Set(items.flatMap((item) => [item.lead, ...item.helpers]))];
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes));
  const unitId = (code: string) => unitRows.find((row) => row.code === code)?.id;
  const leader = await context.cast.get('vicemayor');
  return items.flatMap((item) => {
    const lead = unitId(item.lead);
    if (!lead) return [];
    const openedAt = time.later(from, item.week * 5 + r.between(0, 2));
    if (openedAt > now) return [];
    const openedOn = shanghaiDay(openedAt);
    const deadline = addMonths(openedOn, item.months);
    const story = {};
    let id = '';
    const steps: Step[] = [
      {
        at: openedAt,
        story,
        run: async () => {
          const input = {
            source: item.source,
            title: item.title,
            measures: item.measures,
            leadUnitId: lead,
            helperUnitIds: item.helpers.map(unitId).filter((value): value is string => value !== undefined),
            leaderId: leader.userId,
            openedOn,
            deadline,
            reportCycle: 'monthly' as const,
            ...(item.livelihood ? { livelihood: item.livelihood } : {}),
          };
          id = (await createSupervisionItem({ db, actor: await context.cast.get('inspector'), input, now: openedAt })).id;
        },
      },
    ];
    // Each month that has ended gets its report a few days before its end, but for the latest `missing`.
    const ended = reportPeriods({ openedOn, deadline, reportCycle: 'monthly' }).filter((period) => period.to < shanghaiDay(now));
    const liaison = `liaison:${item.lead}`;
    for (const [index, period] of ended.slice(0, Math.max(0, ended.length - item.missing)).entries()) {
      const at = time.later(new Date(`${addDays(period.to, -6)}T09:00:00+08:00`), r.between(0, 3));
      const when = at < openedAt ? time.later(openedAt, 0.2) : at;
      steps.push({
        at: when,
        story,
        run: async () => {
          await actAs({ db, actor: await context.cast.get(liaison), caseId: id, action: 'report', input: { comment: `${period.label}：按计划推进，完成阶段性任务。` }, at: when });
          if (item.livelihood) {
            const done = Math.min(item.livelihood.target, Math.round(((index + 1) * item.livelihood.target) / item.months));
            await actAs({ db, actor: await context.cast.get(liaison), caseId: id, action: 'record_actual', input: { value: done }, at: when });
          }
        },
      });
    }
    return steps;
  });
};
