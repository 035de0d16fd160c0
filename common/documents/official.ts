/**
 * The vocabulary of official documents shared by 收文 and 发文: the 15 文种 (《党政机关公文处理工作条例》
 * 第八条), urgencies, disclosure, and the levelled body of a document (GB/T 9704-2012 7.3.3) with
 * its numbering — computed, never typed, so a heading can't be numbered twice or out of order.
 */
export const documentTypes = ['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
export type DocumentType = (typeof documentTypes)[number];
export const urgencies = ['特急', '加急', '平急'] as const;
export type Urgency = (typeof urgencies)[number];
export const disclosureOptions = ['主动公开', '依申请公开', '不予公开'] as const;
export type Disclosure = (typeof disclosureOptions)[number];

/** 0 is a paragraph; 1–4 are the heading levels 一、 （一） 1. （1）. */
export type BodyLevel = 0 | 1 | 2 | 3 | 4;
export type BodyBlock = { level: BodyLevel; text: string };

const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (headings rarely pass 99). */
export const chineseNumeral = (n: number): string => {
  if (n < 10) return chineseDigits[n]!;
  if (n < 20) return `十${n % 10 ? chineseDigits[n % 10] : ''}`;
  if (n < 100) return `${chineseDigits[Math.floor(n / 10)]}十${n % 10 ? chineseDigits[n % 10] : ''}`;
  return String(n);
};

const prefixOf = (level: BodyLevel, n: number): string =>
  level === 1 ? `${chineseNumeral(n)}、` : level === 2 ? `（${chineseNumeral(n)}）` : level === 3 ? `${n}.` : level === 4 ? `（${n}）` : '';

/** Each block with its number prefix; a heading restarts the numbering of the levels below it. */
export const numberBody = (blocks: readonly BodyBlock[]): Array<BodyBlock & { prefix: string }> => {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((block) => {
    if (block.level === 0) return { ...block, prefix: '' };
    counters[block.level]! += 1;
    for (let below = block.level + 1; below <= 4; below += 1) counters[below] = 0;
    return { ...block, prefix: prefixOf(block.level, counters[block.level]!) };
  });
};

const headingPatterns: Array<[BodyLevel, RegExp]> = [
  [1, /^[一二三四五六七八九十]+、\s*/],
  [2, /^[（(][一二三四五六七八九十]+[）)]\s*/],
  [3, /^\d+[.．、]\s*/],
  [4, /^[（(]\d+[）)]\s*/],
];

/**
 * Plain text → blocks: a line starting 一、 （一） 1. or （1） becomes a heading of that level (its
 * number dropped, to be recomputed); other lines are paragraphs. Blank lines separate nothing.
 */
export const parseBodyText = (text: string): BodyBlock[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0)
    .map((line) => {
      for (const [level, pattern] of headingPatterns) {
        const match = pattern.exec(line);
        if (match && line.length > match[0].length) return { level, text: line.slice(match[0].length) };
      }
      return { level: 0 as BodyLevel, text: line };
    });

/** Blocks → plain text with their numbers, for editing, search and 字数. */
export const bodyToText = (blocks: readonly BodyBlock[]): string =>
  numberBody(blocks)
    .map((block) => `${block.prefix}${block.text}`)
    .join('\n');

/** 2026-11-22 → 2026年11月22日 (GB/T 9704: 成文日期 in Arabic numerals, no leading zeros). */
export const chineseDate = (isoDate: string): string => {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

/** How a title ends when a register names the 文种 in other words: 会议纪要, 复函, 嘉奖令 and the like. */
const documentTypeEndings: ReadonlyArray<[string, DocumentType]> = [
  ...documentTypes.map((type): [string, DocumentType] => [type, type]),
  ['令', '命令'],
];

/**
 * The 文种 a title names by its last words (关于……的通知 → 通知), a trailing note such as （征求意见稿） or
 * 〔2025〕 set aside; undefined when the title ends otherwise.
 */
export const inferDocumentType = (title: string): DocumentType | undefined => {
  const text = title
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/(?:[(（【〔[][^()（）【】〔〕[\]]*[)）】〕\]])+$/u, '')
    .replace(/[。.!！"'“”‘’》」』]+$/u, '');
  return documentTypeEndings.find(([ending]) => text.endsWith(ending))?.[1];
};
