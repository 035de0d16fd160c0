/**
 * The demo office's 依申请公开 applications and 信访件, as stories for the demo year (demo-year.ts):
 * most handled in time, some through 补正 (the clock restarts), a third party consulted, an
 * extension approved by the director, a few late, a few 复议 or 复查. Applicants and petitioners are
 * made up; their phone and ID numbers are sealed and masked like real ones.
 */
import { inArray } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import { actAs } from './demo-actors.js';
import { makeStory, type Step, type StoryContext } from './demo-story.js';
import type { Random } from './demo-time.js';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const givenNames = ['建国', '秀英', '志强', '丽娟', '海涛', '敏', '伟', '静怡', '国庆', '春梅', '晓东', '玉兰', '子豪', '雪', '德明'];
const personOf = (r: Random) => ({
  name: `${r.pick([...surnames])}${r.pick(givenNames)}`,
  phone: `1${r.pick(['35', '38', '39', '58', '77', '86'])}${String(Math.floor(r.between(10_000_000, 99_999_999)))}`,
});
const dayOf = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const daysBefore = (at: Date, days: number) => dayOf(new Date(at.getTime() - days * 86_400_000));

const subjects: ReadonlyArray<[string, string]> = [
  ['本市 2025 年度财政预算执行情况中涉及城区道路改造的支出明细', 'jtj'],
  ['某小区地块国有土地使用权出让合同及规划条件', 'zjj'],
  ['城东片区棚户区改造项目征收补偿安置方案', 'zjj'],
  ['某中学新建校舍工程的环境影响评价批复', 'jyj'],
  ['本市 2026 年重点建设项目计划', 'fgw'],
  ['某企业排污许可证及执法检查记录', 'scjgj'],
  ['城区公交线路调整的论证材料', 'jtj'],
  ['本市医疗保障定点医药机构名单', 'ybj'],
  ['农村集体土地征收的批准文件', 'nyj'],
  ['政府投资项目招标代理机构名录', 'czj'],
];
const outcomes = ['disclosed', 'partial', 'unavailable.notHeld', 'unavailable.needsCreation', 'withheld.thirdParty', 'withheld.process', 'notProcessed.repeated', 'notProcessed.petition'] as const;

/** An application: received by its channel, accepted or sent for 补正, handled, answered (now and then late). */
export const disclosureStories = async (context: StoryContext, count: number): Promise<Step[]> => {
  const { db, random: r, time, now, from } = context;
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, subjects.map(([, code]) => code)));
  const director = await context.cast.get('director');
  return time.arrivals(from, now, count).flatMap((registeredAt) => {
    const [subject, unitCode] = r.pick(subjects);
    const unit = unitRows.find((row) => row.code === unitCode);
    const channel = r.weighted(['online', 'post', 'in_person', 'fax'] as const, [10, 5, 4, 1]);
    const type = r.weighted(['natural', 'commercial', 'legalService', 'research', 'publicInterest', 'other'] as const, [30, 5, 3, 1, 1, 1]);
    const person = personOf(r);
    const today = dayOf(registeredAt);
    const story = makeStory(context, registeredAt);
    story.create('clerk', 'disclosure', {
      channel,
      submittedOn: channel === 'post' ? daysBefore(registeredAt, 3) : channel === 'in_person' ? today : daysBefore(registeredAt, 1),
      ...(channel === 'post' ? { signedForOn: today } : {}),
      ...(channel === 'online' || channel === 'fax' ? { confirmedOn: today } : {}),
      applicantType: type,
      applicantName: person.name,
      ...(type === 'natural' ? {} : { organization: r.pick(['示例市宏达建设有限公司', '示例律师事务所', '示例市环保志愿者协会', '示例大学公共管理学院']) }),
      phone: person.phone,
      subject,
      preferredForm: r.chance(0.6) ? 'electronic' : 'paper',
    });
    if (r.chance(0.03)) {
      story.then(r.between(1, 6), 'clerk', 'withdraw', { reason: '申请人来电撤回申请。' });
      return story.steps;
    }
    if (r.chance(0.15)) {
      story.then(r.between(1, 5), 'clerk', 'request_correction', { items: '申请内容不明确，请写明所需信息的名称、文号或者便于查询的其他特征性描述，并于 15 个工作日内补正。' });
      if (r.chance(0.15)) {
        story.then(16, 'clerk', 'no_correction', { reason: '申请人逾期未补正，视为放弃申请（条例第三十条）。' });
        return story.steps;
      }
      story.then(r.between(2, 9), 'clerk', 'corrected', { comment: '申请人已补正。' });
    } else {
      story.then(r.between(0.3, 3), 'clerk', 'accept', { comment: '申请内容明确，予以办理。' });
    }
    if (unit && r.chance(0.35)) {
      story.then(r.between(0.2, 1.5), 'clerk', 'assign', { units: [{ unitId: unit.id, role: 'lead' }], comment: '请于 7 个工作日内提供相关信息及公开意见。' });
      story.then(r.between(0.1, 1), `liaison:${unitCode}`, 'sign');
      story.then(r.between(1.5, 6.5), `liaison:${unitCode}`, 'reply', { reply: '经查，相关信息由我单位制作保存，已整理提供，意见附后。' });
      story.then(r.between(0.1, 1), 'clerk', 'accept_reply', { satisfaction: 'satisfied' });
    }
    if (r.chance(0.1)) {
      story.then(r.between(0.5, 2), 'clerk', 'consult', { thirdParty: '示例市城投公司', comment: '所需信息涉及其商业秘密，征求意见。' });
      story.then(r.between(4, 14), 'clerk', 'consulted', { opinion: r.pick(['agree', 'disagree', 'none'] as const), comment: '第三方已回复。' });
    }
    if (r.chance(0.08)) {
      story.then(r.between(0.5, 3), 'clerk', 'request_extension', { extension: { amount: Math.round(r.between(5, 15)), reason: '所需信息涉及多个单位，需协调汇总。' }, approverId: director.userId });
      story.then(r.between(0.1, 1), 'director', 'approve_extension', { notice: 'letter', comment: '同意，请书面告知申请人。' });
    }
    story.then(r.chance(0.06) ? r.between(14, 20) : r.between(2, 9), 'clerk', 'answer', {
      outcome: r.weighted(outcomes, [30, 14, 20, 7, 6, 5, 4, 4]),
      comment: '根据《中华人民共和国政府信息公开条例》的规定，现答复如下：……',
      delivery: r.weighted(['email', 'post', 'in_person', 'online'] as const, [5, 3, 2, 2]),
    });
    if (r.chance(0.08)) {
      const proceedingType = r.chance(0.8) ? 'review' : 'litigationDirect';
      const result = r.chance(0.7) ? 'upheld' : 'corrected';
      const clerkDoes = (action: string, input: (at: Date) => Record<string, unknown>) => async (at: Date) => {
        await actAs({ db, actor: await context.cast.get('clerk'), caseId: story.caseId(), action, input: input(at), at });
      };
      story.thenRun(r.between(10, 30), clerkDoes('record_proceeding', (at) => ({ proceedingType, filedOn: dayOf(at), comment: '申请人不服答复。' })));
      story.thenRun(r.between(35, 55), clerkDoes('conclude_proceeding', (at) => ({ proceedingType, result, concludedOn: dayOf(at) })));
    }
    return story.steps;
  });
};

