/**
 * Chinese full-text search that behaves the same on PGlite and PostgreSQL: jieba splits
 * the words in the application when a record is written, PostgreSQL indexes them as a
 * 'simple' tsvector, and queries are split the same way. Office words (督查室, 收转, 办结率 …)
 * come from a user dictionary so they stay whole.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { sql, type SQL } from 'drizzle-orm';
import { cases } from '../db/schema/index.js';

/** Words of government office work that the general dictionary splits wrongly. */
export const officeWords = [
  '督查室', '督办', '督办件', '督办单', '督办函', '督查', '通报', '工单', '办结', '办结率', '收转', '收文', '发文', '制发',
  '纪要', '会议纪要', '拟办', '拟办意见', '批示', '批示件', '批办', '承办', '主办', '协办', '会办', '签收', '签发', '核稿',
  '会签', '传阅', '催办', '文号', '来文', '来文机关', '请示', '批复', '函', '议定事项', '建议提案', '人大代表建议', '政协提案',
  '依申请公开', '信访件', '热线', '联络员', '政府办', '市政府办', '县政府办', '办公室', '秘书科', '信息科', '综合科', '值班室', '法制科',
];

let jieba: Jieba | undefined;
const segmenter = (): Jieba => {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // A high frequency keeps these words whole even beside other known words.
    jieba.loadDict(Buffer.from(officeWords.map((word) => `${word} 100000`).join('\n')));
  }
  return jieba;
};

/** Lower-cased words of the text, overlapping where search mode finds sub-words (会议 / 纪要 / 会议纪要). */
export const segmentWords = (text: string): string[] =>
  [...new Set(segmenter().cutForSearch(text, true).map((word) => word.trim().toLowerCase()))].filter(
    (word) => word.length > 0 && /[\p{L}\p{N}]/u.test(word),
  );

const hasLetterOrDigit = /[\p{L}\p{N}]/u;

/**
 * Lower-cased words of the text as jieba's precise mode cuts it (dictionary words only): no overlapping sub-words,
 * so each use is one word (12345 热点). Run over thousands of tickets a call: a Chinese character needs no regex.
 */
export const cutWords = (text: string): string[] => {
  const words: string[] = [];
  for (const piece of segmenter().cut(text, false)) {
    const word = piece.trim();
    if (word === '') continue;
    const first = word.charCodeAt(0);
    if ((first >= 0x4e00 && first <= 0x9fff) || hasLetterOrDigit.test(word)) words.push(first < 0x80 ? word.toLowerCase() : word);
  }
  return words;
};

/** The words to_tsvector('simple', …) is given for a record's searchable text (searchVectorOf; a bulk insert computes it from them). */
export const searchWordsOf = (text: string): string => segmentWords(text).join(' ');

/** The tsvector to store for a record's searchable text. */
export const searchVectorOf = (text: string): SQL => sql`to_tsvector('simple', ${searchWordsOf(text)})`;

/** tsquery words are plain lexemes: anything that tsquery would read as an operator is removed. */
const asLexeme = (word: string): string => `'${word.replace(/['\\:&|!()<>*]/g, '')}'`;

/**
 * Matches a query: every word of it among a record's words, or the query as a substring
 * (trigram index) — so both 督办 (a word) and 〔2026〕12号 (a fragment) find their records.
 */
export const caseSearchCondition = (query: string): SQL => {
  const words = segmenter()
    .cut(query, true)
    .map((word) => word.trim().toLowerCase())
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map(asLexeme)
    .filter((lexeme) => lexeme.length > 2);
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // search_text holds the serial number and title too, so one trigram index serves every substring search.
  // A query with no letter that has a case (Chinese, digits, 〔〕号) matches the same under LIKE, which spares
  // lower-casing every row's text that ILIKE does on a scan.
  const isCaseless = query.toLowerCase() === query.toUpperCase();
  const substring = isCaseless ? sql`${cases.searchText} like ${pattern}` : sql`${cases.searchText} ilike ${pattern}`;
  if (words.length === 0) return substring;
  return sql`(${cases.searchVector} @@ to_tsquery('simple', ${words.join(' & ')}) or ${substring})`;
};
