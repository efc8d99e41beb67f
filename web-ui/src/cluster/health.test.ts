import { describe, expect, it } from 'vitest';
import type { PodHealth, Usage } from '../api/types';
import { capacity, fractionUsed, selectPods, statusClass } from './health';

const usage = (u: Partial<Usage>): Usage => ({
  used: null, hourAverage: null, hourPeak: null, request: null, limit: null, allocatable: null, utilization: null, ...u,
});

const pod = (name: string, node: string, namespace: string, status: PodHealth['status']): PodHealth => ({
  namespace, name, node, workloadKind: 'deployment', workload: name.split('-')[0], status, reasons: [], phase: 'Running',
  restarts: 0, cpu: usage({}), memory: usage({}), lastSeen: null,
});

describe('usage against capacity', () => {
  it('measures a pod against its limit before its request', () => {
    expect(capacity(usage({ limit: 2, request: 1 }))).toEqual({ value: 2, name: 'limit' });
    expect(fractionUsed(usage({ used: 1.5, limit: 2, request: 1 }))).toBe(0.75);
  });

  it('measures a node against its allocatable', () => {
    expect(capacity(usage({ allocatable: 8 }))).toEqual({ value: 8, name: 'allocatable' });
  });

  it('falls back to the request when there is no limit', () => {
    expect(fractionUsed(usage({ used: 0.3, request: 0.1 }))).toBeCloseTo(3);
  });

  it('has no fraction when nothing bounds the use or the use is unknown', () => {
    expect(fractionUsed(usage({ used: 1 }))).toBeNull();
    expect(fractionUsed(usage({ limit: 1 }))).toBeNull();
  });
});

describe('pods of a node or namespace', () => {
  const pods = [
    pod('cart-1', 'node-1', 'shop', 'HEALTHY'),
    pod('ledger-0', 'node-2', 'payments', 'CRITICAL'),
    pod('frontend-1', 'node-1', 'shop', 'WARNING'),
    pod('coredns-1', 'node-2', 'kube-system', 'HEALTHY'),
  ];

  it('keeps only the chosen node, worst status first', () => {
    expect(selectPods(pods, { node: 'node-1' }).map((p) => p.name)).toEqual(['frontend-1', 'cart-1']);
  });

  it('combines node and namespace', () => {
    expect(selectPods(pods, { node: 'node-2', namespace: 'payments' }).map((p) => p.name)).toEqual(['ledger-0']);
  });

  it('lists every pod without a filter', () => {
    expect(selectPods(pods, {}).map((p) => p.name)).toEqual(['ledger-0', 'frontend-1', 'coredns-1', 'cart-1']);
  });
});

describe('status colours', () => {
  it('maps health and readiness to the same three colours', () => {
    expect(['HEALTHY', 'UP', 'WARNING', 'CRITICAL', 'DOWN', 'UNKNOWN'].map(statusClass)).toEqual(['h-ok', 'h-ok', 'h-warn', 'h-bad', 'h-bad', '']);
  });
});
