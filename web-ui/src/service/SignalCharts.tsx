// Latency percentiles, throughput and errors of one service over the time range.
import type { UseQueryResult } from '@tanstack/react-query';
import type { GoldenSeries } from '../api/types';
import { TimeSeriesChart } from '../shared/charts';
import { formatMs, formatPercent, formatRate } from '../shared/format';
import { QueryState } from '../shared/states';

export function SignalCharts({ service, query }: { service: string; query: UseQueryResult<GoldenSeries> }) {
  return (
    <QueryState query={query} what={`${service}'s golden signals`}>
      {(d) => {
        const x = d.points.map((p) => Date.parse(p.time) / 1000);
        const v = d.points.map((p) => p.values);
        return (
          <div className="grid-3">
            <div className="panel">
              <h2>Latency</h2>
              <TimeSeriesChart
                testId="service-latency-chart"
                label={`${service} latency percentiles`}
                x={x}
                format={formatMs}
                series={[
                  { label: 'p50', values: v.map((p) => p.latencyMs?.p50 ?? null), color: '--chart-1' },
                  { label: 'p90', values: v.map((p) => p.latencyMs?.p90 ?? null), color: '--chart-2' },
                  { label: 'p99', values: v.map((p) => p.latencyMs?.p99 ?? null), color: '--chart-3' },
                ]}
              />
            </div>
            <div className="panel">
              <h2>Throughput</h2>
              <TimeSeriesChart
                testId="service-throughput-chart"
                label={`${service} requests per second`}
                x={x}
                format={formatRate}
                series={[{ label: 'requests/s', values: v.map((p) => p.requestsPerSecond), color: '--chart-1' }]}
              />
            </div>
            <div className="panel">
              <h2>Errors</h2>
              <TimeSeriesChart
                testId="service-errors-chart"
                label={`${service} error percentage`}
                x={x}
                format={formatPercent}
                series={[{ label: 'error %', values: v.map((p) => (p.requests > 0 ? p.errorPercent : null)), color: '--bad' }]}
              />
            </div>
          </div>
        );
      }}
    </QueryState>
  );
}
