// The metrics with points in the time range: searchable by name, each with its type and unit.
import { useMemo, useState } from 'react';
import type { MetricInfo } from '../api/types';

export function MetricCatalogue({ metrics, selected, onSelect }: { metrics: MetricInfo[]; selected: string | null; onSelect: (name: string) => void }) {
  const [text, setText] = useState('');
  const shown = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return metrics.filter((m) => words.every((w) => m.name.toLowerCase().includes(w) || m.description.toLowerCase().includes(w)));
  }, [metrics, text]);
  return (
    <div className="metric-catalogue">
      <label className="search-field">
        <span className="sr-only">Search metrics</span>
        <input type="search" placeholder={`Search ${metrics.length} metrics`} value={text} onChange={(e) => setText(e.target.value)} data-testid="metric-search" />
      </label>
      <ul className="metric-list" data-testid="metric-list">
        {shown.map((m) => (
          <li key={m.name}>
            <button
              type="button"
              className={`metric-item ${selected === m.name ? 'selected' : ''}`}
              data-testid="metric-item"
              data-metric={m.name}
              aria-pressed={selected === m.name}
              onClick={() => onSelect(m.name)}
              title={m.description || m.name}
            >
              <span className="metric-name mono">{m.name}</span>
              <span className="metric-type muted small">
                {m.type}
                {m.unit ? ` · ${m.unit}` : ''}
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted small">No metric matches “{text}”.</li>}
      </ul>
    </div>
  );
}
