/**
 * A year of 发文 for the demo office across its 代字, made through the same use cases the clerk,
 * the director, the 法制 reviewer, the units' 联络员 and the leaders call: older documents are
 * issued and archived with their 文号, recent ones wait at every step of the chain.
 */
import { inArray } from 'drizzle-orm';
import type { OutgoingFieldsInput } from '../../../common/schemas/outgoing.js';
import { units } from '../db/schema/index.js';
import { createCase } from '../engine/cases/create-case.js';
import type { Db } from '../platform/db.js';
import { actAs, actorFor } from './demo-actors.js';

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

const dayMs = 86_400_000;
/** The steps in order, after 创建; a document stops after `reach` of them. */
const steps = ['submit', 'approve', 'legal', 'countersign', 'sign_off', 'check', 'register', 'print', 'distribute', 'archive'] as const;

export const seedDemoOutgoing = async ({ db, now, count = 60, shouldStop = () => false }: { db: Db; now: Date; count?: number; shouldStop?: () => boolean }): Promise<number> => {
  const people = Object.fromEntries(
    await Promise.all(['clerk', 'director', 'mayor', 'vicemayor', 'legal'].map(async (name) => [name, await actorFor(db, name)] as const)),
  );
  const unitRows = await db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.code, unitCodes));
  const unit = (code: string) => unitRows.find((row) => row.code === code)!;
  const counties = ['xishan', 'nanhu', 'beiling'].map(unit);
  const yearStart = Date.parse(`${now.toISOString().slice(0, 4)}-01-05T01:30:00Z`);
  const span = Math.max(30, Math.floor((now.getTime() - yearStart) / dayMs) - 1);

  let made = 0;
  for (let index = 0; index < count; index += 1) {
    if (shouldStop()) return made;
    await new Promise((resolve) => setImmediate(resolve)); // PGlite does not yield by itself: let requests in between
    made += 1;
    const plan = plans[index % plans.length]!;
    const subject = subjects[index % subjects.length]!;
    const daysAgo = Math.floor(span - (index * span) / count);
    const at = (hours: number) => new Date(now.getTime() - daysAgo * dayMs + hours * 3_600_000);
    const normative = plan.docType === '意见' && index % 2 === 1;
    const countersigners = index % 3 === 0 && plan.issuerCode !== '示政纪要' ? [unit('fgw'), unit('czj')] : []; // the 纪要 chain has no 会签
    const upward = plan.direction === '上行文';
    const fields: OutgoingFieldsInput = {
      issuerCode: plan.issuerCode,
      docType: plan.docType,
      direction: plan.direction,
      normative,
      numbered: !(plan.issuerCode === '示政办函' && index % 4 === 1),
      urgency: index % 9 === 0 ? '加急' : '平急',
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
      copies: 20 + (index % 5) * 10,
      countersignUnitIds: countersigners.map((c) => c.id),
      signerId: people[plan.signer]!.userId,
      contact: plan.docType === '请示' ? { name: '陈静', phone: '0000-1234567' } : undefined,
    };
    const { id } = await createCase({ db, actor: people.clerk!, kindId: 'outgoing', fields: fields as Record<string, unknown>, now: at(0) });
    // The newest stop partway: the last ten at each step in turn, the rest go all the way.
    const reach = index >= count - 10 ? (count - index) % steps.length : steps.length;
    // About a working day per step, squeezed for the newest so that nothing happens after `now`.
    const gap = Math.min(index % 2 === 0 ? 20 : 26, Math.max(0.05, (daysAgo * 24 - 2) / 20));
    let hour = 1;
    const act = async (actor: string, action: string, input: Record<string, unknown> = {}) => {
      hour += gap;
      await actAs({ db, actor: people[actor]!, caseId: id, action, input, at: at(hour) });
    };
    for (const step of steps.slice(0, reach)) {
      if (step === 'submit') await act('clerk', 'submit');
      if (step === 'approve') await act('director', 'approve', { comment: '文稿规范，同意。' });
      if (step === 'legal' && normative) await act('legal', 'approve', { comment: '第二部分应明确实施期限。\n建议补充解释机关条款。' });
      if (step === 'countersign' && countersigners.length > 0) {
        await act('clerk', 'send_countersign', { units: countersigners.map((c) => ({ unitId: c.id, role: 'consult' })) });
        for (const [position, c] of countersigners.entries()) {
          const liaison = await actorFor(db, c.code === 'fgw' ? 'liaison' : `liaison.${c.code}`);
          hour += gap / 4;
          await actAs({ db, actor: liaison, caseId: id, action: 'countersign', input: { reply: position === 0 ? '同意' : '建议进一步明确资金来源。' }, at: at(hour) });
        }
        await act('clerk', 'finish_countersign');
      }
      if (step === 'sign_off') await act(plan.signer, 'sign_off', { comment: '同意。' });
      if (step === 'check') await act('clerk', 'check');
      if (step === 'register') await act('clerk', 'register');
      if (step === 'print') await act('clerk', 'print');
      if (step === 'distribute') await act('clerk', 'distribute');
      if (step === 'archive') await act('clerk', 'archive');
    }
  }
  return made;
};

