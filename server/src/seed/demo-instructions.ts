/**
 * A year of 领导批示件 for the demo office, made through createCase and performAction —
 * the same use cases a clerk, a 联络员 and a leader call — so ledgers, 待办 and due colours
 * show real states on first start.
 */
import { eq } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import type { Db } from '../platform/db.js';
import { createCase } from '../engine/cases/create-case.js';
import { actAs, actorFor } from './demo-actors.js';

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

const dayMs = 86_400_000;

export const seedDemoInstructions = async ({ db, now }: { db: Db; now: Date }): Promise<number> => {
  const clerk = await actorFor(db, 'inspector');
  const leaders = [await actorFor(db, 'mayor'), await actorFor(db, 'vicemayor')];
  let made = 0;
  for (let round = 0; round < 2; round += 1) {
    for (const [index, [sourceTitle, instruction, unitCode]] of topics.entries()) {
      const order = round * topics.length + index;
      const registeredAt = new Date(now.getTime() - (300 - order * 12) * dayMs);
      const leader = leaders[order % 2]!;
      const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, unitCode));
      if (!unit) continue;
      const created = await createCase({
        db,
        actor: clerk,
        kindId: 'instruction',
        fields: {
          leaderId: leader.userId,
          leaderName: leader.displayName,
          instructedOn: new Date(registeredAt.getTime() - dayMs).toISOString().slice(0, 10),
          instruction,
          sourceTitle: round === 0 ? sourceTitle : sourceTitle.replace('关于', '关于进一步'),
          category: order % 5 === 0 ? '上级领导批示' : '本级领导批示',
        },
        now: registeredAt,
      });
      made += 1;
      // Older cases went further along the flow; the newest wait at their first steps.
      const stage = order < 14 ? 5 : order < 18 ? 4 : order < 21 ? 2 : order < 23 ? 1 : 0;
      const liaison = unitCode === 'fgw' ? 'liaison' : `liaison.${unitCode}`;
      const step = async (username: string, action: string, input: Record<string, unknown>, daysLater: number) => {
        const actor = username === 'leader' ? leader : username === 'clerk' ? clerk : await actorFor(db, username);
        await actAs({ db, actor, caseId: created.id, action, input, at: new Date(registeredAt.getTime() + daysLater * dayMs) });
      };
      if (stage >= 1) await step('clerk', 'assign', { units: [{ unitId: unit.id, role: 'lead' }], comment: '请按领导批示要求办理，按时反馈。' }, 1);
      if (stage >= 2) await step(liaison, 'sign', {}, 2);
      if (stage >= 4) await step(liaison, 'reply', { reply: '已按批示要求研究落实，形成工作方案并组织实施，现将办理情况报告如下。' }, order % 4 === 0 ? 16 : 8);
      if (stage >= 5) {
        await step('clerk', 'accept_reply', { satisfaction: order % 6 === 0 ? 'basically_satisfied' : 'satisfied' }, 17);
        await step('clerk', 'submit', { comment: '办理情况报领导审阅。' }, 17);
        await step('leader', 'approve', { comment: '同意。' }, 18);
      }
    }
  }
  return made;
};
