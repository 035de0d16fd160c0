/**
 * Fourteen months of 主动公开 entries for the demo office, registered through createPublished as
 * 信息科 would, so the 政务公开 page, its annual report and disclosure.published show real figures on
 * first start: 规章 and 规范性文件 (one repealed), batches of 许可/处罚/强制 decisions, and other items.
 */
import { eq } from 'drizzle-orm';
import type { CreatePublishedInput } from '../../../common/schemas/disclosure.js';
import { units } from '../db/schema/index.js';
import { addDays, todayInShanghai } from '../engine/calendar/dates.js';
import { createPublished, repealPublished } from '../modules/disclosure/published.service.js';
import type { Db } from '../platform/db.js';
import { actorFor } from './demo-actors.js';

type DemoEntry = Omit<CreatePublishedInput, 'unitId' | 'publishedOn'> & { unitCode: string; daysAgo: number; repealAfterDays?: number };

const entries: readonly DemoEntry[] = [
  { unitCode: 'sfj', daysAgo: 420, title: '示例市城市绿化管理办法', category: '规章', channels: ['政府网站', '政府公报'], documentNumber: '示例市人民政府令第9号', repealAfterDays: 400 },
  { unitCode: 'sfj', daysAgo: 300, title: '示例市城市绿化条例实施办法', category: '规章', channels: ['政府网站', '政府公报'], documentNumber: '示例市人民政府令第11号' },
  { unitCode: 'cgj', daysAgo: 200, title: '示例市户外广告设置管理办法', category: '规章', channels: ['政府网站', '政府公报'], documentNumber: '示例市人民政府令第12号' },
  { unitCode: 'zjj', daysAgo: 380, title: '示例市老旧小区改造资金管理暂行办法', category: '行政规范性文件', channels: ['政府网站'], documentNumber: '示政办发〔2025〕18号' },
  { unitCode: 'fgw', daysAgo: 250, title: '示例市促进民营经济发展若干措施', category: '行政规范性文件', channels: ['政府网站', '政务新媒体'], documentNumber: '示政发〔2026〕3号' },
  { unitCode: 'jyj', daysAgo: 150, title: '示例市义务教育阶段招生入学实施办法', category: '行政规范性文件', channels: ['政府网站', '政务新媒体', '新闻发布会'], documentNumber: '示政办发〔2026〕21号' },
  { unitCode: 'scjgj', daysAgo: 330, title: '食品经营许可决定公示（第一季度）', category: '行政许可', channels: ['政府网站'], decisionCount: 86 },
  { unitCode: 'scjgj', daysAgo: 240, title: '食品经营许可决定公示（第二季度）', category: '行政许可', channels: ['政府网站'], decisionCount: 102 },
  { unitCode: 'scjgj', daysAgo: 150, title: '食品经营许可决定公示（第三季度）', category: '行政许可', channels: ['政府网站'], decisionCount: 95 },
  { unitCode: 'zrzyj', daysAgo: 120, title: '建设工程规划许可证核发结果公示', category: '行政许可', channels: ['政府网站', '公开栏'], decisionCount: 37 },
  { unitCode: 'scjgj', daysAgo: 200, title: '市场监管行政处罚决定公示', category: '行政处罚', channels: ['政府网站'], decisionCount: 24 },
  { unitCode: 'sthjj', daysAgo: 90, title: '生态环境行政处罚决定公示', category: '行政处罚', channels: ['政府网站'], decisionCount: 11 },
  { unitCode: 'yjj', daysAgo: 60, title: '安全生产行政强制措施决定公示', category: '行政强制', channels: ['政府网站'], decisionCount: 3 },
  { unitCode: 'czj', daysAgo: 280, title: '示例市本级部门预算公开', category: '其他', channels: ['政府网站'] },
  { unitCode: 'fgw', daysAgo: 180, title: '示例市重大建设项目批准和实施信息', category: '其他', channels: ['政府网站', '政务新媒体'] },
  { unitCode: 'wjw', daysAgo: 45, title: '流感防治工作提示', category: '其他', channels: ['政务新媒体', '政务服务场所'] },
  { unitCode: 'sjj', daysAgo: 20, title: '示例市政务数据共享开放目录', category: '其他', channels: ['政府网站'] },
];

/** Registers the demo entries dated back from `now`; returns how many. */
export const seedDemoPublished = async ({ db, now }: { db: Db; now: Date }): Promise<number> => {
  const actor = await actorFor(db, 'director');
  const today = todayInShanghai(now);
  let made = 0;
  for (const { unitCode, daysAgo, repealAfterDays, ...fields } of entries) {
    const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, unitCode));
    if (!unit) continue;
    const item = await createPublished({ db, actor, input: { ...fields, unitId: unit.id, publishedOn: addDays(today, -daysAgo) }, now });
    if (repealAfterDays !== undefined) {
      await repealPublished({ db, actor, id: item.id, input: { repealedOn: addDays(item.publishedOn, repealAfterDays), reason: '已被新规章取代', version: item.version }, now });
    }
    made += 1;
  }
  return made;
};
