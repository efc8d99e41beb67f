import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchView } from './prefetch';

afterEach(() => vi.unstubAllGlobals());

function answering(body: string) {
  const fetch = vi.fn(async (_input: RequestInfo | URL) => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('prefetchView', () => {
  it('asks for every service’s signals of the URL’s time range when the app opens on Services', async () => {
    const fetch = answering('{"services":[]}');
    const client = new QueryClient();

    prefetchView(client, { pathname: '/services', search: '?range=6h' });

    await vi.waitFor(() => expect(client.getQueryData(['services-signals', '6h'])).toEqual({ services: [] }));
    const url = new URL(String(fetch.mock.calls[0][0]), 'http://vigil');
    expect(url.pathname).toBe('/api/v1/golden-signals/services');
    expect(Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!)).toBe(6 * 3600_000);
    expect(url.searchParams.get('step')).toBe('12m');
  });

  it('asks for the dashboard when the app opens on one', async () => {
    const fetch = answering('{"uid":"golden-signals","version":3}');
    const client = new QueryClient();

    prefetchView(client, { pathname: '/dashboards/golden-signals', search: '?var-service=cart' });

    await vi.waitFor(() => expect(client.getQueryData(['dashboards', 'one', 'golden-signals'])).toEqual({ uid: 'golden-signals', version: 3 }));
    expect(String(fetch.mock.calls[0][0])).toBe('/api/v1/dashboards/golden-signals');
  });

  it('asks for nothing on views it does not know', () => {
    const fetch = answering('{}');
    const client = new QueryClient();

    prefetchView(client, { pathname: '/logs', search: '' });

    expect(fetch).not.toHaveBeenCalled();
  });
});
