/** 工作总结: templates, drafts whose numbers come from the metrics, their versions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSummaryInput,
  SetDefaultTemplateInput,
  SummaryContentInput,
  SummaryListItem,
  SummaryTemplateInput,
  SummaryVersion,
  SummaryView,
  TemplatePreview,
  TemplatePreviewInput,
  TemplateVersion,
  TemplateView,
} from '../../../../common/schemas/summary.js';
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
    // The page shows a refused save itself: which token, where (a 400), or that someone saved first (409).
    meta: { silent: true },
    onSuccess: (view) => {
      queryClient.setQueryData(['summaries', 'one', id], view);
      void queryClient.invalidateQueries({ queryKey: ['summaries', 'versions', id] });
      void queryClient.invalidateQueries({ queryKey: ['summaries', 'list'] });
    },
  });
};

export const summaryDocxUrl = (id: string) => `/api/summaries/${id}/document.docx`;

const templatesKey = ['summaries', 'templates'];

/** An office template's versions, whole, newest first (under templatesKey: a save refreshes them). */
export const useTemplateVersions = (key: string, enabled: boolean) =>
  useQuery({ queryKey: [...templatesKey, 'versions', key], queryFn: () => api.get<TemplateVersion[]>(`/api/summaries/templates/${key}/versions`), enabled });

/** Saves an office template: a copy (no key) or an edit at the version read. The page shows a 400's problems itself. */
export const useSaveTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ...input }: SummaryTemplateInput & { key?: string }) =>
      key ? api.put<TemplateView>(`/api/summaries/templates/${key}`, input) : api.post<TemplateView>('/api/summaries/templates', input),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
};

export const useRetireTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, version }: { key: string; version: number }) => api.post<void>(`/api/summaries/templates/${key}/retire`, { version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
};

export const useSetDefaultTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetDefaultTemplateInput) => api.put<TemplateView[]>('/api/summaries/template-defaults', input),
    onSuccess: (templates) => queryClient.setQueryData(templatesKey, templates),
  });
};

/** A template's text (saved or not) as a draft of the period would read now. */
export const usePreviewTemplate = () => useMutation({ mutationFn: (input: TemplatePreviewInput) => api.post<TemplatePreview>('/api/summaries/template-preview', input) });
