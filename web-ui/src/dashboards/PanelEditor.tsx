// Edit one panel: title, type, unit, decimals, thresholds and its query (per kind), with a live preview of the
// query over the view's time range. Apply puts it in the dashboard being edited; Save stores the dashboard.
import { useState } from 'react';
import { api } from '../api/client';
import type { GoldenSignal, Panel, PanelQuery, PanelType, PanelUnit, Severity } from '../api/types';
import { SEVERITIES } from '../api/types';
import { aggregationsFor } from '../metrics/explorer';
import { useRangeQuery } from '../shared/query';
import { UNITS } from './display';
import { defaultQuery, formatFilters, formatThresholds, parseFilters, parseThresholds } from './panelEdit';
import type { VariableValues } from './panelQuery';
import { PanelView } from './PanelView';

const TYPES: PanelType[] = ['timeseries', 'stat', 'gauge', 'table', 'bar'];
const KINDS: { id: PanelQuery['kind']; label: string }[] = [
  { id: 'metric', label: 'Metric' },
  { id: 'golden-signals', label: 'Golden signal of a service' },
  { id: 'span-count', label: 'Span count' },
  { id: 'log-count', label: 'Log record count' },
];
/** Every aggregation the metrics API knows, for a metric not in the time range's catalogue. */
const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'rate', 'p50', 'p90', 'p95', 'p99'];
const SIGNALS: GoldenSignal[] = ['rate', 'errorRate', 'p50', 'p95', 'p99'];

