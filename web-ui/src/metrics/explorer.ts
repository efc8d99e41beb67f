// The metrics explorer's query, as the URL holds it and as the API takes it, and what its table shows.
import type { Params } from '../api/client';
import type { MetricInfo, MetricSeries } from '../api/types';
import { binaryBytes } from '../shared/format';

export interface MetricQueryModel {
  name: string;
  agg: string;
  /** `key=value` each. */
  filters: string[];
  groupBy: string[];
  /** `30s`, `1m`, … or '' for the API's default (the window / 60). */
  step: string;
}

/**
 * Every key a metric can be grouped and filtered by, as the API names them: `service.name`, its point attributes,
 * and its resource attributes as `resource.KEY` (where Kubernetes puts pods, nodes and namespaces).
 */
export function groupKeys(metric: MetricInfo): string[] {
  const keys = ['service.name', ...metric.labelKeys, ...metric.resourceKeys.filter((k) => k !== 'service.name').map((k) => `resource.${k}`)];
  return [...new Set(keys)];
}

/** The aggregations the API offers for a metric type; the first is its default. */
export function aggregationsFor(type: string): string[] {
  switch (type) {
    case 'counter':
      return ['rate', 'sum', 'avg', 'min', 'max', 'count'];
    case 'histogram':
    case 'exponential_histogram':
      return ['p50', 'p90', 'p95', 'p99'];
    case 'sum':
      return ['sum', 'avg', 'min', 'max', 'count'];
    default:
      return ['avg', 'sum', 'min', 'max', 'count'];
  }
}

/** The API's parameters for the model: filters joined by commas, group-by keys likewise. */
export function queryParams(m: MetricQueryModel): Params {
  return {
    name: m.name,
    agg: m.agg || undefined,
    filter: m.filters.length ? m.filters.join(',') : undefined,
    groupBy: m.groupBy.length ? m.groupBy.join(',') : undefined,
    step: m.step || undefined,
  };
}

/** `key=value` when both sides are there and the value holds no comma (the API's filter separator), else null. */
export function parseFilter(text: string): string | null {
  const i = text.indexOf('=');
  if (i <= 0) return null;
  const key = text.slice(0, i).trim();
  const value = text.slice(i + 1).trim();
  if (!key || !value || value.includes(',') || key.includes(',')) return null;
  return `${key}=${value}`;
}

export interface SeriesSummary {
  label: string;
  last: number | null;
  avg: number | null;
  max: number | null;
}

/** A series' name from its labels (`k=v, k2=v2`), or the metric's name when it has none (no group-by). */
export function seriesLabel(labels: Record<string, string>, fallback: string): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : fallback;
}

/** Last, average and highest of the points that have a value. */
export function summarise(series: MetricSeries, fallback: string): SeriesSummary {
  const values = series.points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const last = [...series.points].reverse().find((p) => p.value !== null)?.value ?? null;
  return {
    label: seriesLabel(series.labels, fallback),
    last,
    avg: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    max: values.length ? Math.max(...values) : null,
  };
}

/** A value in its metric's UCUM unit, as people read it: fractions as percentages, bytes in binary units. */
export function unitFormatter(unit: string, agg: string): (v: number | null) => string {
  const compact = (v: number) => (Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : Number(v.toPrecision(3)).toString());
  if (agg === 'count') return (v) => (v === null ? '–' : compact(v));
  const perSecond = agg === 'rate' ? '/s' : '';
  switch (unit) {
    case '1':
      return (v) => (v === null ? '–' : agg === 'rate' ? `${compact(v)}/s` : `${Number((v * 100).toPrecision(3))}%`);
    case 'By':
      return (v) => {
        if (v === null) return '–';
        const [x, unit] = binaryBytes(v);
        return `${Number(x.toPrecision(3))} ${unit}${perSecond}`;
      };
    case '':
      return (v) => (v === null ? '–' : `${compact(v)}${perSecond}`);
    default: {
      const u = unit.replace(/^\{(.*)\}$/, '$1');
      return (v) => (v === null ? '–' : `${compact(v)} ${u}${perSecond}`);
    }
  }
}
