// A rule's measured value over the last hours, drawn with its threshold, before the rule is saved: the same data
// the rule will read, through the query API (golden signals for service rules, the metric for metric rules).
import { api, ApiError } from '../api/client';
import type { ChartSeries } from '../shared/charts';
import { TimeSeriesChart } from '../shared/charts';
import { useRangeQuery } from '../shared/query';
import { Empty, QueryState } from '../shared/states';

const PREVIEW_HOURS = 3;

interface Preview {
  x: number[];
  values: (number | null)[];
  label: string;
}

export function RulePreview({ kind, spec }: { kind: string; spec: Record<string, string> }) {
  const service = spec.service?.trim() ?? '';
  const metric = spec.metric?.trim() ?? '';
  const quantile = Number(spec.quantile || '0.99');
  const threshold = spec.threshold === undefined || spec.threshold === '' ? null : Number(spec.threshold);
  const enabled = (kind === 'error_rate' || kind === 'latency_quantile') ? service !== '' : kind === 'metric_threshold' ? metric !== '' : false;
  const q = useRangeQuery(
    ['rule-preview', kind, service, metric, spec.aggregation ?? '', quantile],
    async (_w, _r, signal): Promise<Preview | null> => {
      const to = new Date();
      const from = new Date(to.getTime() - PREVIEW_HOURS * 3_600_000);
      const window = { from: from.toISOString(), to: to.toISOString() };
      try {
        if (kind === 'metric_threshold') {
          const r = await api.metricQuery({ ...window, name: metric, agg: spec.aggregation || undefined }, signal);
          const s = r.series[0];
          return s ? { x: s.points.map((p) => Date.parse(p.time) / 1000), values: s.points.map((p) => p.value), label: `${r.aggregation} of ${metric}` } : null;
        }
        const g = await api.serviceSignals(service, window, signal);
        const pick = (p: (typeof g.points)[number]): number | null => {
          if (kind === 'error_rate') return p.values.errorPercent === null || p.values.errorPercent === undefined ? null : p.values.errorPercent / 100;
          const l = p.values.latencyMs;
          if (!l) return null;
          return quantile >= 0.99 ? l.p99 : quantile >= 0.9 ? l.p90 : l.p50;
        };
        return { x: g.points.map((p) => Date.parse(p.time) / 1000), values: g.points.map(pick), label: kind === 'error_rate' ? `error rate of ${service}` : `latency of ${service} (ms)` };
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    { enabled },
  );
  if (!enabled) {
    return <p className="muted small" data-testid="rule-preview-hint">The preview draws the last {PREVIEW_HOURS} hours of what an error-rate, latency or metric rule reads, once its service or metric is set.</p>;
  }
  return (
    <div data-testid="rule-preview">
      <QueryState query={q} what="the preview" isEmpty={(d) => !d || d.values.every((v) => v === null)} empty={<Empty title={`No data in the last ${PREVIEW_HOURS} hours`} />}>
        {(d) => {
          const series: ChartSeries[] = [{ label: d!.label, values: d!.values, color: '--chart-1' }];
          if (threshold !== null && Number.isFinite(threshold)) series.push({ label: 'threshold', values: d!.x.map(() => threshold), color: '--bad' });
          return <TimeSeriesChart testId="rule-preview-chart" label={`preview of ${d!.label}`} x={d!.x} series={series} height={160} format={(v) => String(Number(v.toPrecision(3)))} />;
        }}
      </QueryState>
    </div>
  );
}
