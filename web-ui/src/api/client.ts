// The one place the UI talks HTTP: every request to query-service goes through `request`.
import type {
  AccessLogPage,
  DependencyGraph,
  GoldenSeries,
  LogPage,
  LogVolume,
  MetricQueryResult,
  OperationPage,
  OperationsSignals,
  ServicePage,
  ServicesSignals,
  Trace,
  TracePage,
} from './types';

/** A value of a query parameter; arrays repeat the parameter, undefined/empty values are left out. */
export type ParamValue = string | number | undefined | null | (string | number)[];
export type Params = Record<string, ParamValue>;

/**
 * What went wrong with a request. `status` 0 means the API could not be reached at all; otherwise it is the
 * HTTP status, and `code`/`message` come from the API's `{"error","message",...}` error body when it sent one.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string;

  constructor(status: number, code: string, message: string, path: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = path;
  }

  /** Worth trying again by itself: the API was unreachable, or answered 5xx/429 (storage down, cost guard). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  /**
   * The endpoint itself does not exist (an older query-service): a 404 that names no missing thing. The API
   * answers an unknown path with "no endpoint GET /path" (older versions said "HTTP 404 Not Found" or "Unable to
   * find matching target resource method"); a missing trace says what is missing.
   */
  get missingEndpoint(): boolean {
    return this.status === 404 && (this.code === '' || /^no endpoint |^HTTP 404|Unable to find matching target resource method/.test(this.message));
  }

  /** One line for a person: what failed and why. */
  describe(): string {
    if (this.status === 0) return `The query API cannot be reached (${this.path}): ${this.message}`;
    return `${this.path} answered ${this.status}${this.code ? ` ${this.code}` : ''}: ${this.message}`;
  }
}

export function buildUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) search.append(key, String(v));
    } else {
      search.append(key, String(value));
    }
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const url = buildUrl(path, params);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', e instanceof Error ? e.message : String(e), path);
  }
  const text = await response.text();
  if (!response.ok) {
    let code = '';
    let message = response.statusText || 'request failed';
    try {
      const body = JSON.parse(text) as Partial<{ error: string; message: string }>;
      if (typeof body.error === 'string') code = body.error;
      if (typeof body.message === 'string') message = body.message;
    } catch {
      // Not JSON (a proxy's HTML page, say): the status says enough; keep the start of the text.
      if (text) message = text.slice(0, 200);
    }
    throw new ApiError(response.status, code, message, path);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'the answer is not JSON', path);
  }
}

/** `attr` filters typed as `key=value` become the API's `attr.key=value` parameters. */
export function attributeParams(attrs: string[], prefix = 'attr'): Params {
  const out: Params = {};
  for (const a of attrs) {
    const i = a.indexOf('=');
    if (i <= 0) continue;
    const key = `${prefix}.${a.slice(0, i).trim()}`;
    const value = a.slice(i + 1).trim();
    const prev = out[key];
    out[key] = prev === undefined ? value : ([] as (string | number)[]).concat(prev as string, value);
  }
  return out;
}

/** The API's half-open window [from, to), RFC 3339. */
export type TimeWindow = { from: string; to: string };

type Sig = AbortSignal | undefined;

export const api = {
  services: (w: TimeWindow, s?: Sig) => request<ServicePage>('/api/v1/services', { ...w, limit: 1000 }, s),
  operations: (service: string, w: TimeWindow, s?: Sig) =>
    request<OperationPage>(`/api/v1/services/${encodeURIComponent(service)}/operations`, { ...w, limit: 1000 }, s),
  servicesSignals: (w: TimeWindow & { step?: string }, s?: Sig) =>
    request<ServicesSignals>('/api/v1/golden-signals/services', w, s),
  operationsSignals: (service: string, w: TimeWindow, s?: Sig) =>
    request<OperationsSignals>('/api/v1/golden-signals/operations', { service, ...w }, s),
  serviceSignals: (service: string, w: TimeWindow & { step?: string }, s?: Sig) =>
    request<GoldenSeries>('/api/v1/golden-signals', { service, ...w }, s),
  dependencies: (w: TimeWindow, s?: Sig) => request<DependencyGraph>('/api/v1/dependencies', w, s),
  searchTraces: (params: Params, s?: Sig) => request<TracePage>('/api/v1/traces', params, s),
  trace: (traceId: string, s?: Sig) => request<Trace>(`/api/v1/traces/${encodeURIComponent(traceId)}`, {}, s),
  logs: (params: Params, s?: Sig) => request<LogPage>('/api/v1/logs', params, s),
  logVolume: (params: Params, s?: Sig) => request<LogVolume>('/api/v1/logs/volume', params, s),
  accessLogs: (params: Params, s?: Sig) => request<AccessLogPage>('/api/v1/logs/access', params, s),
  metricQuery: (params: Params, s?: Sig) => request<MetricQueryResult>('/api/v1/metrics/query', params, s),
};
