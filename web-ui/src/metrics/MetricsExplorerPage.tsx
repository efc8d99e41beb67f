// Metrics explorer: browse the metrics in the time range, build a query of one (aggregation, rate or quantile,
// filters, group-by), and see it as a chart and a table. The metric and its query live in the URL.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import type { MetricInfo, MetricQueryResult } from '../api/types';
import { TimeSeriesChart } from '../shared/charts';
import { useRangeQuery } from '../shared/query';
import { Empty, QueryState } from '../shared/states';
import { useUpdateParams } from '../shared/urlState';
import { metricPanelQuery } from '../dashboards/panelEdit';
import { SaveAsPanel } from '../dashboards/SaveAsPanel';
import { aggregationsFor, groupKeys, queryParams, summarise, unitFormatter, type MetricQueryModel } from './explorer';
import { LabelValues } from './LabelValues';
import { MetricCatalogue } from './MetricCatalogue';
import { MetricQueryForm } from './MetricQueryForm';

function useModel(): [MetricQueryModel, (m: MetricQueryModel) => void] {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const model: MetricQueryModel = {
    name: params.get('metric') ?? '',
    agg: params.get('agg') ?? '',
    filters: params.getAll('filter'),
    groupBy: params.getAll('groupBy'),
    step: params.get('step') ?? '',
  };
  const set = (m: MetricQueryModel) => update({ metric: m.name, agg: m.agg, filter: m.filters, groupBy: m.groupBy, step: m.step });
  return [model, set];
}

export default function MetricsExplorerPage() {
  const [model, setModel] = useModel();
  const catalogue = useRangeQuery(['metric-catalogue'], (w, _r, signal) => api.metrics({ ...w, limit: 1000 }, signal));

  return (
    <section className="page">
      <header className="page-header">
        <h1>Metrics</h1>
        <p className="muted">Every metric with points in the time range; pick one and shape its query.</p>
      </header>
      <QueryState
        query={catalogue}
        what="metrics"
        isEmpty={(d) => d.metrics.length === 0}
        empty={
          <Empty title="No metrics in this time range">
            Send some with an OpenTelemetry SDK or Collector to OTLP :4317/:4318, or run <code>./vigil demo</code>.
          </Empty>
        }
      >
        {(data) => {
          const metric = data.metrics.find((m) => m.name === model.name) ?? null;
          return (
            <div className="explorer-layout">
              <div className="panel explorer-side">
                <MetricCatalogue
                  metrics={data.metrics}
                  selected={metric?.name ?? null}
                  onSelect={(name) => setModel({ name, agg: '', filters: [], groupBy: [], step: '' })}
                />
              </div>
              <div className="explorer-main">
                {metric ? (
                  <MetricView metric={metric} model={model} onChange={setModel} />
                ) : (
                  <Empty title={model.name ? `${model.name} has no points in this time range` : 'Pick a metric'}>
                    The list on the left holds every metric with points in the time range.
                  </Empty>
                )}
              </div>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

function MetricView({ metric, model, onChange }: { metric: MetricInfo; model: MetricQueryModel; onChange: (m: MetricQueryModel) => void }) {
  const [labelKey, setLabelKey] = useState<string | null>(null);
  const params = queryParams(model);
  const q = useRangeQuery(['metric-explorer', params], async (w, _r, signal): Promise<MetricQueryResult | null> => {
    try {
      return await api.metricQuery({ ...w, ...params }, signal);
    } catch (e) {
      // 404: the metric has no points in this window (with these filters the series may simply be empty).
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  });
  return (
    <>
      <div className="panel" data-testid="metric-detail" data-metric={metric.name}>
        <h2 className="mono">{metric.name}</h2>
        <p className="muted">
          {metric.type}
          {metric.unit ? `, unit ${metric.unit}` : ''}
          {metric.description ? ` — ${metric.description}` : ''}
        </p>
        {groupKeys(metric).length > 0 && (
          <div className="label-keys">
            <span className="muted small">Labels:</span>{' '}
            {groupKeys(metric).map((k) => (
              <button key={k} type="button" className={`chip ${labelKey === k ? 'selected' : ''}`} data-testid="label-key" data-key={k} aria-pressed={labelKey === k} onClick={() => setLabelKey(labelKey === k ? null : k)}>
                {k}
              </button>
            ))}
          </div>
        )}
        {labelKey && <LabelValues metric={metric.name} labelKey={labelKey} onPick={(f) => !model.filters.includes(f) && onChange({ ...model, filters: [...model.filters, f] })} />}
        <MetricQueryForm metric={metric} model={model} onChange={onChange} />
        <SaveAsPanel query={metricPanelQuery(model, aggregationsFor(metric.type)[0])} title={`${model.agg || aggregationsFor(metric.type)[0]} of ${metric.name}`} />
      </div>
      <div className="panel">
        <QueryState query={q} what={metric.name} isEmpty={(d) => !d || d.series.length === 0} empty={<Empty title="No series match this query in this time range" />}>
          {(d) => <MetricResult result={d!} />}
        </QueryState>
      </div>
    </>
  );
}

function MetricResult({ result }: { result: MetricQueryResult }) {
  const format = unitFormatter(result.unit, result.aggregation);
  const x = result.series[0].points.map((p) => Date.parse(p.time) / 1000);
  const summaries = result.series.map((s) => summarise(s, result.name));
  return (
    <>
      <p className="muted small" data-testid="metric-result-info">
        {result.aggregation} of {result.name}, {result.series.length} series, one point per {result.stepSeconds} s
      </p>
      <TimeSeriesChart
        testId="metric-chart"
        label={`${result.aggregation} of ${result.name}`}
        x={x}
        height={240}
        format={(v) => format(v)}
        series={result.series.map((s, i) => ({ label: summaries[i].label, values: s.points.map((p) => p.value), color: `--chart-${(i % 6) + 1}` }))}
      />
      <div className="table-wrap">
        <table className="table" data-testid="metric-series-table">
          <thead>
            <tr>
              <th>Series</th>
              <th className="num">Last</th>
              <th className="num">Average</th>
              <th className="num">Highest</th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((s) => (
              <tr key={s.label} data-testid="metric-series-row" data-series={s.label}>
                <td className="mono">{s.label}</td>
                <td className="num" data-testid="metric-series-last">{format(s.last)}</td>
                <td className="num">{format(s.avg)}</td>
                <td className="num">{format(s.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
