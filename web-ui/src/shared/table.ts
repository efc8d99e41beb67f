// Keyboard use of tables: rows are focusable, arrow keys move between them, Enter opens the row's link.
import type { KeyboardEvent } from 'react';

export function onRowKeyDown(e: KeyboardEvent<HTMLElement>) {
  const row = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
  if (!row || e.target !== row) return;
  const move = (to: Element | null) => {
    if (to instanceof HTMLElement) {
      e.preventDefault();
      to.focus();
    }
  };
  switch (e.key) {
    case 'ArrowDown':
      return move(nextRow(row, 1));
    case 'ArrowUp':
      return move(nextRow(row, -1));
    case 'Home':
      return move(row.parentElement?.querySelector('[data-row]') ?? null);
    case 'End': {
      const all = row.parentElement?.querySelectorAll('[data-row]');
      return move(all && all.length ? all[all.length - 1] : null);
    }
    case 'Enter': {
      const link = row.querySelector<HTMLElement>('a[href], button[data-primary]');
      if (link) {
        e.preventDefault();
        link.click();
      }
    }
  }
}

function nextRow(row: HTMLElement, dir: 1 | -1): Element | null {
  let el: Element | null = dir === 1 ? row.nextElementSibling : row.previousElementSibling;
  while (el && !(el as HTMLElement).dataset.row) el = dir === 1 ? el.nextElementSibling : el.previousElementSibling;
  return el;
}

export type SortDir = 'asc' | 'desc';

export function compareValues(a: number | string | null | undefined, b: number | string | null | undefined, dir: SortDir): number {
  // Missing values go last whatever the direction.
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  const c = typeof a === 'string' && typeof b === 'string' ? a.localeCompare(b) : Number(a) - Number(b);
  return dir === 'asc' ? c : -c;
}
