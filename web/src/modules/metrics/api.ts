/** Metrics (数据统计): the catalogue, each number with 同比 for a period and unit, and the records behind it. */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MetricDefinitionView, MetricEntryInput, MetricRecords, MetricResult } from '../../../../common/schemas/metrics.js';
import type { RecordView } from '../../../../common/schemas/records.js';
import { api } from '../../app/request.js';

/** Both dates inclusive; without `unit`, the whole office (a 联络员 always gets their own unit). */
export type MetricSearch = { from: string; to: string; unit?: string };

export const useMetricDefinitions = () =>
  useQuery({ queryKey: ['metrics', 'definitions'], queryFn: () => api.get<MetricDefinitionView[]>('/api/metrics'), staleTime: 10 * 60_000 });

export const useMetricResults = (ids: readonly string[], search: MetricSearch) =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: ['metrics', 'value', id, search],
      queryFn: () => api.get<MetricResult>(`/api/metrics/${id}`, search),
      placeholderData: keepPreviousData,
    })),
  });

export const useMetricRecords = (id: string | null, search: MetricSearch) =>
  useQuery({
    queryKey: ['metrics', 'records', id, search],
    queryFn: () => api.get<MetricRecords>(`/api/metrics/${id}/records`, search),
    enabled: id !== null,
  });

/** Enters a figure of an entered metric (info.score …); every metric value reloads after. */
export const useEnterMetricValue = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MetricEntryInput) => api.post<RecordView>(`/api/metrics/${id}/entries`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['metrics'] }),
  });
};
