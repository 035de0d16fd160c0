/**
 * The one fetch wrapper: JSON in and out, cookies included, server errors
 * (`{code, message, details}`) turned into a typed ApiError. Error messages are
 * shown to the user here (notifyError) and nowhere else.
 */
import { type App, message as staticMessage } from 'antd';
import { type ErrorCode, isErrorBody } from '../../../common/errors.js';

/** A failed API call. `code` is the server's error code, or NETWORK when no response came. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: unknown;

  constructor(options: { status: number; code: ErrorCode | 'NETWORK'; message: string; details?: unknown }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** 409: someone else changed the record since it was read (stale `version`). */
export const isConflict = (error: unknown): boolean => isApiError(error) && error.code === 'CONFLICT';

type QueryValue = string | number | boolean | null | undefined;

type RequestOptions = {
  body?: unknown;
  query?: Record<string, QueryValue>;
};

type Listener = (error: ApiError) => void;
type MessageInstance = ReturnType<typeof App.useApp>['message'];

let messageApi: MessageInstance | null = null;
let onUnauthenticated: Listener = () => undefined;
let onPasswordChangeRequired: Listener = () => undefined;

/** Called by the providers so messages use the themed antd App context. */
export const bindMessageApi = (api: MessageInstance): void => {
  messageApi = api;
};

/** Session hooks: what to do when the server says "signed out" or "change your password first". */
export const bindSessionHandlers = (handlers: { unauthenticated: Listener; passwordChangeRequired: Listener }): void => {
  onUnauthenticated = handlers.unauthenticated;
  onPasswordChangeRequired = handlers.passwordChangeRequired;
};

const buildUrl = (path: string, query?: Record<string, QueryValue>): string => {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

const toApiError = async (response: Response): Promise<ApiError> => {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (proxy error page, empty body): fall through to a generic message.
  }
  if (isErrorBody(payload)) {
    return new ApiError({ status: response.status, code: payload.code, message: payload.message, details: payload.details });
  }
  return new ApiError({
    status: response.status,
    code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL',
    message: `请求失败（HTTP ${response.status}），请稍后重试`,
  });
};

/** Sends a request to the API and returns the parsed JSON body (undefined for 204). */
export const request = async <T>(method: string, path: string, options: RequestOptions = {}): Promise<T> => {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: hasBody ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: hasBody ? JSON.stringify(options.body) : undefined,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated(error);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
};

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
};

/**
 * Shows an error to the user. Session errors are not shown as a toast: the
 * router sends the user to the login or change-password page instead.
 */
export const notifyError = (error: unknown): void => {
  if (isApiError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'PASSWORD_CHANGE_REQUIRED')) return;
  const text = error instanceof Error && error.message ? error.message : '操作失败，请稍后重试';
  (messageApi ?? staticMessage).error(text);
};

/** Shows a success notice (same channel as errors). */
export const notifySuccess = (text: string): void => {
  (messageApi ?? staticMessage).success(text);
};

/** Shows a warning notice, e.g. why the user is back on the login page. */
export const notifyWarning = (text: string): void => {
  (messageApi ?? staticMessage).warning(text);
};
