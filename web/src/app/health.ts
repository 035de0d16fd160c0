/** Server health: version, the office's name, and configuration warnings for administrators. */
import { useQuery } from '@tanstack/react-query';
import type { Health } from '../../../common/schemas/system.js';
import { api } from './request.js';

export type { Health };

export const useHealth = (enabled: boolean) =>
  useQuery({
    queryKey: ['health'],
    queryFn: () => api.get<Health>('/api/health'),
    enabled,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
