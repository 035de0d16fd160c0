/** 收文: 常用意见 for 批示, and where the historical 收文登记簿 import lives. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../app/request.js';
import type { RegisterImportEndpoints } from '../register-import/types.js';

export type Phrase = { id: string; text: string };

const phrasesQueryKey = ['phrases'] as const;

/** My 常用意见 (the office's usual ones on first use). */
export const usePhrases = () =>
  useQuery({ queryKey: phrasesQueryKey, queryFn: () => api.get<Phrase[]>('/api/phrases'), staleTime: 5 * 60_000 });

const usePhraseMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: phrasesQueryKey }) });
};

export const useAddPhrase = () => usePhraseMutation((text: string) => api.post<Phrase>('/api/phrases', { text }));

export const useRemovePhrase = () => usePhraseMutation((id: string) => request<void>('DELETE', `/api/phrases/${id}`));

/** The 收文登记簿 import on the server (see register-import/); an import adds cases. */
export const incomingImportEndpoints: RegisterImportEndpoints = {
  previewUrl: '/api/incoming/import/preview',
  importUrl: '/api/incoming/import',
  invalidates: [['cases']],
};
