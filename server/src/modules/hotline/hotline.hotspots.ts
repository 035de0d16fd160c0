/**
 * 12345 热点 (hot spots): for a week (Monday–Sunday in Shanghai; by default this one), the categories, 街乡 and
 * words with the most tickets, each against the week before, and the 突增 — a category in one 街乡 well above
 * its recent weeks — flagged for the center. The ranking, the surge rule and the word counting are pure
 * functions of counts (tested without a database); readHotspots reads the counts (hotline.hotspots.repository)
 * over the tickets the actor may see: the center and the leaders the whole city's, a unit's 联络员 only the
 * tickets given to their unit.
 */
import type { HotCategory, HotCount, HotSurge, HotspotsQuery, HotspotsView, WeekRange } from '../../../../common/schemas/hotline-hotspots.js';
import { CATEGORY_SEPARATOR } from '../../../../common/schemas/hotline.js';
import { addDays, todayInShanghai, toEpochDay, weekdayOfEpochDay } from '../../engine/calendar/dates.js';
import { caseVisibility, identitiesOf, seesAsUnit } from '../../engine/cases/access.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { cutWords } from '../../platform/search.js';
import { listSettingValues } from '../../platform/settings.js';
import { countTicketsByWeek, readTicketContents, type WeekPairCount } from './hotline.hotspots.repository.js';

/** Rows each list shows. */
export const TOP = { categories: 10, areas: 10, words: 20 } as const;
/**
 * Words are cut from at most this many tickets a week (two weeks a call), and from the first WORD_TEXT_CHARS of each
 * (where a caller says what it is about): jieba takes about a microsecond a character on this machine, so a big
 * city's week (66,000 tickets) costs the same few hundred milliseconds as a small one's.
 */
export const WORD_SAMPLE_PER_WEEK = 3_000;
export const WORD_TEXT_CHARS = 120;

export type SurgeRule = { minCount: number; ratioPercent: number; baselineWeeks: number };
/** Tickets of one category in one 街乡 (null: none named) registered `weeksBack` weeks before the week shown (0: that week). */
export type Pair = { weeksBack: number; category: string; area: string | null; n: number };

/** The week (Monday to Sunday) a date falls in. */
export const weekOf = (date: string): WeekRange => {
  const day = toEpochDay(date);
  const monday = addDays(date, -((weekdayOfEpochDay(day) + 6) % 7));
  return { from: monday, to: addDays(monday, 6) };
};

/**
 * The 突增 rule: at least `minCount` tickets this week, and either none in the weeks before (新出现) or at least
 * `ratioPercent` percent of their weekly mean — compared in integers, so 6 against a mean of 2 is exactly 3×.
 */
export const judgeSurge = ({ thisWeek, previousWeeks }: { thisWeek: number; previousWeeks: readonly number[] }, rule: Pick<SurgeRule, 'minCount' | 'ratioPercent'>) => {
  const sum = previousWeeks.reduce((total, n) => total + n, 0);
  const weeks = Math.max(previousWeeks.length, 1);
  const isNew = sum === 0;
  const isSurge = thisWeek >= rule.minCount && (isNew || thisWeek * 100 * weeks >= rule.ratioPercent * sum);
  return {
    isSurge,
    isNew,
    baseline: Math.round((sum * 10) / weeks) / 10,
    ratio: isNew ? null : Math.round((thisWeek * weeks * 10) / sum) / 10,
  };
};

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The keys with tickets this week, most first (then the largest rise, then by name), with last week's and the change. */
export const rankCounts = (thisWeek: ReadonlyMap<string, number>, lastWeek: ReadonlyMap<string, number>, limit: number): HotCount[] =>
  [...thisWeek.entries()]
    .filter(([, n]) => n > 0)
    .map(([key, n]) => ({ key, thisWeek: n, lastWeek: lastWeek.get(key) ?? 0, change: n - (lastWeek.get(key) ?? 0) }))
    .sort((a, b) => b.thisWeek - a.thisWeek || b.change - a.change || compareKeys(a.key, b.key))
    .slice(0, limit);

