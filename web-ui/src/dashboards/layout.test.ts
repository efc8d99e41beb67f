import { describe, expect, it } from 'vitest';
import { bottomSlot, clamp, collides, compact, move, nudge, resize, type Item } from './layout';

const item = (id: string, x: number, y: number, w: number, h: number): Item => ({ id, grid: { x, y, w, h } });
const grids = (items: Item[]) => Object.fromEntries(items.map((i) => [i.id, i.grid]));
const overlapFree = (items: Item[]) => items.every((a, i) => items.every((b, j) => i === j || !collides(a.grid, b.grid)));

describe('dashboard grid layout', () => {
  it('sees overlap only where two panels share a cell', () => {
    expect(collides({ x: 0, y: 0, w: 6, h: 4 }, { x: 5, y: 3, w: 2, h: 2 })).toBe(true);
    expect(collides({ x: 0, y: 0, w: 6, h: 4 }, { x: 6, y: 0, w: 6, h: 4 })).toBe(false);
    expect(collides({ x: 0, y: 0, w: 6, h: 4 }, { x: 0, y: 4, w: 6, h: 4 })).toBe(false);
  });

  it('clamps a position into the 12 columns and the height limits', () => {
    expect(clamp({ x: 10, y: -2, w: 6, h: 30 })).toEqual({ x: 6, y: 0, w: 6, h: 24 });
    expect(clamp({ x: -1, y: 1.6, w: 0, h: 0 })).toEqual({ x: 0, y: 2, w: 1, h: 1 });
  });

  it('compaction floats every panel up into the holes above it, in order from the top, keeping columns', () => {
    const out = compact([item('a', 0, 3, 6, 2), item('b', 6, 10, 6, 4), item('c', 0, 9, 12, 1), item('d', 6, 12, 6, 1)]);
    // c was above b, so it floats first and b lands under it; d floats up to b's bottom.
    expect(grids(out)).toEqual({ a: { x: 0, y: 0, w: 6, h: 2 }, b: { x: 6, y: 3, w: 6, h: 4 }, c: { x: 0, y: 2, w: 12, h: 1 }, d: { x: 6, y: 7, w: 6, h: 1 } });
  });

  it('compaction separates panels that overlap', () => {
    const out = compact([item('a', 0, 0, 6, 4), item('b', 2, 1, 6, 2)]);
    expect(grids(out)).toEqual({ a: { x: 0, y: 0, w: 6, h: 4 }, b: { x: 2, y: 4, w: 6, h: 2 } });
  });

  it('moving a panel onto another pushes that one below it', () => {
    const out = move([item('a', 0, 0, 6, 4), item('b', 6, 0, 6, 4)], 'b', 3, 0);
    expect(grids(out)).toEqual({ a: { x: 0, y: 4, w: 6, h: 4 }, b: { x: 3, y: 0, w: 6, h: 4 } });
    expect(overlapFree(out)).toBe(true);
  });

  it('dragging a panel down onto the one below swaps them', () => {
    const out = move([item('a', 0, 0, 12, 4), item('b', 0, 4, 12, 3)], 'a', 0, 4);
    expect(grids(out)).toEqual({ a: { x: 0, y: 3, w: 12, h: 4 }, b: { x: 0, y: 0, w: 12, h: 3 } });
  });

  it('pushes a chain of panels down without overlap', () => {
    const items = [item('a', 0, 0, 12, 2), item('b', 0, 2, 12, 2), item('c', 0, 4, 12, 2), item('d', 0, 6, 6, 2)];
    const out = resize(items, 'a', 12, 5);
    expect(out.map((i) => i.grid.y)).toEqual([0, 5, 7, 9]);
    expect(overlapFree(out)).toBe(true);
  });

  it('resizing keeps the panel inside the grid and moves neighbours it now covers', () => {
    const out = resize([item('a', 8, 0, 4, 4), item('b', 0, 0, 8, 4)], 'b', 12, 4);
    expect(grids(out)).toEqual({ a: { x: 8, y: 4, w: 4, h: 4 }, b: { x: 0, y: 0, w: 12, h: 4 } });
    expect(resize([item('a', 8, 0, 4, 4)], 'a', 12, 40)[0].grid).toEqual({ x: 8, y: 0, w: 4, h: 24 });
  });

  it('a keyboard move down passes the panel below; up by one swaps back', () => {
    const items = [item('a', 0, 0, 12, 4), item('b', 0, 4, 12, 4)];
    const down = nudge(items, 'a', 0, 1);
    expect(grids(down)).toEqual({ a: { x: 0, y: 4, w: 12, h: 4 }, b: { x: 0, y: 0, w: 12, h: 4 } });
    expect(grids(nudge(down, 'a', 0, -1))).toEqual(grids(items));
    expect(nudge(items, 'b', 0, 1)).toEqual(items);
    expect(nudge(items, 'a', 1, 0)[0].grid.x).toBe(0);
    expect(nudge([item('a', 0, 0, 6, 4)], 'a', 1, 0)[0].grid.x).toBe(1);
  });

  it('puts a new panel below everything', () => {
    expect(bottomSlot([item('a', 0, 0, 6, 4), item('b', 6, 0, 6, 7)])).toEqual({ x: 0, y: 7, w: 6, h: 6 });
    expect(bottomSlot([])).toEqual({ x: 0, y: 0, w: 6, h: 6 });
  });
});
