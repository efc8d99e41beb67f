// Every panel kind's query in one place: `${var}` substitution, the API request it makes, and its answer as the
// one shape every panel type draws (a time axis, series, and the panel's single value).
import { ApiError, request, type Params } from '../api/client';
import type { GoldenSeries, GoldenValues, LogVolume, MetricQueryResult, PanelQuery, PanelType, ServicesSignals, SpanVolume } from '../api/types';

/** A variable's value that means "every value": the filter that uses it is dropped. */
export const ALL = '*';

export type VariableValues = Record<string, string>;

const REFERENCE = /\$\{([a-zA-Z_][a-zA-Z0-9_]{0,39})\}/g;

/** The names of the variables `text` refers to as `${name}`. */
export function referencedVariables(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1]);
}

/**
 * `text` with each `${name}` replaced by its value; null when a referenced variable is All (or has no value), so
 * the filter holding it is dropped; unknown names are left as written (the server refuses such documents).
 */
export function substitute(text: string | null | undefined, values: VariableValues): string | null {
  if (text === null || text === undefined || text === '') return null;
  let dropped = false;
  const out = text.replace(REFERENCE, (whole, name: string) => {
    if (!(name in values)) return whole;
    const v = values[name];
    if (v === ALL || v === '') dropped = true;
    return v;
  });
  return dropped || out === '' ? null : out;
}

/** The API request a panel's query makes over a window: its path and parameters, variables substituted. */
export interface PanelRequest {
  path: string;
  params: Params;
}

export function panelRequest(query: PanelQuery, values: VariableValues, window: { from: string; to: string }): PanelRequest {
  switch (query.kind) {
    case 'metric': {
      const filters = Object.entries(query.filters ?? {})
        .map(([label, value]) => [label, substitute(value, values)] as const)
        .filter((f): f is readonly [string, string] => f[1] !== null)
        .map(([label, value]) => `${label}=${value}`);
      return {
        path: '/api/v1/metrics/query',
        params: {
          name: query.metric,
          agg: query.aggregation || undefined,
          filter: filters.length ? filters.join(',') : undefined,
          groupBy: query.groupBy?.length ? query.groupBy.join(',') : undefined,
          ...window,
        },
      };
    }
    case 'golden-signals': {
      const service = substitute(query.service, values);
      // Every service (All): the services' series in one answer, one series each.
      if (service === null) return { path: '/api/v1/golden-signals/services', params: { ...window } };
      return { path: '/api/v1/golden-signals', params: { service, operation: substitute(query.operation, values) ?? undefined, ...window } };
    }
    case 'span-count':
      // The span volume API names its window start/end (contract of GET /api/v1/traces/volume).
      return {
        path: '/api/v1/traces/volume',
        params: {
          service: substitute(query.service, values) ?? undefined,
          operation: substitute(query.operation, values) ?? undefined,
          status: query.status ?? undefined,
          start: window.from,
          end: window.to,
        },
      };
    case 'log-count':
      return {
        path: '/api/v1/logs/volume',
        params: {
          service: substitute(query.service, values) ?? undefined,
          severity: query.severity ?? undefined,
          q: substitute(query.text, values) ?? undefined,
          ...window,
        },
      };
  }
}

export interface FrameSeries {
  label: string;
  values: (number | null)[];
}

/** What a panel draws: one time axis (epoch seconds) shared by its series, and its single value. */
export interface PanelFrame {
  x: number[];
  series: FrameSeries[];
  /** Counts: the total over the window; every other kind: the last value of the first series. */
  value: number | null;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** The one figure of a golden-signals point a panel shows. */
export function goldenValue(values: GoldenValues, signal: string): number | null {
  switch (signal) {
    case 'rate':
      return values.requestsPerSecond;
    case 'errorRate':
      return values.errorPercent;
    case 'p50':
    case 'p95':
    case 'p99':
      return (values.latencyMs as Record<string, number | undefined> | null)?.[signal] ?? null;
    default:
      return null;
  }
}

export function lastValue(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) return v;
  }
  return null;
}

function sum(values: (number | null)[]): number {
  return values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

/** An API answer (of the request `panelRequest` made for `query`) as a frame. */
export function toFrame(query: PanelQuery, answer: unknown): PanelFrame {
  switch (query.kind) {
    case 'metric': {
      const a = answer as MetricQueryResult | null;
      if (!a || a.series.length === 0) return { x: [], series: [], value: null };
      const series = a.series.map((s) => ({
        label: Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(', ') || a.name,
        values: s.points.map((p) => p.value),
      }));
      return { x: a.series[0].points.map((p) => seconds(p.time)), series, value: lastValue(series[0].values) };
    }
    case 'golden-signals': {
      const a = answer as GoldenSeries | ServicesSignals;
      const bySeries = 'services' in a ? a.services.map((s) => ({ label: s.service, points: s.points })) : [{ label: a.service, points: a.points }];
      if (bySeries.length === 0) return { x: [], series: [], value: null };
      const series = bySeries.map((s) => ({ label: s.label, values: s.points.map((p) => goldenValue(p.values, query.signal)) }));
      return { x: bySeries[0].points.map((p) => seconds(p.time)), series, value: lastValue(series[0].values) };
    }
    case 'span-count': {
      const a = answer as SpanVolume;
      return { x: a.points.map((p) => seconds(p.time)), series: [{ label: 'spans', values: a.points.map((p) => p.count) }], value: a.total };
    }
    case 'log-count': {
      const a = answer as LogVolume;
      const values = a.points.map((p) => sum(Object.values(p.counts)));
      return { x: a.points.map((p) => seconds(p.time)), series: [{ label: 'log records', values }], value: sum(values) };
    }
  }
}

/**
 * What identifies a panel's request whatever the window: panels asking the same (the golden signals of one
 * service, say) share one request and one cache entry, each reading its own figure from the answer.
 */
export function requestKey(query: PanelQuery, values: VariableValues): unknown[] {
  const { path, params } = panelRequest(query, values, { from: '', to: '' });
  return ['dashboard-request', path, params];
}

/** Asks a panel's request over a window; a metric without points in it is an empty answer (null), not an error. */
export async function fetchPanelAnswer(query: PanelQuery, values: VariableValues, window: { from: string; to: string }, signal?: AbortSignal): Promise<unknown> {
  const { path, params } = panelRequest(query, values, window);
  try {
    return await request<unknown>(path, params, signal);
  } catch (e) {
    // The metrics API answers 404 when the metric has no points in the window.
    if (query.kind === 'metric' && e instanceof ApiError && e.status === 404 && !e.missingEndpoint) return null;
    throw e;
  }
}

/** A panel type that shows one figure rather than the series over time. */
export function showsSingleValue(type: PanelType): boolean {
  return type === 'stat' || type === 'gauge';
}