/** What callers say in every ticket whatever it is about, and how they ask: no hot spot in these. */
const stopWords = new Set([
  '反映', '来电', '来电人', '市民', '群众', '诉求', '要求', '希望', '请求', '请问', '咨询', '投诉', '举报', '求助', '建议', '表扬',
  '问题', '情况', '处理', '解决', '相关', '有关', '部门', '单位', '工作人员', '尽快', '及时', '已经', '没有', '一直', '现在', '目前',
  '至今', '多次', '仍然', '进行', '表示', '认为', '导致', '造成', '我们', '他们', '自己', '这个', '那个', '这些', '那些', '本人',
  '怎么', '怎样', '如何', '什么', '为什么', '哪里', '哪些', '是否', '可以', '能否', '需要', '一下', '你好', '您好', '谢谢', '但是',
  '因为', '所以', '如果', '并且', '而且', '还是', '或者', '以及', '等等', '其中', '一个', '这样', '那样', '事情', '无法', '不能',
  '还有', '联系', '告知', '回复', '答复', '办理', '反馈', '帮助', '协调', '核实', '今天', '昨天', '每天', '时间', '之后', '以后',
  '街道', '社区', '一带', '附近', '任何', '多个', '一些', '有人', '给予',
]);

const bareNumber = /^[0-9０-９.．]+$/;

/** A word worth counting: two characters or more, not a bare number (phone numbers, house numbers), not a stop word. */
export const isHotWord = (word: string): boolean => word.length >= 2 && !bareNumber.test(word) && !stopWords.has(word);

