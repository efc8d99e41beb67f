import { describe, expect, it } from 'vitest';
import type { PanelQuery } from '../api/types';
import { ALL, panelRequest, referencedVariables, requestKey, substitute, toFrame } from './panelQuery';

const W = { from: '2026-11-22T10:00:00Z', to: '2026-11-22T11:00:00Z' };

describe('variable substitution', () => {
  it('replaces each ${name} by its value', () => {
    expect(substitute('${service}', { service: 'cart' })).toBe('cart');
    expect(substitute('pod-${ns}-${n}', { ns: 'shop', n: '1' })).toBe('pod-shop-1');
    expect(referencedVariables('a ${x} b ${y_2}')).toEqual(['x', 'y_2']);
  });
  it('drops the filter when a variable is All or has no value', () => {
    expect(substitute('${service}', { service: ALL })).toBeNull();
    expect(substitute('prefix-${service}', { service: '' })).toBeNull();
    expect(substitute('', {})).toBeNull();
    expect(substitute(null, {})).toBeNull();
  });
  it('leaves unknown names and plain text as written', () => {
    expect(substitute('${nope}', { service: 'cart' })).toBe('${nope}');
    expect(substitute('checkout', {})).toBe('checkout');
  });
});

describe('the request of each panel kind', () => {
  it('metric: name, aggregation, filters joined (All dropped), group-by', () => {
    const q: PanelQuery = {
      kind: 'metric', metric: 'http.server.request.duration', aggregation: 'p95',
      filters: { 'service.name': '${service}', 'http.route': '/cart', 'resource.k8s.namespace.name': '${ns}' },
      groupBy: ['http.route', 'resource.k8s.pod.name'],
    };
    expect(panelRequest(q, { service: 'cart', ns: ALL }, W)).toEqual({
      path: '/api/v1/metrics/query',
      params: { name: 'http.server.request.duration', agg: 'p95', filter: 'service.name=cart,http.route=/cart', groupBy: 'http.route,resource.k8s.pod.name', ...W },
    });
    expect(panelRequest({ kind: 'metric', metric: 'm' }, {}, W).params).toEqual({ name: 'm', agg: undefined, filter: undefined, groupBy: undefined, ...W });
  });
  it('golden-signals: one service, or every service when it is All', () => {
    const q: PanelQuery = { kind: 'golden-signals', service: '${service}', operation: null, signal: 'rate' };
    expect(panelRequest(q, { service: 'cart' }, W)).toEqual({ path: '/api/v1/golden-signals', params: { service: 'cart', operation: undefined, ...W } });
    expect(panelRequest(q, { service: ALL }, W)).toEqual({ path: '/api/v1/golden-signals/services', params: W });
  });
  it('span-count: the span volume API with its start/end window', () => {
    const q: PanelQuery = { kind: 'span-count', service: '${service}', operation: 'GET /cart', status: 'error' };
    expect(panelRequest(q, { service: 'cart' }, W)).toEqual({
      path: '/api/v1/traces/volume', params: { service: 'cart', operation: 'GET /cart', status: 'error', start: W.from, end: W.to },
    });
  });
  it('log-count: the log volume API with severity and text', () => {
    const q: PanelQuery = { kind: 'log-count', service: '${service}', severity: 'ERROR', text: 'timeout' };
    expect(panelRequest(q, { service: ALL }, W)).toEqual({ path: '/api/v1/logs/volume', params: { service: undefined, severity: 'ERROR', q: 'timeout', ...W } });
  });
});

describe('request keys', () => {
  it('are shared by panels asking the same whatever figure they read, and differ by variables', () => {
    const rate: PanelQuery = { kind: 'golden-signals', service: '${service}', signal: 'rate' };
    const p99: PanelQuery = { ...rate, signal: 'p99' };
    expect(requestKey(rate, { service: 'cart' })).toEqual(requestKey(p99, { service: 'cart' }));
    expect(requestKey(rate, { service: 'cart' })).not.toEqual(requestKey(rate, { service: 'web' }));
    expect(requestKey({ kind: 'span-count', status: 'error' }, {})).not.toEqual(requestKey({ kind: 'span-count', status: 'ok' }, {}));
  });
});

