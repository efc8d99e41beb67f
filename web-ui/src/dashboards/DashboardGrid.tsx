// The 12-column grid of panels (CSS grid). In edit mode a panel moves by dragging its header and resizes by
// dragging its corner; the keyboard does the same on the header's move button and the corner (arrow keys).
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { GridPos, Panel } from '../api/types';
import { COLUMNS, move, nudge, resize } from './layout';
import type { VariableValues } from './panelQuery';
import { PanelView } from './PanelView';

export const ROW_PX = 40;
export const GAP_PX = 8;
/** The panel's header and padding, above what it draws. */
const CHROME_PX = 46;

const panelHeight = (h: number) => h * ROW_PX + (h - 1) * GAP_PX - CHROME_PX;

interface Drag {
  id: string;
  kind: 'move' | 'resize';
  startX: number;
  startY: number;
  origin: GridPos;
  panels: Panel[];
}

export function DashboardGrid({
  panels,
  values,
  editing,
  onLayout,
  onEdit,
  onDuplicate,
  onDelete,
}: {
  panels: Panel[];
  values: VariableValues;
  editing: boolean;
  onLayout: (panels: Panel[]) => void;
  onEdit: (id: string) => void;
  onDuplicate: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  const grid = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [preview, setPreview] = useState<Panel[] | null>(null);
  const shown = preview ?? panels;

  const cell = () => {
    const width = grid.current?.clientWidth ?? 1200;
    return { col: (width - (COLUMNS - 1) * GAP_PX) / COLUMNS + GAP_PX, row: ROW_PX + GAP_PX };
  };
  const begin = (e: PointerEvent, id: string, kind: Drag['kind']) => {
    if (!editing || e.button !== 0) return;
    const panel = panels.find((p) => p.id === id)!;
    (e.target as Element).setPointerCapture?.(e.pointerId);
    setDrag({ id, kind, startX: e.clientX, startY: e.clientY, origin: panel.grid, panels });
  };
  const track = (e: PointerEvent) => {
    if (!drag) return;
    const { col, row } = cell();
    const dx = Math.round((e.clientX - drag.startX) / col);
    const dy = Math.round((e.clientY - drag.startY) / row);
    const o = drag.origin;
    setPreview(drag.kind === 'move' ? move(drag.panels, drag.id, o.x + dx, o.y + dy) : resize(drag.panels, drag.id, o.w + dx, o.h + dy));
  };
  const end = () => {
    if (preview) onLayout(preview);
    setDrag(null);
    setPreview(null);
  };
  const keyMove = (e: KeyboardEvent, id: string) => {
    const d = arrow(e.key);
    if (!d) return;
    e.preventDefault();
    onLayout(nudge(panels, id, d[0], d[1]));
  };
  const keyResize = (e: KeyboardEvent, id: string) => {
    const d = arrow(e.key);
    if (!d) return;
    e.preventDefault();
    const g = panels.find((p) => p.id === id)!.grid;
    onLayout(resize(panels, id, g.w + d[0], g.h + d[1]));
  };

  return (
    <div
      ref={grid}
      className={`dashboard-grid ${editing ? 'editing' : ''}`}
      data-testid="dashboard-grid"
      style={{ gridAutoRows: `${ROW_PX}px`, gap: `${GAP_PX}px` }}
      onPointerMove={track}
      onPointerUp={end}
      onPointerCancel={end}
    >
      {shown.map((p) => (
        <article
          key={p.id}
          className={`dash-panel ${drag?.id === p.id ? 'dragging' : ''}`}
          data-testid="dashboard-panel"
          data-panel-id={p.id}
          data-panel-type={p.type}
          data-grid={`${p.grid.x},${p.grid.y},${p.grid.w},${p.grid.h}`}
          style={{ gridColumn: `${p.grid.x + 1} / span ${p.grid.w}`, gridRow: `${p.grid.y + 1} / span ${p.grid.h}` }}
          aria-label={p.title}
        >
          <header className="dash-panel-header" onPointerDown={(e) => begin(e, p.id, 'move')}>
            <h3 title={p.title}>{p.title}</h3>
            {editing && (
              <span className="dash-panel-actions" onPointerDown={(e) => e.stopPropagation()}>
                <button type="button" className="icon-button" data-testid="panel-move" aria-label={`Move ${p.title} (arrow keys)`} title="Move: drag the header, or arrow keys here" onKeyDown={(e) => keyMove(e, p.id)}>
                  ✥
                </button>
                <button type="button" className="icon-button" data-testid="panel-edit" aria-label={`Edit ${p.title}`} title="Edit" onClick={() => onEdit(p.id)}>
                  ✎
                </button>
                <button type="button" className="icon-button" data-testid="panel-duplicate" aria-label={`Duplicate ${p.title}`} title="Duplicate" onClick={() => onDuplicate(p.id)}>
                  ❏
                </button>
                <button type="button" className="icon-button" data-testid="panel-delete" aria-label={`Delete ${p.title}`} title="Delete" onClick={() => onDelete(p.id)}>
                  ×
                </button>
              </span>
            )}
          </header>
          <PanelView panel={p} values={values} height={panelHeight(p.grid.h)} />
          {editing && (
            <button
              type="button"
              className="resize-handle"
              data-testid="panel-resize"
              aria-label={`Resize ${p.title} (arrow keys)`}
              title="Resize: drag, or arrow keys"
              onPointerDown={(e) => {
                e.stopPropagation();
                begin(e, p.id, 'resize');
              }}
              onKeyDown={(e) => keyResize(e, p.id)}
            />
          )}
        </article>
      ))}
    </div>
  );
}

function arrow(key: string): [number, number] | null {
  switch (key) {
    case 'ArrowLeft':
      return [-1, 0];
    case 'ArrowRight':
      return [1, 0];
    case 'ArrowUp':
      return [0, -1];
    case 'ArrowDown':
      return [0, 1];
    default:
      return null;
  }
}
