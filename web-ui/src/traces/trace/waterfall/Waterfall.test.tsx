// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { criticalPath } from './criticalPath';
import { buildSpanTree } from './spanTree';
import { span } from './testSpans';
import { Waterfall } from './Waterfall';

afterEach(cleanup);

// jsdom has no layout: give every element the size of a 30-row viewport, and a ResizeObserver that never fires.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 840 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

function bigTrace(n: number) {
  // A root with 100 children, each with 99 grandchildren: 10,000 spans.
  const spans = [span('root', null, 0, 10_000)];
  for (let c = 0; c < 100 && spans.length < n; c++) {
    spans.push(span(`c${c}`, 'root', c * 90, 80, { serviceName: `svc${c % 5}` }));
    for (let g = 0; g < 99 && spans.length < n; g++) {
      spans.push(span(`c${c}g${g}`, `c${c}`, c * 90 + g * 0.5, 1, g === 7 ? { status: { code: 'ERROR', message: 'x' } } : {}));
    }
  }
  return spans;
}

describe('Waterfall', () => {
  it('draws only the rows in view of a 10,000-span trace, with the attributes the browser tests read', () => {
    const tree = buildSpanTree(bigTrace(10_000));
    const critical = criticalPath(tree);
    expect(tree.order).toHaveLength(10_000);
    const t0 = performance.now();
    render(<Waterfall tree={tree} critical={critical} selected={null} onSelect={() => {}} />);
    const elapsed = performance.now() - t0;
    const rows = screen.getAllByTestId('span-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(elapsed).toBeLessThan(2000);
    const root = rows[0];
    expect(root.dataset.spanId).toBe('root');
    expect(root.dataset.depth).toBe('0');
    expect(root.dataset.critical).toBe('true');
    expect(root.dataset.error).toBe('false');
    expect(rows[1].dataset.depth).toBe('1');
    expect(rows[1].dataset.service).toBe('svc0');
    expect(rows.find((r) => r.dataset.spanId === 'c0g7')!.dataset.error).toBe('true');
  });

  it('collapses and expands a span with its toggle', () => {
    const tree = buildSpanTree([span('a', null, 0, 10), span('b', 'a', 1, 5), span('c', 'b', 2, 1), span('d', 'a', 7, 1)]);
    render(<Waterfall tree={tree} critical={criticalPath(tree)} selected={null} onSelect={() => {}} />);
    const ids = () => screen.getAllByTestId('span-row').map((r) => r.dataset.spanId);
    expect(ids()).toEqual(['a', 'b', 'c', 'd']);
    const b = screen.getAllByTestId('span-row')[1];
    act(() => void fireEvent.click(b.querySelector('[data-testid="span-toggle"]')!));
    expect(ids()).toEqual(['a', 'b', 'd']);
    act(() => void fireEvent.click(screen.getAllByTestId('span-row')[1].querySelector('[data-testid="span-toggle"]')!));
    expect(ids()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('selects a span on Enter and collapses it on ArrowLeft', () => {
    const tree = buildSpanTree([span('a', null, 0, 10), span('b', 'a', 1, 5), span('c', 'b', 2, 1)]);
    const onSelect = vi.fn();
    render(<Waterfall tree={tree} critical={criticalPath(tree)} selected={null} onSelect={onSelect} />);
    const b = screen.getAllByTestId('span-row')[1];
    fireEvent.keyDown(b, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith('b');
    act(() => void fireEvent.keyDown(b, { key: 'ArrowLeft' }));
    expect(screen.getAllByTestId('span-row').map((r) => r.dataset.spanId)).toEqual(['a', 'b']);
  });
});
