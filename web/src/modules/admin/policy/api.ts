/** The security policy (安全管理员). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SecurityPolicyView, UpdateSecurityPolicyInput } from '../../../../../common/schemas/security.js';
import { api } from '../../../app/request.js';

const policyQueryKey = ['security-policy'] as const;

export const useSecurityPolicy = () =>
  useQuery({ queryKey: policyQueryKey, queryFn: () => api.get<SecurityPolicyView>('/api/security-policy') });

export const useUpdateSecurityPolicy = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSecurityPolicyInput) => api.put<SecurityPolicyView>('/api/security-policy', input),
    onSuccess: (policy) => queryClient.setQueryData(policyQueryKey, policy),
    onError: () => queryClient.invalidateQueries({ queryKey: policyQueryKey }),
  });
};
