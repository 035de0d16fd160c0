/**
 * The few typed errors of Fuban and the one place they become HTTP responses.
 * Messages are for the user (Chinese); `details` carries field-level information.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Permission } from '../../../common/access.js';
import type { ErrorBody, ErrorCode } from '../../../common/errors.js';
import { issuesMessage, labelIssues } from '../../../common/field-labels.js';
// Chinese fallback messages for every schema, installed before any request is parsed.
import '../../../common/zod-messages.js';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 422,
  ACCOUNT_LOCKED: 423,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** The permission a refusal was about, for its audit row (not sent to the client). */
  readonly permission: Permission | undefined;
  constructor(code: ErrorCode, message: string, details?: unknown, permission?: Permission) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.permission = permission;
  }
  get status(): number {
    return statusOf[this.code];
  }
}

export const validationError = (message: string, details?: unknown) =>
  new AppError('VALIDATION', message, details);

/**
 * A 400 for a schema's issues, each field named by its label (the checker's `labels` first, then the shared
 * ones in common/field-labels.ts), never by its path; the paths stay in details.fields for the web to mark.
 */
export const invalidInput = (
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  { labels, lead }: { labels?: Readonly<Record<string, string>>; lead?: string } = {},
) => {
  const fields = labelIssues(issues, labels);
  return validationError(issuesMessage(fields, lead), { fields });
};
export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权查看`);
export const forbidden = (message = '没有权限执行此操作', permission?: Permission) =>
  new AppError('FORBIDDEN', message, undefined, permission);
export const conflict = (message = '记录已被他人修改，请刷新后重试') => new AppError('CONFLICT', message);
export const invalidState = (message: string) => new AppError('INVALID_STATE', message);
export const unavailable = (message: string) => new AppError('UNAVAILABLE', message);
export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', message);

/** PostgreSQL unique violation, e.g. two requests creating the same username at once. */
export const databaseErrorCode = (error: unknown): string | undefined => {
  // drizzle wraps the driver's error; the SQLSTATE is on the error or on its cause.
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 3; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
};

const isUniqueViolation = (error: unknown): boolean => databaseErrorCode(error) === '23505';

/**
 * Two transactions the database could not both let through: a deadlock (40P01) or a serialization failure (40001).
 * One was rolled back whole, so nothing changed; like a lost race on a version, the client may read again and retry.
 */
const isLostRace = (error: unknown): boolean => {
  const code = databaseErrorCode(error);
  return code === '40P01' || code === '40001';
};

/**
 * Input the database refused as data: class 22 (invalid text for a uuid or date, a number out of range,
 * a NUL byte in text …) and 54 (a value too large to index). The schemas refuse such input first; this
 * is the last line, so that what slipped past them is still the client's 400, never a 500.
 */
const isRefusedInput = (error: unknown): boolean => {
  const code = databaseErrorCode(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('54'));
};

type ZodIssueLike = { path?: unknown; message?: string; instancePath?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's own names for its body's fields (the 市长信箱 form's 诉求类型), before the shared ones. */
    fieldLabels?: Readonly<Record<string, string>>;
  }
}

/** The route schema's issues (fastify-type-provider-zod gives each its path as `/fields/docNumber`), labelled. */
const describeValidation = (issues: readonly ZodIssueLike[], labels?: Readonly<Record<string, string>>) =>
  labelIssues(
    issues.map((issue) => ({
      path: Array.isArray(issue.path) ? (issue.path as PropertyKey[]) : (issue.instancePath ?? '').split('/').filter(Boolean),
      message: issue.message ?? '格式不正确',
    })),
    labels,
  );

/** What the handler does with a refusal (403) before answering: audit it (http.ts auditRefusal). */
export type RefusalHook = (request: FastifyRequest, error: AppError) => Promise<void>;

/**
 * Registers the one error handler: typed errors map to their status, anything else is a 500 without a stack.
 * Every 403 passes here, whoever raised it (route guard, use case, engine), so this is where refusals are recorded.
 */
export const registerErrorHandler = (app: FastifyInstance, onRefusal?: RefusalHook): void => {
  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    const send = (status: number, body: ErrorBody) => reply.status(status).send(body);
    if (error instanceof AppError) {
      if (error.status === 403 && onRefusal) await onRefusal(request, error);
      return send(error.status, { code: error.code, message: error.message, details: error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = describeValidation(error.validation as unknown as ZodIssueLike[], request.routeOptions.config.fieldLabels);
      return send(400, { code: 'VALIDATION', message: issuesMessage(fields), details: { fields } });
    }
    if (isRefusedInput(error)) {
      // Logged by its SQLSTATE only: the driver's message and the query's parameters carry the input.
      request.log.warn({ sqlState: databaseErrorCode(error) }, 'input refused by the database');
      return send(400, { code: 'VALIDATION', message: '输入有误：数据格式不正确或超出范围' });
    }
    if (isUniqueViolation(error)) {
      return send(409, { code: 'CONFLICT', message: '记录已存在（编号或名称重复）' });
    }
    if (isLostRace(error)) {
      request.log.warn({ sqlState: databaseErrorCode(error) }, 'transaction lost a race in the database');
      return send(409, { code: 'CONFLICT', message: '与他人同时操作同一记录，本次未保存，请刷新后重试' });
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION';
      return send(status, { code, message: clientMessage(status) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
  });
};

export const notFoundBody = (method: string, url: string): ErrorBody => ({
  code: 'NOT_FOUND',
  message: `接口不存在：${method} ${url.split('?')[0]}`,
});

const clientMessage = (status: number): string => {
  if (status === 413) return '请求内容过大';
  if (status === 415) return '不支持的内容类型，请以 JSON 提交';
  if (status === 404) return '资源不存在';
  if (status === 401) return '请先登录';
  if (status === 429) return '请求过于频繁，请稍后再试';
  return '请求格式不正确';
};
