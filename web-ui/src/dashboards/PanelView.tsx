// One panel: its query over the view's time range with the dashboard's variables, drawn as its type says.
import { useMemo } from 'react';
import type { Panel } from '../api/types';
import { Sparkline, TimeSeriesChart } from '../shared/charts';
import { useRangeQuery } from '../shared/query';
import { Empty, QueryState } from '../shared/states';
import { formatUnit, gaugeMax, thresholdColor } from './display';
import { fetchPanelAnswer, lastValue, requestKey, toFrame, type PanelFrame, type VariableValues } from './panelQuery';

export function PanelView({ panel, values, height }: { panel: Panel; values: VariableValues; height: number }) {
  const answer = useRangeQuery(requestKey(panel.query, values), (w, _r, signal) => fetchPanelAnswer(panel.query, values, w, signal));
  const frame = useMemo(() => (answer.data === undefined ? undefined : toFrame(panel.query, answer.data)), [answer.data, panel.query]);
  const q = { ...answer, data: frame };
  return (
    <div className="panel-body" data-testid="panel-body" data-state={q.isPending ? 'loading' : q.data ? 'ready' : 'error'} data-value={q.data?.value ?? ''}>
      <QueryState query={q} what={panel.title} isEmpty={(d) => d.series.length === 0} empty={<Empty title="No data in this time range" />}>
        {(frame) => <PanelContent panel={panel} frame={frame} height={height} />}
      </QueryState>
    </div>
  );
}

function PanelContent({ panel, frame, height }: { panel: Panel; frame: PanelFrame; height: number }) {
  const format = (v: number | null) => formatUnit(v, panel.unit, panel.decimals);
  const colour = thresholdColor(frame.value, panel.thresholds);
  const rows = frame.series.map((s) => ({ label: s.label, last: lastValue(s.values) }));
  switch (panel.type) {
    case 'stat':
      return (
        <div className="stat" style={{ color: colour ?? undefined }}>
          <span className="stat-value" data-testid="panel-value" data-value={frame.value ?? ''}>
            {format(frame.value)}
          </span>
          {frame.series[0] && frame.x.length > 1 && <Sparkline values={frame.series[0].values} label={`${panel.title} over time`} width={200} height={Math.max(20, Math.min(60, height - 70))} />}
        </div>
      );
    case 'gauge':
      return <Gauge value={frame.value} max={gaugeMax(frame.value, panel.unit, panel.thresholds)} colour={colour} text={format(frame.value)} size={Math.max(60, height - 10)} />;
    case 'table':
      return (
        <div className="table-wrap panel-scroll" style={{ maxHeight: height }}>
          <table className="table">
            <thead>
              <tr>
                <th>Series</th>
                <th className="num">Last</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label} data-testid="panel-series" data-series={r.label} data-last={r.last ?? ''}>
                  <td className="mono">{r.label}</td>
                  <td className="num" style={{ color: thresholdColor(r.last, panel.thresholds) ?? undefined }}>
                    {format(r.last)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'bar': {
      const top = Math.max(0, ...rows.map((r) => r.last ?? 0)) || 1;
      return (
        <ul className="bars panel-scroll" style={{ maxHeight: height }}>
          {rows.map((r, i) => (
            <li key={r.label} data-testid="panel-series" data-series={r.label} data-last={r.last ?? ''}>
              <span className="bar-label mono" title={r.label}>
                {r.label}
              </span>
              <span className="bar-track">
                <span className="bar-fill" style={{ width: `${(Math.max(0, r.last ?? 0) / top) * 100}%`, background: thresholdColor(r.last, panel.thresholds) ?? `var(--chart-${(i % 6) + 1})` }} />
              </span>
              <span className="bar-value num">{format(r.last)}</span>
            </li>
          ))}
        </ul>
      );
    }
    default:
      return (
        <>
          <TimeSeriesChart
            label={panel.title}
            x={frame.x}
            height={Math.max(60, height - 30)}
            format={(v) => format(v)}
            series={frame.series.map((s, i) => ({ label: s.label, values: s.values, color: `--chart-${(i % 6) + 1}` }))}
          />
          {/* The last value of each series, for assistive technology (the chart's legend shows it on hover). */}
          <ul className="sr-only">
            {rows.map((r) => (
              <li key={r.label} data-testid="panel-series" data-series={r.label} data-last={r.last ?? ''}>
                {r.label}: {format(r.last)}
              </li>
            ))}
          </ul>
        </>
      );
  }
}

/** A 240° arc from 0 to `max`, filled up to the value in its threshold colour. */
function Gauge({ value, max, colour, text, size }: { value: number | null; max: number; colour: string | null; text: string; size: number }) {
  const r = 40;
  const start = 150;
  const sweep = 240;
  const point = (deg: number) => {
    const a = (deg * Math.PI) / 180;
    return `${50 + r * Math.cos(a)} ${50 + r * Math.sin(a)}`;
  };
  const arc = (from: number, to: number) => `M ${point(from)} A ${r} ${r} 0 ${to - from > 180 ? 1 : 0} 1 ${point(to)}`;
  const fraction = value === null ? 0 : Math.min(1, Math.max(0, value / max));
  return (
    <svg className="gauge" viewBox="0 0 100 90" width="100%" height={size} role="img" aria-label={text}>
      <path d={arc(start, start + sweep)} className="gauge-track" />
      {fraction > 0 && <path d={arc(start, start + sweep * fraction)} className="gauge-fill" style={{ stroke: colour ?? 'var(--accent)' }} />}
      <text x="50" y="56" textAnchor="middle" className="gauge-text" data-testid="panel-value" data-value={value ?? ''}>
        {text}
      </text>
    </svg>
  );
}
