/** Importing a historical 发文登记簿: preview, then import (multipart, as the 收文 import). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportMode, OutgoingImportMapping, OutgoingImportPreview, OutgoingImportResult } from '../../../../common/schemas/outgoing-import.js';
import { postForm } from '../cases/api.js';

export const outgoingImportPath = '/cases/outgoing/import';

type ImportRequest = { file: File; mapping?: OutgoingImportMapping };

const importForm = ({ file, mapping }: ImportRequest, mode?: ImportMode): FormData => {
  const body = new FormData();
  // Fields before the file: the server reads the parts in order.
  if (mapping) body.append('mapping', JSON.stringify(mapping));
  if (mode) body.append('mode', mode);
  body.append('file', file);
  return body;
};

/** Reads the file with the mapping (the server's guess when none): counts, every invalid row, sample. Writes nothing. */
export const usePreviewOutgoingImport = () =>
  useMutation({
    mutationFn: (input: ImportRequest) => postForm<OutgoingImportPreview>('/api/outgoing/import/preview', importForm(input), '预览失败'),
  });

/** Imports in one transaction: 'all' refuses any invalid row, 'valid-only' leaves them out. The 文号 ledger changes too. */
export const useOutgoingImport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ mode, ...input }: ImportRequest & { mode: ImportMode }) =>
      postForm<OutgoingImportResult>('/api/outgoing/import', importForm(input, mode), '导入失败'),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      await queryClient.invalidateQueries({ queryKey: ['doc-numbers'] });
    },
  });
};
