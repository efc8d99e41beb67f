// The one place the UI talks HTTP: every request to query-service goes through `request`.
import type {
  AccessLogPage,
  ApiKey,
  ApiKeyInput,
  IngestToken,
  IngestTokenInput,
  Role,
  User,
  UserChange,
  UserInput,
  Alert,
  AlertHistoryEntry,
  Channel,
  ChannelInput,
  DashboardDocument,
  DashboardSummary,
  DashboardVersion,
  DashboardVersionEntry,
  StoredDashboard,
  SpanVolume,
  Notification,
  Route,
  RouteInput,
  Rule,
  RuleInput,
  Silence,
  SilenceInput,
  DependencyGraph,
  GoldenSeries,
  LogPage,
  LogVolume,
  MetricCatalogue,
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
  /** Which request field is wrong and why, when the API named them (a 400 of a form). */
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, path: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = path;
    this.fields = fields;
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

/** The error body's `fields`: each request field the API named, with what is wrong with it (docs/api.md). */
function fieldErrors(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) out[k] = String(v);
  }
  return out;
}

/** Who the request's credentials stand for (`GET /api/v1/auth/me`). */
export type Me = { name: string; kind: 'key' | 'user'; role: Role };

const LOGIN_PATH = '/api/v1/auth/login';

/** The sign-in page, coming back to `next` (a path of this app) afterwards. */
export function loginUrl(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

let unauthenticated: () => void = () => {
  if (window.location.pathname === '/login') return;
  window.location.assign(loginUrl(window.location.pathname + window.location.search));
};

/** What a 401 from the API does: open the sign-in page, keeping the page to come back to. Tests replace it. */
export function onUnauthenticated(handler: () => void): void {
  unauthenticated = handler;
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
  return exchange<T>('GET', buildUrl(path, params), path, undefined, signal);
}

/** A change: POST, PUT or DELETE with a JSON body; the answer's JSON, or undefined for 204 No Content. */
export function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return exchange<T>(method, path, path, body, undefined);
}

async function exchange<T>(method: string, url: string, path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', e instanceof Error ? e.message : String(e), path);
  }
  const text = await response.text();
  if (!response.ok) {
    let code = '';
    let message = response.statusText || 'request failed';
    let fields: Record<string, string> = {};
    try {
      const answer = JSON.parse(text) as Partial<{ error: string; message: string; fields: unknown }>;
      if (typeof answer.error === 'string') code = answer.error;
      if (typeof answer.message === 'string') message = answer.message;
      fields = fieldErrors(answer.fields);
    } catch {
      // Not JSON (a proxy's HTML page, say): the status says enough; keep the start of the text.
      if (text) message = text.slice(0, 200);
    }
    // No valid session or key: sign in (a wrong password at the sign-in itself is that page's to show).
    if (response.status === 401 && path !== LOGIN_PATH) unauthenticated();
    throw new ApiError(response.status, code, message, path, fields);
  }
  if (response.status === 204 || text === '') return undefined as T;
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
  traceVolume: (params: Params, s?: Sig) => request<SpanVolume>('/api/v1/traces/volume', params, s),
  trace: (traceId: string, s?: Sig) => request<Trace>(`/api/v1/traces/${encodeURIComponent(traceId)}`, {}, s),
  logs: (params: Params, s?: Sig) => request<LogPage>('/api/v1/logs', params, s),
  logVolume: (params: Params, s?: Sig) => request<LogVolume>('/api/v1/logs/volume', params, s),
  accessLogs: (params: Params, s?: Sig) => request<AccessLogPage>('/api/v1/logs/access', params, s),
  metrics: (params: Params, s?: Sig) => request<MetricCatalogue>('/api/v1/metrics', params, s),
  metricQuery: (params: Params, s?: Sig) => request<MetricQueryResult>('/api/v1/metrics/query', params, s),
};

/** Signing in and out, and who is signed in: alert-service's, passed on by query-service. */
export const auth = {
  me: (s?: Sig) => request<Me>('/api/v1/auth/me', {}, s),
  login: (username: string, password: string) => send<Me>('POST', LOGIN_PATH, { username, password }),
  logout: () => send<void>('POST', '/api/v1/auth/logout'),
};

