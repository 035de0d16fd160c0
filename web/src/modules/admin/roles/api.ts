/** The role and permission map, as the server reports it. */
import { useQuery } from '@tanstack/react-query';
import type { Permission, Role, Scope } from '../../../../../common/access.js';
import { api } from '../../../app/request.js';

// Not in common/ (yet): the shape of GET /api/roles.
export type RoleView = {
  role: Role;
  label: string;
  description: string;
  scope: Scope;
  permissions: Array<{ code: Permission; label: string }>;
};

export const useRoles = () => useQuery({ queryKey: ['roles'], queryFn: () => api.get<RoleView[]>('/api/roles') });
