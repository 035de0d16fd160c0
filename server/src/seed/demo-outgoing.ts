/** The demo office's 发文 across its 代字, as stories for the demo year (demo-year.ts). */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { OutgoingFieldsInput } from '../../../common/schemas/outgoing.js';
import { cases, units } from '../db/schema/index.js';
import { actAs } from './demo-actors.js';
import { makeStory, type Step, type StoryContext } from './demo-story.js';

const subjects = ['冬春季安全生产', '优化营商环境', '稳就业保民生', '防汛抗旱', '城乡环境整治', '重点项目建设', '政务公开', '民生实事项目', '乡村振兴', '耕地保护'];
const unitCodes = ['fgw', 'czj', 'zjj', 'yjj', 'xishan', 'nanhu', 'beiling'];

type Plan = { issuerCode: string; docType: OutgoingFieldsInput['docType']; direction: OutgoingFieldsInput['direction']; signer: string; title: (subject: string) => string };
const plans: readonly Plan[] = [
  { issuerCode: '示政发', docType: '通知', direction: '下行文', signer: 'vicemayor', title: (s) => `示例市人民政府关于做好${s}工作的通知` },
  { issuerCode: '示政发', docType: '请示', direction: '上行文', signer: 'mayor', title: (s) => `示例市人民政府关于申请支持${s}有关事项的请示` },
  { issuerCode: '示政办发', docType: '通知', direction: '下行文', signer: 'director', title: (s) => `示例市人民政府办公室关于印发${s}工作方案的通知` },
  { issuerCode: '示政办发', docType: '意见', direction: '下行文', signer: 'director', title: (s) => `示例市人民政府办公室关于加强${s}工作的意见` },
  { issuerCode: '示政函', docType: '函', direction: '平行文', signer: 'vicemayor', title: (s) => `示例市人民政府关于商请支持${s}工作的函` },
  { issuerCode: '示政办函', docType: '函', direction: '平行文', signer: 'director', title: (s) => `示例市人民政府办公室关于${s}有关事项的复函` },
  { issuerCode: '示政办发', docType: '报告', direction: '上行文', signer: 'director', title: (s) => `示例市人民政府办公室关于${s}工作情况的报告` },
  { issuerCode: '示政纪要', docType: '纪要', direction: '下行文', signer: 'mayor', title: (s) => `市政府常务会议研究${s}工作纪要` },
];

/**
 * A 发文 story: drafted, 核稿, 合法性审查 for a 规范性文件, 会签, 签发, 复核, 登记 (文号), 印制, 核发 — after
 * which each unit in Fuban signs for its copy within a day or so — and 归档. The newest are partway.
 */
