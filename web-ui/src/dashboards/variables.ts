// A dashboard's variables: their values live in the URL as `var-NAME` (a shared link shows the same panels).
import { api } from '../api/client';
import type { DashboardVariable } from '../api/types';
import { stepCoveringWindow } from '../metrics/LabelValues';
import { ALL, type VariableValues } from './panelQuery';

export const paramOf = (name: string) => `var-${name}`;

/** Each variable's value: the URL's, else its default, else All when it offers All, else none (filter dropped). */
export function resolveVariables(variables: DashboardVariable[] | undefined, params: URLSearchParams): VariableValues {
  const out: VariableValues = {};
  for (const v of variables ?? []) {
    out[v.name] = params.get(paramOf(v.name)) ?? v.default ?? (v.includeAll ? ALL : '');
  }
  return out;
}

/** The values a variable offers over a window, from its source, sorted. */
export async function variableOptions(v: DashboardVariable, w: { from: string; to: string }, signal?: AbortSignal): Promise<string[]> {
  switch (v.source.kind) {
    case 'custom':
      return v.source.values;
    case 'services':
      return (await api.services(w, signal)).services.map((s) => s.name).sort();
    case 'metric-label': {
      const { metric, label } = v.source;
      // One bucket over the window per distinct value: the label's values, whatever the metric's points.
      const answer = await api.metricQuery({ ...w, name: metric, agg: 'count', groupBy: label, step: `${stepCoveringWindow(w)}s` }, signal);
      return [...new Set(answer.series.map((s) => s.labels[label] ?? '').filter(Boolean))].sort();
    }
  }
}
