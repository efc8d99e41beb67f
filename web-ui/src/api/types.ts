// Types of every answer the UI reads from query-service (docs/query.md and /q/openapi).
// Times are RFC 3339 strings; latencies are milliseconds; durations of spans are nanoseconds.

export interface ErrorBody {
  error: string;
  message: string;
}

export interface ServiceEntry {
  name: string;
  spans: number;
  errors: number;
}
export interface ServicePage {
  services: ServiceEntry[];
  nextCursor: string | null;
}

export type SpanKind = 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
export type StatusCode = 'UNSET' | 'OK' | 'ERROR';

export interface Operation {
  name: string;
  spanKind: SpanKind;
  spans: number;
  errors: number;
}
export interface OperationPage {
  service: string;
  operations: Operation[];
  nextCursor: string | null;
}

export interface Latency {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}
export interface Saturation {
  cpuUtilization: number | null;
  memoryUtilization: number | null;
}
export interface GoldenValues {
  requests: number;
  requestsPerSecond: number;
  errors: number;
  errorsPerSecond: number;
  errorPercent: number;
  latencyMs: Latency | null;
  saturation: Saturation | null;
}
export interface GoldenPoint {
  time: string;
  values: GoldenValues;
}
export interface GoldenSeries {
  service: string;
  operation: string | null;
  stepSeconds: number;
  from: string;
  to: string;
  points: GoldenPoint[];
}
/** GET /api/v1/golden-signals/services: every service's summary and series. */
export interface ServicesSignals {
  from: string;
  to: string;
  stepSeconds: number;
  services: { service: string; values: GoldenValues; points: GoldenPoint[] }[];
}
/** GET /api/v1/golden-signals/operations */
export interface OperationsSignals {
  service: string;
  from: string;
  to: string;
  operations: { operation: string; spanKind: SpanKind; values: GoldenValues }[];
}

export interface TraceSummary {
  traceId: string;
  rootService: string | null;
  rootOperation: string | null;
  startTime: string;
  durationNanos: number;
  spanCount: number;
  errorCount: number;
  services: string[];
}
export interface TracePage {
  traces: TraceSummary[];
  nextCursor: string | null;
}

export interface SpanEvent {
  time: string;
  name: string;
  attributes: Record<string, string>;
}
export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState: string | null;
  attributes: Record<string, string>;
}
export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  serviceName: string;
  startTime: string;
  durationNanos: number;
  status: { code: StatusCode; message: string | null };
  attributes: Record<string, string>;
  resourceAttributes: Record<string, string>;
  scope: { name: string | null; version: string | null } | null;
  events: SpanEvent[];
  links: SpanLink[];
}
export interface Trace {
  traceId: string;
  spans: Span[];
}

export type NodeKind = 'service' | 'database' | 'queue' | 'external';
export interface DependencyNode {
  id: string;
  name: string;
  kind: NodeKind | string;
  spans: number | null;
  errors: number | null;
}
export interface DependencyEdge {
  source: string;
  target: string;
  calls: number;
  errors: number;
  latencyMs: { p50: number; p95: number; p99: number };
}
export interface DependencyGraph {
  nodes: DependencyNode[];
  edges: DependencyEdge[];
}

