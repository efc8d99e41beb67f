// What the panel editor and the edit mode make of a person's input: thresholds and filters as typed, new panels
// and copies with ids of their own.
import type { DashboardDocument, Panel, PanelQuery, Threshold } from '../api/types';
import { bottomSlot } from './layout';

/** `500:orange, 1000:red` as thresholds, ascending; entries that are not `number:colour` are left out. */
export function parseThresholds(text: string): Threshold[] {
  return text
    .split(',')
    .map((part) => /^\s*(-?\d+(?:\.\d+)?)\s*:\s*(\S+)\s*$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ value: Number(m[1]), color: m[2] }))
    .sort((a, b) => a.value - b.value);
}

export const formatThresholds = (t: Threshold[] | undefined) => (t ?? []).map((x) => `${x.value}:${x.color}`).join(', ');

/** One `label=value` per line as a filter map; lines without `=` are left out. */
export function parseFilters(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    if (key) out[key] = line.slice(i + 1).trim();
  }
  return out;
}

export const formatFilters = (f: Record<string, string> | undefined) => Object.entries(f ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');

/** `p1`, `p2`, …: the first id no panel has. */
export function nextPanelId(panels: Panel[]): string {
  const taken = new Set(panels.map((p) => p.id));
  let n = panels.length + 1;
  while (taken.has(`p${n}`)) n++;
  return `p${n}`;
}

/** A new panel below the others. */
export function newPanel(panels: Panel[], query: PanelQuery, title = 'New panel'): Panel {
  return { id: nextPanelId(panels), title, type: 'timeseries', grid: bottomSlot(panels), query };
}

/** The panels with a copy of `id` (its own id, below everything). */
export function duplicatePanel(panels: Panel[], id: string): Panel[] {
  const source = panels.find((p) => p.id === id);
  if (!source) return panels;
  const copy: Panel = { ...structuredClone(source), id: nextPanelId(panels), grid: bottomSlot(panels, source.grid.w, source.grid.h) };
  return [...panels, copy];
}

/** The query a panel of `kind` starts with when its kind is changed in the editor. */
export function defaultQuery(kind: PanelQuery['kind']): PanelQuery {
  switch (kind) {
    case 'metric':
      return { kind, metric: '', filters: {}, groupBy: [] };
    case 'golden-signals':
      return { kind, service: '', operation: null, signal: 'rate' };
    case 'span-count':
      return { kind, service: null, operation: null, status: null };
    case 'log-count':
      return { kind, service: null, severity: null, text: null };
  }
}

/** The metrics explorer's query as a panel's: metric, aggregation (the type's default when none is chosen), filters, group-by. */
export function metricPanelQuery(model: { name: string; agg: string; filters: string[]; groupBy: string[] }, defaultAggregation: string): PanelQuery {
  return { kind: 'metric', metric: model.name, aggregation: model.agg || defaultAggregation, filters: parseFilters(model.filters.join('\n')), groupBy: [...model.groupBy] };
}

/** The document with `panel` added below its panels under an id of its own. */
export function withPanel(doc: DashboardDocument, panel: Omit<Panel, 'id' | 'grid'>): DashboardDocument {
  const placed = { ...newPanel(doc.panels, panel.query, panel.title), ...panel, grid: bottomSlot(doc.panels, 12, 8) };
  return { ...doc, panels: [...doc.panels, placed] };
}
