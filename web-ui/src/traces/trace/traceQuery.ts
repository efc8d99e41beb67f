// The one definition of a whole trace's query, shared by the trace page and the start-up prefetch.
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export function traceQuery(traceId: string) {
  return {
    queryKey: ['trace', traceId],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.trace(traceId, signal),
    staleTime: 60_000,
  };
}

const TRACE_PATH = /^\/traces\/([^/]+)\/?$/;

/**
 * When the app opens on a trace's page, asks for the trace at once: a large trace's answer then arrives while the
 * page's own code is still loading, instead of after it.
 */
export function prefetchTraceOf(queryClient: QueryClient, pathname: string): void {
  const match = TRACE_PATH.exec(pathname);
  if (match) {
    void queryClient.prefetchQuery(traceQuery(decodeURIComponent(match[1])));
  }
}
