/** 12345 热线: the ticket ledger and what the intake and 退单 forms offer (the 三率: rates-api.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CategoryNode, KnowledgeAnswer, TicketPage, TicketQuery } from '../../../../common/schemas/hotline.js';
import type { RecordListView, RecordView } from '../../../../common/schemas/records.js';
import { api } from '../../app/request.js';

const hotlineKey = ['hotline'] as const;

export type TicketFilter = Partial<Omit<TicketQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

export const useTickets = (filter: TicketFilter) =>
  useQuery({
    queryKey: [...hotlineKey, 'tickets', filter],
    queryFn: () => api.get<TicketPage>('/api/hotline/tickets', Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== ''))),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

export const useCategoryTree = () => useQuery({ queryKey: [...hotlineKey, 'categories'], queryFn: () => api.get<CategoryNode[]>('/api/hotline/categories'), staleTime: 60_000 });

export const useAreas = () => useQuery({ queryKey: [...hotlineKey, 'areas'], queryFn: () => api.get<Array<{ id: string; name: string }>>('/api/hotline/areas'), staleTime: 60_000 });

export const useDutyItems = (unitId: string | undefined) =>
  useQuery({ queryKey: [...hotlineKey, 'duties', unitId], queryFn: () => api.get<string[]>(`/api/hotline/duties/${unitId}`), enabled: Boolean(unitId) });

/** The category records themselves, for the center's editor. */
export const useCategoryRecords = () => useQuery({ queryKey: [...hotlineKey, 'category-records'], queryFn: () => api.get<RecordListView>('/api/records/hotline_category', { limit: 500 }) });

export const useSaveCategory = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, fields }: { record?: RecordView; fields: Record<string, unknown> }) =>
      record ? api.patch<RecordView>(`/api/records/hotline_category/${record.id}`, { fields, version: record.version }) : api.post<RecordView>('/api/records/hotline_category', { fields }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: hotlineKey }),
  });
};

/** 知识库 answers for what the agent has typed so far (and the category chosen). */
export const useKnowledgeAnswers = (q: string, category: string | undefined) =>
  useQuery({
    queryKey: [...hotlineKey, 'answers', q, category],
    queryFn: () => api.get<KnowledgeAnswer[]>('/api/hotline/answers', { q, ...(category ? { category } : {}) }),
    enabled: q.trim().length >= 2 || Boolean(category),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
