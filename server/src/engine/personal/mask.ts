/**
 * What a personal value looks like to a reader without need (脱敏), and the normal form a blind index
 * is computed from. Pure: the same rules on every read path (detail, ledger, export, trail, search). Phone and
 * ID numbers are masked as the same numbers are inside free text and the log (platform/personal-numbers.ts).
 */
import { maskIdNumber, maskPhone, phoneDigits } from '../../platform/personal-numbers.js';


/** The kinds of personal data a kind may declare on a field. */
export type PersonalType = 'name' | 'phone' | 'idNumber' | 'address';

/** Types a clerk can look a person up by (blind index); names and addresses are too loose to match on. */
export const indexedTypes: readonly PersonalType[] = ['phone', 'idNumber'];

const stars = (count: number) => '*'.repeat(Math.max(count, 1));

/**
 * 13812345678 → 138****5678; 110105194912310021 → 1101**********0021; 张三丰 → 张**; an address keeps its
 * first six characters (province/city/district). Short values keep less, never the whole.
 */
export const maskPersonal = (type: PersonalType, value: string): string => {
  const text = value.trim();
  if (text.length === 0) return '';
  const chars = [...text];
  switch (type) {
    case 'phone':
      return phoneDigits(text).length < 8 ? stars(chars.length) : maskPhone(text);
    case 'idNumber':
      return chars.length < 10 ? stars(chars.length) : maskIdNumber(text);
    case 'name':
      return `${chars[0]}${stars(chars.length - 1)}`;
    case 'address':
      return chars.length <= 6 ? `${chars.slice(0, 2).join('')}****` : `${chars.slice(0, 6).join('')}****`;
  }
};

/**
 * The one form a number is indexed and looked up by: a phone's digits without +86/0086, an ID number
 * upper-cased without spaces. "138 1234 5678", "+86-13812345678" and "13812345678" find each other.
 */
export const normalisePersonal = (type: PersonalType, value: string): string => {
  if (type === 'phone') return phoneDigits(value);
  if (type === 'idNumber') return value.replace(/\s/g, '').toUpperCase();
  return value.trim().replace(/\s+/g, ' ');
};
