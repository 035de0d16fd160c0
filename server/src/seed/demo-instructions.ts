/** The demo office's 领导批示件, as stories for the demo year (demo-year.ts). */
import { inArray } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import { makeStory, type Step, type StoryContext } from './demo-story.js';

const topics: ReadonlyArray<[string, string, string]> = [
  ['关于城东片区老旧小区改造进展情况的报告', '请住建局牵头，抓紧制定年度改造计划，确保按期完工。', 'zjj'],
  ['关于全市中小学校舍安全排查情况的报告', '请教育局会同住建局举一反三，彻底整改隐患。', 'jyj'],
  ['关于今年一季度经济运行情况的分析', '请发改委认真研究，提出稳增长的具体措施。', 'fgw'],
  ['关于加快推进政务服务“一网通办”的建议', '请数据局抓紧落实，年底前实现高频事项全覆盖。', 'sjj'],
  ['关于汛期安全生产工作的紧急通知', '请应急局加强值守，确保安全度汛。', 'yjj'],
  ['关于农村人居环境整治情况的调研报告', '请农业农村局对照问题清单逐项整改。', 'nyj'],
  ['关于企业反映融资难问题的信访件', '请财政局会同相关部门研究解决，及时答复企业。', 'czj'],
  ['关于食品安全专项检查情况的报告', '请市场监管局持续加大抽检力度，严厉打击违法行为。', 'scjgj'],
  ['关于城区交通拥堵治理的建议', '请交通运输局会同公安局提出综合治理方案。', 'jtj'],
  ['关于西山县乡村振兴示范村建设情况的汇报', '请西山县政府总结经验，在全市推广。', 'xishan'],
  ['关于医保基金监管工作情况的报告', '请医保局完善监管机制，守好群众“救命钱”。', 'ybj'],
  ['关于文旅消费季活动方案的请示', '请文旅局细化方案，做好安全保障。', 'wlj'],
];

/**
 * A 批示件 story: registered the day after the leader wrote it, 交办 to the unit named, signed for,
 * answered within the ten working days (now and then late), checked, and read by the leader.
 */
export const instructionStories = async (context: StoryContext, count: number): Promise<Step[]> => {
  const { db, random: r, time, now, from } = context;
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, topics.map(([, , code]) => code)));
  const leaders = { mayor: await context.cast.get('mayor'), vicemayor: await context.cast.get('vicemayor') };
  const asked = new Map<string, number>();
  return time.arrivals(from, now, count).flatMap((registeredAt, index) => {
    const [sourceTitle, instruction, unitCode] = topics[Math.floor(r.next() * r.next() * topics.length)]!; // some topics come back often
    const unit = unitRows.find((row) => row.code === unitCode);
    if (!unit) return [];
    const times = (asked.get(sourceTitle) ?? 0) + 1;
    asked.set(sourceTitle, times);
    const who = r.weighted(['mayor', 'vicemayor'] as const, [2, 3]);
    const story = makeStory(context, registeredAt);
    story.create('inspector', 'instruction', {
      leaderId: leaders[who].userId,
      leaderName: leaders[who].displayName,
      instructedOn: new Date(registeredAt.getTime() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
      instruction,
      sourceTitle: times === 1 ? sourceTitle : sourceTitle.replace('关于', times === 2 ? '关于进一步' : `关于第${times}次`),
      category: index % 5 === 0 ? '上级领导批示' : '本级领导批示',
    });
    const liaison = `liaison:${unitCode}`;
    story.then(r.between(0.1, 1), 'inspector', 'assign', { units: [{ unitId: unit.id, role: 'lead' }], comment: '请按领导批示要求办理，按时反馈。' });
    story.then(r.between(0.05, 0.8), liaison, 'sign');
    story.then(r.chance(0.06) ? r.between(10.5, 14) : r.between(2, 8.5), liaison, 'reply', { reply: '已按批示要求研究落实，形成工作方案并组织实施，现将办理情况报告如下。' });
    story.then(r.between(0.1, 1), 'inspector', 'accept_reply', { satisfaction: r.chance(0.15) ? 'basically_satisfied' : 'satisfied' });
    story.then(0.02, 'inspector', 'submit', { comment: '办理情况报领导审阅。' });
    story.then(r.between(0.2, 2), who, 'approve', { comment: '同意。' });
    return story.steps;
  });
};
