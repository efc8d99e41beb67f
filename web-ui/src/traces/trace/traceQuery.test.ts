import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchTraceOf } from './traceQuery';

afterEach(() => vi.unstubAllGlobals());

function answering(body: string) {
  const fetch = vi.fn(async (_input: RequestInfo | URL) => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('prefetchTraceOf', () => {
  it('asks for the trace of a trace page before the page renders, under the key the page reads', async () => {
    const fetch = answering('{"traceId":"abc","spans":[]}');
    const client = new QueryClient();

    prefetchTraceOf(client, '/traces/abc');

    await vi.waitFor(() => expect(client.getQueryData(['trace', 'abc'])).toEqual({ traceId: 'abc', spans: [] }));
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/traces/abc');
  });

  it('asks for nothing on other pages', () => {
    const fetch = answering('{}');
    const client = new QueryClient();

    for (const path of ['/traces', '/traces/', '/services/abc', '/traces/abc/more']) prefetchTraceOf(client, path);

    expect(fetch).not.toHaveBeenCalled();
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });
});
