// The values one label takes in the time range (a group-by query of the metric), each a filter to add.
import { api } from '../api/client';
import { useRangeQuery } from '../shared/query';
import { QueryState } from '../shared/states';

export function LabelValues({ metric, labelKey, onPick }: { metric: string; labelKey: string; onPick: (filter: string) => void }) {
  const q = useRangeQuery(['metric-label-values', metric, labelKey], (w, _r, signal) =>
    api.metricQuery({ ...w, name: metric, agg: 'count', groupBy: labelKey, step: `${stepCoveringWindow(w)}s` }, signal),
  );
  return (
    <QueryState query={q} what={`values of ${labelKey}`} isEmpty={(d) => d.series.length === 0}>
      {(d) => (
        <ul className="label-values" data-testid="label-values" data-key={labelKey}>
          {d.series
            .map((s) => s.labels[labelKey] ?? '')
            .filter((v) => v !== '')
            .sort()
            .map((v) => (
              <li key={v}>
                <button type="button" className="chip" data-testid="label-value" data-value={v} onClick={() => onPick(`${labelKey}=${v}`)} title={`Filter on ${labelKey}=${v}`}>
                  {v}
                </button>
              </li>
            ))}
        </ul>
      )}
    </QueryState>
  );
}

/** One bucket over the whole window (whole seconds, at least one): only the distinct values matter here. */
export function stepCoveringWindow(w: { from: string; to: string }): number {
  return Math.max(1, Math.ceil((Date.parse(w.to) - Date.parse(w.from)) / 1000));
}
