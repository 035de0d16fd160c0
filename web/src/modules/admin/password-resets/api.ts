/** 待批准的密码重置 (安全管理员): list, approve (the answer carries the second half), reject. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PasswordResetHalf, PasswordResetRequest } from '../../../../../common/schemas/org.js';
import { api } from '../../../app/request.js';

export const usePendingResets = () =>
  useQuery({ queryKey: ['password-resets'], queryFn: () => api.get<PasswordResetRequest[]>('/api/password-resets') });

const useDecision = <T,>(decision: 'approve' | 'reject') => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<T>(`/api/password-resets/${id}/${decision}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['password-resets'] }),
  });
};

export const useApproveReset = () => useDecision<PasswordResetHalf>('approve');
export const useRejectReset = () => useDecision<PasswordResetRequest>('reject');