/** Tickets using each word (a word said twice in one ticket counts once). */
export const countWords = (contents: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const content of contents) {
    for (const word of new Set(cutWords(content).filter(isHotWord))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
};

/** Counts in a sample scaled to the whole week (unchanged when every ticket was read). */
export const scaleCounts = (counts: ReadonlyMap<string, number>, sample: { tickets: number; sampled: number }): Map<string, number> =>
  sample.sampled >= sample.tickets || sample.sampled === 0 ? new Map(counts) : new Map([...counts].map(([word, n]) => [word, Math.round((n * sample.tickets) / sample.sampled)]));

/**
 * Every (category, 街乡) pair with a ticket this week, judged against the `baselineWeeks` before it; the
 * surges only, largest first. `pairs` count tickets per week back: 0 this week, 1 last week, …
 */
export const findSurges = (pairs: readonly Pair[], rule: SurgeRule): HotSurge[] => {
  const byPair = new Map<string, { category: string; area: string | null; weeks: number[] }>();
  for (const pair of pairs) {
    if (pair.weeksBack < 0 || pair.weeksBack > rule.baselineWeeks) continue;
    const key = `${pair.category}\n${pair.area ?? ''}`;
    const entry = byPair.get(key) ?? { category: pair.category, area: pair.area, weeks: Array<number>(rule.baselineWeeks + 1).fill(0) };
    entry.weeks[pair.weeksBack]! += pair.n;
    byPair.set(key, entry);
  }
  const surges: HotSurge[] = [];
  for (const { category, area, weeks } of byPair.values()) {
    const [thisWeek = 0, ...before] = weeks;
    const previousWeeks = before.reverse(); // oldest first, as a chart reads
    const judged = judgeSurge({ thisWeek, previousWeeks }, rule);
    if (judged.isSurge) surges.push({ category, area, thisWeek, previousWeeks, baseline: judged.baseline, ratio: judged.ratio, isNew: judged.isNew });
  }
  return surges.sort((a, b) => b.thisWeek - a.thisWeek || (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || compareKeys(a.category, b.category) || compareKeys(a.area ?? '', b.area ?? ''));
};

/** Tickets of one week summed by a key of the pair (a pair whose key is null is left out: no 街乡 named). */
const sumBy = (pairs: readonly Pair[], weeksBack: number, keyOf: (pair: Pair) => string | null): Map<string, number> => {
  const sums = new Map<string, number>();
  for (const pair of pairs) {
    const key = pair.weeksBack === weeksBack ? keyOf(pair) : null;
    if (key !== null) sums.set(key, (sums.get(key) ?? 0) + pair.n);
  }
  return sums;
};

/** The view from the counts: pure. */
export const buildHotspots = ({
  week,
  pairs,
  words,
  wordSample,
  rule,
}: {
  week: WeekRange;
  pairs: readonly Pair[];
  words: { thisWeek: ReadonlyMap<string, number>; lastWeek: ReadonlyMap<string, number> };
  wordSample: HotspotsView['wordSample'];
  rule: SurgeRule;
}): HotspotsView => {
  const total = (weeksBack: number) => pairs.filter((pair) => pair.weeksBack === weeksBack).reduce((sum, pair) => sum + pair.n, 0);
  const byCategory = (weeksBack: number) => sumBy(pairs, weeksBack, (pair) => pair.category);
  const byArea = (weeksBack: number) => sumBy(pairs, weeksBack, (pair) => pair.area);
  const categories: HotCategory[] = rankCounts(byCategory(0), byCategory(1), TOP.categories).map((row) => {
    const [parent = '', name = ''] = row.key.split(CATEGORY_SEPARATOR);
    return { ...row, parent, name };
  });
  return {
    week,
    lastWeek: { from: addDays(week.from, -7), to: addDays(week.to, -7) },
    totals: { thisWeek: total(0), lastWeek: total(1) },
    categories,
    areas: rankCounts(byArea(0), byArea(1), TOP.areas),
    words: rankCounts(words.thisWeek, words.lastWeek, TOP.words),
    wordSample,
    surges: findSurges(pairs, rule),
    surgeRule: rule,
  };
};

/**
 * The word counts of weeks that are over, by whose tickets, which week and how many tickets it had (a late 归并
 * changes the count, and so the key): last week's words are cut once per process, not on every call.
 */
const wordCache = new Map<string, { counts: Map<string, number>; sample: { tickets: number; sampled: number } }>();
const WORD_CACHE_SIZE = 32;

/** GET /api/hotline/hotspots: the week's hot spots over the tickets the actor sees. */
export const readHotspots = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: HotspotsQuery; now: Date }): Promise<HotspotsView> => {
  const settings = await listSettingValues(db);
  const rule: SurgeRule = { minCount: settings['hotline.surgeMinCount'], ratioPercent: settings['hotline.surgePercent'], baselineWeeks: settings['hotline.surgeWeeks'] };
  const week = weekOf(query.week ?? todayInShanghai(now));
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  // The center and the leaders see every ticket; anyone else (a unit's 联络员) only those their unit was given.
  const visibility = seesAsUnit(identities, 'ticket') ? caseVisibility(identities) : undefined;
  const weeks = rule.baselineWeeks;
  const counted = await countTicketsByWeek({ db, from: addDays(week.from, -7 * weeks), to: addDays(week.from, 7), visibility });
  const pairs: Pair[] = counted.map((row: WeekPairCount) => ({ weeksBack: weeks - row.weekIndex, category: row.category, area: row.area, n: row.n }));
  const wordsOf = async (from: string, weeksBack: number) => {
    const tickets = pairs.filter((pair) => pair.weeksBack === weeksBack).reduce((sum, pair) => sum + pair.n, 0);
    const key = `${visibility ? JSON.stringify(identities) : 'all'}\n${from}\n${tickets}`;
    const cached = wordCache.get(key);
    if (cached) return cached;
    const sample = tickets > WORD_SAMPLE_PER_WEEK ? { size: WORD_SAMPLE_PER_WEEK, of: tickets } : undefined;
    const contents = tickets === 0 ? [] : await readTicketContents({ db, from, to: addDays(from, 7), visibility, sample, chars: WORD_TEXT_CHARS });
    const read = { tickets, sampled: contents.length };
    const words = { counts: scaleCounts(countWords(contents), read), sample: read };
    if (addDays(from, 7) > todayInShanghai(now)) return words; // this week: its tickets still come
    if (wordCache.size >= WORD_CACHE_SIZE) wordCache.delete(wordCache.keys().next().value!);
    wordCache.set(key, words);
    return words;
  };
  const thisWeek = await wordsOf(week.from, 0);
  const lastWeek = await wordsOf(addDays(week.from, -7), 1);
  return buildHotspots({ week, pairs, words: { thisWeek: thisWeek.counts, lastWeek: lastWeek.counts }, wordSample: { thisWeek: thisWeek.sample, lastWeek: lastWeek.sample }, rule });
};
