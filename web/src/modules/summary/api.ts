/** 工作总结: templates, drafts whose numbers come from the metrics, their versions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSummaryInput, SummaryContentInput, SummaryListItem, SummaryVersion, SummaryView, TemplateView } from '../../../../common/schemas/summary.js';
import { api } from '../../app/request.js';

export const useSummaryTemplates = () => useQuery({ queryKey: ['summaries', 'templates'], queryFn: () => api.get<TemplateView[]>('/api/summaries/templates') });

export const useSummaries = () => useQuery({ queryKey: ['summaries', 'list'], queryFn: () => api.get<SummaryListItem[]>('/api/summaries') });

/** A draft with its numbers as the records give them now: refetched when the window regains focus. */
export const useSummary = (id: string) => useQuery({ queryKey: ['summaries', 'one', id], queryFn: () => api.get<SummaryView>(`/api/summaries/${id}`) });

export const useSummaryVersions = (id: string, enabled: boolean) =>
  useQuery({ queryKey: ['summaries', 'versions', id], queryFn: () => api.get<SummaryVersion[]>(`/api/summaries/${id}/versions`), enabled });

export const useCreateSummary = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<CreateSummaryInput, 'unitId'> & { unitId: string | null }) => api.post<SummaryView>('/api/summaries', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['summaries', 'list'] }),
  });
};

export const useSaveSummary = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SummaryContentInput & { version: number }) => api.put<SummaryView>(`/api/summaries/${id}`, input),
    onSuccess: (view) => {
      queryClient.setQueryData(['summaries', 'one', id], view);
      void queryClient.invalidateQueries({ queryKey: ['summaries', 'versions', id] });
      void queryClient.invalidateQueries({ queryKey: ['summaries', 'list'] });
    },
  });
};

export const summaryDocxUrl = (id: string) => `/api/summaries/${id}/document.docx`;
