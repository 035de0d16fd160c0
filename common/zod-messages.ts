/**
 * Chinese messages for what a schema does not word itself (a missing value, a text too long, a wrong type):
 * zod's defaults are English ("Invalid input: expected string, received undefined"), and a clerk reads the
 * 400's message as it is. A schema's own message still wins; this is only the fallback. Installed when this
 * module is first imported — primitives.ts (every input schema's building blocks) and the server's error
 * handler import it, so no parse runs before it.
 */
import { z } from 'zod';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const sizeWords = (origin: string | undefined): { unit: string; more: string; less: string } => {
  if (origin === 'string') return { unit: ' 个字', more: '不能超过', less: '至少' };
  if (origin === 'array' || origin === 'set') return { unit: ' 项', more: '最多', less: '至少' };
  return { unit: '', more: '不能大于', less: '不能小于' };
};

/** The message of an issue its schema did not word: Chinese, naming no field (the caller adds the label). */
export const clerkMessage: z.core.$ZodErrorMap = (issue: Issue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '必须填写' : '格式不正确';
    case 'too_small': {
      const words = sizeWords(issue.origin);
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return '不能为空';
      if ((issue.origin === 'array' || issue.origin === 'set') && Number(issue.minimum) === 1) return '至少选择一项';
      return `${words.less} ${String(issue.minimum)}${words.unit}`;
    }
    case 'too_big': {
      const words = sizeWords(issue.origin);
      return `${words.more} ${String(issue.maximum)}${words.unit}`;
    }
    case 'invalid_value':
      return '不是可选的值';
    case 'unrecognized_keys':
      return '含有不接受的输入项';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    default:
      return '格式不正确';
  }
};

/**
 * Whether a message is this fallback rather than a schema's own wording: a register import words the unworded
 * ones itself, with the cell's label and value (页数「0」不能小于 1), and keeps a schema's own as it is.
 */
export const isFallbackMessage = (message: string): boolean =>
  /^(必须填写|格式不正确|不能为空|至少选择一项|不是可选的值|含有不接受的输入项|(至少|不能超过|最多|不能大于|不能小于) \S+( 个字| 项)?|应为 \S+ 的整数倍)$/.test(message);

z.config({ localeError: clerkMessage });
