/** 市长信箱 for citizens: the public calls (no account), as query hooks. */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { CategoryNode } from '../../../../../common/schemas/hotline.js';
import type { MailboxChallenge, MailboxLetter, MailboxReceipt, MailboxStatus } from '../../../../../common/schemas/mailbox.js';
import { api } from '../../../app/request.js';
import { solveChallenge } from './pow.js';

export const usePublicCategories = () => useQuery({ queryKey: ['mailbox', 'categories'], queryFn: () => api.get<CategoryNode[]>('/api/public/mailbox/categories'), staleTime: 300_000 });

export type LetterDraft = Omit<MailboxLetter, 'challenge' | 'nonce'>;

/** Sending a letter: a fresh challenge, the browser's work on it, then the letter with the nonce. */
export const useSendLetter = () =>
  useMutation({
    mutationFn: async (draft: LetterDraft) => {
      const issued = await api.get<MailboxChallenge>('/api/public/mailbox/challenge');
      const nonce = await solveChallenge(issued.challenge, issued.bits);
      return api.post<MailboxReceipt>('/api/public/mailbox/letters', { ...draft, challenge: issued.challenge, nonce });
    },
  });

export const useQueryLetter = () => useMutation({ mutationFn: (code: string) => api.post<MailboxStatus>('/api/public/mailbox/query', { code }) });
