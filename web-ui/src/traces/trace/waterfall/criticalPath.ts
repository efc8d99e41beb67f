// The critical path: the spans whose time the trace's duration is made of. From the root's end, walk back:
// the child that finished last before that point was being waited for, so it is on the path (and, within
// it, the same rule again); before that child started, the next child that finished before then; and so on.
// The time no child covers is the span's own. The rule Jaeger UI uses, written for a tree of SpanNodes.
import type { SpanNode, SpanTree } from './spanTree';

export function criticalPath(tree: SpanTree): Set<string> {
  const path = new Set<string>();
  const root = mainRoot(tree);
  if (!root) return path;

  // Explicit stack: a deep trace (a long chain of spans) must not exhaust the call stack.
  const stack: { node: SpanNode; until: number }[] = [{ node: root, until: root.end }];
  while (stack.length > 0) {
    const { node, until } = stack.pop()!;
    path.add(node.id);
    const children = [...node.children].sort((a, b) => b.end - a.end);
    let cursor = Math.min(until, node.end);
    for (const child of children) {
      if (cursor <= node.start) break;
      // A child that started after the cursor ran while nothing waited for it (e.g. fire-and-forget).
      if (child.start >= cursor) continue;
      stack.push({ node: child, until: cursor });
      cursor = child.start;
    }
  }
  return path;
}

/** The span the trace's duration is measured from: the earliest real root, else the earliest span. */
function mainRoot(tree: SpanTree): SpanNode | undefined {
  return tree.roots.find((r) => !r.orphan && !r.cycle) ?? tree.roots[0];
}
