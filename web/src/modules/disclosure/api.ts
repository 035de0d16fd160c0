/** 政务公开: the 主动公开 register and the 政府信息公开工作年度报告. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AnnualReportView,
  CreatePublishedInput,
  PublishedItemView,
  RepealPublishedInput,
  UpdatePublishedInput,
} from '../../../../common/schemas/disclosure.js';

import { api } from '../../app/request.js';

const registerKey = ['disclosure'] as const;

export const usePublishedItems = (year: number) =>
  useQuery({
    queryKey: [...registerKey, 'published', year],
    queryFn: () => api.get<PublishedItemView[]>('/api/disclosure/published', { year }),
    placeholderData: keepPreviousData,
  });

export const useAnnualReport = (year: number) =>
  useQuery({
    queryKey: [...registerKey, 'report', year],
    queryFn: () => api.get<AnnualReportView>('/api/disclosure/annual-report', { year }),
    placeholderData: keepPreviousData,
  });

/** The report's files are plain downloads: the browser saves them under the name the server gives. */
export const annualReportUrl = (year: number, format: 'xlsx' | 'docx'): string => `/api/disclosure/annual-report?year=${year}&format=${format}`;

/** Every change reloads the register and the report, also on 409 so the next try uses the fresh version. */
const useRegisterMutation = <Input,>(mutationFn: (input: Input) => Promise<PublishedItemView>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: registerKey }) });
};

export const useCreatePublished = () => useRegisterMutation((input: CreatePublishedInput) => api.post<PublishedItemView>('/api/disclosure/published', input));

export const useUpdatePublished = () =>
  useRegisterMutation(({ id, input }: { id: string; input: UpdatePublishedInput }) => api.patch<PublishedItemView>(`/api/disclosure/published/${id}`, input));

export const useRepealPublished = () =>
  useRegisterMutation(({ id, input }: { id: string; input: RepealPublishedInput }) => api.post<PublishedItemView>(`/api/disclosure/published/${id}/repeal`, input));
