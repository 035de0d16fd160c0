/**
 * A year of 收文 and 文稿 for the demo office, made through the same use cases a clerk,
 * the director, the leaders and the units' 联络员 call, so registers and metrics show real
 * numbers on first start: most documents are filed or archived, recent ones sit at every step,
 * a few were returned at 初审, some are 基层请示, some are overdue.
 */
import { inArray } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import type { Db } from '../platform/db.js';
import { createCase } from '../engine/cases/create-case.js';
import { actAs, actorFor } from './demo-actors.js';

const senders = ['省人民政府办公厅', '省发展和改革委员会', '省财政厅', '省应急管理厅', '市委办公室', '西山县人民政府', '南湖县人民政府', '城关区人民政府', '市发展和改革委员会', '市教育局', '市住房和城乡建设局', '市生态环境局'];
const subjects = ['冬春季安全生产', '优化营商环境', '稳就业保民生', '防汛抗旱', '城乡环境整治', '重点项目建设', '政务公开', '财政预算执行', '民生实事项目', '乡村振兴', '耕地保护', '安全隐患排查'];
const types = ['通知', '通知', '通知', '意见', '通报', '报告', '请示', '函', '函', '纪要'] as const;
const unitCodes = ['fgw', 'jyj', 'czj', 'zjj', 'yjj', 'sthjj', 'nyj', 'jtj', 'scjgj', 'wjw', 'xishan', 'nanhu'];
const draftTitles: ReadonlyArray<[string, string, string]> = [
  ['在全市经济工作会议上的讲话', '讲话稿', '市长'],
  ['关于上半年全市经济运行情况的汇报', '汇报材料', '市长'],
  ['关于我市营商环境建设情况的调研报告', '调研报告', '副市长'],
  ['在全市安全生产工作会议上的讲话', '讲话稿', '副市长'],
  ['市政府办公室年度工作总结', '工作总结', '办公室主任'],
  ['关于民生实事项目推进情况的综合材料', '综合材料', '市长'],
];

const dayMs = 86_400_000;
const paragraph = '坚持以人民为中心的发展思想，统筹发展和安全，扎实推进各项重点工作，确保各项目标任务按期完成。';

