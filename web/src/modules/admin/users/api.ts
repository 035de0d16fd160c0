/** User accounts: search, create, edit, reset password, lock/unlock, roles. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../../../common/access.js';
import type {
  CreateUserInput,
  PasswordResetHalf,
  RequestPasswordResetInput,
  SetRolesInput,
  UpdateUserInput,
  User,
  UserPage,
} from '../../../../../common/schemas/org.js';
import { api } from '../../../app/request.js';

export type UserSearch = { q?: string; unitId?: string; role?: Role; limit: number; offset: number };

export const useUsers = (search: UserSearch) =>
  useQuery({
    queryKey: ['users', search],
    queryFn: () => api.get<UserPage>('/api/users', search),
    placeholderData: keepPreviousData,
  });

/** Every user mutation refreshes the list, also on 409 so the next try uses the fresh version. */
const useUserMutation = <Input,>(mutationFn: (input: Input) => Promise<User>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
};

export const useCreateUser = () => useUserMutation((input: CreateUserInput) => api.post<User>('/api/users', input));

export const useUpdateUser = () =>
  useUserMutation(({ id, input }: { id: string; input: UpdateUserInput }) => api.patch<User>(`/api/users/${id}`, input));

/** 发起重置: the answer carries the first half only (the 安全管理员's approval yields the second). */
export const useRequestPasswordReset = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: RequestPasswordResetInput }) =>
      api.post<PasswordResetHalf>(`/api/users/${id}/password-resets`, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['password-resets'] }),
  });
};

export const useSetLocked = () =>
  useUserMutation(({ user, isLocked }: { user: User; isLocked: boolean }) =>
    api.post<User>(`/api/users/${user.id}/${isLocked ? 'lock' : 'unlock'}`, { version: user.version }),
  );

export const useSetRoles = () =>
  useUserMutation(({ id, input }: { id: string; input: SetRolesInput }) => api.put<User>(`/api/users/${id}/roles`, input));
