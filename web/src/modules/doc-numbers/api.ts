/** The 文号登记簿: one 机关代字 and year, with 预留 and 作废 (秘书科). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DocNumberLedger, DocNumberView, ReserveDocNumberInput } from '../../../../common/schemas/outgoing.js';
import { api } from '../../app/request.js';

export type LedgerView = z.infer<typeof DocNumberLedger>;
export type ReserveInput = z.infer<typeof ReserveDocNumberInput>;

const ledgerKey = ['doc-numbers'] as const;

/** The page shows a refused or failed load itself (only some office roles may read the register). */
export const useDocNumberLedger = (issuer: string | undefined, year: number) =>
  useQuery({
    queryKey: [...ledgerKey, issuer, year],
    queryFn: () => api.get<LedgerView>('/api/doc-numbers', { issuer, year }),
    enabled: Boolean(issuer),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });

/** Every change reloads the register, also on 409 so the next try uses the fresh version. */
const useLedgerMutation = <Input,>(mutationFn: (input: Input) => Promise<DocNumberView>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: ledgerKey }) });
};

export const useReserveDocNumber = () =>
  useLedgerMutation((input: ReserveInput) => api.post<DocNumberView>('/api/doc-numbers/reserve', input));

export const useVoidDocNumber = () =>
  useLedgerMutation(({ id, version, reason }: { id: string; version: number; reason: string }) =>
    api.post<DocNumberView>(`/api/doc-numbers/${id}/void`, { version, reason }),
  );
