/** Metrics (数据统计): the catalogue, each number with 同比 for a period and unit, and the records behind it. */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MetricDefinitionView, MetricEntryInput, MetricRecords, MetricResult } from '../../../../common/schemas/metrics.js';
import type { RecordView } from '../../../../common/schemas/records.js';
import { api } from '../../app/request.js';

/** Both dates inclusive; without `unit`, the whole office (a 联络员 always gets their own unit). */
export type MetricSearch = { from: string; to: string; unit?: string };

export const useMetricDefinitions = () =>
  useQuery({ queryKey: ['metrics', 'definitions'], queryFn: () => api.get<MetricDefinitionView[]>('/api/metrics'), staleTime: 10 * 60_000 });

/**
 * The numbers of many metrics for one period and unit: one request per group (数据统计 asks a section at a time, so
 * the page fills in section by section), each metric's answer found by its id.
 */
export const useMetricResults = (groups: ReadonlyArray<readonly string[]>, search: MetricSearch) => {
  const queries = useQueries({
    queries: groups.map((ids) => ({
      queryKey: ['metrics', 'values', ids, search],
      queryFn: () => api.get<MetricResult[]>('/api/metrics/values', { ids: ids.join(','), ...search }),
      placeholderData: keepPreviousData,
      enabled: ids.length > 0,
    })),
  });
  return (id: string): { data: MetricResult | undefined; isFetching: boolean } => {
    const query = queries[groups.findIndex((ids) => ids.includes(id))];
    return { data: query?.data?.find((result) => result.id === id), isFetching: query?.isFetching ?? true };
  };
};

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