describe('answers as frames', () => {
  it('metric: one series per label set, the value is the first series\' last point', () => {
    const frame = toFrame({ kind: 'metric', metric: 'm' }, {
      name: 'm', type: 'gauge', unit: '1', aggregation: 'avg', stepSeconds: 60, from: W.from, to: W.to,
      series: [
        { labels: { pod: 'a' }, points: [{ time: '2026-11-22T10:00:00Z', value: 1 }, { time: '2026-11-22T10:01:00Z', value: 2 }, { time: '2026-11-22T10:02:00Z', value: null }] },
        { labels: { pod: 'b' }, points: [{ time: '2026-11-22T10:00:00Z', value: 5 }, { time: '2026-11-22T10:01:00Z', value: null }, { time: '2026-11-22T10:02:00Z', value: 7 }] },
      ],
    });
    expect(frame.x).toEqual([Date.parse(W.from) / 1000, Date.parse(W.from) / 1000 + 60, Date.parse(W.from) / 1000 + 120]);
    expect(frame.series.map((s) => s.label)).toEqual(['pod=a', 'pod=b']);
    expect(frame.value).toBe(2);
    expect(toFrame({ kind: 'metric', metric: 'm' }, null)).toEqual({ x: [], series: [], value: null });
  });
  it('golden-signals: the chosen signal of each point; p95 is read where the API answers it', () => {
    const values = (rps: number, p95?: number) => ({ requests: 1, requestsPerSecond: rps, errors: 0, errorsPerSecond: 0, errorPercent: 2.5, latencyMs: { p50: 1, p90: 2, p99: 3, ...(p95 === undefined ? {} : { p95 }) }, saturation: null });
    const answer = { service: 'cart', operation: null, stepSeconds: 60, from: W.from, to: W.to, points: [{ time: W.from, values: values(1.5) }, { time: '2026-11-22T10:01:00Z', values: values(2.5, 9) }] };
    expect(toFrame({ kind: 'golden-signals', service: 'cart', signal: 'rate' }, answer).value).toBe(2.5);
    expect(toFrame({ kind: 'golden-signals', service: 'cart', signal: 'errorRate' }, answer).series[0].values).toEqual([2.5, 2.5]);
    expect(toFrame({ kind: 'golden-signals', service: 'cart', signal: 'p95' }, answer).series[0].values).toEqual([null, 9]);
    const all = { from: W.from, to: W.to, stepSeconds: 60, services: [{ service: 'cart', values: values(1), points: [{ time: W.from, values: values(4) }] }, { service: 'web', values: values(1), points: [{ time: W.from, values: values(6) }] }] };
    expect(toFrame({ kind: 'golden-signals', service: '*', signal: 'rate' }, all).series).toEqual([{ label: 'cart', values: [4] }, { label: 'web', values: [6] }]);
  });
  it('span-count: counts per step, the value is the total', () => {
    const frame = toFrame({ kind: 'span-count' }, { start: W.from, end: W.to, step: '60s', points: [{ time: W.from, count: 3 }, { time: '2026-11-22T10:01:00Z', count: 4 }], total: 7 });
    expect(frame.series).toEqual([{ label: 'spans', values: [3, 4] }]);
    expect(frame.value).toBe(7);
  });
  it('log-count: every severity class of a bucket counted, the value is the sum', () => {
    const frame = toFrame({ kind: 'log-count', severity: 'ERROR' }, {
      from: W.from, to: W.to, stepSeconds: 60,
      points: [{ time: W.from, counts: { INFO: 0, ERROR: 2, FATAL: 1 } }, { time: '2026-11-22T10:01:00Z', counts: { ERROR: 4 } }],
    });
    expect(frame.series[0].values).toEqual([3, 4]);
    expect(frame.value).toBe(7);
  });
});
