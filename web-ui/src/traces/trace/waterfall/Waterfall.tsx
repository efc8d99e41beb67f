// The trace's span tree as a waterfall: one row per span (name column, then its bar on the trace's timeline).
// Rows are virtualised, so a 10,000-span trace draws only the few dozen rows on screen.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatNanos } from '../../../shared/format';
import { SpanRow, type RowModel } from './SpanRow';
import { visibleRows, type SpanTree } from './spanTree';
import { TimelineHeader } from './TimelineHeader';

const ROW_HEIGHT = 28;

export function Waterfall({
  tree,
  critical,
  selected,
  onSelect,
}: {
  tree: SpanTree;
  critical: ReadonlySet<string>;
  selected: string | null;
  onSelect: (spanId: string) => void;
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const scroller = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const serviceColour = useMemo(() => {
    const m = new Map<string, number>();
    tree.services.forEach((s, i) => m.set(s, i % 8));
    return m;
  }, [tree]);

  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (i) => rows[i].id,
    // Before the first measurement (and where nothing is measured, as in tests): a viewport of about 30 rows.
    initialRect: { width: 1000, height: 30 * ROW_HEIGHT },
  });

  // A shared link names a span (?span=): bring its row into view when the trace opens (not on later clicks).
  useEffect(() => {
    const index = selected ? rows.findIndex((n) => n.id === selected) : -1;
    if (index > 0) {
      setFocusIndex(index);
      virtual.scrollToIndex(index, { align: 'center' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const collapseAll = () => setCollapsed(new Set(tree.order.filter((n) => n.children.length > 0 && n.depth >= 1).map((n) => n.id)));

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    setFocusIndex(i);
    virtual.scrollToIndex(i, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-row-index="${i}"]`)?.focus());
  };

  const onKeyDown = (e: React.KeyboardEvent, index: number) => {
    const node = rows[index];
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        return focusRow(index + 1);
      case 'ArrowUp':
        e.preventDefault();
        return focusRow(index - 1);
      case 'Home':
        e.preventDefault();
        return focusRow(0);
      case 'End':
        e.preventDefault();
        return focusRow(rows.length - 1);
      case 'PageDown':
        e.preventDefault();
        return focusRow(index + 15);
      case 'PageUp':
        e.preventDefault();
        return focusRow(index - 15);
      case 'ArrowRight':
        e.preventDefault();
        if (collapsed.has(node.id)) toggle(node.id);
        else if (node.children.length > 0) focusRow(index + 1);
        return;
      case 'ArrowLeft':
        e.preventDefault();
        if (node.children.length > 0 && !collapsed.has(node.id)) toggle(node.id);
        else if (node.parent) focusRow(rows.indexOf(node.parent));
        return;
      case 'Enter':
      case ' ':
        e.preventDefault();
        return onSelect(node.id);
    }
  };

  const items = virtual.getVirtualItems();
  const model: Omit<RowModel, 'node' | 'index'> = { duration: tree.duration, critical, selected, collapsed, serviceColour, onToggle: toggle, onSelect, onKeyDown };

  return (
    <div className="waterfall" data-testid="waterfall">
      <div className="waterfall-toolbar">
        <span className="muted small">
          {tree.order.length} spans · {tree.services.length} services · {formatNanos(tree.duration)}
          {rows.length < tree.order.length && ` · ${tree.order.length - rows.length} hidden`}
        </span>
        <span className="legend small muted">
          <span className="legend-critical" /> critical path <span className="legend-error" /> error
        </span>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button type="button" onClick={collapseAll}>
          Collapse all
        </button>
      </div>
      <TimelineHeader duration={tree.duration} />
      <div className="waterfall-rows" ref={scroller} role="tree" aria-label="Spans of the trace">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <SpanRow
              key={item.key}
              {...model}
              node={rows[item.index]}
              index={item.index}
              top={item.start}
              height={ROW_HEIGHT}
              tabbable={item.index === Math.min(focusIndex, rows.length - 1)}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
