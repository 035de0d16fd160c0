/** A register import on the server: the dry run, then the import (multipart; the fields before the file). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postForm } from '../cases/api.js';
import type { ImportMode, RegisterImportEndpoints, RegisterMapping } from './types.js';

/** `extra`: a register's own form fields (the 收文登记簿's defaultDocType). */
type ImportRequest = { file: File; mapping?: RegisterMapping; extra?: Record<string, string> };

const importForm = ({ file, mapping, extra }: ImportRequest, mode?: ImportMode): FormData => {
  const body = new FormData();
  // Fields before the file: the server reads the parts in order.
  if (mapping) body.append('mapping', JSON.stringify(mapping));
  if (mode) body.append('mode', mode);
  for (const [name, value] of Object.entries(extra ?? {})) if (value) body.append(name, value);
  body.append('file', file);
  return body;
};

/** Reads the file with the mapping (the server's guess when none): counts, every invalid row, sample. Writes nothing. */
export const usePreviewRegisterImport = <Preview>(endpoints: RegisterImportEndpoints) =>
  useMutation({
    mutationFn: (input: ImportRequest) => postForm<Preview>(endpoints.previewUrl, importForm(input), '预览失败'),
  });

/** Imports in one transaction: 'all' refuses any invalid row, 'valid-only' leaves them out. */
export const useRunRegisterImport = <Result>(endpoints: RegisterImportEndpoints) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ mode, ...input }: ImportRequest & { mode: ImportMode }) =>
      postForm<Result>(endpoints.importUrl, importForm(input, mode), '导入失败'),
    onSuccess: async () => {
      for (const queryKey of endpoints.invalidates) await queryClient.invalidateQueries({ queryKey });
    },
  });
};
