/** 批量移交 (系统管理员): whose work can move, who may receive it (the server's holding rule), the move. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TransferWorkInput, WorkPerson } from '../../../../../common/schemas/cases.js';
import { api } from '../../../app/request.js';

export const useWorkHolders = () => useQuery({ queryKey: ['work', 'holders'], queryFn: () => api.get<WorkPerson[]>('/api/work/holders') });

export const useWorkReceivers = (fromUserId: string | undefined) =>
  useQuery({
    queryKey: ['work', 'receivers', fromUserId],
    queryFn: () => api.get<WorkPerson[]>('/api/work/receivers', { fromUserId: fromUserId! }),
    enabled: fromUserId !== undefined,
  });

export const useTransferWork = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TransferWorkInput) => api.post<{ moved: number }>('/api/work/transfer', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['work'] }),
  });
};
