// Builds the span tree of a trace in O(n) (plus sorting each span's children by start time), whatever the
// trace holds: spans whose parent never arrived (orphans) become roots, and parent cycles — which only broken
// instrumentation produces — are cut so that every span is shown exactly once.
import type { Span } from '../../../api/types';
import { nanosSince, parseTime } from '../../../shared/format';

export interface SpanNode {
  span: Span;
  id: string;
  parent: SpanNode | null;
  children: SpanNode[];
  depth: number;
  /** Nanoseconds from the trace's first span start. */
  start: number;
  end: number;
  error: boolean;
  /** It names a parent that is not in the trace. */
  orphan: boolean;
  /** Its parent link was cut because it closed a cycle. */
  cycle: boolean;
}

export interface SpanTree {
  roots: SpanNode[];
  byId: Map<string, SpanNode>;
  /** Every node, parents before children, siblings by start time (the waterfall's row order). */
  order: SpanNode[];
  /** The first span's start, RFC 3339. */
  startTime: string | null;
  /** From the first start to the last end, nanoseconds. */
  duration: number;
  services: string[];
}

const byStart = (a: SpanNode, b: SpanNode) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildSpanTree(spans: Span[]): SpanTree {
  const byId = new Map<string, SpanNode>();
  const nodes: SpanNode[] = [];
  if (spans.length === 0) return { roots: [], byId, order: [], startTime: null, duration: 0, services: [] };

  const times = spans.map((s) => parseTime(s.startTime));
  let base = times[0];
  let baseIndex = 0;
  for (let i = 1; i < times.length; i++) {
    if (nanosSince(times[i], base) < 0) {
      base = times[i];
      baseIndex = i;
    }
  }

  const services = new Set<string>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (byId.has(span.spanId)) continue; // a duplicate delivery of the same span: show it once
    const start = nanosSince(times[i], base);
    const node: SpanNode = {
      span,
      id: span.spanId,
      parent: null,
      children: [],
      depth: 0,
      start,
      end: start + Math.max(0, span.durationNanos),
      error: span.status?.code === 'ERROR',
      orphan: false,
      cycle: false,
    };
    byId.set(node.id, node);
    nodes.push(node);
    services.add(span.serviceName);
  }

  const roots: SpanNode[] = [];
  for (const node of nodes) {
    const parentId = node.span.parentSpanId;
    const parent = parentId && parentId !== node.id ? byId.get(parentId) : undefined;
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      node.orphan = Boolean(parentId);
      roots.push(node);
    }
  }
  for (const node of nodes) if (node.children.length > 1) node.children.sort(byStart);
  roots.sort(byStart);

  const visited = new Set<SpanNode>();
  const order: SpanNode[] = [];
  const walk = (root: SpanNode) => {
    const stack: SpanNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (visited.has(node)) continue;
      visited.add(node);
      node.depth = node.parent ? node.parent.depth + 1 : 0;
      order.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  };
  for (const root of roots) walk(root);

  if (visited.size < nodes.length) {
    // What is left hangs off a cycle: cut the earliest remaining span from its parent and walk from it,
    // until every span is placed.
    const rest = nodes.filter((n) => !visited.has(n)).sort(byStart);
    for (const node of rest) {
      if (visited.has(node)) continue;
      const parent = node.parent!;
      parent.children = parent.children.filter((c) => c !== node);
      node.parent = null;
      node.cycle = true;
      roots.push(node);
      walk(node);
    }
  }

  let duration = 0;
  for (const node of nodes) if (node.end > duration) duration = node.end;

  return {
    roots,
    byId,
    order,
    startTime: spans[baseIndex].startTime,
    duration,
    services: [...services].sort(),
  };
}

/** The rows to show: the tree in order, without the descendants of collapsed spans. */
export function visibleRows(tree: SpanTree, collapsed: ReadonlySet<string>): SpanNode[] {
  if (collapsed.size === 0) return tree.order;
  const rows: SpanNode[] = [];
  let skipBelowDepth = -1;
  for (const node of tree.order) {
    if (skipBelowDepth >= 0) {
      if (node.depth > skipBelowDepth) continue;
      skipBelowDepth = -1;
    }
    rows.push(node);
    if (collapsed.has(node.id) && node.children.length > 0) skipBelowDepth = node.depth;
  }
  return rows;
}

/** Every descendant count, for "n spans hidden" hints. */
export function descendantCount(node: SpanNode): number {
  let count = 0;
  const stack = [...node.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    count++;
    for (const c of n.children) stack.push(c);
  }
  return count;
}
