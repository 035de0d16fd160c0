/**
 * The demo office's 收文 and 文稿 as stories: a 收文 arrives on a working day, is checked, 拟办, 批示 when
 * leaders are asked, then filed or 交办 to a unit that signs for it and replies within its time limit
 * (a few late, as in any office), and is closed and archived. A handful of recent ones wait at a unit
 * past their deadline: the 逾期 that an office really has.
 */
import { inArray } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import { makeStory, type Step, type StoryContext } from './demo-story.js';

// Weights: most paper comes from the province and the county governments; the 市委 less often.
const senders = ['省人民政府办公厅', '省发展和改革委员会', '省财政厅', '省应急管理厅', '市委办公室', '西山县人民政府', '南湖县人民政府', '城关区人民政府', '市发展和改革委员会', '市教育局', '市住房和城乡建设局', '市生态环境局'];
const senderWeights = [9, 4, 5, 3, 2, 6, 5, 4, 3, 2, 2, 2];
const counties = ['西山县人民政府', '南湖县人民政府', '城关区人民政府'];
const subjects = ['冬春季安全生产', '优化营商环境', '稳就业保民生', '防汛抗旱', '城乡环境整治', '重点项目建设', '政务公开', '财政预算执行', '民生实事项目', '乡村振兴', '耕地保护', '安全隐患排查'];
const subjectWeights = [5, 4, 3, 3, 2, 4, 2, 3, 2, 3, 1, 4];
const docTypes = ['通知', '意见', '通报', '报告', '请示', '函', '纪要'] as const;
const docTypeWeights = [14, 3, 4, 4, 4, 5, 1];
const unitCodes = ['fgw', 'jyj', 'czj', 'zjj', 'yjj', 'sthjj', 'nyj', 'jtj', 'scjgj', 'wjw', 'xishan', 'nanhu'];
const unitWeights = [8, 4, 6, 4, 5, 3, 3, 2, 2, 3, 2, 2];
/** Working days a unit has to reply, by urgency (the defaults of incoming.dueDays.*). */
const allowedDays = { 特急: 1, 加急: 3, 平急: 10 } as const;
const paragraph = '坚持以人民为中心的发展思想，统筹发展和安全，扎实推进各项重点工作，确保各项目标任务按期完成。';

