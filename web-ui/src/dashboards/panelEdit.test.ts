import { describe, expect, it } from 'vitest';
import type { Panel } from '../api/types';
import { duplicatePanel, formatFilters, formatThresholds, metricPanelQuery, newPanel, nextPanelId, parseFilters, parseThresholds, withPanel } from './panelEdit';

const panel = (id: string, y: number): Panel => ({ id, title: id, type: 'stat', grid: { x: 0, y, w: 4, h: 3 }, query: { kind: 'span-count' } });

describe('panel editing', () => {
  it('reads thresholds as typed, ascending, and writes them back', () => {
    const t = parseThresholds('1000:red, 500 : orange, nonsense, 2.5:#00ff00');
    expect(t).toEqual([{ value: 2.5, color: '#00ff00' }, { value: 500, color: 'orange' }, { value: 1000, color: 'red' }]);
    expect(formatThresholds(t)).toBe('2.5:#00ff00, 500:orange, 1000:red');
  });
  it('reads one filter per line and writes them back', () => {
    const f = parseFilters('service.name=${service}\n\nnot a filter\nhttp.route = /cart ');
    expect(f).toEqual({ 'service.name': '${service}', 'http.route': '/cart' });
    expect(formatFilters(f)).toBe('service.name=${service}\nhttp.route=/cart');
  });
  it('gives new panels and copies ids of their own, below the others', () => {
    const panels = [panel('p1', 0), panel('p3', 3)];
    expect(nextPanelId(panels)).toBe('p4');
    expect(newPanel(panels, { kind: 'log-count' }).grid).toEqual({ x: 0, y: 6, w: 6, h: 6 });
    const copied = duplicatePanel(panels, 'p1');
    expect(copied).toHaveLength(3);
    expect(copied[2]).toEqual({ ...panels[0], id: 'p4', grid: { x: 0, y: 6, w: 4, h: 3 } });
    expect(copied[2].query).not.toBe(panels[0].query);
  });
});

describe('saving an explorer query as a panel', () => {
  it('carries metric, aggregation, filters and group-by', () => {
    const q = metricPanelQuery({ name: 'k8s.pod.cpu_limit_utilization', agg: '', filters: ['resource.k8s.namespace.name=shop', 'service.name=cart'], groupBy: ['resource.k8s.pod.name'] }, 'avg');
    expect(q).toEqual({ kind: 'metric', metric: 'k8s.pod.cpu_limit_utilization', aggregation: 'avg', filters: { 'resource.k8s.namespace.name': 'shop', 'service.name': 'cart' }, groupBy: ['resource.k8s.pod.name'] });
    expect(metricPanelQuery({ name: 'm', agg: 'p99', filters: [], groupBy: [] }, 'p50')).toMatchObject({ aggregation: 'p99', filters: {}, groupBy: [] });
  });
  it('adds the panel full width below the others, under a new id', () => {
    const doc = withPanel({ title: 'd', panels: [panel('p1', 0)] }, { title: 'cpu', type: 'timeseries', query: { kind: 'metric', metric: 'm' } });
    expect(doc.panels[1]).toEqual({ id: 'p2', title: 'cpu', type: 'timeseries', grid: { x: 0, y: 3, w: 12, h: 8 }, query: { kind: 'metric', metric: 'm' } });
  });
});