const petitionTopics: ReadonlyArray<[string, string]> = [
  ['反映小区楼下餐馆油烟噪音扰民，要求督促整改。', 'scjgj'],
  ['反映拆迁安置房逾期未交付，要求落实安置。', 'zjj'],
  ['反映企业拖欠农民工工资，要求协调解决。', 'fgw'],
  ['反映村道损毁严重影响出行，要求尽快修缮。', 'jtj'],
  ['反映学校周边交通秩序混乱，存在安全隐患。', 'jyj'],
  ['反映医保报销比例计算有误，要求重新核定。', 'ybj'],
  ['反映化工企业夜间偷排废气，要求查处。', 'scjgj'],
  ['反映农村宅基地审批迟迟未办理。', 'nyj'],
];

/** A 信访件: registered, 受理 within the 15 日, 交办 to a unit, answered within 60 日 (now and then extended or late), sometimes 复查. */
export const petitionStories = async (context: StoryContext, count: number): Promise<Step[]> => {
  const { db, random: r, time, now, from } = context;
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, petitionTopics.map(([, code]) => code)));
  return time.arrivals(from, now, count).flatMap((registeredAt) => {
    const [summary, unitCode] = r.pick(petitionTopics);
    const unit = unitRows.find((row) => row.code === unitCode);
    if (!unit) return [];
    const channel = r.weighted(['来访', '来信', '网上', '转办'] as const, [9, 5, 4, 2]);
    const visitors = r.chance(0.1) ? Math.round(r.between(5, 14)) : Math.round(r.between(1, 3));
    const person = personOf(r);
    const story = makeStory(context, registeredAt);
    story.create('clerk', 'petition', {
      channel,
      ...(channel === '来访' ? { visitors } : {}),
      ...(channel === '转办' ? { referredBy: r.weighted(['巡视组转办', '环保督察交办', '上级交办函'] as const, [2, 3, 4]) } : {}),
      petitionerName: person.name,
      phone: person.phone,
      summary,
      receivedOn: dayOf(registeredAt),
    });
    if (r.chance(0.08)) {
      story.then(r.between(1, 6), 'clerk', 'refuse', { reason: '该事项已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决，不予受理，已书面告知。' });
      return story.steps;
    }
    story.then(r.between(1, 7), 'clerk', 'accept', { comment: '属于本机关职权范围，予以受理，已书面告知信访人。' });
    story.then(r.between(0.3, 2), 'clerk', 'assign', { units: [{ unitId: unit.id, role: 'lead' }], comment: '请认真调查核实，依法依规处理，按时报送办理结果。' });
    story.then(r.between(0.1, 1), `liaison:${unitCode}`, 'sign');
    if (r.chance(0.08)) {
      story.then(r.between(15, 25), 'director', 'extend_answer', { extension: { amount: Math.round(r.between(10, 30)), reason: '涉及多个部门，需进一步调查核实。' } });
    }
    story.then(r.chance(0.07) ? r.between(23, 28) : r.between(6, 19), `liaison:${unitCode}`, 'reply', { reply: '经调查核实，已责成相关责任单位整改到位，并向信访人当面反馈。' });
    story.then(r.between(0.2, 2), 'clerk', 'accept_reply', { satisfaction: r.chance(0.2) ? 'basically_satisfied' : 'satisfied' });
    story.then(r.between(0.2, 2), 'clerk', 'answer', { opinion: '经调查核实，现将处理意见答复如下：……如对本答复意见不服，可自收到之日起 30 日内请求复查。' });
    if (r.chance(0.1)) {
      story.thenRun(r.between(5, 15), async (at) => {
        const input = { requestedOn: dayOf(at), request: '对答复意见不服，请求复查。' };
        await actAs({ db, actor: await context.cast.get('clerk'), caseId: story.caseId(), action: 'request_review', input, at });
      });
      story.then(r.between(10, 18), 'clerk', 'answer_review', { opinion: '经复查，原处理意见事实清楚、处理得当，予以维持。' });
    }
    story.then(r.between(23, 26), 'clerk', 'close', { comment: '答复后 30 日内未请求复查，办结。' });
    return story.steps;
  });
};
