import { describe, expect, it } from 'vitest';
import { aggregationsFor, groupKeys, parseFilter, queryParams, summarise } from './explorer';

describe('the explorer query', () => {
  it('offers rate first for counters and quantiles for histograms', () => {
    expect(aggregationsFor('counter')[0]).toBe('rate');
    expect(aggregationsFor('histogram')).toEqual(['p50', 'p90', 'p95', 'p99']);
    expect(aggregationsFor('gauge')[0]).toBe('avg');
  });

  it('joins filters and group-by keys the way the API takes them, leaving out what is not set', () => {
    expect(queryParams({ name: 'http.server.duration', agg: 'p99', filters: ['service.name=cart', 'http.method=GET'], groupBy: ['http.route'], step: '' }))
      .toEqual({ name: 'http.server.duration', agg: 'p99', filter: 'service.name=cart,http.method=GET', groupBy: 'http.route', step: undefined });
    expect(queryParams({ name: 'm', agg: '', filters: [], groupBy: [], step: '1m' }))
      .toEqual({ name: 'm', agg: undefined, filter: undefined, groupBy: undefined, step: '1m' });
  });

  it('accepts a filter only as key=value without commas', () => {
    expect(parseFilter(' service.name = cart ')).toBe('service.name=cart');
    expect(parseFilter('a=b=c')).toBe('a=b=c');
    expect(parseFilter('=cart')).toBeNull();
    expect(parseFilter('service.name=')).toBeNull();
    expect(parseFilter('service.name=a,b')).toBeNull();
    expect(parseFilter('cart')).toBeNull();
  });
});

describe('group keys', () => {
  it('offers the service, the point attributes, and the resource attributes with their prefix, once each', () => {
    expect(groupKeys({ name: 'm', type: 'gauge', unit: '1', description: '', labelKeys: ['http.route'], resourceKeys: ['k8s.pod.name', 'service.name'] }))
      .toEqual(['service.name', 'http.route', 'resource.k8s.pod.name']);
  });
});

describe('series summaries', () => {
  it('takes the last value that exists, and the average and maximum of the values', () => {
    const s = summarise({ labels: { pod: 'a' }, points: [{ time: 't1', value: 1 }, { time: 't2', value: 3 }, { time: 't3', value: null }] }, 'm');
    expect(s).toEqual({ label: 'pod=a', last: 3, avg: 2, max: 3 });
  });

  it('names a series without labels after the metric, and has no figures without values', () => {
    expect(summarise({ labels: {}, points: [{ time: 't1', value: null }] }, 'cpu')).toEqual({ label: 'cpu', last: null, avg: null, max: null });
  });
});
