/**
 * The demo 12345 year: each unit's 职责清单 kept by the center, then tickets arriving through the year, each a
 * story through the same use cases — a 咨询 answered on the spot, or 派单 (to a bureau or straight to a
 * 街道), sometimes 退单 by the 职责清单 and 改派, 签收 (now and then after the 2 working hours), a 延期
 * asked and granted, the reply, the 回访 (mostly 满意; some 不满意 → 重办), a few 经典案例. In the week of `now`
 * a burst of calls about a burst water main in 西街街道 (供水供气, far above its usual week) is the 热点 page's 突增.
 */
import { createRecord } from '../engine/records/records.service.js';
import { units } from '../db/schema/index.js';
import { inArray } from 'drizzle-orm';
import { ANSWER_RECORD, DUTY_RECORD } from '../modules/hotline/hotline.records.js';
import { makeStory, type Step, type StoryContext } from './demo-story.js';
import type { Random } from './demo-time.js';
import { weekOf } from '../modules/hotline/hotline.hotspots.js';
import { shanghaiStart } from '../modules/hotline/hotline.hotspots.repository.js';

/** Per unit (by code): the 职责清单 lines its 退单 may cite. */
const duties: Record<string, string> = {
  cgj: '城市道路路灯的建设和维护（背街小巷照明属街道）',
  zjj: '城市供水设施建设监管（供水抢修属市水务集团、物业纠纷属街道）',
  scjgj: '食品经营许可和监督检查（劳动纠纷属人社部门）',
  rsj: '劳动保障监察（工程款纠纷属住建部门）',
  jtj: '公路和农村道路养护（城区道路属住建部门）',
  'chengguan-dongjie': '辖区背街小巷照明和市容巡查（主干道路灯属城管局）',
  'chengguan-xijie': '辖区装修噪音和邻里纠纷调处（建筑工地夜间施工属生态环境局）',
};

type Topic = { content: string; category: string; type: '咨询' | '求助' | '投诉' | '举报' | '建议' | '表扬'; unit: string; area?: string; alt?: string };

/** What callers ask about, the unit the center gives it to first, and where a 退单 sends it. */
const topics: readonly Topic[] = [
  { content: '东街背街小巷路灯连续三晚不亮，夜里行人看不清路。', category: '城市管理/路灯照明', type: '投诉', unit: 'cgj', area: '东街街道', alt: 'chengguan-dongjie' },
  { content: '小区门口流动摊贩占道经营，早高峰影响通行。', category: '城市管理/占道经营', type: '投诉', unit: 'chengguan-dongjie', area: '东街街道' },
  { content: '楼上住户装修，晚上十点后仍在施工，噪音扰民。', category: '生态环境/噪声扰民', type: '投诉', unit: 'chengguan-xijie', area: '西街街道' },
  { content: '小区停水两天，物业未告知原因，老人生活困难。', category: '城乡建设/供水供气', type: '求助', unit: 'zjj', area: '西街街道', alt: 'chengguan-xijie' },
  { content: '超市购买的预包装食品已过保质期，商家拒绝退换。', category: '市场监管/食品安全', type: '投诉', unit: 'scjgj' },
  { content: '举报某餐馆后厨卫生条件差，疑似使用过期原料。', category: '市场监管/食品安全', type: '举报', unit: 'scjgj', area: '东街街道' },
  // A number typed into the content, as agents do: masked in the ticket, shown by 显示 (the kind's personalText).
  { content: '公司拖欠三个月工资，多次讨要未果。来电人另留电话13700001234，白天请打此号。', category: '劳动社保/劳动欠薪', type: '求助', unit: 'rsj', alt: 'zjj' },
  { content: '建议在青石镇中学门口增设减速带和人行横道。', category: '城乡建设/市政道路', type: '建议', unit: 'jtj', area: '青石镇' },
  { content: '表扬西街街道工作人员上门帮助独居老人办理低保。', category: '政务服务/工作作风', type: '表扬', unit: 'chengguan-xijie', area: '西街街道' },
  { content: '异地就医备案需要哪些材料，在哪里办理？', category: '劳动社保/社保医保', type: '咨询', unit: 'ybj' },
];

