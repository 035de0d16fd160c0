/**
 * The demo office's 建议提案 (demo-year.ts): one session of the 人代会 and 政协 — a few hundred items
 * registered when the lists come, given to their units at the 交办会 ten working days later (and some sent in
 * during the year, given singly), answered by most units within the three months (a few of the session's
 * late), surveyed by the deputies through their
 * one-time links; a few 不满意 are re-handled and asked again. Every step goes through the module's use
 * cases at its own moment, so the clocks, 待办 and metrics are what a real session would leave.
 */
import { inArray } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import { registerProposal } from '../modules/proposal/proposal.service.js';
import { issueSurveyLink, submitSurvey } from '../modules/proposal/survey.service.js';
import { actAs } from './demo-actors.js';
import type { Step, StoryContext } from './demo-story.js';

const subjects = [
  ['城乡建设', '关于加快老旧小区加装电梯的建议', ['zjj'], ['czj']],
  ['教育', '关于缓解城区义务教育学位紧张的建议', ['jyj'], ['zrzyj']],
  ['医疗卫生', '关于推进社区医院建设的建议', ['wjw'], ['ybj']],
  ['交通', '关于优化城区公交线路的建议', ['jtj'], []],
  ['生态环境', '关于加强城区河道水质治理的建议', ['sthjj'], ['slj']],
  ['民生保障', '关于发展社区嵌入式养老服务的建议', ['mzj'], ['wjw']],
  ['营商环境', '关于提升政务服务“一网通办”水平的建议', ['sjj'], []],
  ['农业农村', '关于推进高标准农田建设的建议', ['nyj'], ['slj']],
  ['城市管理', '关于规范共享单车停放管理的建议', ['cgj'], ['gaj']],
  ['文化旅游', '关于打造夜间文旅消费街区的建议', ['wlj', 'swj'], []],
] as const;
const groups = { npc: ['城关区代表团', '东城区代表团', '西山县代表团', '南湖县代表团', '北岭县代表团'], cppcc: ['经济界', '教育界', '医药卫生界', '农业界', '无党派人士'] } as const;
const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const given = '建华秀英志强丽娟海峰红梅文军玉兰国庆晓燕';
const methods = ['faceToFace', 'phone', 'forum', 'visit'] as const;

