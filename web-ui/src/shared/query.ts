// One way to fetch and cache: TanStack Query, refetched by the view's auto refresh.
import { QueryClient, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { useTimeRange } from './urlState';
import { rangeKey, windowParams, type TimeRange } from './timeRange';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Only failures that may pass are retried here; the error state keeps retrying those on its own.
        retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.retryable),
        retryDelay: (n) => Math.min(1000 * 2 ** n, 4000),
        staleTime: 5_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** What a view asks over its time range: a cache key (without the range) and how to fetch for a window. */
export interface RangeQuery<T> {
  key: unknown[];
  fn: (window: { from: string; to: string }, range: TimeRange, signal: AbortSignal) => Promise<T>;
}

/** The key and fetch of a range query for one time range: what the hook runs, and what a prefetch warms. */
export function rangeQueryOptions<T>(query: RangeQuery<T>, range: TimeRange) {
  return {
    queryKey: [...query.key, rangeKey(range)],
    queryFn: ({ signal }: { signal: AbortSignal }) => query.fn(windowParams(range), range, signal),
  };
}

/**
 * A query over the view's time range: the key holds the range's name (so `last 1h` stays one cache entry),
 * and the window is computed when the query runs, so each refresh moves it to now.
 */
export function useRangeQuery<T>(
  key: unknown[],
  fn: RangeQuery<T>['fn'],
  options: { enabled?: boolean; refetchInterval?: number | false } = {},
): UseQueryResult<T> {
  const { range, refetchInterval } = useTimeRange();
  return useQuery({
    ...rangeQueryOptions({ key, fn }, range),
    refetchInterval: options.refetchInterval ?? refetchInterval,
    // While a new time range loads, the old range's answer stays on screen; never another view's or filter's.
    placeholderData: (previous, previousQuery) =>
      previousQuery && JSON.stringify(previousQuery.queryKey.slice(0, -1)) === JSON.stringify(key) ? previous : undefined,
    enabled: options.enabled,
  });
}