/** The week's 突增: one 街乡's water main burst, and the calls it brought (its usual week: the 停水 topic above). */
const burst: Topic = { content: '', category: '城乡建设/供水供气', type: '求助', unit: 'zjj', area: '西街街道', alt: 'chengguan-xijie' };
const burstCalls = [
  '西街街道和平里小区突然停水，自来水管道爆裂，居民无法做饭。',
  '和平里小区从早上开始停水，物业说是主管道爆裂，至今没有恢复供水。',
  '西街和平里一带停水，家里有老人孩子，希望尽快抢修供水管道。',
  '和平里小区停水一整天，没有接到任何停水通知。',
  '西街街道多个小区停水，自来水公司电话一直打不通。',
  '停水后恢复供水，水质发黄，担心不能饮用。',
];

/** The burst's size: none in a small demo (a test's dozen), else about one in thirty of the year's tickets, 6 to 10. */
const burstSize = (count: number) => (count < 12 ? 0 : Math.min(10, Math.max(6, Math.round(count / 30))));

/** Moments spread over the week of `now` up to it (a hotline takes calls day and night). */
const burstArrivals = (now: Date, size: number): Date[] => {
  const start = Date.parse(shanghaiStart(weekOf(now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })).from));
  const span = now.getTime() - start;
  return Array.from({ length: size }, (_, index) => new Date(start + Math.floor((span * (index + 1)) / (size + 1))));
};

const names = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const callerOf = (r: Random) => ({
  callerName: r.chance(0.1) ? '匿名' : `${names[Math.floor(r.between(0, names.length))]}${r.pick(['先生', '女士'])}`,
  callerPhone: `1${r.pick(['39', '58', '86', '37'])}${String(Math.floor(r.between(10_000_000, 99_999_999)))}`,
});

/** The center's 职责清单 for the demo units (before any ticket may cite one). */
const keepDuties = async (context: StoryContext, unitIds: ReadonlyMap<string, string>) => {
  const actor = await context.cast.get('hotline');
  for (const [code, item] of Object.entries(duties)) {
    const unitId = unitIds.get(code);
    if (unitId) await createRecord({ db: context.db, actor, type: DUTY_RECORD, fields: { item }, unitId, now: context.from });
  }
};

/** A few 知识库 answers, valid from the start of the demo year (one replaced mid-year by a newer one). */
const keepAnswers = async (context: StoryContext) => {
  const actor = await context.cast.get('hotline');
  const from = context.from.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const answers = [
    { category: '城市管理/路灯照明', question: '路灯不亮找哪个部门', answer: '城区主干道路灯由市城管局维护，背街小巷照明由所在街道维护；登记后派单处理，一般 3 个工作日内修复。' },
    { category: '劳动社保/社保医保', question: '异地就医怎么备案', answer: '在“国家医保服务平台”App 或当地医保经办窗口办理异地就医备案，备案后可直接结算。' },
    { category: '政务服务/政策咨询', question: '住房公积金怎么提取', answer: '购房、租房、退休等情形可提取，凭身份证到公积金中心窗口或通过线上渠道办理。' },
  ];
  for (const answer of answers) await createRecord({ db: context.db, actor, type: ANSWER_RECORD, fields: { ...answer, validFrom: from }, now: context.from });
};

