/** Error codes shared by server responses and web messages: body is `{code, message, details}`. */
import { z } from 'zod';

/** The codes as a plain list as well, for isErrorBody. */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'UNAVAILABLE', // a helper program the feature needs is missing or failed (e.g. LibreOffice for the PDF preview)
  'INTERNAL',
] as const;

// Pure calls: a bundle that only needs isErrorBody leaves the schemas, and the zod they need, out.
export const ErrorCode = /* @__PURE__ */ z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = /* @__PURE__ */ z.object({
  code: ErrorCode,
  message: /* @__PURE__ */ z.string(),
  details: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * `ErrorBody.safeParse(value).success` without zod: the web reads errors on its first page, and zod is
 * ~25 kB gzipped of it (npm run bundle:size). errors.test.ts holds the two to the same answer.
 */
export const isErrorBody = (value: unknown): value is ErrorBody => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { code, message } = value as Record<string, unknown>;
  return (errorCodes as readonly unknown[]).includes(code) && typeof message === 'string';
};
