import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../api/types';
import { edgeLabel, hasCycle, health, toElements } from './graphModel';

const edge = (source: string, target: string, calls = 10, errors = 0) => ({ source, target, calls, errors, latencyMs: { p50: 1, p95: 2, p99: 3 } });
const node = (id: string, kind = 'service', spans: number | null = 100, errors: number | null = 0) => ({ id, name: id.replace(/^\w+:/, ''), kind, spans, errors });

describe('service map model', () => {
  it('colours by error percentage', () => {
    expect(health(100, 0)).toBe('ok');
    expect(health(100, 2)).toBe('warn');
    expect(health(100, 5)).toBe('bad');
    expect(health(null, null)).toBe('unknown');
    expect(health(0, 0)).toBe('unknown');
  });

  it('labels edges with calls per second, error percentage and p95', () => {
    expect(edgeLabel(600, 30, 12.4, 3600)).toBe('0.17/s · 5% · p95 12.4 ms');
  });

  it('keeps node kinds and drops edges to unknown nodes', () => {
    const graph: DependencyGraph = {
      nodes: [node('cart'), node('database:postgresql', 'database', null, null)],
      edges: [edge('cart', 'database:postgresql'), edge('cart', 'nowhere')],
    };
    const els = toElements(graph, 60);
    expect(els.filter((e) => e.group === 'nodes').map((e) => e.data.kind)).toEqual(['service', 'database']);
    expect(els.filter((e) => e.group === 'edges').map((e) => e.data.id)).toEqual(['cart->database:postgresql']);
  });

  it('finds cycles in the calls', () => {
    const nodes = [node('a'), node('b'), node('c')];
    expect(hasCycle({ nodes, edges: [edge('a', 'b'), edge('b', 'c'), edge('a', 'c')] })).toBe(false);
    expect(hasCycle({ nodes, edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')] })).toBe(true);
    expect(hasCycle({ nodes, edges: [edge('a', 'b'), edge('b', 'a')] })).toBe(true);
  });
});