export function PanelEditor({ panel, values, onApply, onCancel }: { panel: Panel; values: VariableValues; onApply: (p: Panel) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Panel>(panel);
  const [thresholds, setThresholds] = useState(formatThresholds(panel.thresholds));
  const [filters, setFilters] = useState(panel.query.kind === 'metric' ? formatFilters(panel.query.filters) : '');
  const set = (change: Partial<Panel>) => setDraft((d) => ({ ...d, ...change }));
  const setQuery = (change: Record<string, unknown>) => setDraft((d) => ({ ...d, query: { ...d.query, ...change } as PanelQuery }));
  const q = draft.query;
  // The metrics of the time range: the metric field offers their names, and a known metric its type's aggregations.
  const catalogue = useRangeQuery(['metric-catalogue'], (w, _r, signal) => api.metrics({ ...w, limit: 1000 }, signal), { enabled: q.kind === 'metric' });
  const metricInfo = q.kind === 'metric' ? catalogue.data?.metrics.find((m) => m.name === q.metric) : undefined;
  const aggregations = metricInfo ? aggregationsFor(metricInfo.type) : AGGREGATIONS;
  const text = (v: string | null | undefined) => v ?? '';
  const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

  return (
    <div className="panel panel-editor" data-testid="panel-editor" role="dialog" aria-label={`Edit panel ${panel.title}`}>
      <h2>Edit panel</h2>
      <div className="panel-editor-layout">
        <form
          className="panel-editor-form"
          onSubmit={(e) => {
            e.preventDefault();
            const t = parseThresholds(thresholds);
            onApply({ ...draft, thresholds: t.length ? t : undefined });
          }}
        >
          <div className="search-form">
            <label className="grow">
              Title
              <input value={draft.title} onChange={(e) => set({ title: e.target.value })} required maxLength={200} data-testid="editor-title" />
            </label>
            <label>
              Type
              <select value={draft.type} onChange={(e) => set({ type: e.target.value as PanelType })} data-testid="editor-type">
                {TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <label>
              Unit
              <select value={draft.unit ?? 'short'} onChange={(e) => set({ unit: e.target.value as PanelUnit })} data-testid="editor-unit">
                {UNITS.map((u) => (
                  <option key={u}>{u}</option>
                ))}
              </select>
            </label>
            <label>
              Decimals
              <select value={draft.decimals ?? ''} onChange={(e) => set({ decimals: e.target.value === '' ? undefined : Number(e.target.value) })} data-testid="editor-decimals">
                <option value="">auto</option>
                {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
            <label className="grow">
              Thresholds (value:colour, …)
              <input value={thresholds} onChange={(e) => setThresholds(e.target.value)} placeholder="500:orange, 1000:red" data-testid="editor-thresholds" />
            </label>
          </div>
          <div className="search-form">
            <label>
              Query
              <select value={q.kind} onChange={(e) => set({ query: defaultQuery(e.target.value as PanelQuery['kind']) })} data-testid="editor-kind">
                {KINDS.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            </label>
            {q.kind === 'metric' && (
              <>
                <label className="grow">
                  Metric
                  <input value={q.metric} onChange={(e) => setQuery({ metric: e.target.value.trim() })} required placeholder="http.server.request.duration" list="editor-metrics" data-testid="editor-metric" />
                  <datalist id="editor-metrics">
                    {(catalogue.data?.metrics ?? []).map((m) => (
                      <option key={m.name} value={m.name} />
                    ))}
                  </datalist>
                </label>
                <label>
                  Aggregation
                  <select value={q.aggregation ?? ''} onChange={(e) => setQuery({ aggregation: e.target.value || undefined })} data-testid="editor-aggregation">
                    <option value="">{metricInfo ? `default (${aggregations[0]})` : 'default'}</option>
                    {q.aggregation && !aggregations.includes(q.aggregation) && <option value={q.aggregation}>{q.aggregation}</option>}
                    {aggregations.map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="grow">
                  Group by (comma-separated)
                  <input
                    value={(q.groupBy ?? []).join(', ')}
                    onChange={(e) => setQuery({ groupBy: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })}
                    placeholder="resource.k8s.pod.name"
                    data-testid="editor-groupby"
                  />
                </label>
                <label className="grow">
                  Filters (label=value, one a line; ${'{var}'} allowed)
                  <textarea
                    rows={2}
                    value={filters}
                    onChange={(e) => {
                      setFilters(e.target.value);
                      setQuery({ filters: parseFilters(e.target.value) });
                    }}
                    placeholder="service.name=${service}"
                    data-testid="editor-filters"
                  />
                </label>
              </>
            )}
            {q.kind !== 'metric' && (
              <label>
                Service
                <input value={text(q.service)} onChange={(e) => setQuery({ service: q.kind === 'golden-signals' ? e.target.value.trim() : orNull(e.target.value) })} placeholder="${service}" data-testid="editor-service" />
              </label>
            )}
            {(q.kind === 'golden-signals' || q.kind === 'span-count') && (
              <label>
                Operation
                <input value={text(q.operation)} onChange={(e) => setQuery({ operation: orNull(e.target.value) })} placeholder="any" data-testid="editor-operation" />
              </label>
            )}
            {q.kind === 'golden-signals' && (
              <label>
                Signal
                <select value={q.signal} onChange={(e) => setQuery({ signal: e.target.value })} data-testid="editor-signal">
                  {SIGNALS.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            )}
            {q.kind === 'span-count' && (
              <label>
                Status
                <select value={q.status ?? ''} onChange={(e) => setQuery({ status: e.target.value || null })} data-testid="editor-status">
                  <option value="">any</option>
                  <option value="error">error</option>
                  <option value="ok">ok</option>
                </select>
              </label>
            )}
            {q.kind === 'log-count' && (
              <>
                <label>
                  Least severity
                  <select value={q.severity ?? ''} onChange={(e) => setQuery({ severity: (e.target.value || null) as Severity | null })} data-testid="editor-severity">
                    <option value="">any</option>
                    {SEVERITIES.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                </label>
                <label className="grow">
                  Text
                  <input value={text(q.text)} onChange={(e) => setQuery({ text: orNull(e.target.value) })} placeholder="timeout" data-testid="editor-text" />
                </label>
              </>
            )}
          </div>
          <div className="form-actions">
            <button type="button" onClick={onCancel} data-testid="editor-cancel">
              Cancel
            </button>
            <button type="submit" className="primary" data-testid="editor-apply">
              Apply
            </button>
          </div>
        </form>
        <div className="panel-editor-preview" data-testid="editor-preview">
          <h3>{draft.title || 'Preview'}</h3>
          <PreviewBody panel={{ ...draft, thresholds: parseThresholds(thresholds) }} values={values} />
        </div>
      </div>
    </div>
  );
}

/** The preview queries only a query complete enough to ask (a metric needs its name). */
function PreviewBody({ panel, values }: { panel: Panel; values: VariableValues }) {
  if (panel.query.kind === 'metric' && !panel.query.metric) return <p className="muted">Name a metric to preview it.</p>;
  return <PanelView panel={panel} values={values} height={220} />;
}
