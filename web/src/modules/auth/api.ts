/** Sign-in, sign-out, the current user and password change. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordInput, CurrentUser, LoginInput } from '../../../../common/schemas/auth.js';
import { api, isApiError } from '../../app/request.js';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when there is no session. */
export const useMe = () =>
  useQuery({
    queryKey: meQueryKey,
    queryFn: async (): Promise<CurrentUser | null> => {
      try {
        return await api.get<CurrentUser>('/api/auth/me');
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });

/** Signs in; the login page shows errors inline, so this mutation is silent. */
export const useLogin = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<CurrentUser>('/api/auth/login', input),
    meta: { silent: true },
    onSuccess: (user) => {
      // Drop everything cached for a previous user before showing the new one.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
};

export const useLogout = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
};

export const useChangePassword = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<void>('/api/auth/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
};
