/**
 * 文号 as people type them and as the 条例 writes them (GB/T 9704-2012 7.2.4: 代字〔年份〕序号号 — 六角括号,
 * the full year, no leading zeros, no 第). One normaliser for every place a 文号 is typed: 收文 登记,
 * the 收文登记簿 import, and the folding step of the 发文登记簿 import.
 */

/** Full-width digits, brackets and letters to their plain forms (NFKC); spaces, also the ideographic one, dropped. 〔〕 stay. */
export const foldDocNumber = (text: string): string => text.normalize('NFKC').replace(/[\s\u3000]+/g, '');

const yearBracketed = /^(.*?)[〔[(【{]([0-9]{4})[〕\])】}]第?0*([0-9]+)号$/u;

/**
 * 示教发［2025］003号, 示教发(2025)3号, 示教发〔２０２５〕３号, 示教发【2025】第3号 → 示教发〔2025〕3号.
 * What does not look like a 文号 with a four-digit year is only folded: it is kept, not guessed at.
 */
export const normalizeDocNumber = (text: string): string => {
  const folded = foldDocNumber(text);
  const match = yearBracketed.exec(folded);
  if (!match) return folded;
  return `${match[1]}〔${match[2]}〕${Number(match[3])}号`;
};
