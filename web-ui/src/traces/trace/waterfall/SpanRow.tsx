// One span of the waterfall: name (indented by depth, with its collapse toggle) and its bar on the timeline.
import { memo } from 'react';
import { formatNanos } from '../../../shared/format';
import type { SpanNode } from './spanTree';

/** Deeper spans stop moving right (the name must stay readable) and show their depth instead. */
const MAX_INDENT = 12;

export interface RowModel {
  node: SpanNode;
  index: number;
  duration: number;
  critical: ReadonlySet<string>;
  selected: string | null;
  collapsed: ReadonlySet<string>;
  serviceColour: Map<string, number>;
  onToggle: (id: string) => void;
  onSelect: (id: string) => void;
  onKeyDown: (e: React.KeyboardEvent, index: number) => void;
}

export const SpanRow = memo(function SpanRow({
  node,
  index,
  duration,
  critical,
  selected,
  collapsed,
  serviceColour,
  onToggle,
  onSelect,
  onKeyDown,
  top,
  height,
  tabbable,
}: RowModel & { top: number; height: number; tabbable: boolean }) {
  const span = node.span;
  const total = duration > 0 ? duration : 1;
  const left = (100 * node.start) / total;
  const width = Math.max((100 * (node.end - node.start)) / total, 0.15);
  const isCritical = critical.has(node.id);
  const isSelected = selected === node.id;
  const hasChildren = node.children.length > 0;
  const isCollapsed = collapsed.has(node.id);
  const colour = serviceColour.get(span.serviceName) ?? 0;
  // The duration goes right of the bar, or left of it when the bar reaches the end, or inside a bar that spans
  // nearly the whole trace.
  const labelPlace = left + width <= 80 ? 'after' : left >= 20 ? 'before' : 'inside';

  return (
    <div
      className={`span-row${isSelected ? ' selected' : ''}${node.error ? ' error' : ''}`}
      data-testid="span-row"
      data-span-id={node.id}
      data-depth={node.depth}
      data-service={span.serviceName}
      data-error={node.error ? 'true' : 'false'}
      data-critical={isCritical ? 'true' : 'false'}
      data-row-index={index}
      role="treeitem"
      aria-level={node.depth + 1}
      aria-expanded={hasChildren ? !isCollapsed : undefined}
      aria-selected={isSelected}
      tabIndex={tabbable ? 0 : -1}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(node.id)}
      onKeyDown={(e) => onKeyDown(e, index)}
    >
      <div className="span-name" style={{ paddingLeft: 6 + Math.min(node.depth, MAX_INDENT) * 14 }}>
        {node.depth > MAX_INDENT && (
          <span className="span-depth muted small" title={`depth ${node.depth}`}>
            {node.depth}
          </span>
        )}
        {hasChildren ? (
          <button
            type="button"
            className="span-toggle"
            data-testid="span-toggle"
            tabIndex={-1}
            aria-label={isCollapsed ? `Expand ${span.name}` : `Collapse ${span.name}`}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(node.id);
            }}
          >
            {isCollapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="span-toggle-spacer" />
        )}
        <span className={`svc-swatch c${colour}`} aria-hidden="true" />
        <span className="span-service">{span.serviceName}</span>
        <span className="span-op" title={span.name}>
          {span.name}
        </span>
        {node.error && (
          <span className="span-error-mark" title={span.status.message ?? 'error'} aria-label="error">
            !
          </span>
        )}
        {(node.orphan || node.cycle) && (
          <span className="muted small" title={node.orphan ? 'its parent span is not in this trace' : 'its parent link formed a cycle'}>
            {node.orphan ? ' (parent missing)' : ' (cycle cut)'}
          </span>
        )}
        {isCollapsed && <span className="muted small"> +{node.children.length}</span>}
      </div>
      <div className="span-timeline">
        <div className={`span-bar c${colour}${node.error ? ' error' : ''}${isCritical ? ' critical' : ''}`} style={{ left: `${left}%`, width: `${width}%` }} />
        <span
          className={`span-duration${labelPlace === 'inside' ? ' inside' : ''}`}
          style={
            labelPlace === 'after'
              ? { left: `${left + width + 0.5}%` }
              : labelPlace === 'before'
                ? { right: `${100 - left + 0.5}%` }
                : { right: `${Math.max(0, 100 - left - width) + 0.5}%` }
          }
        >
          {formatNanos(span.durationNanos)}
        </span>
      </div>
    </div>
  );
});
