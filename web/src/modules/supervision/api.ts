/** 督查督办: the items with their lights, and 立项. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSupervisionInput, SupervisionItemView, SupervisionLight } from '../../../../common/schemas/supervision.js';
import { api } from '../../app/request.js';

const itemsKey = ['supervision'] as const;

export type SupervisionFilter = { from?: string; to?: string; light?: SupervisionLight };

export const useSupervisionItems = (filter: SupervisionFilter) =>
  useQuery({
    queryKey: [...itemsKey, filter],
    queryFn: () => api.get<SupervisionItemView[]>('/api/supervision/items', Object.fromEntries(Object.entries(filter).filter(([, value]) => value))),
    placeholderData: keepPreviousData,
    // Lights change with actions taken on the case page (报送进展, 销号): read afresh each time the page opens.
    staleTime: 0,
  });

export const useCreateSupervisionItem = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSupervisionInput) => api.post<{ id: string; serialNo: string; version: number }>('/api/supervision/items', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemsKey }),
  });
};
