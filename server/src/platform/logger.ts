/**
 * Logger options: no cookies, passwords or tokens, no query strings (they may carry
 * search terms such as phone numbers), and any phone or ID number that slips into a
 * message is masked before it is written.
 */
import type { FastifyServerOptions } from 'fastify';

const PHONE = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g;
const ID_NUMBER = /(?<![\dXx])(\d{3})\d{11}(\d{3}[\dXx])(?![\dXx])/g;

export const maskPersonalNumbers = (text: string): string =>
  text.replace(ID_NUMBER, '$1***********$2').replace(PHONE, '$1****$2');

const maskDeep = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return maskPersonalNumbers(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  // Requests, replies and errors are left to their serializers, which run after this.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, depth + 1)]));
};

export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  redact: {
    paths: ['password', '*.password', '*.newPassword', '*.currentPassword', '*.initialPassword', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    censor: '[已隐去]',
  },
  serializers: {
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
