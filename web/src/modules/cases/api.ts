/** Cases (事项) of every kind: kinds, ledger, detail, registration, actions, attachments. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isErrorBody } from '../../../../common/errors.js';
import type {
  ActionEnvelope,
  AssignmentDuePreview,
  AttachmentRef,
  CaseDetail,
  CasePage,
  CaseQuery,
  CirculateInput,
  CreateCaseInput,
  KindView,
} from '../../../../common/schemas/cases.js';
import { api, ApiError, notifyWarning } from '../../app/request.js';
import { inboxQueryKey, type PersonOption } from '../work/api.js';

/** Ledger filters as the URL query of GET /api/cases (and of the Excel export). */
export type CaseSearch = Partial<Omit<CaseQuery, 'limit' | 'cursor'>> & { limit: number; cursor?: string };

export type UploadedAttachment = AttachmentRef & { size: number };

export const casePath = (kind: string, id: string) => `/cases/${kind}/${id}`;
export const ledgerPath = (kind: string) => `/cases/${kind}`;

const searchParams = (search: Record<string, string | number | boolean | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
};

/** The Excel export of the ledger with the same filters (a plain download link). */
export const exportUrl = (search: CaseSearch): string => {
  const { limit: _limit, cursor: _cursor, ...filters } = search;
  return `/api/cases/export.xlsx?${searchParams(filters)}`;
};

export const attachmentUrl = (caseId: string, file: AttachmentRef): string =>
  `/api/cases/${caseId}/attachments/${file.digest}?${searchParams({ name: file.name })}`;

export const useKinds = (enabled = true) =>
  useQuery({ queryKey: ['kinds'], queryFn: () => api.get<KindView[]>('/api/kinds'), enabled, staleTime: 10 * 60_000 });

export const useCases = (search: CaseSearch) =>
  useQuery({
    queryKey: ['cases', 'list', search],
    queryFn: () => api.get<CasePage>('/api/cases', search),
    placeholderData: keepPreviousData,
  });

export const caseQueryKey = (id: string) => ['cases', 'detail', id] as const;

export const useCaseDetail = (id: string) =>
  // The page shows a failed load itself (无法查看该事项 + the server's message), so no toast.
  useQuery({ queryKey: caseQueryKey(id), queryFn: () => api.get<CaseDetail>(`/api/cases/${id}`), meta: { silent: true } });

export const useLeaders = (enabled = true) =>
  useQuery({ queryKey: ['leaders'], queryFn: () => api.get<PersonOption[]>('/api/leaders'), enabled, staleTime: 5 * 60_000 });

/** A case changed: its detail, the ledgers and the inbox (with its counts) reload. */
const useRefreshCases = () => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['cases'] }),
      queryClient.invalidateQueries({ queryKey: inboxQueryKey }),
    ]);
};

export type CreatedCase = { id: string; serialNo: string; version: number; warnings?: string[] };

/**
 * Registers a case; what the kind's checks found (e.g. a possible duplicate) is shown as warning
 * toasts, unless the form shows them itself (`showsWarnings`).
 */
export const useCreateCase = ({ showsWarnings = false }: { showsWarnings?: boolean } = {}) => {
  const refresh = useRefreshCases();
  return useMutation({
    mutationFn: (input: CreateCaseInput) => api.post<CreatedCase>('/api/cases', input),
    onSuccess: (created) => {
      if (!showsWarnings) for (const warning of created.warnings ?? []) notifyWarning(warning);
      return refresh();
    },
  });
};

export type ActionRequest = { caseId: string; action: string; input: ActionEnvelope };

/** The date a 交办 now would set for a unit (the kind's default days, or those typed): shown in the 交办 dialog. */
export const useAssignmentDue = (caseId: string, role: string, days: number | null | undefined) =>
  useQuery({
    queryKey: ['assignment-due', caseId, role, days ?? null],
    queryFn: () => api.get<AssignmentDuePreview>(`/api/cases/${caseId}/assignment-due?role=${role}${days ? `&days=${days}` : ''}`),
    staleTime: 60_000,
  });

/** Takes an action; on success and on failure (409: someone acted first) the case reloads. */
export const usePerformAction = () => {
  const refresh = useRefreshCases();
  return useMutation({
    mutationFn: ({ caseId, action, input }: ActionRequest) =>
      api.post<{ caseId: string; version: number; state: string }>(`/api/cases/${caseId}/actions/${action}`, input),
    onSettled: refresh,
  });
};

/** 催办: a message to the units (or the handler) the case waits on; the case reloads with its count. */
export const useUrge = () => {
  const refresh = useRefreshCases();
  return useMutation({
    mutationFn: ({ caseId, message }: { caseId: string; message: string }) =>
      api.post<{ id: string; urgeCount: number; notified: number }>(`/api/cases/${caseId}/urge`, { message }),
    onSettled: refresh,
  });
};

/** 传阅: send the case to people and units with a purpose; 阅知 one's own (with an optional comment). */
export const useCirculate = () => {
  const refresh = useRefreshCases();
  return useMutation({
    mutationFn: ({ caseId, input }: { caseId: string; input: CirculateInput }) =>
      api.post<{ circulated: number }>(`/api/cases/${caseId}/circulations`, input),
    onSettled: refresh,
  });
};

export const useReadCirculation = () => {
  const refresh = useRefreshCases();
  return useMutation({
    mutationFn: ({ caseId, circulationId, comment }: { caseId: string; circulationId: string; comment?: string }) =>
      api.post<void>(`/api/cases/${caseId}/circulations/${circulationId}/read`, comment ? { comment } : {}),
    onSettled: refresh,
  });
};

/**
 * Sends a multipart form (uploads); request.ts speaks JSON only, so these calls use fetch
 * themselves. Failures become an ApiError, shown once by the mutation cache or the caller.
 */
export const postForm = async <T>(path: string, body: FormData, failure = '上传失败'): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  throw new ApiError({
    status: response.status,
    ...(isErrorBody(payload)
      ? { code: payload.code, message: payload.message, details: payload.details }
      : { code: 'INTERNAL' as const, message: `${failure}（HTTP ${response.status}）` }),
  });
};

/** Uploads one file (multipart, field `file`). */
export const uploadAttachment = (file: File): Promise<UploadedAttachment> => {
  const body = new FormData();
  body.append('file', file);
  return postForm<UploadedAttachment>('/api/attachments', body, '附件上传失败');
};
