/** 系统配置 (系统管理员): the settings the server declares, each saved with the version read. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingView } from '../../../../../common/schemas/system.js';
import { api } from '../../../app/request.js';

const settingsQueryKey = ['settings'] as const;

export const useSettings = () => useQuery({ queryKey: settingsQueryKey, queryFn: () => api.get<SettingView[]>('/api/settings') });

/** Saves one setting; the list reloads either way, so a 409 leaves the fresh version on screen. */
export const useSaveSetting = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value, version }: { key: string; value: number; version: number }) =>
      api.put<SettingView>(`/api/settings/${key}`, { value, version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsQueryKey }),
  });
};
