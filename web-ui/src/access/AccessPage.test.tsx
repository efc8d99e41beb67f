// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AccessPage from './AccessPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A stand-in of the API: who is signed in, empty lists, and the answer to every POST; each URL asked is kept. */
function accessApi(role: string, post: { status: number; body: unknown }) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    asked.push(`${init?.method ?? 'GET'} ${url}`);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (url === '/api/v1/auth/me') return json(200, { name: 'ana', kind: 'user', role });
    if (init?.method === 'POST') return json(post.status, post.body);
    return json(200, []);
  }));
  return asked;
}

function open(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <AccessPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the Access view', () => {
  it('tells a non-admin it needs the admin role and asks the API for no list', async () => {
    const asked = accessApi('editor', { status: 500, body: {} });
    open('/access');
    expect((await screen.findByTestId('access-denied')).textContent).toContain('needs the admin role');
    expect(asked).toEqual(['GET /api/v1/auth/me']);
  });

  it('shows the field the API named beside that field, and the others in the form’s message', async () => {
    accessApi('admin', {
      status: 400,
      body: { error: 'invalid_argument', message: 'invalid request', fields: { signals: 'must be one or more of traces, metrics, logs', body: 'odd' } },
    });
    open('/access?tab=ingest-tokens');
    fireEvent.change(await screen.findByTestId('ingest-token-name'), { target: { value: 'collector' } });
    fireEvent.click(screen.getByTestId('ingest-token-create'));
    expect((await screen.findByTestId('field-error-signals')).textContent).toBe('must be one or more of traces, metrics, logs');
    const formError = screen.getByTestId('form-error').textContent;
    expect(formError).toContain('body');
    expect(formError).not.toContain('signals');
  });

  it('shows a new ingest token once with the exporter line, and not after Done', async () => {
    const token = 'vgi_abcdefghijkl_' + 'x'.repeat(43);
    accessApi('admin', {
      status: 201,
      body: { id: 'abcdefghijkl', name: 'collector', signals: ['traces'], createdAt: '2030-01-01T00:00:00Z', createdBy: 'ana', token },
    });
    open('/access?tab=ingest-tokens');
    fireEvent.change(await screen.findByTestId('ingest-token-name'), { target: { value: 'collector' } });
    fireEvent.click(screen.getByTestId('ingest-token-create'));
    expect((await screen.findByTestId('new-ingest-token')).textContent).toBe(token);
    expect(screen.getByTestId('new-ingest-token-env').textContent).toBe(`OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${token}`);
    expect(screen.getByTestId('secret-once').textContent).toContain('will not be shown again');
    fireEvent.click(screen.getByTestId('secret-dismiss'));
    expect(screen.queryByTestId('secret-once')).toBeNull();
    expect(document.body.textContent).not.toContain(token);
  });
});
