import { describe, expect, it } from 'vitest';
import { buildSpanTree, visibleRows } from './spanTree';
import { span } from './testSpans';

const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

describe('buildSpanTree', () => {
  it('orders parents before children and siblings by start time, whatever order the spans arrive in', () => {
    const tree = buildSpanTree([span('c', 'a', 30, 5), span('b', 'a', 10, 5), span('d', 'b', 12, 1), span('a', null, 0, 50)]);
    expect(ids(tree.order)).toEqual(['a', 'b', 'd', 'c']);
    expect(tree.order.map((n) => n.depth)).toEqual([0, 1, 2, 1]);
    expect(tree.duration).toBe(50_000_000);
  });

  it('measures start offsets from the earliest span, to the nanosecond', () => {
    const a = span('a', null, 0, 1);
    a.startTime = '2026-01-01T00:00:00.000000100Z';
    const b = span('b', 'a', 0, 1);
    b.startTime = '2026-01-01T00:00:00.000000350Z';
    const tree = buildSpanTree([b, a]);
    expect(tree.byId.get('b')!.start).toBe(250);
    expect(tree.startTime).toBe(a.startTime);
  });

  it('makes a span whose parent is missing a root marked as orphan', () => {
    const tree = buildSpanTree([span('a', null, 0, 10), span('x', 'missing', 5, 2), span('y', 'x', 6, 1)]);
    expect(ids(tree.roots)).toEqual(['a', 'x']);
    expect(tree.byId.get('x')!.orphan).toBe(true);
    expect(tree.byId.get('a')!.orphan).toBe(false);
    expect(tree.byId.get('y')!.depth).toBe(1);
  });

  it('cuts a parent cycle so that every span appears exactly once', () => {
    const tree = buildSpanTree([span('a', null, 0, 10), span('p', 'q', 1, 5), span('q', 'p', 2, 5), span('r', 'q', 3, 1)]);
    expect(tree.order).toHaveLength(4);
    expect(new Set(ids(tree.order))).toEqual(new Set(['a', 'p', 'q', 'r']));
    const cut = tree.roots.filter((r) => r.cycle);
    expect(ids(cut)).toEqual(['p']);
    expect(ids(tree.order)).toEqual(['a', 'p', 'q', 'r']);
  });

  it('treats a span that names itself as parent as a root', () => {
    const tree = buildSpanTree([span('a', 'a', 0, 1)]);
    expect(ids(tree.roots)).toEqual(['a']);
  });

  it('shows a span delivered twice once', () => {
    const tree = buildSpanTree([span('a', null, 0, 1), span('a', null, 0, 1)]);
    expect(tree.order).toHaveLength(1);
  });

  it('marks error spans and lists the services', () => {
    const tree = buildSpanTree([
      span('a', null, 0, 10, { serviceName: 'frontend' }),
      span('b', 'a', 1, 2, { serviceName: 'cart', status: { code: 'ERROR', message: 'boom' } }),
    ]);
    expect(tree.byId.get('b')!.error).toBe(true);
    expect(tree.byId.get('a')!.error).toBe(false);
    expect(tree.services).toEqual(['cart', 'frontend']);
  });

  it('builds a 10,000-span trace quickly, even as a single deep chain', () => {
    const spans = [span('s0', null, 0, 20_000)];
    for (let i = 1; i < 10_000; i++) spans.push(span(`s${i}`, `s${i - 1}`, i, 20_000 - 2 * i));
    const t0 = performance.now();
    const tree = buildSpanTree(spans);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(tree.order).toHaveLength(10_000);
    expect(tree.byId.get('s9999')!.depth).toBe(9999);
  });

  it('handles an empty trace', () => {
    const tree = buildSpanTree([]);
    expect(tree.order).toEqual([]);
    expect(tree.duration).toBe(0);
  });
});

describe('visibleRows', () => {
  const tree = buildSpanTree([
    span('a', null, 0, 50),
    span('b', 'a', 1, 10),
    span('c', 'b', 2, 5),
    span('d', 'a', 20, 5),
    span('o', 'missing', 30, 1),
  ]);

  it('shows everything when nothing is collapsed', () => {
    expect(ids(visibleRows(tree, new Set()))).toEqual(['a', 'b', 'c', 'd', 'o']);
  });

  it('hides the descendants of a collapsed span, and only those', () => {
    expect(ids(visibleRows(tree, new Set(['b'])))).toEqual(['a', 'b', 'd', 'o']);
    expect(ids(visibleRows(tree, new Set(['a'])))).toEqual(['a', 'o']);
  });
});
