// The query of one metric: aggregation, filters, group-by and step. Every change goes to the URL at once.
import { useState } from 'react';
import type { MetricInfo } from '../api/types';
import { aggregationsFor, groupKeys, parseFilter, type MetricQueryModel } from './explorer';

const STEPS = ['', '10s', '30s', '1m', '5m', '15m', '1h'];

export function MetricQueryForm({
  metric,
  model,
  onChange,
}: {
  metric: MetricInfo;
  model: MetricQueryModel;
  onChange: (next: MetricQueryModel) => void;
}) {
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const aggs = aggregationsFor(metric.type);
  const addFilter = (text: string) => {
    const f = parseFilter(text);
    if (!f) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setDraft('');
    if (!model.filters.includes(f)) onChange({ ...model, filters: [...model.filters, f] });
  };
  return (
    <div className="metric-query" data-testid="metric-query">
      <div className="search-form">
        <label>
          Aggregation
          <select value={model.agg || aggs[0]} onChange={(e) => onChange({ ...model, agg: e.target.value })} data-testid="metric-agg">
            {aggs.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Step
          <select value={model.step} onChange={(e) => onChange({ ...model, step: e.target.value })} data-testid="metric-step">
            {STEPS.map((s) => (
              <option key={s} value={s}>
                {s || 'auto'}
              </option>
            ))}
          </select>
        </label>
        <form
          className="filter-add"
          onSubmit={(e) => {
            e.preventDefault();
            addFilter(draft);
          }}
        >
          <label className="grow">
            Filter (label=value)
            <input
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="service.name=cart"
              aria-invalid={invalid}
              data-testid="metric-filter-input"
            />
          </label>
          <button type="submit" data-testid="metric-filter-add">
            Add
          </button>
        </form>
      </div>
      {invalid && (
        <p className="bad small" role="alert">
          A filter is label=value, without commas.
        </p>
      )}
      {model.filters.length > 0 && (
        <ul className="chips" data-testid="metric-filters" aria-label="Filters">
          {model.filters.map((f) => (
            <li key={f} className="chip" data-testid="metric-filter" data-filter={f}>
              {f}{' '}
              <button type="button" className="chip-remove" aria-label={`Remove filter ${f}`} onClick={() => onChange({ ...model, filters: model.filters.filter((x) => x !== f) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {groupKeys(metric).length > 0 && (
        <fieldset className="group-by">
          <legend>Group by</legend>
          {groupKeys(metric).map((k) => (
            <label key={k} className="toggle">
              <input
                type="checkbox"
                checked={model.groupBy.includes(k)}
                disabled={!model.groupBy.includes(k) && model.groupBy.length >= 5}
                onChange={(e) => onChange({ ...model, groupBy: e.target.checked ? [...model.groupBy, k] : model.groupBy.filter((x) => x !== k) })}
                data-testid="metric-groupby"
                data-key={k}
              />{' '}
              <span className="mono">{k}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