export const outgoingStories = async (context: StoryContext, count: number): Promise<Step[]> => {
  const { db, cast, random: r, time, now, from } = context;
  const people = Object.fromEntries(await Promise.all(['mayor', 'vicemayor', 'director'].map(async (name) => [name, await cast.get(name)] as const)));
  const unitRows = await db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.code, unitCodes));
  const unit = (code: string) => unitRows.find((row) => row.code === code)!;
  const counties = ['xishan', 'nanhu', 'beiling'].map(unit);
  /** After 核发: each delivered copy is signed for by the 联络员 it waits on. */
  const signForCopies = async (caseId: string, distributedAt: Date): Promise<Step[]> => {
    const copies = await db
      .select({ id: cases.id, handlerId: cases.handlerId })
      .from(cases)
      .where(and(eq(cases.kind, 'incoming'), eq(cases.state, 'to_sign'), sql`${cases.fields}->>'deliveredFrom' = ${caseId}`));
    return copies.flatMap((copy) => {
      if (!copy.handlerId) return [];
      const at = time.later(distributedAt, r.between(0.05, 1.5));
      return [{ at, story: copy, run: async () => actAs({ db, actor: await cast.byId(copy.handlerId!), caseId: copy.id, action: 'acknowledge', at }) }];
    });
  };

  return time.arrivals(from, now, count).flatMap((start) => {
    const plan = r.weighted(plans, [5, 1, 4, 2, 3, 3, 1, 2]);
    const subject = r.pick(subjects);
    const normative = plan.docType === '意见' && r.chance(0.5);
    const countersigners = plan.issuerCode !== '示政纪要' && r.chance(0.35) ? [unit('fgw'), unit('czj')] : []; // the 纪要 chain has no 会签
    const upward = plan.direction === '上行文';
    const fields: OutgoingFieldsInput = {
      issuerCode: plan.issuerCode,
      docType: plan.docType,
      direction: plan.direction,
      normative,
      numbered: !(plan.issuerCode === '示政办函' && r.chance(0.25)),
      urgency: r.chance(0.1) ? '加急' : '平急',
      title: plan.title(subject),
      mainTo: upward ? [{ name: '省人民政府' }] : plan.docType === '纪要' ? [] : plan.docType === '函' ? [{ name: '省发展和改革委员会' }] : counties.map((c) => ({ name: c.name, unitId: c.id })),
      copyTo: upward ? [] : [{ name: '市委办公室' }, { name: unit('fgw').name, unitId: unit('fgw').id }],
      body: [
        { level: 0, text: `为深入贯彻落实上级关于${subject}工作的部署要求，结合我市实际，现就有关事项${upward ? '报告如下' : '通知如下'}。` },
        { level: 1, text: '总体要求' },
        { level: 0, text: '坚持以人民为中心的发展思想，统筹发展和安全，确保各项目标任务按期完成。' },
        { level: 1, text: '重点任务' },
        { level: 2, text: '压实工作责任' },
        { level: 0, text: '各地各部门要明确责任分工，建立工作台账，逐项抓好落实。' },
        { level: 2, text: '加强督促检查' },
        { level: 0, text: upward ? '妥否，请批示。' : '市政府督查室将适时开展督查，督查结果纳入年度考核。' },
      ],
      disclosure: upward || plan.docType === '函' ? '不予公开' : '主动公开',
      disclosureReason: upward || plan.docType === '函' ? '内部事务信息' : undefined,
      copies: 20 + Math.floor(r.between(0, 5)) * 10,
      countersignUnitIds: countersigners.map((c) => c.id),
      signerId: people[plan.signer]!.userId,
      contact: plan.docType === '请示' ? { name: '陈静', phone: '0000-1234567' } : undefined,
    };
    const story = makeStory(context, start);
    story.create('clerk', 'outgoing', fields as Record<string, unknown>);
    story.then(r.between(0.5, 4), 'clerk', 'submit');
    story.then(r.between(0.2, 1.5), 'director', 'approve', { comment: '文稿规范，同意。' });
    if (normative) story.then(r.between(0.5, 2), 'legal', 'approve', { comment: '第二部分应明确实施期限。\n建议补充解释机关条款。' });
    if (countersigners.length > 0) {
      story.then(r.between(0.1, 0.5), 'clerk', 'send_countersign', { units: countersigners.map((c) => ({ unitId: c.id, role: 'consult' })) });
      for (const [position, c] of countersigners.entries()) {
        story.then(r.between(0.2, 1.5), `liaison:${c.code}`, 'countersign', { reply: position === 0 ? '同意' : '建议进一步明确资金来源。' });
      }
      story.then(r.between(0.1, 0.5), 'clerk', 'finish_countersign');
    }
    story.then(r.between(0.3, 2), plan.signer, 'sign_off', { comment: '同意。' });
    story.then(r.between(0.1, 0.5), 'clerk', 'check');
    story.then(r.between(0.05, 0.3), 'clerk', 'register');
    story.then(r.between(0.2, 1), 'clerk', 'print');
    story.thenRun(r.between(0.1, 0.5), async (at) => {
      await actAs({ db, actor: await cast.get('clerk'), caseId: story.caseId(), action: 'distribute', at });
      return signForCopies(story.caseId(), at);
    });
    story.then(r.between(1, 5), 'clerk', 'archive');
    return story.steps;
  });
};
