// The dependency graph as cytoscape elements: health colours, shapes by kind, edge labels.
import type { DependencyGraph } from '../api/types';
import { formatMs, formatPercent, formatRate } from '../shared/format';

export type Health = 'ok' | 'warn' | 'bad' | 'unknown';

/** Health from a node's error percentage: under 1% fine, under 5% degraded, else failing. */
export function health(spans: number | null, errors: number | null): Health {
  if (!spans) return 'unknown';
  const pct = (100 * (errors ?? 0)) / spans;
  return pct >= 5 ? 'bad' : pct >= 1 ? 'warn' : 'ok';
}

export function errorPercent(spans: number | null, errors: number | null): number | null {
  return spans ? (100 * (errors ?? 0)) / spans : null;
}

export function edgeLabel(calls: number, errors: number, p95: number | undefined, seconds: number): string {
  return `${formatRate(seconds > 0 ? calls / seconds : null)} · ${formatPercent(calls ? (100 * errors) / calls : 0)} · p95 ${formatMs(p95)}`;
}

export interface Element {
  group: 'nodes' | 'edges';
  data: Record<string, string | number | null>;
}

export function toElements(graph: DependencyGraph, seconds: number): Element[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const nodes: Element[] = graph.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.id,
      label: n.name,
      kind: n.kind,
      health: health(n.spans, n.errors),
      errorPercent: errorPercent(n.spans, n.errors),
    },
  }));
  const edges: Element[] = graph.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({
      group: 'edges',
      data: {
        id: `${e.source}->${e.target}`,
        source: e.source,
        target: e.target,
        label: edgeLabel(e.calls, e.errors, e.latencyMs?.p95, seconds),
        health: health(e.calls, e.errors),
      },
    }));
  return [...nodes, ...edges];
}

/** Whether the calls form a cycle (then a layered layout cannot order the nodes, and a force layout is used). */
export function hasCycle(graph: DependencyGraph): boolean {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!out.has(e.source)) out.set(e.source, []);
    out.get(e.source)!.push(e.target);
  }
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
  for (const start of out.keys()) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const targets = out.get(top.node) ?? [];
      if (top.next >= targets.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const t = targets[top.next++];
      const s = state.get(t);
      if (s === 1) return true;
      if (s === undefined) {
        state.set(t, 1);
        stack.push({ node: t, next: 0 });
      }
    }
  }
  return false;
}

/** Above this many edges, labels show only for the edge under the pointer or next to a selected node. */
export const EDGE_LABEL_LIMIT = 14;