/** alert-service's API, passed on by query-service: the alerting views' one client. */
export const alerting = {
  rules: (s?: Sig) => request<Rule[]>('/api/v1/rules', {}, s),
  createRule: (rule: RuleInput) => send<Rule>('POST', '/api/v1/rules', rule),
  updateRule: (id: number, rule: RuleInput) => send<Rule>('PUT', `/api/v1/rules/${id}`, rule),
  deleteRule: (id: number) => send<void>('DELETE', `/api/v1/rules/${id}`),
  alerts: (s?: Sig) => request<Alert[]>('/api/v1/alerts', {}, s),
  history: (ruleId: number | undefined, s?: Sig) => request<AlertHistoryEntry[]>('/api/v1/alerts/history', { ruleId, limit: 200 }, s),
  silences: (s?: Sig) => request<Silence[]>('/api/v1/silences', { expired: 'true' }, s),
  createSilence: (silence: SilenceInput) => send<Silence>('POST', '/api/v1/silences', silence),
  expireSilence: (id: number) => send<void>('DELETE', `/api/v1/silences/${id}`),
  channels: (s?: Sig) => request<Channel[]>('/api/v1/channels', {}, s),
  createChannel: (channel: ChannelInput) => send<Channel>('POST', '/api/v1/channels', channel),
  deleteChannel: (id: number) => send<void>('DELETE', `/api/v1/channels/${id}`),
  routes: (s?: Sig) => request<Route[]>('/api/v1/routes', {}, s),
  createRoute: (route: RouteInput) => send<Route>('POST', '/api/v1/routes', route),
  deleteRoute: (id: number) => send<void>('DELETE', `/api/v1/routes/${id}`),
  notifications: (channelId: number, s?: Sig) => request<Notification[]>('/api/v1/notifications', { channelId }, s),
};

const dashboardPath = (uid: string) => `/api/v1/dashboards/${encodeURIComponent(uid)}`;

/** alert-service's dashboards, passed on by query-service: the dashboard views' one client. */
export const dashboards = {
  list: (s?: Sig) => request<DashboardSummary[]>('/api/v1/dashboards', {}, s),
  get: (uid: string, s?: Sig) => request<StoredDashboard>(dashboardPath(uid), {}, s),
  create: (document: DashboardDocument) => send<StoredDashboard>('POST', '/api/v1/dashboards', document),
  /** `version` is the one the edit started from: a 409 says someone saved another since. */
  save: (uid: string, version: number, document: DashboardDocument, message?: string) =>
    send<StoredDashboard>('PUT', dashboardPath(uid), { version, message: message || undefined, dashboard: document }),
  delete: (uid: string) => send<void>('DELETE', dashboardPath(uid)),
  versions: (uid: string, s?: Sig) => request<DashboardVersionEntry[]>(`${dashboardPath(uid)}/versions`, {}, s),
  version: (uid: string, version: number, s?: Sig) => request<DashboardVersion>(`${dashboardPath(uid)}/versions/${version}`, {}, s),
  restore: (uid: string, version: number) => send<StoredDashboard>('POST', `${dashboardPath(uid)}/versions/${version}/restore`),
  export: (uid: string, s?: Sig) => request<DashboardDocument>(`${dashboardPath(uid)}/export`, {}, s),
  /** A 409 when the uid exists and `overwrite` is false. */
  import: (document: DashboardDocument, overwrite: boolean) =>
    send<StoredDashboard>('POST', buildUrl('/api/v1/dashboards/import', { overwrite: String(overwrite) }), document),
};

const accessPath = (kind: 'keys' | 'users' | 'ingest-tokens', id: string) => `/api/v1/access/${kind}/${encodeURIComponent(id)}`;

/** alert-service's keys, users and ingest tokens (admin only), passed on by query-service: the access views' one client. */
export const access = {
  keys: (s?: Sig) => request<ApiKey[]>('/api/v1/access/keys', {}, s),
  /** The answer's `key` is the only time the whole key is shown. */
  createKey: (input: ApiKeyInput) => send<ApiKey>('POST', '/api/v1/access/keys', input),
  revokeKey: (id: string) => send<ApiKey>('DELETE', accessPath('keys', id)),
  users: (s?: Sig) => request<User[]>('/api/v1/access/users', {}, s),
  createUser: (input: UserInput) => send<User>('POST', '/api/v1/access/users', input),
  updateUser: (username: string, change: UserChange) => send<User>('PUT', accessPath('users', username), change),
  deleteUser: (username: string) => send<void>('DELETE', accessPath('users', username)),
  ingestTokens: (s?: Sig) => request<IngestToken[]>('/api/v1/access/ingest-tokens', {}, s),
  /** The answer's `token` is the only time the whole token is shown. */
  createIngestToken: (input: IngestTokenInput) => send<IngestToken>('POST', '/api/v1/access/ingest-tokens', input),
  revokeIngestToken: (id: string) => send<IngestToken>('DELETE', accessPath('ingest-tokens', id)),
};