export const hotlineStories = async (context: StoryContext, count: number): Promise<Step[]> => {
  if (count <= 0) return [];
  const { db, random: r, time, now, from } = context;
  const codes = [...new Set(topics.flatMap((topic) => [topic.unit, ...(topic.alt ? [topic.alt] : [])]))];
  const unitIds = new Map((await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes))).map((row) => [row.code, row.id]));
  await keepDuties(context, unitIds);
  await keepAnswers(context);
  const liaison = (code: string) => `liaison:${code}`;
  const ticketStory = (receivedAt: Date, topic: Topic, content: string): Step[] => {
    const first = unitIds.get(topic.unit);
    if (!first) return [];
    const story = makeStory(context, receivedAt);
    story.create('hotline', 'ticket', {
      channel: r.weighted(['电话', '网上', '市长信箱', '微信', '媒体线索', '省平台转办'] as const, [12, 4, 2, 2, 0.5, 1]),
      ticketType: topic.type,
      category: topic.category,
      ...callerOf(r),
      ...(topic.area ? { area: topic.area } : {}),
      content,
      urgency: r.chance(0.05) ? '应急' : '一般',
    });
    if (topic.type === '咨询' && r.chance(0.7)) {
      story.then(0.01, 'hotline', 'direct_close', { answer: '已告知：携带医保电子凭证在“国家医保服务平台”App 办理备案，或到医保经办窗口办理。' });
      return story.steps;
    }
    story.then(r.between(0.02, 0.2), 'hotline', 'assign', { units: [{ unitId: first, role: 'lead' }], comment: '请按时签收办理。' });
    let holder = topic.unit;
    const alt = topic.alt ? unitIds.get(topic.alt) : undefined;
    if (alt && r.chance(0.35)) {
      story.then(r.between(0.05, 0.3), liaison(topic.unit), 'unit_return', { dutyItem: duties[topic.unit], reason: '经核实，该事项不属本单位职责。' });
      story.then(r.between(0.05, 0.5), 'hotline', 'assign', { units: [{ unitId: alt, role: 'lead' }], comment: '退单理由成立，改派。' });
      holder = topic.alt!;
    }
    // 2 working hours are a quarter of the office day: most sign within it, some later.
    story.then(r.chance(0.15) ? r.between(0.3, 1.2) : r.between(0.02, 0.22), liaison(holder), 'sign');
    if (r.chance(0.08)) {
      story.then(r.between(1, 3), liaison(holder), 'ask_extension', { extension: { amount: Math.round(r.between(2, 5)), reason: '需协调相关单位现场处置。' } });
      story.then(r.between(0.1, 0.5), 'hotline', 'grant_extension', { comment: '同意延期。' });
    }
    const days = topic.type === '投诉' || topic.type === '举报' || topic.type === '建议' ? 13 : 3;
    story.then(r.chance(0.1) ? r.between(days + 1, days + 5) : r.between(0.5, days * 0.8), liaison(holder), 'reply', { reply: '已现场核实并处置完毕，已电话告知来电人处理结果。' });
    if (r.chance(0.12)) {
      story.then(r.between(0.5, 2), 'hotline', 'redo', { resolved: '未解决', comment: '来电人反映问题仍未解决，要求重新办理。' });
      story.then(r.between(1, 5), liaison(holder), 'reply', { reply: '已再次上门处置，问题已解决，来电人认可。' });
    }
    const result = r.weighted(['满意', '基本满意', '未联系上'] as const, [78, 16, 6]);
    story.then(r.between(0.5, 2), 'hotline', 'revisit', { result, ...(result === '未联系上' ? {} : { resolved: r.chance(0.9) ? '已解决' : '未解决' }), comment: '电话回访。' });
    if (r.chance(0.03)) story.then(r.between(1, 5), 'hotline', 'case_study', { writeUp: '接诉即办、一次办好：承办单位当日签收、现场处置，来电人满意。' });
    return story.steps;
  };
  // The burst is part of the count asked for: the year holds exactly `count` tickets.
  const burstAt = burstArrivals(now, burstSize(count));
  return [
    ...time.arrivals(from, now, count - burstAt.length).flatMap((receivedAt) => {
      const topic = r.pick(topics);
      return ticketStory(receivedAt, topic, topic.content);
    }),
    ...burstAt.flatMap((receivedAt, index) => ticketStory(receivedAt, burst, burstCalls[index % burstCalls.length]!)),
  ];
};
