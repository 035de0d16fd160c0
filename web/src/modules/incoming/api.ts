/** 收文: 常用意见 for 批示, and importing a historical 收文登记簿 (preview, then import). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportMapping, ImportMode, ImportPreview, ImportResult } from '../../../../common/schemas/incoming-import.js';
import { api, request } from '../../app/request.js';
import { postForm } from '../cases/api.js';

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

type ImportRequest = { file: File; mapping?: ImportMapping };

const importForm = ({ file, mapping }: ImportRequest, mode?: ImportMode): FormData => {
  const body = new FormData();
  // Fields before the file: the server reads the parts in order.
  if (mapping) body.append('mapping', JSON.stringify(mapping));
  if (mode) body.append('mode', mode);
  body.append('file', file);
  return body;
};

/** Reads the file with the mapping (the server's guess when none): counts, invalid rows, sample. Writes nothing. */
export const usePreviewImport = () =>
  useMutation({
    mutationFn: (input: ImportRequest) => postForm<ImportPreview>('/api/incoming/import/preview', importForm(input), '预览失败'),
  });

/** Imports in one transaction: 'all' refuses any invalid row, 'valid-only' leaves them out. */
export const useImport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ mode, ...input }: ImportRequest & { mode: ImportMode }) =>
      postForm<ImportResult>('/api/incoming/import', importForm(input, mode), '导入失败'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
};