export const proposalStories = async (context: StoryContext, count: number): Promise<Step[]> => {
  const { db, time, now, from, random: r, cast } = context;
  if (count <= 0) return [];
  const codes = [...new Set(subjects.flatMap(([, , leads, consults]) => [...leads, ...consults]))];
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes));
  const unitId = (code: string) => unitRows.find((row) => row.code === code)?.id;
  // The lists come after the two sessions (late January); the 交办会 ten working days later.
  const receivedAt = time.later(from, 15);
  const meetingAt = time.later(receivedAt, 10);
  if (receivedAt > now) return [];
  const day = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const year = Number(day(receivedAt).slice(0, 4));
  const steps: Step[] = [];
  const numbers = { npc: 0, cppcc: 0 };
  // Most come with the session's lists; the rest are sent in during the year (闭会期间) and given to units singly.
  const sessionCount = Math.round(count * 0.85);
  const during = time.arrivals(meetingAt, now, count - sessionCount);
  for (let index = 0; index < count; index += 1) {
    const inSession = index < sessionCount;
    const registeredAt = inSession ? receivedAt : during[index - sessionCount]!;
    const assignAt = inSession ? meetingAt : time.later(registeredAt, r.between(1, 4));
    const body: 'npc' | 'cppcc' = r.chance(0.55) ? 'npc' : 'cppcc';
    numbers[body] += 1;
    const [category, title, leadCodes, consultCodes] = r.pick(subjects);
    const leads = leadCodes.map(unitId).filter((id): id is string => id !== undefined);
    if (leads.length === 0) continue;
    const consults = r.chance(0.4) ? consultCodes.map(unitId).filter((id): id is string => id !== undefined) : [];
    const name = () => `${r.pick([...surnames])}${r.pick([...given])}`;
    const number = String(numbers[body]);
    const story = {};
    let id = '';
    const inspector = () => cast.get('inspector');
    const push = (at: Date, run: () => Promise<void>) => steps.push({ at, story, run });
    push(registeredAt, async () => {
      const input = {
        body,
        term: body === 'npc' ? '十五届' : '十三届',
        session: 3,
        number,
        title: title.replace('建议', body === 'npc' ? '建议' : '提案'),
        leadName: name(),
        cosigners: r.chance(0.3) ? [name(), name()] : [],
        group: r.pick(groups[body]),
        category,
        content: `${title.replace(/^关于|的建议$/g, '')}，建议有关部门统筹研究、加快推进。`,
        receivedOn: day(registeredAt),
        isKey: inSession && r.chance(0.04),
      };
      id = (await registerProposal({ db, actor: await inspector(), input, now: registeredAt })).id;
    });
    push(assignAt, async () => {
      const units = [...leads.map((unitId) => ({ unitId, role: 'lead' })), ...consults.map((unitId) => ({ unitId, role: 'consult' }))];
      await actAs({ db, actor: await inspector(), caseId: id, action: 'assign', input: { units, ...(inSession ? { meetingOn: day(meetingAt) } : {}) }, at: assignAt });
    });
    const leadWho = leadCodes.map((code) => `liaison:${code}`);
    const consultWho = consults.length > 0 ? consultCodes.map((code) => `liaison:${code}`) : [];
    for (const who of [...leadWho, ...consultWho]) {
      const at = time.later(assignAt, r.between(0.5, 3));
      push(at, async () => actAs({ db, actor: await cast.get(who), caseId: id, action: 'sign', at }));
    }
    for (const who of consultWho) {
      const at = time.later(assignAt, r.between(8, 20));
      push(at, async () => actAs({ db, actor: await cast.get(who), caseId: id, action: 'reply', input: { reply: '我单位会办意见：同意主办单位意见，将在职责范围内积极配合。' }, at }));
    }
    // Most answer within the three months (≈ 62 working days); a few of the session's late.
    const answerAt = time.later(assignAt, inSession && r.chance(0.08) ? r.between(64, 70) : r.between(20, 58));
    const answerClass = r.weighted(['A', 'B', 'C', 'D'] as const, [0.5, 0.2, 0.22, 0.08]);
    const contacts = { [r.pick(methods)]: Math.round(r.between(1, 3)) };
    for (const who of leadWho) {
      push(answerAt, async () =>
        actAs({ db, actor: await cast.get(who), caseId: id, action: 'answer', input: { reply: `经研究，${answerClass === 'A' ? '所提问题已解决' : answerClass === 'B' ? '已列入今年工作计划' : answerClass === 'C' ? '受条件限制，拟在以后逐步解决' : '所提意见留作工作参考'}。`, answerClass, isPublishable: r.chance(0.8) ? 'yes' : 'no', contacts, ...(answerClass === 'B' ? { promiseYear: year } : {}) }, at: answerAt }),
      );
    }
    const concludeAt = time.later(answerAt, r.between(1, 4));
    push(concludeAt, async () => actAs({ db, actor: await inspector(), caseId: id, action: 'conclude', at: concludeAt }));
    const survey = (at: Date, view: string) =>
      push(at, async () => {
        const { token } = await issueSurveyLink({ db, actor: await inspector(), caseId: id, now: at });
        await submitSurvey({ db, token, input: { attitude: 'satisfied', onPoint: view === 'unsatisfied' ? 'basically_satisfied' : view, result: view }, ip: null, now: at });
      });
    const surveyAt = time.later(concludeAt, r.between(2, 8));
    const isUnhappy = r.chance(0.06);
    survey(surveyAt, isUnhappy ? 'unsatisfied' : r.chance(0.85) ? 'satisfied' : 'basically_satisfied');
    let lastAt = surveyAt;
    if (isUnhappy) {
      const reworkAt = time.later(surveyAt, 2);
      push(reworkAt, async () => actAs({ db, actor: await inspector(), caseId: id, action: 'rework', input: { reason: '代表对办理结果不满意，请重新研究办理' }, at: reworkAt }));
      const againAt = time.later(reworkAt, r.between(4, 9));
      for (const who of leadWho) push(againAt, async () => actAs({ db, actor: await cast.get(who), caseId: id, action: 'rework_answer', input: { reply: '经再次研究并与代表面商，已制定解决方案。', answerClass: 'A', isPublishable: 'yes', contacts: { faceToFace: 1 } }, at: againAt }));
      const concludedAt = time.later(againAt, 1);
      push(concludedAt, async () => actAs({ db, actor: await inspector(), caseId: id, action: 'conclude_rework', at: concludedAt }));
      lastAt = time.later(concludedAt, r.between(2, 8));
      survey(lastAt, r.chance(0.8) ? 'satisfied' : 'basically_satisfied');
    }
    const closeAt = time.later(lastAt, r.between(1, 3));
    push(closeAt, async () => actAs({ db, actor: await inspector(), caseId: id, action: 'close', input: { comment: '代表（委员）已反馈意见，办结。' }, at: closeAt }));
  }
  return steps;
};
