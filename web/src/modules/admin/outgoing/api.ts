/** 发文设置: 机关代字 and approval chains (系统管理员), and the people who may be a 代字's 主要负责人. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../../../common/access.js';
import type { UserPage } from '../../../../../common/schemas/org.js';
import type {
  ApprovalChainView,
  CreateIssuerCodeInput,
  IssuerCode,
  SaveChainInput,
} from '../../../../../common/schemas/outgoing.js';
import { api, request } from '../../../app/request.js';

export const issuerCodesQueryKey = ['issuer-codes'] as const;

/** Every 机关代字 (also the stopped ones): the 文号登记簿 and the 发文 form read the same list. */
export const useIssuerCodes = (enabled = true) =>
  useQuery({ queryKey: issuerCodesQueryKey, queryFn: () => api.get<IssuerCode[]>('/api/issuer-codes'), enabled, staleTime: 5 * 60_000 });

export type UpdateIssuerCodeInput = Omit<CreateIssuerCodeInput, 'code'> & { isActive: boolean };

const useRefreshIssuerCodes = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: issuerCodesQueryKey });
};

export const useCreateIssuerCode = () => {
  const refresh = useRefreshIssuerCodes();
  return useMutation({
    mutationFn: (input: CreateIssuerCodeInput) => api.post<IssuerCode>('/api/issuer-codes', input),
    onSettled: refresh,
  });
};

export const useUpdateIssuerCode = () => {
  const refresh = useRefreshIssuerCodes();
  return useMutation({
    mutationFn: ({ code, input }: { code: string; input: UpdateIssuerCodeInput }) =>
      api.put<IssuerCode>(`/api/issuer-codes/${encodeURIComponent(code)}`, input),
    onSettled: refresh,
  });
};

/** A 主要负责人 signs 上行文 and 重要 documents: a 政府领导 or the 办公室主任 (for the office's own codes). */
const principalRoles: readonly Role[] = ['leader', 'director'];

export type PrincipalOption = { id: string; name: string; title: string | null; isActive: boolean };

export const usePrincipalCandidates = () =>
  useQuery({
    queryKey: ['users', 'principal-candidates'],
    queryFn: async (): Promise<PrincipalOption[]> => {
      const pages = await Promise.all(
        principalRoles.map((role) => api.get<UserPage>('/api/users', { role, limit: 200 })),
      );
      const byId = new Map<string, PrincipalOption>();
      for (const user of pages.flatMap((page) => page.items)) {
        byId.set(user.id, { id: user.id, name: user.displayName, title: user.title, isActive: user.isActive });
      }
      return [...byId.values()];
    },
    staleTime: 5 * 60_000,
  });

const chainsQueryKey = ['approval-chains'] as const;

export const useApprovalChains = (includeHistory: boolean) =>
  useQuery({
    queryKey: [...chainsQueryKey, includeHistory],
    queryFn: () => api.get<ApprovalChainView[]>('/api/approval-chains', { history: includeHistory ? 'true' : undefined }),
  });

/** Every chain change reloads the list, also on 409 so the next try starts from the live version. */
const useChainMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>, meta?: { silent: boolean }) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, meta, onSettled: () => queryClient.invalidateQueries({ queryKey: chainsQueryKey }) });
};

/** Saving reports its own errors (the form names a conflict in its words). */
export const useSaveChain = () =>
  useChainMutation(
    ({ chainKey, input }: { chainKey?: string; input: SaveChainInput }) =>
      chainKey
        ? api.put<ApprovalChainView>(`/api/approval-chains/${chainKey}`, input)
        : api.post<ApprovalChainView>('/api/approval-chains', input),
    { silent: true },
  );

export const useRetireChain = () =>
  useChainMutation((chainKey: string) => request<void>('DELETE', `/api/approval-chains/${chainKey}`));
