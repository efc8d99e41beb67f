// CPU and memory of the service's pods, as fractions of their limits.
import { api, ApiError } from '../api/client';
import type { MetricQueryResult } from '../api/types';
import { TimeSeriesChart } from '../shared/charts';
import { formatFraction } from '../shared/format';
import { useRangeQuery } from '../shared/query';
import { Empty, QueryState } from '../shared/states';

/** Pods are resource attributes of the service's telemetry: grouped by as `resource.KEY`. */
const POD = 'resource.k8s.pod.name';

const METRICS = [
  { name: 'k8s.pod.cpu_limit_utilization', title: 'CPU (of limit)' },
  { name: 'k8s.pod.memory_limit_utilization', title: 'Memory (of limit)' },
];

export function PodsPanel({ service }: { service: string }) {
  return (
    <div data-testid="service-pods" className="pods">
      {METRICS.map((m) => (
        <PodMetric key={m.name} service={service} metric={m.name} title={m.title} />
      ))}
    </div>
  );
}

function PodMetric({ service, metric, title }: { service: string; metric: string; title: string }) {
  const q = useRangeQuery(['pod-metric', service, metric], async (w, _r, signal): Promise<MetricQueryResult | null> => {
    try {
      return await api.metricQuery({ ...w, name: metric, filter: `service.name=${service}`, groupBy: POD }, signal);
    } catch (e) {
      // The API answers 404 for a metric without points in the window: that is "no pods reported", not a failure.
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  });
  return (
    <div>
      <h3>{title}</h3>
      <QueryState query={q} what={title} isEmpty={(d) => !d || d.series.length === 0} empty={<Empty title="No pod metrics for this service in this time range" />}>
        {(d) => {
          const r = d!;
          const x = r.series[0].points.map((p) => Date.parse(p.time) / 1000);
          return (
            <TimeSeriesChart
              label={`${service} ${title}`}
              x={x}
              height={150}
              format={formatFraction}
              series={r.series.map((s, i) => ({
                label: s.labels[POD] || `series ${i + 1}`,
                values: s.points.map((p) => p.value),
                color: `--chart-${(i % 6) + 1}`,
              }))}
            />
          );
        }}
      </QueryState>
    </div>
  );
}
