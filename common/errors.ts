/** Error codes shared by server responses and web messages: body is `{code, message, details}`. */
import { z } from 'zod';

export const ErrorCode = z.enum([
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
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
