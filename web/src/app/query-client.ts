/** The app's QueryClient: errors of every query and mutation go through notifyError once. */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, notifyError } from './request.js';

declare module '@tanstack/react-query' {
  interface Register {
    /** `silent: true` keeps a failed query or mutation out of the toast (the page shows it inline). */
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

const isClientError = (error: unknown): boolean => isApiError(error) && error.status >= 400 && error.status < 500;

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (!query.meta?.silent) notifyError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (!mutation.meta?.silent) notifyError(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers will not change on retry; network and 5xx errors get one more try.
      retry: (failureCount, error) => !isClientError(error) && failureCount < 1,
    },
    mutations: { retry: false },
  },
});
