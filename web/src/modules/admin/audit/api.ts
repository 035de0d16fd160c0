/** The audit log (审计管理员, read only). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditPage } from '../../../../../common/schemas/security.js';
import { api } from '../../../app/request.js';

export type AuditSearch = {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  result?: 'success' | 'failure';
  limit: number;
  offset: number;
};

export const useAuditLog = (search: AuditSearch) =>
  useQuery({
    queryKey: ['audit', search],
    queryFn: () => api.get<AuditPage>('/api/audit', search),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
