/**
 * 完成时限 as work plans write them: not a date cell but a phrase — 「2026年6月30日」, 「6月底前」, 「三季度」,
 * 「年底前」, often several steps in one cell (「6月底前完成方案编制，9月底前开工，12月底前竣工」). Each step
 * with a date becomes a milestone; the latest is the deadline. 「长期坚持」「持续推进」 have no end: they are
 * read as the plan's year end and marked ongoing, so that the item is still chased every period.
 */

export type DatedStep = { label: string; due: string };
export type DeadlineReading =
  | { deadline: string; steps: DatedStep[]; isOngoing: boolean; reason?: undefined }
  | { deadline?: undefined; steps?: undefined; isOngoing?: undefined; reason: string };

const numerals: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const monthNumber = (text: string): number => (/^\d+$/.test(text) ? Number(text) : (numerals[text] ?? Number.NaN));

const pad = (value: number) => String(value).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

// 「每月调度」「每季度报送」 name a rhythm, not an end: chased all year like 长期坚持.
const ONGOING = /长期坚持|持续推进|长期推进|常态化|长期|每月|每季度?|每周|每半年|每年/;
const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';

/** One phrase's date, or undefined when it names none. `year` serves phrases without one. */
const dateOfPhrase = (phrase: string, year: number): { date?: string; reason?: string } | undefined => {
  const yearMatch = /((?:19|20)\d{2})\s*年/.exec(phrase);
  const inYear = yearMatch ? Number(yearMatch[1]) : year;
  const rest = yearMatch ? phrase.slice(yearMatch.index + yearMatch[0].length) : phrase;
  const full = /(?:^|[^\d])((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})/.exec(phrase);
  const at = (month: number, day?: number): { date?: string; reason?: string } => {
    if (!(month >= 1 && month <= 12)) return { reason: `没有${month}月` };
    const last = lastDayOf(inYear, month);
    if (day !== undefined && (day < 1 || day > last)) return { reason: `${inYear}年${month}月没有${day}日` };
    return { date: isoDate(inYear, month, day ?? last) };
  };
  if (full) {
    const [, y, m, d] = full;
    const month = Number(m);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > lastDayOf(Number(y), month)) return { reason: `${y}年${m}月没有${d}日` };
    return { date: isoDate(Number(y), month, day) };
  }
  const monthDay = new RegExp(`${MONTH}\\s*月\\s*(\\d{1,2})\\s*[日号]`).exec(rest);
  if (monthDay) return at(monthNumber(monthDay[1]!), Number(monthDay[2]));
  const tenDays = new RegExp(`${MONTH}\\s*月\\s*(上旬|中旬|下旬)`).exec(rest);
  if (tenDays) {
    const month = monthNumber(tenDays[1]!);
    if (tenDays[2] === '上旬') return at(month, 10);
    if (tenDays[2] === '中旬') return at(month, 20);
    return at(month);
  }
  const month = new RegExp(`${MONTH}\\s*(?:月份|月)`).exec(rest);
  if (month) return at(monthNumber(month[1]!));
  const quarter = /(?:第\s*)?([一二三四1-4])\s*季度/.exec(rest);
  if (quarter) return at(monthNumber(quarter[1]!) * 3);
  if (/上半年/.test(rest)) return at(6);
  if (/下半年|年底|年末|年内|全年|年度内|本年度/.test(rest)) return at(12);
  if (yearMatch) return at(12); // 「2027年」 alone: by the end of that year
  return undefined;
};

/**
 * The steps and deadline of a 完成时限 cell. `year` is the plan's year (its title, or the import's choice):
 * phrases without a year fall in it. A cell with text but no date it can read is refused with what to write.
 */
export const readDeadlineText = (text: string, { year }: { year: number }): DeadlineReading => {
  const cell = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (cell === '') return { reason: '缺少完成时限' };
  const phrases = cell.split(/[；;，,。\n]+/).map((phrase) => phrase.trim()).filter(Boolean);
  const steps: DatedStep[] = [];
  let isOngoing = false;
  for (const phrase of phrases) {
    const reading = dateOfPhrase(phrase, year);
    if (reading?.reason) return { reason: `完成时限「${cell}」有误：${reading.reason}` };
    if (reading?.date) {
      const label = phrase.replace(/^(?:(?:19|20)\d{2}\s*年)?[^完启开建实推基全]*?(?:底前|底|前|内|末)\s*/, '').trim();
      steps.push({ label: label || phrase, due: reading.date });
    } else if (ONGOING.test(phrase)) isOngoing = true;
  }
  if (steps.length === 0 && !isOngoing) return { reason: `完成时限「${cell}」无法识别：可写 2026年6月30日、6月底前、三季度、上半年、年底前或长期坚持` };
  if (steps.length === 0) return { deadline: isoDate(year, 12, 31), steps: [], isOngoing };
  steps.sort((a, b) => a.due.localeCompare(b.due));
  return { deadline: steps[steps.length - 1]!.due, steps: steps.length > 1 ? steps : [], isOngoing };
};
