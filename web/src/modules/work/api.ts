/** 待办, 待阅, 催办 and AB角 (delegations). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDelegationInput,
  Delegation,
  InboxCounts,
  InboxItem,
  NotificationView,
  WorkPerson,
} from '../../../../common/schemas/cases.js';
import { api } from '../../app/request.js';

export const inboxQueryKey = ['inbox'] as const;
export const inboxCountsQueryKey = ['inbox', 'counts'] as const;

/** A person to pick (批示领导, AB角 colleague), from /api/leaders and /api/colleagues. */
export type PersonOption = { id: string; displayName: string; title: string | null; unitName: string };

export const personLabel = (person: PersonOption): string =>
  person.title ? `${person.displayName}（${person.title}）` : person.displayName;

/** 待办 rows on one page (the server's order: soonest due first, then the newest). */
export const inboxPageSize = 50;

/** One page of 待办, asked of the server: a 联络员's unit may have thousands waiting, the page shows fifty. */
export const useInbox = (page: number) =>
  useQuery({
    queryKey: [...inboxQueryKey, 'page', page],
    queryFn: () => api.get<InboxItem[]>('/api/inbox', { limit: inboxPageSize, offset: (page - 1) * inboxPageSize }),
    placeholderData: keepPreviousData,
  });

/** Counts for the tabs and the menu badge, polled every minute; a failed poll stays quiet. */
export const useInboxCounts = (enabled = true) =>
  useQuery({
    queryKey: inboxCountsQueryKey,
    queryFn: () => api.get<InboxCounts>('/api/inbox/counts'),
    enabled,
    refetchInterval: 60_000,
    meta: { silent: true },
  });

export const useNotifications = (type: 'toread' | 'remind', enabled: boolean) =>
  useQuery({
    queryKey: ['notifications', type],
    queryFn: () => api.get<NotificationView[]>('/api/notifications', { type }),
    enabled,
  });

export const useMarkRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/notifications/${id}/read`),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['notifications'] }),
        queryClient.invalidateQueries({ queryKey: inboxCountsQueryKey }),
      ]),
  });
};

/** 全部标为已读 for one tab (待阅 or 催办). */
export const useMarkAllRead = (type: 'toread' | 'remind') => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>(`/api/notifications/read-all?type=${type}`),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['notifications'] }),
        queryClient.invalidateQueries({ queryKey: inboxCountsQueryKey }),
      ]),
  });
};

/** After any case action: the inbox and its counts change. */
export const useRefreshInbox = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: inboxQueryKey });
};

const delegationsQueryKey = ['delegations'] as const;

export const useDelegations = () =>
  useQuery({ queryKey: delegationsQueryKey, queryFn: () => api.get<Delegation[]>('/api/delegations') });

/** Colleagues who could hold my work (the server's holding rule): the only ones offered as AB角. */
export const useDelegationCandidates = () =>
  useQuery({ queryKey: ['delegations', 'candidates'], queryFn: () => api.get<WorkPerson[]>('/api/delegations/candidates'), staleTime: 60_000 });

export const useColleagues = () =>
  useQuery({ queryKey: ['colleagues'], queryFn: () => api.get<PersonOption[]>('/api/colleagues'), staleTime: 5 * 60_000 });

/** Delegations change whose work lands in the inbox, so both reload, also on 409. */
const useDelegationMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: delegationsQueryKey }),
        queryClient.invalidateQueries({ queryKey: inboxQueryKey }),
      ]),
  });
};

export const useCreateDelegation = () =>
  useDelegationMutation((input: CreateDelegationInput) => api.post<Delegation>('/api/delegations', input));

export const useRevokeDelegation = () =>
  useDelegationMutation((delegation: Delegation) =>
    api.post<void>(`/api/delegations/${delegation.id}/revoke`, { version: delegation.version }),
  );
