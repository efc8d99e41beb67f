// How a panel's figure reads: its unit, its decimals, and the colour its thresholds give it.
import type { PanelUnit, Threshold } from '../api/types';
import { binaryBytes, formatBytes, formatCores, formatCount, formatMs, formatPercent, formatRate } from '../shared/format';

export const UNITS: PanelUnit[] = ['short', 'percent', 'ms', 's', 'bytes', 'reqps', 'cores'];

/**
 * A value in a panel's unit: `percent` is 0..100 (as the golden signals' error rate), `ms`/`s` durations, `bytes`
 * in binary units, `reqps` per second, `cores` CPU. With `decimals` the number has exactly that many digits.
 */
export function formatUnit(v: number | null | undefined, unit: PanelUnit = 'short', decimals?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (decimals === undefined) {
    switch (unit) {
      case 'percent':
        return formatPercent(v);
      case 'ms':
        return formatMs(v);
      case 's':
        return formatMs(v * 1000);
      case 'bytes':
        return formatBytes(v);
      case 'reqps':
        return formatRate(v);
      case 'cores':
        return formatCores(v);
      default:
        return formatCount(v);
    }
  }
  const fixed = (x: number) => x.toFixed(decimals);
  switch (unit) {
    case 'percent':
      return `${fixed(v)}%`;
    case 'ms':
      return `${fixed(v)} ms`;
    case 's':
      return `${fixed(v)} s`;
    case 'bytes': {
      const [x, unit] = binaryBytes(v);
      return `${fixed(x)} ${unit}`;
    }
    case 'reqps':
      return `${fixed(v)}/s`;
    case 'cores':
      return `${fixed(v)} cores`;
    default:
      return fixed(v);
  }
}

/** Named colours of thresholds in the theme's own shades; any other CSS colour is used as written. */
const THEME_COLOURS: Record<string, string> = {
  green: 'var(--ok)',
  orange: 'var(--warn)',
  yellow: 'var(--sev-warn)',
  red: 'var(--bad)',
  blue: 'var(--accent)',
  purple: 'var(--chart-4)',
};

/** The colour of the highest threshold `v` reaches (thresholds ascend), or null below them all / without a value. */
export function thresholdColor(v: number | null | undefined, thresholds: Threshold[] | undefined): string | null {
  if (v === null || v === undefined || !Number.isFinite(v) || !thresholds?.length) return null;
  let hit: Threshold | null = null;
  for (const t of thresholds) if (v >= t.value) hit = t;
  return hit ? (THEME_COLOURS[hit.color] ?? hit.color) : null;
}

/** The top of a gauge's scale: 100 for percent, else a bit above the highest threshold or the value. */
export function gaugeMax(v: number | null, unit: PanelUnit | undefined, thresholds: Threshold[] | undefined): number {
  if (unit === 'percent') return 100;
  const top = Math.max(v ?? 0, ...(thresholds ?? []).map((t) => t.value));
  return top > 0 ? top * 1.2 : 1;
}
