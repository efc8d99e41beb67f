import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, attributeParams, auth, buildUrl, loginUrl, onUnauthenticated, request } from './client';

function answer(status: number, body: string) {
  return vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

/** The error a request failed with (the test fails if it succeeded). */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  return p.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: ApiError) => e,
  );
}

describe('API client', () => {
  it('builds query strings, repeating arrays and leaving out empty values', () => {
    expect(buildUrl('/api/v1/traces', { service: 'cart', operation: '', status: undefined, 'attr.k': ['a', 'b'], limit: 20 })).toBe(
      '/api/v1/traces?service=cart&attr.k=a&attr.k=b&limit=20',
    );
    expect(buildUrl('/api/v1/services')).toBe('/api/v1/services');
  });

  it('turns key=value filters into attr.key parameters', () => {
    expect(attributeParams(['http.route=/cart', 'k=a=b', 'broken', 'k=c'])).toEqual({ 'attr.http.route': '/cart', 'attr.k': ['a=b', 'c'] });
  });

  it('returns the parsed answer', async () => {
    vi.stubGlobal('fetch', answer(200, '{"services":[],"nextCursor":null}'));
    await expect(api.services({ from: 'a', to: 'b' })).resolves.toEqual({ services: [], nextCursor: null });
    expect((fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[0][0]).toBe('/api/v1/services?from=a&to=b&limit=1000');
  });

  it("reports the API's error code and message", async () => {
    vi.stubGlobal('fetch', answer(400, '{"error":"invalid_argument","message":"query parameter \'limit\' must be between 1 and 1000","fields":{"limit":"must be between 1 and 1000"}}'));
    const err = await failure(request('/api/v1/traces', { limit: 0 }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_argument');
    expect(err.retryable).toBe(false);
    expect(err.describe()).toContain("'limit' must be between 1 and 1000");
  });

  it('tells an unreachable API apart, as retryable', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const err = await failure(request('/api/v1/services'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.retryable).toBe(true);
    expect(err.describe()).toContain('cannot be reached');
  });

  it('treats storage outages as retryable and a missing endpoint as not', async () => {
    vi.stubGlobal('fetch', answer(503, '{"error":"unavailable","message":"the telemetry store (ClickHouse) is unavailable; retry later","correlationId":"5f0c2a7e91d34b60"}'));
    expect((await failure(request('/x'))).retryable).toBe(true);
    vi.stubGlobal('fetch', answer(404, ''));
    const missing = await failure(request('/api/v1/logs/volume'));
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('');
    expect(missing.retryable).toBe(false);
    expect(missing.missingEndpoint).toBe(true);
    vi.stubGlobal('fetch', answer(404, '{"error":"not_found","message":"no endpoint GET /api/v1/logs/volume"}'));
    expect((await failure(request('/api/v1/logs/volume'))).missingEndpoint).toBe(true);
    vi.stubGlobal('fetch', answer(404, '{"error":"not_found","message":"HTTP 404 Not Found"}'));
    expect((await failure(request('/api/v1/golden-signals/services'))).missingEndpoint).toBe(true);
    vi.stubGlobal('fetch', answer(404, '{"error":"not_found","message":"Unable to find matching target resource method"}'));
    expect((await failure(request('/api/v1/logs/volume'))).missingEndpoint).toBe(true);
    vi.stubGlobal('fetch', answer(404, '{"error":"not_found","message":"no trace 5b8efff798038103d269b633813fc60c"}'));
    const trace = await failure(request('/api/v1/traces/5b8efff798038103d269b633813fc60c'));
    expect(trace.missingEndpoint).toBe(false);
    expect(trace.code).toBe('not_found');
  });

  it('reports a non-JSON error body by its text and a non-JSON success as a bad answer', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    expect((await failure(request('/x'))).message).toBe('<html>Bad gateway</html>');
    vi.stubGlobal('fetch', answer(200, 'not json'));
    expect((await failure(request('/x'))).code).toBe('bad_response');
  });

  it('lets an aborted request stay an abort', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new DOMException('aborted', 'AbortError'))));
    const err = await failure(request('/x'));
    expect(err).toBeInstanceOf(DOMException);
  });

  it('sends a request the API refuses with 401 to the sign-in page', async () => {
    const signIn = vi.fn();
    onUnauthenticated(signIn);
    vi.stubGlobal('fetch', answer(401, '{"error":"unauthenticated","message":"the request needs valid credentials"}'));
    const err = await failure(api.services({ from: 'a', to: 'b' }));
    expect(err.status).toBe(401);
    expect(signIn).toHaveBeenCalledTimes(1);
  });

  it('leaves a refused sign-in to the sign-in page', async () => {
    const signIn = vi.fn();
    onUnauthenticated(signIn);
    vi.stubGlobal('fetch', answer(401, '{"error":"unauthenticated","message":"wrong user name or password"}'));
    const err = await failure(auth.login('ana', 'wrong'));
    expect(err.message).toBe('wrong user name or password');
    expect(signIn).not.toHaveBeenCalled();
  });

  it('does not send people to the sign-in page for a 403', async () => {
    const signIn = vi.fn();
    onUnauthenticated(signIn);
    vi.stubGlobal('fetch', answer(403, '{"error":"permission_denied","message":"no"}'));
    await failure(api.services({ from: 'a', to: 'b' }));
    expect(signIn).not.toHaveBeenCalled();
  });

  it('keeps the page to come back to in the sign-in address', () => {
    expect(loginUrl('/traces?service=cart&range=1h')).toBe('/login?next=%2Ftraces%3Fservice%3Dcart%26range%3D1h');
  });
});
