// One way to fetch and cache: TanStack Query, refetched by the view's auto refresh.
import { QueryClient, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { useTimeRange } from './urlState';
import { windowParams, type TimeRange } from './timeRange';

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

/**
 * A query over the view's time range: the key holds the range's name (so `last 1h` stays one cache entry),
 * and the window is computed when the query runs, so each refresh moves it to now.
 */
export function useRangeQuery<T>(
  key: unknown[],
  fn: (window: { from: string; to: string }, range: TimeRange, signal: AbortSignal) => Promise<T>,
  options: { enabled?: boolean; refetchInterval?: number | false } = {},
): UseQueryResult<T> {
  const { range, key: rangeKey, refetchInterval } = useTimeRange();
  return useQuery({
    queryKey: [...key, rangeKey],
    queryFn: ({ signal }) => fn(windowParams(range), range, signal),
    refetchInterval: options.refetchInterval ?? refetchInterval,
    // While a new time range loads, the old range's answer stays on screen; never another view's or filter's.
    placeholderData: (previous, previousQuery) =>
      previousQuery && JSON.stringify(previousQuery.queryKey.slice(0, -1)) === JSON.stringify(key) ? previous : undefined,
    enabled: options.enabled,
  });
}
