/** Server health: version and configuration warnings for administrators. */
import { useQuery } from '@tanstack/react-query';
import { api } from './request.js';

export type Health = { status: string; database: string; version: string; warnings: string[] };

export const useHealth = (enabled: boolean) =>
  useQuery({
    queryKey: ['health'],
    queryFn: () => api.get<Health>('/api/health'),
    enabled,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
