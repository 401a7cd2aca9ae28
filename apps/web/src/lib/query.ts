import { QueryClient, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useSession } from '../session';
import { ApiError } from './api-client';

/**
 * Server state for every screen: each list or record is one query keyed by what it depends on, fetched
 * through the API client (tokens in memory), kept in this page's memory only and dropped at sign-out.
 * Nothing is persisted: no query cache plugin writes to browser storage.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal (4xx) is an answer, not a failure to retry; the network or a 5xx is tried once more.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
        staleTime: 15_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** The message to show for a failed query or change: the API's own (it never carries case content). */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Caseroom could not be reached. Try again in a moment.';
}

/** GETs `path` (or nothing while it is null), under `key`. */
export function useApiQuery<T>(key: QueryKey, path: string | null) {
  const { api } = useSession();
  return useQuery({ queryKey: key, queryFn: () => api.get<T>(path!), enabled: path !== null });
}

type Method = 'POST' | 'PATCH' | 'DELETE';

/**
 * A change sent to the API; on success every query whose key starts with one of `invalidates` is
 * fetched again, so lists and records show what the server now holds.
 */
export function useApiMutation<Body, Result = unknown>(
  method: Method,
  path: string | ((body: Body) => string),
  invalidates: QueryKey[] = [],
) {
  const { api } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => {
      const target = typeof path === 'function' ? path(body) : path;
      if (method === 'POST') return api.post<Result>(target, body);
      if (method === 'PATCH') return api.patch<Result>(target, body);
      return api.delete<Result>(target);
    },
    onSuccess: () => Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

/**
 * A query as a screen that also hears of changes live uses it: the data, a message when it failed, and
 * `set` to apply what the live channel announced without asking the server again.
 */
export function useApiResource<T>(key: QueryKey, path: string | null) {
  const query = useApiQuery<T>(key, path);
  const client = useQueryClient();
  return {
    data: query.data ?? null,
    error: query.error ? errorMessage(query.error) : null,
    isLoading: query.isLoading,
    reload: () => void query.refetch(),
    set: (update: (current: T | null) => T | null) => client.setQueryData<T>(key, (current) => update(current ?? null) ?? undefined),
  };
}