export const seedDemoIncoming = async ({
  db,
  now,
  count = 180,
  shouldStop = () => false,
}: {
  db: Db;
  now: Date;
  count?: number;
  /** Checked between cases: a server shutting down stops after the case in hand. */
  shouldStop?: () => boolean;
}): Promise<number> => {
  const clerk = await actorFor(db, 'clerk');
  const director = await actorFor(db, 'director');
  const leaders = [await actorFor(db, 'mayor'), await actorFor(db, 'vicemayor')];
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, unitCodes));
  const unitId = (code: string) => unitRows.find((row) => row.code === code)!.id;
  const liaisonOf = async (code: string) => actorFor(db, code === 'fgw' ? 'liaison' : `liaison.${code}`);
  const yearStart = Date.parse(`${new Date(now).toISOString().slice(0, 4)}-01-02T01:30:00Z`);
  const span = Math.max(30, Math.floor((now.getTime() - yearStart) / dayMs) - 1);

  let made = 0;
  for (let index = 0; index < count; index += 1) {
    if (shouldStop()) return made;
    // PGlite answers without touching the event loop: yield between cases so requests are served meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    made += 1;
    const daysAgo = Math.floor(span - (index * span) / count); // oldest first, evenly over the year
    const at = (offset: number) => new Date(now.getTime() - (daysAgo - offset) * dayMs);
    const docType = types[index % types.length]!;
    const isRequestFromBelow = docType === '请示' && index % 3 !== 0;
    const sender = isRequestFromBelow ? senders[5 + (index % 3)]! : senders[index % senders.length]!;
    const created = await createCase({
      db,
      actor: clerk,
      kindId: 'incoming',
      fields: {
        fromOrg: sender,
        docNumber: `${sender.slice(0, 2)}${docType === '函' ? '函' : '发'}〔${new Date(at(0)).getUTCFullYear()}〕${10 + index}号`,
        docType,
        title: `关于${docType === '请示' ? '解决' : '做好'}${subjects[index % subjects.length]}${docType === '请示' ? '有关问题' : '工作'}的${docType}`,
        urgency: index % 11 === 0 ? '特急' : index % 4 === 0 ? '加急' : '平急',
        copies: 1 + (index % 3),
        pages: 2 + (index % 9),
        receivedOn: at(0).toISOString().slice(0, 10),
        disclosure: index % 5 === 0 ? '主动公开' : '不予公开',
        isRequestFromBelow,
      },
      now: at(0),
    });
    const id = created.id;
    // How far along: the newest wait at each step; a few were returned as non-compliant.
    const age = count - index;
    if (index % 29 === 7) {
      await actAs({ db, actor: clerk, caseId: id, action: 'return', input: { reason: '不符合行文规则：未标注主送机关，退回来文单位' }, at: at(0.1) });
      continue;
    }
    if (age <= 2) continue; // 待初审
    await actAs({ db, actor: clerk, caseId: id, action: 'accept', at: at(0.1) });
    if (age <= 4) continue; // 待拟办
    const code = unitCodes[index % unitCodes.length]!;
    const withLeaders = index % 3 !== 2;
    const plan = withLeaders ? { leaders: index % 4 === 0 ? leaders.map((l) => l.userId) : [leaders[index % 2]!.userId], leaderMode: 'sequential' } : {};
    await actAs({ db, actor: director, caseId: id, action: 'propose', input: { comment: `拟请${withLeaders ? '领导阅示，' : ''}由${code === 'fgw' ? '市发改委' : '有关单位'}牵头办理。`, ...plan }, at: at(1) });
    if (age <= 7 && withLeaders) continue; // 待批办
    if (withLeaders) {
      for (const leaderId of plan.leaders ?? []) {
        const leader = leaders.find((l) => l.userId === leaderId)!;
        await actAs({ db, actor: leader, caseId: id, action: 'instruct', input: { comment: index % 2 ? '同意拟办意见，请抓紧落实。' : '' }, at: at(2) });
      }
    }
    if (isRequestFromBelow && age > 12) {
      await actAs({ db, actor: clerk, caseId: id, action: 'answer_request', input: { comment: '经研究，原则同意，请按程序办理。' }, at: at(5) });
    }
    if (age <= 9) continue; // 待交办
    if (index % 5 === 1) {
      await actAs({ db, actor: clerk, caseId: id, action: 'file', input: { comment: '阅件，阅后归档' }, at: at(3) });
      if (age > 20) await actAs({ db, actor: clerk, caseId: id, action: 'archive', at: at(4) });
      continue;
    }
    await actAs({ db, actor: clerk, caseId: id, action: 'assign', input: { units: [{ unitId: unitId(code), role: 'lead' }] }, at: at(3) });
    if (age <= 12) continue; // 待签收
    const liaison = await liaisonOf(code);
    await actAs({ db, actor: liaison, caseId: id, action: 'sign', at: at(4) });
    if (age <= 16) continue; // 办理中 (some of these are overdue)
    await actAs({ db, actor: liaison, caseId: id, action: 'reply', input: { reply: `已按要求认真办理。${paragraph}` }, at: at(index % 6 === 0 ? 20 : 8) });
    await actAs({ db, actor: clerk, caseId: id, action: 'accept_reply', input: { satisfaction: index % 9 === 0 ? 'basically_satisfied' : 'satisfied' }, at: at(index % 6 === 0 ? 21 : 9) });
    await actAs({ db, actor: clerk, caseId: id, action: 'close', at: at(index % 6 === 0 ? 21 : 9) });
    if (age > 24) await actAs({ db, actor: clerk, caseId: id, action: 'archive', at: at(index % 6 === 0 ? 22 : 10) });
  }

  for (const [index, [title, draftType, forWhom]] of draftTitles.entries()) {
    if (shouldStop()) return made;
    const at = new Date(now.getTime() - (280 - index * 45) * dayMs);
    const created = await createCase({ db, actor: clerk, kindId: 'draft', fields: { title, draftType, forWhom }, now: at });
    const text = `同志们：${paragraph.repeat(20 + index * 15)}`;
    await actAs({ db, actor: clerk, caseId: created.id, action: 'add_version', input: { text, comment: '初稿' }, at });
    if (index === draftTitles.length - 1) continue;
    await actAs({ db, actor: clerk, caseId: created.id, action: 'submit', at: new Date(at.getTime() + dayMs) });
    await actAs({ db, actor: director, caseId: created.id, action: 'approve', input: { comment: '同意定稿' }, at: new Date(at.getTime() + 2 * dayMs) });
  }
  return made;
};

