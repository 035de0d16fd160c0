/** 领导驾驶舱. */
import { useQuery } from '@tanstack/react-query';
import type { DashboardView, RankingRow } from '../../../../common/schemas/dashboard.js';
import { api } from '../../app/request.js';

export const useDashboard = (year: number) => useQuery({ queryKey: ['dashboard', year], queryFn: () => api.get<DashboardView>('/api/dashboard', { year }) });

export const useRanking = (metric: string | undefined, year: number) =>
  useQuery({ queryKey: ['dashboard', 'ranking', metric, year], queryFn: () => api.get<RankingRow[]>('/api/dashboard/ranking', { metric, year }), enabled: Boolean(metric) });
