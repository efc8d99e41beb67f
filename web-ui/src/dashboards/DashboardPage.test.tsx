// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DashboardPage from './DashboardPage';

// uPlot (imported by the panels) asks matchMedia for the pixel ratio when it loads; jsdom has none.
vi.hoisted(() => {
  globalThis.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as unknown as typeof matchMedia;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const stored = (version: number, title: string) => ({
  uid: 'shop', version, updatedAt: '2026-11-22T10:00:00Z', updatedBy: 'someone', dashboard: { uid: 'shop', title, panels: [] },
});

/** A stand-in of the dashboards API: what GET answers, and PUT's answer per attempt; every PUT body is kept. */
function dashboardsApi(gets: unknown[], puts: { status: number; body: unknown }[]) {
  const sent: { version: number; dashboard: { title: string } }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (String(url) === '/api/v1/dashboards/shop' && init?.method === 'PUT') {
      sent.push(JSON.parse(String(init.body)));
      const answer = puts.shift()!;
      return json(answer.status, answer.body);
    }
    if (String(url) === '/api/v1/dashboards/shop') return json(200, gets.length > 1 ? gets.shift() : gets[0]);
    return json(404, { error: 'not_found', message: `no endpoint GET ${url}` });
  }));
  return sent;
}

function open(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/dashboards/:uid" element={<DashboardPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('saving a dashboard', () => {
  it('sends the version the edit started from and leaves edit mode', async () => {
    const sent = dashboardsApi([stored(3, 'Shop'), stored(4, 'Shop')], [{ status: 200, body: { uid: 'shop', version: 4, updatedAt: '2026-11-22T10:01:00Z', updatedBy: 'me' } }]);
    open('/dashboards/shop?edit=1');
    fireEvent.click(await screen.findByTestId('dashboard-save'));
    await waitFor(() => expect(screen.queryByTestId('dashboard-save')).toBeNull());
    expect(screen.getByTestId('dashboard-edit')).toBeTruthy();
    expect(screen.getByTestId('dashboard-version').getAttribute('data-version')).toBe('4');
    expect(sent.map((s) => s.version)).toEqual([3]);
  });

  it('on a conflict says someone else saved, and reloading edits their version', async () => {
    const sent = dashboardsApi(
      [stored(3, 'Shop'), stored(4, 'Shop (theirs)')],
      [
        { status: 409, body: { error: 'conflict', message: 'version 3 is not the latest (4)' } },
        { status: 200, body: { uid: 'shop', version: 5, updatedAt: '2026-11-22T10:02:00Z', updatedBy: 'me' } },
      ],
    );
    open('/dashboards/shop?edit=1');
    fireEvent.click(await screen.findByTestId('dashboard-save'));
    expect((await screen.findByTestId('save-conflict')).textContent).toContain('Someone else saved this dashboard');
    fireEvent.click(screen.getByTestId('save-conflict-reload'));
    await waitFor(() => expect(screen.getByTestId('dashboard-title').textContent).toBe('Shop (theirs)'));
    expect(screen.queryByTestId('save-conflict')).toBeNull();
    fireEvent.click(screen.getByTestId('dashboard-save'));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ version: 4, dashboard: { title: 'Shop (theirs)' } });
  });
});
