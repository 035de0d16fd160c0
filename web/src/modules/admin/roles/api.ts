/** The role and permission map, as the server reports it. */
import { useQuery } from '@tanstack/react-query';
import type { RoleView } from '../../../../../common/schemas/security.js';
import { api } from '../../../app/request.js';

export type { RoleView };

export const useRoles = () => useQuery({ queryKey: ['roles'], queryFn: () => api.get<RoleView[]>('/api/roles') });
