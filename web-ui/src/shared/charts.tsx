// Charts drawn with uPlot: time series (lines or stacked bars) and sparklines, in the theme's colours.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssVar, useThemeVersion } from './theme';

export interface ChartSeries {
  label: string;
  /** One value per x; null is a gap. */
  values: (number | null)[];
  /** A CSS custom property name (`--chart-1`) or a colour. */
  color: string;
}

function colour(c: string): string {
  return c.startsWith('--') ? cssVar(c) || '#888' : c;
}

/** Keeps a uPlot instance sized to its container. */
function useUplot(
  container: React.RefObject<HTMLDivElement | null>,
  make: (width: number) => uPlot.Options,
  data: uPlot.AlignedData,
  deps: unknown[],
) {
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const width = Math.max(100, el.clientWidth);
    plot.current = new uPlot(make(width), data, el);
    const ro = new ResizeObserver(() => {
      const w = Math.max(100, el.clientWidth);
      if (plot.current && Math.abs(plot.current.width - w) > 1) plot.current.setSize({ width: w, height: plot.current.height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

export function TimeSeriesChart({
  x,
  series,
  height = 180,
  format = (v: number) => String(v),
  stacked = false,
  testId,
  label,
}: {
  /** Epoch seconds. */
  x: number[];
  series: ChartSeries[];
  height?: number;
  format?: (v: number) => string;
  /** Stacked bars (log volume by severity) instead of lines. */
  stacked?: boolean;
  testId?: string;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();

  // Stacked bars: each series is drawn as the running sum up to it, the largest sum (the top of the stack)
  // first, so the smaller sums paint over it and every band stays visible.
  const drawn = stacked ? [...series].reverse() : series;
  const plotted: (number | null)[][] = stacked ? cumulative(series.map((s) => s.values)).reverse() : series.map((s) => s.values);
  const data: uPlot.AlignedData = [x, ...plotted] as uPlot.AlignedData;

  useUplot(
    ref,
    (width) => {
      const axis = cssVar('--muted');
      const grid = cssVar('--grid');
      const bars = stacked ? uPlot.paths.bars!({ size: [0.8, 40], align: 0 }) : undefined;
      return {
        width,
        height,
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: (_u, vals) => vals.map((v) => format(v)), size: 60 },
        ],
        series: [
          {},
          ...drawn.map((s) => {
            const c = colour(s.color);
            return {
              label: s.label,
              stroke: c,
              width: stacked ? 0 : 1.5,
              fill: stacked ? c : undefined,
              paths: bars,
              // Lines: uPlot shows points by itself where the data is sparse, so isolated buckets stay visible.
              ...(stacked ? { points: { show: false } } : {}),
              spanGaps: false,
              value: (_u: uPlot, v: number | null, _si: number, idx: number | null) => {
                if (v === null) return '–';
                if (stacked && idx !== null) return format(s.values[idx] ?? 0);
                return format(v);
              },
            } as uPlot.Series;
          }),
        ],
      };
    },
    data,
    [JSON.stringify(x), JSON.stringify(plotted), themeVersion, height, stacked],
  );

  return <div ref={ref} className="chart" data-testid={testId} role="img" aria-label={label} />;
}

function cumulative(values: (number | null)[][]): (number | null)[][] {
  const out: (number | null)[][] = [];
  let run: number[] | null = null;
  for (const v of values) {
    const next: number[] = v.map((x, i) => (x ?? 0) + (run ? run[i] : 0));
    out.push(next);
    run = next;
  }
  return out;
}

/** A tiny line without axes, for table rows. */
export function Sparkline({ values, color = '--chart-1', label, width = 120, height = 28 }: { values: (number | null)[]; color?: string; label: string; width?: number; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();
  const x = values.map((_, i) => i);
  useUplot(
    ref,
    () => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max : 1] } },
      series: [{}, { stroke: colour(color), fill: colour('--spark-fill'), width: 1.25, points: { show: false } }],
    }),
    [x, values] as uPlot.AlignedData,
    [JSON.stringify(values), themeVersion, color],
  );
  return <div ref={ref} className="sparkline" data-testid="sparkline" role="img" aria-label={label} />;
}
