// Duration over time of the search results: one dot per trace, errors in red; a dot opens its trace.
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TraceSummary } from '../api/types';
import { formatMs } from '../shared/format';
import { cssVar, useThemeVersion } from '../shared/theme';
import { useCommonSearch, withCommon } from '../shared/urlState';

export function TraceScatter({ traces }: { traces: TraceSummary[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const common = useCommonSearch();
  const themeVersion = useThemeVersion();
  const sorted = [...traces].sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  const open = useRef<(i: number) => void>(() => {});
  open.current = (i: number) => {
    const t = sorted[i];
    if (t) navigate(withCommon(`/traces/${t.traceId}`, common));
  };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const x = sorted.map((t) => Date.parse(t.startTime) / 1000);
    const ok = sorted.map((t) => (t.errorCount > 0 ? null : t.durationNanos / 1e6));
    const bad = sorted.map((t) => (t.errorCount > 0 ? t.durationNanos / 1e6 : null));
    const dots = (stroke: string): uPlot.Series => ({
      stroke,
      fill: stroke,
      paths: () => null,
      points: { show: true, size: 7, stroke, fill: stroke },
      value: (_u, v) => (v === null ? '–' : formatMs(v)),
    });
    const axis = cssVar('--muted');
    const grid = cssVar('--grid');
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 180,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 10 } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [
          { stroke: axis, grid: { stroke: grid } },
          { stroke: axis, grid: { stroke: grid }, values: (_u, v) => v.map(formatMs), size: 60 },
        ],
        series: [{}, { label: 'duration', ...dots(cssVar('--chart-1')) }, { label: 'with errors', ...dots(cssVar('--bad')) }],
        hooks: {
          ready: [
            (u) =>
              u.over.addEventListener('click', () => {
                if (u.cursor.idx != null) open.current(u.cursor.idx);
              }),
          ],
        },
      },
      [x, ok, bad],
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: 180 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [traces, themeVersion]);

  return <div ref={ref} className="chart scatter" data-testid="trace-scatter" role="img" aria-label="Trace durations over time; click a dot to open its trace" />;
}