export const incomingStories = async (context: StoryContext, count: number): Promise<Step[]> => {
  const { db, random: r, time, now, from } = context;
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, unitCodes));
  const unitId = (code: string) => unitRows.find((row) => row.code === code)!.id;
  const arrivals = time.arrivals(from, now, count);
  // The two newest 收文 交办 long enough ago to be past their deadline stay unanswered: a unit genuinely late.
  const stalled = new Set(
    arrivals
      .map((at, index) => ({ index, age: time.workdaysBetween(at, now) }))
      .filter(({ age }) => age >= 15)
      .slice(-2)
      .map(({ index }) => index),
  );
  const year = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4);
  const numberBySender = new Map<string, number>();
  const leaderId = { mayor: (await context.cast.get('mayor')).userId, vicemayor: (await context.cast.get('vicemayor')).userId };

  return arrivals.flatMap((arrival, index) => {
    const story = makeStory(context, arrival);
    const isStalled = stalled.has(index);
    const docType = r.weighted(docTypes, docTypeWeights);
    const sender = docType === '请示' && r.chance(0.75) ? r.pick(counties) : r.weighted(senders, senderWeights);
    const isRequestFromBelow = docType === '请示' && counties.includes(sender);
    const urgency = isStalled ? '平急' : r.weighted(['平急', '加急', '特急'] as const, [82, 14, 4]);
    const subject = r.weighted(subjects, subjectWeights);
    const number = (numberBySender.get(sender) ?? r.pick([3, 8, 12, 21])) + 1 + Math.floor(r.between(0, 6));
    numberBySender.set(sender, number);
    story.create('clerk', 'incoming', {
      fromOrg: sender,
      docNumber: `${sender.slice(0, 2)}${docType === '函' ? '函' : '发'}〔${year(arrival)}〕${number}号`,
      docType,
      title: `关于${docType === '请示' ? '解决' : '做好'}${subject}${docType === '请示' ? '有关问题' : '工作'}的${docType}`,
      urgency,
      copies: r.weighted([1, 2, 3], [6, 3, 1]),
      pages: Math.floor(r.between(2, 12)),
      receivedOn: arrival.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
      disclosure: r.chance(0.2) ? '主动公开' : '不予公开',
      isRequestFromBelow,
    });
    if (!isStalled && r.chance(0.04)) {
      story.then(r.between(0.05, 0.4), 'clerk', 'return', { reason: '不符合行文规则：未标注主送机关，退回来文单位' });
      return story.steps;
    }
    story.then(r.between(0.05, 0.5), 'clerk', 'accept');
    const code = r.weighted(unitCodes, unitWeights);
    const leaders = isStalled || r.chance(0.4) ? [] : r.chance(0.2) ? (['mayor', 'vicemayor'] as const) : [r.weighted(['mayor', 'vicemayor'] as const, [2, 3])];
    const leaderIds = leaders.map((who) => leaderId[who]);
    story.then(r.between(0.2, 1.2), 'director', 'propose', {
      comment: `拟请${leaders.length ? '领导阅示，' : ''}由${code === 'fgw' ? '市发改委' : '有关单位'}牵头办理。`,
      ...(leaders.length ? { leaders: leaderIds, leaderMode: 'sequential' } : {}),
    });
    for (const leader of leaders) story.then(r.between(0.2, 1.5), leader, 'instruct', { comment: r.chance(0.6) ? '同意拟办意见，请抓紧落实。' : '' });
    if (isRequestFromBelow) story.then(r.between(0.3, 2.5), 'clerk', 'answer_request', { comment: '经研究，原则同意，请按程序办理。' });
    if (!isStalled && r.chance(0.18)) {
      story.then(r.between(0.1, 1), 'clerk', 'file', { comment: '阅件，阅后归档' });
      story.then(r.between(1, 6), 'clerk', 'archive');
      return story.steps;
    }
    story.then(r.between(0.1, 0.8), 'clerk', 'assign', { units: [{ unitId: unitId(code), role: 'lead' }] });
    const allowed = allowedDays[urgency];
    story.then(r.between(0.05, Math.min(0.8, allowed * 0.3)), `liaison:${code}`, 'sign');
    if (isStalled) return story.steps; // signed for, then nothing: 逾期
    const isLate = r.chance(0.05);
    story.then(isLate ? allowed + r.between(0.5, 4) : allowed * r.between(0.2, 0.7), `liaison:${code}`, 'reply', { reply: `已按要求认真办理。${paragraph}` });
    story.then(r.between(0.1, 1.2), 'clerk', 'accept_reply', { satisfaction: r.chance(0.12) ? 'basically_satisfied' : 'satisfied' });
    story.then(0, 'clerk', 'close');
    story.then(r.between(1, 6), 'clerk', 'archive');
    return story.steps;
  });
};

const draftForms: ReadonlyArray<[(subject: string) => string, string, string]> = [
  [(s) => `在全市${s}工作会议上的讲话`, '讲话稿', '市长'],
  [(s) => `关于${s}工作推进情况的汇报`, '汇报材料', '市长'],
  [(s) => `关于我市${s}情况的调研报告`, '调研报告', '副市长'],
  [(s) => `在${s}专题会议上的讲话`, '讲话稿', '副市长'],
  [(s) => `关于${s}工作的综合材料`, '综合材料', '办公室主任'],
];

/** 文稿: drafted, sent to the director, sometimes sent back once, then 定稿; the newest are still being written. */
export const draftStories = (context: StoryContext, count: number): Step[] => {
  const { random: r, time, now, from } = context;
  return time.arrivals(from, now, count).flatMap((start, index) => {
    const story = makeStory(context, start);
    const [titleOf, draftType, forWhom] = r.pick(draftForms);
    const subject = subjects[(index * 5) % subjects.length]!;
    const text = `同志们：${paragraph.repeat(Math.floor(r.between(15, 90)))}`;
    story.create('clerk', 'draft', { title: titleOf(subject), draftType, forWhom });
    story.then(0.02, 'clerk', 'add_version', { text, comment: '初稿' });
    story.then(r.between(0.5, 3), 'clerk', 'submit');
    if (r.chance(0.3)) {
      story.then(r.between(0.2, 1), 'director', 'revise', { comment: '请补充有关数据，压缩篇幅。' });
      story.then(r.between(0.5, 2), 'clerk', 'add_version', { text: text.slice(0, Math.floor(text.length * 0.8)), comment: '第二稿' });
      story.then(r.between(0.05, 0.5), 'clerk', 'submit');
    }
    story.then(r.between(0.2, 1.5), 'director', 'approve', { comment: '同意定稿' });
    return story.steps;
  });
};
