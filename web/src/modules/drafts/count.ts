/**
 * 字数 as offices count it: Chinese characters and digits; punctuation, spaces and Latin letters
 * are not counted. The same rule as the server (server/src/modules/draft/draft.kind.ts).
 */
export const countCharacters = (text: string): number => (text.match(/[\p{Script=Han}0-9０-９]/gu) ?? []).length;

/** 12,345 字, or 3.2 万字 from ten thousand up, as annual summaries write it. */
export const formatChars = (chars: number): string =>
  chars >= 10_000 ? `${(chars / 10_000).toFixed(1)} 万字（${chars.toLocaleString('zh-CN')} 字）` : `${chars.toLocaleString('zh-CN')} 字`;
