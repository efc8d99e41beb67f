// The dashboard grid: 12 columns, rows of fixed height. Moving or resizing a panel pushes the panels it would cover
// down, then every panel floats up as far as it can (no holes), so a layout never overlaps.
import type { GridPos } from '../api/types';

export const COLUMNS = 12;
export const MAX_HEIGHT = 24;

export interface Item {
  id: string;
  grid: GridPos;
}

export function collides(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** A position the contract accepts: 1 <= w <= 12, 0 <= x, x + w <= 12, y >= 0, 1 <= h <= 24, whole cells. */
export function clamp(g: GridPos): GridPos {
  const w = Math.min(COLUMNS, Math.max(1, Math.round(g.w)));
  const h = Math.min(MAX_HEIGHT, Math.max(1, Math.round(g.h)));
  const x = Math.min(COLUMNS - w, Math.max(0, Math.round(g.x)));
  const y = Math.max(0, Math.round(g.y));
  return { x, y, w, h };
}

const byPosition = (a: Item, b: Item) => a.grid.y - b.grid.y || a.grid.x - b.grid.x;

/** Every panel as high as it can go, top to bottom, left to right, without overlapping those above it. */
export function compact<T extends Item>(items: T[]): T[] {
  const placed: T[] = [];
  for (const item of [...items].sort(byPosition)) {
    // Up row by row while nothing placed is in the way: a panel never jumps over another.
    let y = item.grid.y;
    // An overlapping input (an imported document) is first pushed clear of what is placed.
    while (placed.some((p) => collides(p.grid, { ...item.grid, y }))) y++;
    while (y > 0 && !placed.some((p) => collides(p.grid, { ...item.grid, y: y - 1 }))) y--;
    placed.push({ ...item, grid: { ...item.grid, y } });
  }
  return restoreOrder(items, placed);
}

/** The panels with `id` at `grid` (clamped): those it covers are pushed below it, then the layout is compacted. */
export function place<T extends Item>(items: T[], id: string, grid: GridPos): T[] {
  const target = items.find((i) => i.id === id);
  if (!target) return items;
  const moved = { ...target, grid: clamp(grid) };
  const placed: T[] = [moved];
  const others = items.filter((i) => i.id !== id).sort(byPosition);
  for (const item of others) {
    let g = item.grid;
    if (collides(moved.grid, g)) {
      // A panel dragged down over another swaps with it when the one covered fits above it.
      const above = { ...g, y: moved.grid.y - g.h };
      const free = above.y >= 0 && ![...placed, ...others].some((p) => p.id !== item.id && collides(p.grid, above));
      if (free) g = above;
    }
    for (let hit = placed.find((p) => collides(p.grid, g)); hit; hit = placed.find((p) => collides(p.grid, g))) {
      g = { ...g, y: hit.grid.y + hit.grid.h };
    }
    placed.push({ ...item, grid: g });
  }
  return compact(restoreOrder(items, placed));
}

export const move = <T extends Item>(items: T[], id: string, x: number, y: number): T[] => {
  const item = items.find((i) => i.id === id);
  return item ? place(items, id, { ...item.grid, x, y }) : items;
};

export const resize = <T extends Item>(items: T[], id: string, w: number, h: number): T[] => {
  const item = items.find((i) => i.id === id);
  // Widening at the right edge keeps x: the width is capped instead of the panel moving left.
  return item ? place(items, id, { ...item.grid, w: Math.min(w, COLUMNS - item.grid.x), h }) : items;
};

/**
 * A keyboard move by whole cells: sideways by `dx`; down by `dy`, further if needed until the layout changes (a
 * panel moves below the one under it only once it passes it, as when dragged); up by `dy`.
 */
export function nudge<T extends Item>(items: T[], id: string, dx: number, dy: number): T[] {
  const item = items.find((i) => i.id === id);
  if (!item) return items;
  const same = (a: T[]) => a.every((p, i) => JSON.stringify(p.grid) === JSON.stringify(items[i].grid));
  if (dy <= 0) return move(items, id, item.grid.x + dx, item.grid.y + dy);
  const limit = items.reduce((m, i) => Math.max(m, i.grid.y + i.grid.h), 0) + 1;
  for (let y = item.grid.y + dy; y <= limit; y++) {
    const next = move(items, id, item.grid.x + dx, y);
    if (!same(next)) return next;
  }
  return items;
}

/** Where a new panel of `w`×`h` goes: below everything. */
export function bottomSlot(items: Item[], w = 6, h = 6): GridPos {
  const y = items.reduce((m, i) => Math.max(m, i.grid.y + i.grid.h), 0);
  return { x: 0, y, w, h };
}

function restoreOrder<T extends Item>(original: T[], placed: T[]): T[] {
  const byId = new Map(placed.map((p) => [p.id, p]));
  return original.map((o) => byId.get(o.id)!);
}
