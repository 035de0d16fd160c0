/**
 * Logger options: no cookies, passwords or tokens, no query strings (they may carry
 * search terms such as phone numbers), and any phone or ID number or e-mail address that slips into a
 * message is masked before it is written (personal-numbers.ts: as a case's free text is). Database errors are
 * logged by their SQLSTATE only.
 */
import type { FastifyServerOptions } from 'fastify';
import { databaseErrorCode } from './errors.js';
import { maskPersonalNumbers } from './personal-numbers.js';

const maskDeep = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return maskPersonalNumbers(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  // Requests, replies and errors are left to their serializers, which run after this.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, depth + 1)]));
};

const stackFrames = (stack: string | undefined): string => (stack ?? '').split('\n').filter((line) => line.startsWith('    at ')).join('\n');

/**
 * Errors as they are logged. A database error is logged by its class and SQLSTATE and where it was
 * thrown, never its message, detail, query or parameters: those carry the values of the request
 * (phone and ID numbers, search terms). Other errors keep their message (masked) and stack.
 */
export const serializeError = (error: unknown): { type: string; message: string; stack: string; sqlState?: string } => {
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' };
  const type = error.constructor?.name ?? error.name;
  const sqlState = databaseErrorCode(error);
  const isDatabaseError = sqlState !== undefined || 'query' in error || 'params' in error || 'parameters' in error;
  if (isDatabaseError) return { type, message: `database error ${sqlState ?? ''}`.trim(), stack: stackFrames(error.stack), ...(sqlState ? { sqlState } : {}) };
  return { type, message: maskPersonalNumbers(error.message), stack: maskPersonalNumbers(error.stack ?? '') };
};

export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  redact: {
    paths: ['password', '*.password', '*.newPassword', '*.currentPassword', '*.initialPassword', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    censor: '[已隐去]',
  },
  serializers: {
    err: serializeError,
    error: serializeError,
    req: (request: { method?: string; url?: string; ip?: string }) => ({
      method: request.method,
      path: (request.url ?? '').split('?')[0],
      ip: request.ip,
    }),
  },
  formatters: { log: (object: Record<string, unknown>) => maskDeep(object) as Record<string, unknown> },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskPersonalNumbers(arg) : arg)) as Parameters<typeof method>);
    },
  },
});
