/**
 * A citizen's numbers inside free text — a mobile or landline number, a 身份证 number (18 digits, or the 15 of the
 * first-generation cards many older citizens still quote), an e-mail
 * address — found by one set of patterns and masked in one form wherever text may carry them: the log
 * (logger.ts) and a case's free-text fields (engine/personal: a kind's personalText). A declared personal field
 * is masked in the same form (engine/personal/mask.ts formats its phone and ID numbers here).
 */

// 138 1234 5678, 138-1234-5678, +86 13812345678: the digits may be grouped as people write them.
const MOBILE = String.raw`(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}`;
// 0315-1234567, (010)12345678, 03151234567: an area code, then seven or eight digits.
const LANDLINE = String.raw`(?:\(0\d{2,3}\)|0\d{2,3})[- ]?\d{7,8}`;
// 身份证 (GB 11643): six digits of place, a birth date that could be one, three digits, a check digit or X.
const ID_NUMBER = String.raw`[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]`;
// The first-generation 身份证 (GB 11643-1989, 15 digits, all numeric): place, a two-digit year, a month and day that
// could be a birth date, three digits. Issued until 2004 and still valid on paper: older callers read it out.
const ID_NUMBER_15 = String.raw`[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}`;
const EMAIL = String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
// A number is whole: not the middle of a longer run of digits (a 文号, an order number, a 22-digit case number).
const PERSONAL_NUMBERS = new RegExp(String.raw`(?<!\d)(?:(?<id>${ID_NUMBER}|${ID_NUMBER_15})|(?<phone>${MOBILE}|${LANDLINE}))(?!\d)|(?<email>${EMAIL})`, 'g');
// What the masks below leave: digits around a run of stars, or stars before an @.
const MASKED_NUMBER = /\d\*{4,}[\dXx]|\*{3}@/;

/** A phone number's digits, without +86 / 0086: the form it is indexed and masked by. */
export const phoneDigits = (value: string): string => {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
};

/** 13812345678 → 138****5678, 0315-1234567 → 031****4567: the first three digits and the last four. */
export const maskPhone = (value: string): string => {
  const digits = phoneDigits(value);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
};

/** 110105194912310021 → 1101**********0021 (15 digits: 1101*******0021): the first four characters and the last four. */
export const maskIdNumber = (value: string): string => {
  const chars = [...value.trim()];
  return `${chars.slice(0, 4).join('')}${'*'.repeat(Math.max(chars.length - 8, 1))}${chars.slice(-4).join('')}`;
};

/** zhang.san@example.com → z***@example.com: the mailbox's first character and the domain. */
const maskEmail = (value: string): string => {
  const at = value.lastIndexOf('@');
  return `${value.slice(0, 1)}***${value.slice(at)}`;
};

/** The text with every phone number, 身份证 number and e-mail address in it masked; the rest as it was. */
export const maskPersonalNumbers = (text: string): string =>
  text.replace(PERSONAL_NUMBERS, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as { id?: string; phone?: string; email?: string };
    if (groups.id) return maskIdNumber(match);
    if (groups.phone) return maskPhone(match);
    return maskEmail(match);
  });

/** The numbers in a text, as written. */
export const findPersonalNumbers = (text: string): string[] => [...text.matchAll(PERSONAL_NUMBERS)].map((match) => match[0]);

/** Whether a text holds a number masked as above (what a reader could ask to see in full). */
export const hasMaskedNumbers = (text: string): boolean => MASKED_NUMBER.test(text);
