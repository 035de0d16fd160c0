/**
 * antd Form rules from the shared zod schemas, so the browser shows the same
 * messages as the server (`用户名为 3–32 位…`).
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';

/** Validates a filled-in field with a zod schema. Empty values pass: pair with `required` where needed. */
export const zodRule = (schema: z.ZodType): FormRule => ({
  validator: async (_rule, value: unknown) => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return;
    const result = schema.safeParse(value);
    if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
  },
});

/** A required-field rule with a Chinese message. */
export const requiredRule = (message: string): FormRule => ({ required: true, whitespace: true, message });