export type Severity = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
export const SEVERITIES: Severity[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

export interface LogRecord {
  time: string;
  traceId: string | null;
  spanId: string | null;
  severityText: string;
  severityNumber: number;
  serviceName: string;
  body: string;
  attributes: Record<string, string>;
  resourceAttributes: Record<string, string>;
  scopeName: string | null;
}
export interface LogPage {
  logs: LogRecord[];
  nextCursor: string | null;
}
/** GET /api/v1/logs/volume */
export interface LogVolume {
  from: string;
  to: string;
  stepSeconds: number;
  points: { time: string; counts: Partial<Record<Severity, number>> }[];
}

export interface AccessLogEntry {
  time: string;
  traceId: string | null;
  spanId: string | null;
  serviceName: string;
  sourceWorkload: string | null;
  sourceNamespace: string | null;
  destinationWorkload: string | null;
  destinationNamespace: string | null;
  responseCode: number | null;
  method: string | null;
  path: string | null;
  durationNanos: number | null;
  attributes: Record<string, string>;
}
export interface AccessLogPage {
  entries: AccessLogEntry[];
  nextCursor: string | null;
}

export interface MetricPoint {
  time: string;
  value: number | null;
}
export interface MetricSeries {
  labels: Record<string, string>;
  points: MetricPoint[];
}
export type MetricType = 'gauge' | 'counter' | 'sum' | 'histogram' | 'exponential_histogram' | 'summary';
export interface MetricInfo {
  name: string;
  type: MetricType | string;
  unit: string;
  description: string;
  /** Point attribute keys. */
  labelKeys: string[];
  /** Resource attribute keys: filtered and grouped by as `resource.KEY`. */
  resourceKeys: string[];
}
export interface MetricCatalogue {
  metrics: MetricInfo[];
  nextCursor: string | null;
}
export interface MetricQueryResult {
  name: string;
  type: string;
  unit: string;
  aggregation: string;
  stepSeconds: number;
  from: string;
  to: string;
  series: MetricSeries[];
}

// health-service (through query-service's gateway): the cluster and the platform.
export type HealthStatus = 'HEALTHY' | 'WARNING' | 'CRITICAL';
/** CPU in cores or memory in bytes; any figure may be missing when its metric was not sent. */
export interface Usage {
  used: number | null;
  hourAverage: number | null;
  hourPeak: number | null;
  request: number | null;
  limit: number | null;
  allocatable: number | null;
  utilization: number | null;
}
export interface NodeHealth {
  name: string;
  status: HealthStatus;
  reasons: string[];
  ready: boolean | null;
  pods: number;
  cpu: Usage;
  memory: Usage;
  lastSeen: string | null;
}
export interface PodHealth {
  namespace: string;
  name: string;
  node: string | null;
  workloadKind: string | null;
  workload: string | null;
  status: HealthStatus;
  reasons: string[];
  phase: string | null;
  restarts: number | null;
  cpu: Usage;
  memory: Usage;
  lastSeen: string | null;
}
export interface NamespaceHealth {
  name: string;
  status: HealthStatus;
  pods: number;
  workloads: number;
  cpu: Usage;
  memory: Usage;
}
export interface WorkloadHealth {
  namespace: string;
  kind: string;
  name: string;
  status: HealthStatus;
  reasons: string[];
  pods: number;
  cpu: Usage;
  memory: Usage;
}
export interface ClusterReport {
  status: HealthStatus;
  computedAt: string;
  latestSample: string | null;
  nodes: number;
  pods: number;
  nodeStatuses: Partial<Record<HealthStatus, number>>;
  podStatuses: Partial<Record<HealthStatus, number>>;
  cpu: Usage;
  memory: Usage;
  namespaces: NamespaceHealth[];
  workloads: WorkloadHealth[];
}
/** The stream's `cluster` event: the summary with every node and pod. */
export interface ClusterSnapshot {
  report: ClusterReport;
  nodes: NodeHealth[];
  pods: PodHealth[];
}
export interface ServiceHealth {
  name: string;
  url: string;
  status: string;
  latencyMillis: number | null;
  checkedAt: string | null;
  since: string | null;
  error: string | null;
}
export interface ConsumerLag {
  group: string;
  topic: string;
  partition: number;
  committed: number | null;
  end: number;
  lag: number;
}
export interface PlatformReport {
  status: HealthStatus;
  services: ServiceHealth[];
  kafka: { status: HealthStatus; error: string | null; brokers: number | null; lag: ConsumerLag[] };
  clickhouse: {
    status: HealthStatus;
    error: string | null;
    latencyMillis: number | null;
    activeParts: number | null;
    maxPartsPerPartition: number | null;
    insertedRowsPerSecond: number | null;
  };
  postgres: { status: HealthStatus; error: string | null; latencyMillis: number | null };
  ingest: { status: HealthStatus; error: string | null; totals: Record<string, number>; increases: Record<string, number> } | null;
}

// alert-service (through query-service's gateway): rules, alerts, routes, channels, silences, notifications.
export type RuleKind = 'metric_threshold' | 'error_rate' | 'latency_quantile' | 'log_count' | 'absence' | 'promql';
export interface Rule {
  id: number;
  name: string;
  kind: RuleKind | string;
  spec: Record<string, unknown>;
  intervalSeconds: number;
  forSeconds: number;
  keepFiringForSeconds: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}
export type RuleInput = Omit<Rule, 'id' | 'createdAt' | 'updatedAt'>;
export interface Alert {
  ruleId: number;
  fingerprint: string;
  state: string;
  since: string;
  firedAt: string | null;
  resolvedAt: string | null;
  lastEvaluatedAt: string | null;
  value: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface AlertHistoryEntry {
  eventId: string;
  ruleId: number;
  ruleName: string;
  fingerprint: string;
  from: string;
  to: string;
  at: string;
  value: number;
  labels: Record<string, string>;
}
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}
export interface Silence {
  id: number;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string | null;
  comment: string | null;
  active: boolean;
}
export interface SilenceInput {
  matchers: Matcher[];
  endsAt: string;
  createdBy?: string;
  comment?: string;
}
export interface Channel {
  id: number;
  name: string;
  type: 'slack' | 'pagerduty' | 'webhook' | string;
  eventsUrl: string | null;
  secretSet: boolean;
}
/** Secrets (webhookUrl, routingKey, url) are write-only: sent, never answered. */
export interface ChannelInput {
  name: string;
  type: string;
  webhookUrl?: string;
  routingKey?: string;
  url?: string;
  eventsUrl?: string;
}
export interface Route {
  id: number;
  name: string;
  channelId: number;
  matchers: Matcher[];
  groupBy: string[];
  groupWaitSeconds: number;
  groupIntervalSeconds: number;
  repeatIntervalSeconds: number;
}
export type RouteInput = Omit<Route, 'id'>;
export interface DeliveryAttempt {
  attempt: number;
  at: string;
  outcome: string;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}
export interface Notification {
  id: number;
  channelId: number;
  groupKey: string;
  notifiedStatus: string;
  status: string;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  lastError: string | null;
  deliveryAttempts: DeliveryAttempt[];
}

// Dashboards (alert-service keeps them; through query-service's gateway): the document, as export gives it.
export type VariableSource =
  | { kind: 'services' }
  | { kind: 'metric-label'; metric: string; label: string }
  | { kind: 'custom'; values: string[] };
export interface DashboardVariable {
  name: string;
  label?: string;
  source: VariableSource;
  /** "*" means all. */
  default?: string;
  includeAll?: boolean;
}
export type MetricAggregation = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'rate' | 'p50' | 'p90' | 'p95' | 'p99';
export type GoldenSignal = 'rate' | 'errorRate' | 'p50' | 'p95' | 'p99';
export type PanelQuery =
  | { kind: 'metric'; metric: string; aggregation?: MetricAggregation | string; filters?: Record<string, string>; groupBy?: string[] }
  | { kind: 'golden-signals'; service: string; operation?: string | null; signal: GoldenSignal }
  | { kind: 'span-count'; service?: string | null; operation?: string | null; status?: 'error' | 'ok' | null }
  | { kind: 'log-count'; service?: string | null; severity?: Severity | null; text?: string | null };
export type PanelType = 'timeseries' | 'stat' | 'gauge' | 'table' | 'bar';
export type PanelUnit = 'short' | 'percent' | 'ms' | 's' | 'bytes' | 'reqps' | 'cores';
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Threshold {
  value: number;
  color: string;
}
export interface Panel {
  id: string;
  title: string;
  type: PanelType;
  grid: GridPos;
  query: PanelQuery;
  unit?: PanelUnit;
  thresholds?: Threshold[];
  decimals?: number;
}
export interface DashboardDocument {
  uid?: string;
  title: string;
  description?: string;
  tags?: string[];
  /** `now-<n>(m|h|d)` or `now`. */
  time?: { from: string; to: string };
  refresh?: 'off' | '10s' | '30s' | '1m' | '5m';
  variables?: DashboardVariable[];
  panels: Panel[];
}
export interface DashboardSummary {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** How many panels. */
  panels: number;
}
export interface StoredDashboard {
  uid: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  dashboard: DashboardDocument;
}
export interface DashboardVersionEntry {
  version: number;
  createdAt: string;
  author: string;
  message: string | null;
}
export interface DashboardVersion extends DashboardVersionEntry {
  uid: string;
  dashboard: DashboardDocument;
}
/** GET /api/v1/traces/volume */
export interface SpanVolume {
  start: string;
  end: string;
  step: string | number;
  points: { time: string; count: number }[];
  total: number;
}

/** What a key or user may do: each role has the rights of the ones before it. */
export type Role = 'viewer' | 'editor' | 'admin';
/** GET /api/v1/access/keys; `key`, the whole key, only in the answer that creates it. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  expiresAt?: string;
  revokedAt?: string;
  key?: string;
}
export interface ApiKeyInput {
  name: string;
  role: Role;
  expiresAt?: string;
}
/** GET /api/v1/access/users (never a password or its hash). */
export interface User {
  username: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}
export interface UserInput {
  username: string;
  role: Role;
  password: string;
}
/** PUT /api/v1/access/users/{username}: a new role, a new password, or both. */
export interface UserChange {
  role?: Role;
  password?: string;
}
export type Signal = 'traces' | 'metrics' | 'logs';
/** GET /api/v1/access/ingest-tokens; `pipelines` absent: every pipeline; `token` only when just created. */
export interface IngestToken {
  id: string;
  name: string;
  signals: Signal[];
  pipelines?: string[];
  createdAt: string;
  createdBy: string;
  expiresAt?: string;
  revokedAt?: string;
  token?: string;
}
export interface IngestTokenInput {
  name: string;
  signals: Signal[];
  pipelines?: string[];
  expiresAt?: string;
}
